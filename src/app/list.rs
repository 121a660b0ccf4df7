//! The program list as the left pane shows it: every program in memory,
//! grouped by state (home state first), filtered and folded.
//!
//! All programs are loaded once; filtering and folding only rebuild the
//! index vectors here, never query the store.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use nucleo_matcher::Utf32String;

use super::filters::Filters;
use super::search::{Search, haystack};
use crate::domain::{Program, ProgramId, Status, UsState};

mod fit;
mod folds;

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
    haystacks: Vec<Utf32String>,
    /// Display-order group of each program (home state first).
    groups: Vec<u32>,
    home: Option<UsState>,
    search: Search,
    filters: Filters,
    /// Programs passing the filter, in display order.
    matched: Vec<usize>,
    collapsed: HashSet<UsState>,
    rows: Vec<Row>,
    counts: HashMap<UsState, GroupCounts>,
    selected: usize,
    /// First visible row; kept by the renderer so scrolling is stable.
    pub offset: Cell<usize>,
    /// Rows that fit on screen, recorded by the renderer for PgUp/PgDn.
    pub viewport: Cell<usize>,
    /// Fit verdicts and the sort by fit.
    fit: fit::FitCache,
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
        self.collapsed.contains(&state)
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

    /// Ids of the programs passing the search and filters, in list order.
    pub fn matched_ids(&self) -> Vec<ProgramId> {
        self.matched.iter().map(|&i| self.programs[i].id).collect()
    }

    pub fn matched_len(&self) -> usize {
        self.matched.len()
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
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
    }

    pub fn select_last(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }

    pub fn page(&self) -> isize {
        self.viewport.get().max(1) as isize
    }

    pub fn select_program(&mut self, id: ProgramId) {
        if let Some(pos) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Program(i) if self.programs[*i].id == id))
        {
            self.selected = pos;
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
        if self.search.set_query(text) {
            let (search, haystacks) = (&self.search, &self.haystacks);
            let mut scored: Vec<(usize, u32)> = self
                .matched
                .iter()
                .filter_map(|&i| search.score(&haystacks[i]).map(|s| (i, s)))
                .collect();
            self.order(&mut scored);
        } else {
            self.rematch();
        }
    }

    pub fn toggle_group(&mut self, state: UsState) {
        if !self.collapsed.remove(&state) {
            self.collapsed.insert(state);
        }
        self.rebuild_rows();
        if let Some(pos) = self.rows.iter().position(|r| *r == Row::Header(state)) {
            self.selected = pos;
        }
    }

    /// Folds every state, or unfolds them all when all are folded.
    pub fn toggle_all(&mut self) {
        let states: HashSet<UsState> = self.programs.iter().map(|p| p.state).collect();
        if states.is_subset(&self.collapsed) {
            self.collapsed.clear();
        } else {
            self.collapsed = states;
        }
        let keep = self.selected_state();
        self.rebuild_rows();
        if let Some(state) = keep {
            self.selected = self
                .rows
                .iter()
                .position(|r| *r == Row::Header(state))
                .unwrap_or(0);
        }
    }

    /// Inserts or replaces a program (matched by id), keeping the order.
    pub fn upsert(&mut self, program: Program) {
        let id = program.id;
        match self.programs.iter_mut().find(|p| p.id == id) {
            Some(slot) => *slot = program,
            None => self.programs.push(program),
        }
        self.resort();
        self.select_program(id);
    }

    pub fn remove(&mut self, id: ProgramId) {
        let before = self.selected;
        self.programs.retain(|p| p.id != id);
        self.resort();
        self.selected = before.min(self.rows.len().saturating_sub(1));
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
    }

    /// Sorts programs (home state first, then by code and name), recomputes
    /// search text and matches. Needed after any change to the set.
    fn resort(&mut self) {
        let home = self.home;
        let key = |p: &Program| (Some(p.state) != home, p.state.code());
        self.programs
            .sort_by_cached_key(|p| (key(p), p.name.to_lowercase()));
        self.haystacks = self.programs.iter().map(haystack).collect();
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
        let (search, filters, haystacks) = (&self.search, &self.filters, &self.haystacks);
        let (programs, fit) = (&self.programs, &self.fit);
        let mut scored: Vec<(usize, u32)> = fit
            .display()
            .iter()
            .filter(|&&i| {
                filters.matches(&programs[i]) && filters.matches_fit(fit.verdict(i), fit.is_mine(i))
            })
            .filter_map(|&i| search.score(&haystacks[i]).map(|s| (i, s)))
            .collect();
        self.order(&mut scored);
    }

    /// Orders matches for display: by state group, then (sorting by fit)
    /// fit, then best score, then IMG % (sorting by fit) and name; then
    /// rebuilds the rows. Without a search, matches already come in
    /// display order.
    fn order(&mut self, scored: &mut [(usize, u32)]) {
        let (groups, programs, fit) = (&self.groups, &self.programs, &self.fit);
        if !self.search.is_empty() {
            scored.sort_unstable_by_key(|&(i, s)| {
                let (rank, img) = fit.rank(i, programs);
                (groups[i], rank, std::cmp::Reverse(s), img, i)
            });
        }
        self.matched.clear();
        self.matched.extend(scored.iter().map(|&(i, _)| i));
        self.rebuild_rows();
    }

    fn rebuild_rows(&mut self) {
        let keep = self.selected_row().map(|r| match r {
            Row::Header(s) => Err(s),
            Row::Program(i) => Ok(self.programs.get(i).map(|p| p.id)),
        });
        self.rows.clear();
        self.counts.clear();
        let mut current: Option<UsState> = None;
        for &i in &self.matched {
            let p = &self.programs[i];
            if current != Some(p.state) {
                current = Some(p.state);
                self.rows.push(Row::Header(p.state));
            }
            let c = self.counts.entry(p.state).or_default();
            c.programs += 1;
            if p.status.rank() >= Status::Contacted.rank() {
                c.contacted += 1;
            }
            if p.status.rank() >= Status::Replied.rank() {
                c.replied += 1;
            }
            if !self.collapsed.contains(&p.state) {
                self.rows.push(Row::Program(i));
            }
        }
        self.selected = match keep {
            Some(Ok(Some(id))) => self
                .rows
                .iter()
                .position(|r| matches!(r, Row::Program(i) if self.programs[*i].id == id))
                .or_else(|| self.rows.iter().position(|r| matches!(r, Row::Program(_))))
                .unwrap_or(0),
            Some(Err(state)) => self
                .rows
                .iter()
                .position(|r| *r == Row::Header(state))
                .unwrap_or(0),
            _ => self
                .rows
                .iter()
                .position(|r| matches!(r, Row::Program(_)))
                .unwrap_or(0),
        };
    }
}
