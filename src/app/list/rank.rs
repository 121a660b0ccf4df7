//! Ordering a search's matches by score, one state group at a time and
//! only where it shows: near the selection, or on screen.

use std::cmp::Reverse;

use super::{GroupCounts, ProgramList, Row};
use crate::app::search::{Haystack, Search};
use crate::domain::{Program, Status, UsState};

/// Rows on each side of the selection that are kept ranked when the
/// screen height is not known yet.
const MIN_REACH: usize = 64;

/// One state group's share of the matches.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub state: UsState,
    /// Where the group's programs sit in `ProgramList::matched`.
    pub start: usize,
    pub len: usize,
    /// The group's header row.
    pub row: usize,
    /// Whether its programs are in score order yet.
    pub ranked: bool,
    pub counts: GroupCounts,
}

/// Cuts `matched` (in display order) into state groups with their counts.
/// Without a search, name order is final, so every group starts ranked.
pub(super) fn spans(
    matched: &[usize],
    groups: &[u32],
    programs: &[Program],
    ranked: bool,
) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for (at, &i) in matched.iter().enumerate() {
        let p = &programs[i];
        let same = spans
            .last()
            .is_some_and(|s| groups[matched[s.start]] == groups[i]);
        if !same {
            spans.push(Span {
                state: p.state,
                start: at,
                len: 0,
                row: 0,
                ranked,
                counts: GroupCounts::default(),
            });
        }
        if let Some(span) = spans.last_mut() {
            span.len += 1;
            let c = &mut span.counts;
            c.programs += 1;
            if p.status.rank() >= Status::Contacted.rank() {
                c.contacted += 1;
            }
            if p.status.rank() >= Status::Replied.rank() {
                c.replied += 1;
            }
        }
    }
    spans
}

/// Best match first; ties (and equal scores) keep name order.
fn order(members: &mut [usize], search: &Search, haystacks: &[Haystack]) {
    let mut scored: Vec<(usize, u32)> = members
        .iter()
        .map(|&i| (i, search.score(&haystacks[i]).unwrap_or(0)))
        .collect();
    scored.sort_unstable_by_key(|&(i, s)| (Reverse(s), i));
    for (slot, (i, _)) in members.iter_mut().zip(scored) {
        *slot = i;
    }
}

impl ProgramList {
    /// Puts group `k` in score order, in `matched` and in the rows.
    fn rank(&mut self, k: usize) {
        let span = self.spans[k];
        if span.ranked {
            return;
        }
        let members = &mut self.matched[span.start..span.start + span.len];
        order(members, &self.search, &self.haystacks);
        if !self.collapsed.contains(&span.state) {
            for (row, &i) in self.rows[span.row + 1..].iter_mut().zip(members.iter()) {
                *row = Row::Program(i);
            }
        }
        self.spans[k].ranked = true;
    }

    pub(super) fn rank_all(&mut self) {
        for k in 0..self.spans.len() {
            self.rank(k);
        }
    }

    /// Rows a group takes: its header, and its programs unless folded.
    fn span_rows(&self, span: &Span) -> usize {
        if self.collapsed.contains(&span.state) {
            1
        } else {
            1 + span.len
        }
    }

    /// Ranks every group with rows within a screen of the selection, so
    /// the selection and whatever the next frame shows are final.
    pub(super) fn settle(&mut self) {
        let reach = self.viewport.get().max(MIN_REACH);
        let low = self.selected.saturating_sub(reach);
        let high = self.selected.saturating_add(reach);
        for k in 0..self.spans.len() {
            let span = self.spans[k];
            if span.row > high {
                break;
            }
            if span.row + self.span_rows(&span) > low {
                self.rank(k);
            }
        }
    }

    /// The row showing program `id`, ranking its group first so that the
    /// position is final.
    pub(super) fn row_of(&mut self, id: crate::domain::ProgramId) -> Option<usize> {
        let at = self
            .matched
            .iter()
            .position(|&i| self.programs[i].id == id)?;
        let k = self
            .spans
            .partition_point(|s| s.start + s.len <= at)
            .min(self.spans.len().checked_sub(1)?);
        if self.collapsed.contains(&self.spans[k].state) {
            return None;
        }
        self.rank(k);
        let span = self.spans[k];
        let members = &self.matched[span.start..span.start + span.len];
        let offset = members.iter().position(|&i| self.programs[i].id == id)?;
        Some(span.row + 1 + offset)
    }

    /// The first program row (the best match of the first unfolded group).
    pub(super) fn first_program_row(&mut self) -> Option<usize> {
        let k = self
            .spans
            .iter()
            .position(|s| !self.collapsed.contains(&s.state))?;
        self.rank(k);
        Some(self.spans[k].row + 1)
    }

    /// The rows from `offset`, at most `height` of them, as they are to be
    /// drawn. Groups near the selection are ranked already; one that is
    /// not (the screen grew since the last key) is ranked for this view.
    pub fn view(&self, offset: usize, height: usize) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .rows
            .iter()
            .skip(offset)
            .take(height)
            .copied()
            .collect();
        let end = offset + rows.len();
        for span in &self.spans {
            let span_end = span.row + self.span_rows(span);
            if span.ranked || span.row >= end || span_end <= offset || span_end == span.row + 1 {
                continue;
            }
            let mut members = self.matched[span.start..span.start + span.len].to_vec();
            order(&mut members, &self.search, &self.haystacks);
            for (row, &i) in (span.row + 1..).zip(&members) {
                if (offset..end).contains(&row) {
                    rows[row - offset] = Row::Program(i);
                }
            }
        }
        rows
    }
}
