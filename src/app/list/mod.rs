//! The program list as the left pane shows it: every program in memory,
//! grouped by state (home state first), filtered and folded.
//!
//! All programs are loaded once; filtering and folding only rebuild the
//! index vectors here, never query the store.
//!
//! While a search is active, programs within a state are ordered by how
//! well they match. Finding the matches is cheap; scoring them is not
//! (about a microsecond each), so a state's matches are scored and sorted
//! only when its rows come near the selection (see `rank`). At 15,000
//! programs that keeps a keystroke to the states on screen, not the nation.

mod rank;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use super::filters::Filters;
use super::search::{Haystacks, Search};
use crate::domain::{Program, ProgramId, UsState};
use rank::Span;

mod fit;
mod folds;
pub mod pane;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(UsState),
    /// Index into `ProgramList::programs`.
    Program(usize),
}

/// What a state header says about the programs under it (filtered set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupCounts {
    pub programs: usize,
    pub contacted: usize,
    pub replied: usize,
}

#[derive(Debug, Default)]
pub struct ProgramList {
    programs: Vec<Program>,
    /// Text the search looks through, parallel to `programs`.
    haystacks: Haystacks,
    /// Display-order group of each program (home state first); a group's
    /// programs are contiguous.
    groups: Vec<u32>,
    home: Option<UsState>,
    search: Search,
    filters: Filters,
    /// Programs passing the filter, in display order: by group, then by
    /// score once the group is ranked (name order until then).
    matched: Vec<usize>,
    /// Each group that has matches, in display order.
    spans: Vec<Span>,
    collapsed: HashSet<UsState>,
    /// The folds made during a text search. A search sets the states' own
    /// folds (done states, Space before searching) aside, so nothing it
    /// finds hides under a collapsed heading; they return when it clears.
    search_folds: HashSet<UsState>,
    rows: Vec<Row>,
    counts: HashMap<UsState, GroupCounts>,
    selected: usize,
    /// First visible row; kept by the renderer so scrolling is stable.
    pub offset: Cell<usize>,
    /// Rows that fit on screen, recorded by the renderer for PgUp/PgDn.
    pub viewport: Cell<usize>,
    /// Fit verdicts and the sort by fit.
    fit: fit::FitCache,
    /// Program rows turned into lines by the renderer since this was last
    /// reset: a check that drawing costs the screen, not the list.
    pub rows_built: Cell<usize>,
}

impl ProgramList {
    pub fn new(programs: Vec<Program>, home: Option<UsState>) -> ProgramList {
        let mut list = ProgramList {
            home,
            ..ProgramList::default()
        };
        list.programs = programs;
        list.resort();
        list
    }

    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    /// Every row. While a search is active, groups far from the selection
    /// may still be in name order; draw with `view`, which never is.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn program(&self, index: usize) -> &Program {
        &self.programs[index]
    }

    pub fn counts(&self, state: UsState) -> GroupCounts {
        self.counts.get(&state).copied().unwrap_or_default()
    }

    pub fn is_collapsed(&self, state: UsState) -> bool {
        self.folds().contains(&state)
    }

    pub fn filter(&self) -> &str {
        self.search.query()
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn set_filters(&mut self, filters: Filters) {
        if filters != self.filters {
            self.filters = filters;
            self.rematch();
        }
    }

    /// The program `id`, wherever it sits and whatever hides it.
    pub fn get(&self, id: ProgramId) -> Option<&Program> {
        crate::domain::plans::program_by_id(&self.programs, id)
    }

    /// Ids of the programs passing the search and filters, in list order
    /// (groups not ranked yet are ordered for this answer).
    pub fn matched_ids(&self) -> Vec<ProgramId> {
        self.ordered_matches()
            .into_iter()
            .map(|i| self.programs[i].id)
            .collect()
    }

    pub fn matched_len(&self) -> usize {
        self.matched.len()
    }

    /// Programs passing the search and filters, in display order.
    pub fn matched(&mut self) -> impl Iterator<Item = &Program> {
        self.rank_all();
        self.matched.iter().map(|&i| &self.programs[i])
    }

    /// The matching programs in display order, taken out of the list
    /// without copying them.
    pub fn into_matched(mut self) -> Vec<Program> {
        self.rank_all();
        let mut slots: Vec<Option<Program>> = self.programs.into_iter().map(Some).collect();
        self.matched
            .iter()
            .filter_map(|&i| slots[i].take())
            .collect()
    }

    /// Number of distinct states among all programs.
    pub fn state_count(&self) -> usize {
        self.groups.last().map_or(0, |&g| g as usize + 1)
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    pub fn selected_program(&self) -> Option<&Program> {
        match self.selected_row()? {
            Row::Program(i) => self.programs.get(i),
            Row::Header(_) => None,
        }
    }

    /// The state of the selected row, header or program.
    pub fn selected_state(&self) -> Option<UsState> {
        match self.selected_row()? {
            Row::Header(s) => Some(s),
            Row::Program(i) => self.programs.get(i).map(|p| p.state),
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.settle();
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
        self.settle();
    }

    pub fn select_last(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
        self.settle();
    }

    pub fn page(&self) -> isize {
        self.viewport.get().max(1) as isize
    }

    pub fn select_program(&mut self, id: ProgramId) {
        if let Some(pos) = self.row_of(id) {
            self.selected = pos;
            self.settle();
        }
    }

    pub fn set_home(&mut self, home: Option<UsState>) {
        self.home = home;
        self.resort();
    }

    /// Sets the search text. When the new text only narrows the old one,
    /// only the previous matches are searched again.
    pub fn set_filter(&mut self, text: &str) {
        if text == self.search.query() {
            return;
        }
        if text.is_empty() != self.search.is_empty() {
            // A search starts or ends: every folded state it found
            // something in opens, and the folds come back after.
            self.search_folds.clear();
        }
        if self.search.set_query(text) {
            let candidates = std::mem::take(&mut self.matched);
            self.collect(candidates);
        } else {
            self.rematch();
        }
    }

    pub fn toggle_group(&mut self, state: UsState) {
        let folds = self.folds_mut();
        if !folds.remove(&state) {
            folds.insert(state);
        }
        self.rebuild_rows();
        if let Some(pos) = self.header_row(state) {
            self.selected = pos;
        }
        self.settle();
    }

    /// Folds every state, or unfolds them all when all are folded.
    pub fn toggle_all(&mut self) {
        let states: HashSet<UsState> = self.programs.iter().map(|p| p.state).collect();
        let folds = self.folds_mut();
        if states.is_subset(folds) {
            folds.clear();
        } else {
            *folds = states;
        }
        let keep = self.selected_state();
        self.rebuild_rows();
        if let Some(state) = keep {
            self.selected = self.header_row(state).unwrap_or(0);
        }
        self.settle();
    }

    /// Inserts or replaces a program (matched by id), keeping the order
    /// and the selected program: one saved in the background (a send that
    /// finished) must not pull the cursor from where the user moved it.
    /// With a state's heading selected, the saved program is selected.
    pub fn upsert(&mut self, program: Program) {
        let id = program.id;
        let keep = self.selected_program().map_or(id, |p| p.id);
        match self.programs.iter_mut().find(|p| p.id == id) {
            Some(slot) => *slot = program,
            None => self.programs.push(program),
        }
        self.resort();
        self.select_program(keep);
    }

    pub fn remove(&mut self, id: ProgramId) {
        let before = self.selected;
        self.programs.retain(|p| p.id != id);
        self.resort();
        self.selected = before.min(self.rows.len().saturating_sub(1));
        self.settle();
    }

    /// Replaces every program (after an import or a reload), keeping the
    /// selection on the same program when it still exists.
    pub fn replace_all(&mut self, programs: Vec<Program>) {
        let keep = self.selected_program().map(|p| p.id);
        self.programs = programs;
        self.resort();
        if let Some(id) = keep {
            self.select_program(id);
        }
    }

    pub fn remove_samples(&mut self) {
        self.programs.retain(|p| !p.is_sample);
        self.resort();
        self.selected = 0;
        self.settle();
    }

    /// Sorts programs (home state first, then by code and name), recomputes
    /// search text and matches. Needed after any change to the set.
    fn resort(&mut self) {
        let home = self.home;
        let key = |p: &Program| (Some(p.state) != home, p.state.code());
        self.programs
            .sort_by_cached_key(|p| (key(p), p.name.to_lowercase()));
        self.haystacks = Haystacks::of(&self.programs);
        self.groups.clear();
        let mut group = 0;
        for (i, p) in self.programs.iter().enumerate() {
            if i > 0 && p.state != self.programs[i - 1].state {
                group += 1;
            }
            self.groups.push(group);
        }
        self.refit();
        self.rematch();
    }

    fn rematch(&mut self) {
        let (filters, programs, fit) = (&self.filters, &self.programs, &self.fit);
        let candidates: Vec<usize> = (0..programs.len())
            .filter(|&i| {
                filters.matches(&programs[i]) && filters.matches_fit(fit.verdict(i), fit.is_mine(i))
            })
            .collect();
        self.collect(candidates);
    }

    /// Keeps the candidates the search matches, in display order (by
    /// state group, then by fit when sorting by fit, then by name), and
    /// rebuilds the rows; groups are left unranked by score until needed.
    fn collect(&mut self, candidates: Vec<usize>) {
        let mut hit = vec![false; self.programs.len()];
        for &i in &candidates {
            hit[i] = self.search.matches(self.haystacks.get(i));
        }
        let mut matched = candidates;
        matched.clear();
        matched.extend(self.fit.display().iter().copied().filter(|&i| hit[i]));
        self.matched = matched;
        self.spans = rank::spans(
            &self.matched,
            &self.groups,
            &self.programs,
            self.search.is_empty(),
        );
        self.rebuild_rows();
        self.settle();
    }

    fn header_row(&self, state: UsState) -> Option<usize> {
        self.spans.iter().find(|s| s.state == state).map(|s| s.row)
    }

    /// Rebuilds rows and counts from the matches, keeping the selection on
    /// the same program (or header) when it is still shown.
    fn rebuild_rows(&mut self) {
        let keep = self.selected_row().map(|r| match r {
            Row::Header(s) => Err(s),
            Row::Program(i) => Ok(self.programs.get(i).map(|p| p.id)),
        });
        self.rows.clear();
        self.counts.clear();
        // The fields, not `folds()`: the spans are borrowed mutably below.
        let folds = if self.search.is_empty() {
            &self.collapsed
        } else {
            &self.search_folds
        };
        for span in &mut self.spans {
            span.row = self.rows.len();
            self.rows.push(Row::Header(span.state));
            self.counts.insert(span.state, span.counts);
            if !folds.contains(&span.state) {
                let members = &self.matched[span.start..span.start + span.len];
                self.rows.extend(members.iter().map(|&i| Row::Program(i)));
            }
        }
        self.selected = match keep {
            Some(Ok(Some(id))) => self.row_of(id).or_else(|| self.first_program_row()),
            Some(Err(state)) => self.header_row(state),
            _ => self.first_program_row(),
        }
        .unwrap_or(0);
    }
}

#[cfg(test)]
mod tests;
