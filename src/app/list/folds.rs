//! Folding states on purpose, not by toggling: a state marked done folds
//! away, and jumping to a state unfolds it.

use std::collections::HashSet;

use super::{ProgramList, Row};
use crate::domain::UsState;

impl ProgramList {
    /// The folds in force: the search's own while a text search runs.
    pub(super) fn folds(&self) -> &HashSet<UsState> {
        if self.search.is_empty() {
            &self.collapsed
        } else {
            &self.search_folds
        }
    }

    pub(super) fn folds_mut(&mut self) -> &mut HashSet<UsState> {
        if self.search.is_empty() {
            &mut self.collapsed
        } else {
            &mut self.search_folds
        }
    }

    /// Folds (or unfolds) one state. A selection inside a folded state
    /// moves to its header, so it never jumps to another state.
    /// A state marked done (or jumped to) during a search folds (or
    /// opens) there too.
    pub fn set_folded(&mut self, state: UsState, folded: bool) {
        if folded == self.collapsed.contains(&state) && folded == self.is_collapsed(state) {
            return;
        }
        let was_inside = self.selected_state() == Some(state);
        for folds in [&mut self.collapsed, &mut self.search_folds] {
            if folded {
                folds.insert(state);
            } else {
                folds.remove(&state);
            }
        }
        self.rebuild_rows();
        if was_inside {
            self.select_header(state);
        }
    }

    /// Folds every one of `states` (the done ones, at start-up).
    pub fn fold_states(&mut self, states: &[UsState]) {
        self.collapsed.extend(states.iter().copied());
        self.rebuild_rows();
    }

    /// Unfolds a state and selects its header. False when the list shows
    /// no row for it: nothing listed there, or all hidden by the search or
    /// filters.
    pub fn show_state(&mut self, state: UsState) -> bool {
        self.set_folded(state, false);
        self.select_header(state)
    }

    fn select_header(&mut self, state: UsState) -> bool {
        match self.rows.iter().position(|r| *r == Row::Header(state)) {
            Some(pos) => {
                self.selected = pos;
                // What the jump brings on screen is ranked before it shows.
                self.settle();
                true
            }
            None => false,
        }
    }
}
