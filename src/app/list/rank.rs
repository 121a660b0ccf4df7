//! Ordering a search's matches by score, one state group at a time and
//! only where it shows: near the selection, or on screen.
//!
//! Within a group the order is the one `fit::FitCache::rank` adds when
//! sorting by fit (fit first), then the best score, then the higher IMG %
//! (sorting by fit), then name; sorting by name, score then name.

use std::cmp::Reverse;

use super::fit::FitCache;
use super::{GroupCounts, ProgramList, Row};
use crate::app::search::{Haystacks, Search};
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

/// What orders a group's members: read-only parts of the list, borrowed
/// apart from `matched` so a group can be sorted in place.
struct Ranking<'a> {
    search: &'a Search,
    haystacks: &'a Haystacks,
    fit: &'a FitCache,
    programs: &'a [Program],
}

impl Ranking<'_> {
    /// Fit first (sorting by fit), then best match, then IMG % (sorting by
    /// fit); ties keep name order.
    fn order(&self, members: &mut [usize]) {
        let mut keyed: Vec<_> = members
            .iter()
            .map(|&i| {
                let score = self.search.score(self.haystacks.get(i)).unwrap_or(0);
                let (fit, img) = self.fit.rank(i, self.programs);
                ((fit, Reverse(score), img, i), i)
            })
            .collect();
        keyed.sort_unstable_by_key(|&(key, _)| key);
        for (slot, (_, i)) in members.iter_mut().zip(keyed) {
            *slot = i;
        }
    }
}

impl ProgramList {
    fn ranking(&self) -> Ranking<'_> {
        Ranking {
            search: &self.search,
            haystacks: &self.haystacks,
            fit: &self.fit,
            programs: &self.programs,
        }
    }

    /// Puts group `k` in score order, in `matched` and in the rows.
    fn rank(&mut self, k: usize) {
        let span = self.spans[k];
        if span.ranked {
            return;
        }
        let folded = self.folds().contains(&span.state);
        let ranking = Ranking {
            search: &self.search,
            haystacks: &self.haystacks,
            fit: &self.fit,
            programs: &self.programs,
        };
        let members = &mut self.matched[span.start..span.start + span.len];
        ranking.order(members);
        if !folded {
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
        if self.folds().contains(&span.state) {
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
        if self.folds().contains(&self.spans[k].state) {
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
            .position(|s| !self.folds().contains(&s.state))?;
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
            self.ranking().order(&mut members);
            for (row, &i) in (span.row + 1..).zip(&members) {
                if (offset..end).contains(&row) {
                    rows[row - offset] = Row::Program(i);
                }
            }
        }
        rows
    }

    /// Every match in final display order, ranking unranked groups in a
    /// copy (for callers that only read the list).
    pub(super) fn ordered_matches(&self) -> Vec<usize> {
        let ranking = self.ranking();
        let mut out = Vec::with_capacity(self.matched.len());
        for span in &self.spans {
            let start = out.len();
            out.extend_from_slice(&self.matched[span.start..span.start + span.len]);
            if !span.ranked {
                ranking.order(&mut out[start..]);
            }
        }
        out
    }
}
