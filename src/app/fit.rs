//! Fit and "state by state" in the TUI. The guides: keep the programs
//! "with whom you fit the description", master the home state, then expand
//! state by state.
//!
//! The fit badges themselves are cached in the program list; this keeps
//! that cache in step with the profile and the date, toggles the sort by
//! fit, and drives the states overview (`T`).

use super::command::Command;
use super::effect::Effect;
use super::route::{Handled, close_popup, move_cursor};
use super::{AppState, Pane, Popup};
use crate::domain::states_overview::{StateRow, add_empty_rows, suggest_next, tally};
use crate::domain::{Profile, UsState};

/// How many suggestions the status line names after marking a state done.
const NEXT_IN_MESSAGE: usize = 5;

/// The saved profile replaces the old one; the list re-checks fit (and
/// regroups when the home state moved) only if something changed.
pub fn profile_saved(state: &mut AppState, profile: Profile) {
    state.list.set_profile(&profile, state.today);
    state.profile = profile;
}

/// After every action: a new day (`state.today`, which the runtime moves
/// on at midnight) re-checks "years since graduation".
pub fn keep_fresh(state: &mut AppState) {
    state.list.set_today(state.today);
}

/// The setting that remembers `o` across restarts.
pub const SORT_BY_FIT_SETTING: &str = "sort_by_fit";

pub fn toggle_sort(state: &mut AppState, effects: &mut Vec<Effect>) {
    let on = !state.list.sorted_by_fit();
    state.list.set_sort_by_fit(on);
    // Remembered in the database beside the done states, so the next start
    // sorts the same way.
    effects.push(Effect::SaveSetting {
        key: SORT_BY_FIT_SETTING,
        value: if on { "1" } else { "0" },
    });
    state.info(if on {
        "Sorted by fit within each state: fits first, then by IMG %, then by name. o again: by name."
    } else {
        "Sorted by name within each state."
    });
}

/// One row per state with programs, plus home and the done states, from
/// the cached verdicts (no fit check runs here).
fn state_rows(state: &AppState) -> Vec<StateRow> {
    let list = &state.list;
    let home = state.profile.home_state;
    let verdicts = list.verdicts().iter().copied();
    let mut rows = tally(list.programs().iter().zip(verdicts), home);
    add_empty_rows(&mut rows, &state.states_done, home);
    rows
}

pub fn open_states(state: &mut AppState) {
    let rows = state_rows(state);
    let next = suggest_next(&state.states_done, state.profile.home_state, &rows);
    // Start on the state the list is showing, so Enter and Esc lose nothing.
    let selected = state
        .list
        .selected_state()
        .and_then(|s| rows.iter().position(|r| r.state == s))
        .unwrap_or(0);
    state.popup = Some(Popup::States {
        selected,
        rows,
        next,
    });
}

/// Commands while the states overview is open.
pub fn states(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::ToggleStateDone => toggle_done(state, effects),
        Command::GoToState => go_to_state(state),
        Command::Cancel => return close_popup(state),
        _ => {
            let page = state.list.page();
            return match &mut state.popup {
                Some(Popup::States { selected, rows, .. }) => {
                    move_cursor(cmd, selected, rows.len(), page)
                }
                _ => Handled::Ignored,
            };
        }
    }
    Handled::Consumed
}

fn selected_row(state: &AppState) -> Option<&StateRow> {
    match &state.popup {
        Some(Popup::States { selected, rows, .. }) => rows.get(*selected),
        _ => None,
    }
}

/// `x` in the overview: flip the done mark of the state under the cursor.
/// The mark shows once the store has saved it (`state_done_saved`).
pub fn toggle_done(state: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(row) = selected_row(state) {
        let done = !state.states_done.contains(&row.state);
        effects.push(Effect::SetStateDone(row.state, done));
    }
}

/// A saved done mark: a done state folds away in the list (undone, it
/// unfolds again) and the suggestions move on.
pub fn state_done_saved(state: &mut AppState, us: UsState, done: bool) {
    state.states_done.retain(|s| *s != us);
    if done {
        state.states_done.push(us);
        state.states_done.sort();
    }
    state.list.set_folded(us, done);
    let home = state.profile.home_state;
    let rows = match &state.popup {
        Some(Popup::States { rows, .. }) => rows.clone(),
        _ => state_rows(state),
    };
    let suggested = suggest_next(&state.states_done, home, &rows);
    if done {
        let mut names: Vec<&str> = suggested
            .iter()
            .take(NEXT_IN_MESSAGE)
            .map(|s| s.code())
            .collect();
        if suggested.len() > NEXT_IN_MESSAGE {
            names.push("…");
        }
        state.info(if names.is_empty() {
            format!("{} done. Every state with programs is done.", us.name())
        } else {
            format!("{} done. Next: {}", us.name(), names.join(", "))
        });
    } else {
        state.info(format!("{} is open again.", us.name()));
    }
    if let Some(Popup::States { next, .. }) = &mut state.popup {
        *next = suggested;
    }
}

/// Enter in the overview: close it and show that state in the list,
/// unfolded, with its header selected.
pub fn go_to_state(state: &mut AppState) {
    let Some(row) = selected_row(state).cloned() else {
        return;
    };
    state.popup = None;
    state.focus = Pane::Programs;
    if state.list.show_state(row.state) {
        return;
    }
    let name = row.state.name();
    if row.listed == 0 {
        state.info(format!(
            "No programs listed in {name} yet: press a to add one, or i to import."
        ));
    } else {
        state.info(format!(
            "{name}'s programs are hidden by the search or filters: Esc in the list clears them."
        ));
    }
}
