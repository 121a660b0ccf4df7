//! Folding states on purpose, not by toggling: a state marked done folds
//! away, and jumping to a state unfolds it.

use super::{ProgramList, Row};
use crate::domain::UsState;

impl ProgramList {
    /// Folds (or unfolds) one state. A selection inside a folded state
    /// moves to its header, so it never jumps to another state.
    pub fn set_folded(&mut self, state: UsState, folded: bool) {
        if folded == self.collapsed.contains(&state) {
            return;
        }
        let was_inside = self.selected_state() == Some(state);
        if folded {
            self.collapsed.insert(state);
        } else {
            self.collapsed.remove(&state);
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
