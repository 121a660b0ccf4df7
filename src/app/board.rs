//! The pipeline: the board (one column per status, programs moved
//! between columns with keys; columns follow the list's search and
//! filters) and the status picker (`s`).

use super::command::Command;
use super::effect::Effect;
use super::forms::{Form, FormTarget};
use super::route::{Handled, close_popup, move_cursor};
use super::update::show_program;
use super::{AppState, Popup};
use crate::domain::{ProgramId, Status};

/// Commands while the board is open.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    match cmd {
        Command::Left => move_column(state, -1),
        Command::Right => move_column(state, 1),
        Command::Promote => move_program(state, 1, effects),
        Command::Demote => move_program(state, -1, effects),
        Command::OpenDetail => open_detail(state, effects),
        // The board's program, not the list's: the cursor is here.
        Command::Checklist => match selected(state) {
            Some(id) => {
                super::after_yes::open(super::after_yes::AfterYesView::Checklist(id), effects)
            }
            None => state.error("Select a program to see its application checklist."),
        },
        Command::Cancel => return close_popup(state),
        Command::Up => move_row(state, -1),
        Command::Down => move_row(state, 1),
        Command::PageUp => move_row(state, -page),
        Command::PageDown => move_row(state, page),
        Command::Top => move_row(state, isize::MIN / 2),
        Command::Bottom => move_row(state, isize::MAX / 2),
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

/// Enter: the program under the cursor, in the list and its detail form.
fn open_detail(state: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(id) = selected(state) {
        state.form_returns_to = state.popup.take();
        show_program(state, id, effects);
        state.form = Some(Form {
            target: FormTarget::Program(id),
            selected: 0,
        });
    }
}

/// `s`: choose a new status for a program (the cursor starts on its own).
pub fn pick_status(state: &mut AppState, program: Option<ProgramId>) {
    let found = program.and_then(|id| state.list.get(id));
    if let Some(p) = found {
        let selected = Status::ALL.iter().position(|s| *s == p.status).unwrap_or(0);
        state.popup = Some(Popup::StatusPicker {
            program: p.id,
            selected,
        });
    }
}

/// Commands while the status picker is open.
pub fn status_picker(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    let Some(Popup::StatusPicker { program, selected }) = &mut state.popup else {
        return Handled::Ignored;
    };
    match cmd {
        Command::Submit => {
            let program = *program;
            let status = Status::ALL.get(*selected).copied();
            let handled = close_popup(state);
            if let Some(status) = status {
                effects.push(Effect::SetStatus(program, status));
                // Applying is when the documents go out: the checklist opens.
                if status == Status::Applied {
                    let view = super::after_yes::AfterYesView::Checklist(program);
                    super::after_yes::open(view, effects);
                }
            }
            handled
        }
        Command::Cancel => close_popup(state),
        _ => move_cursor(cmd, selected, Status::ALL.len(), page),
    }
}

/// Indices into `state.list.programs()` per status, in `Status::ALL` order.
pub fn columns(state: &AppState) -> Vec<Vec<usize>> {
    let mut cols = vec![Vec::new(); Status::ALL.len()];
    let ids: std::collections::HashSet<ProgramId> = state.list.matched_ids().into_iter().collect();
    for (i, p) in state.list.programs().iter().enumerate() {
        let column = Status::ALL.iter().position(|s| *s == p.status);
        if let Some(c) = column.filter(|_| ids.contains(&p.id)) {
            cols[c].push(i);
        }
    }
    cols
}

pub fn open(state: &mut AppState) {
    // Start on the column of the selected program, so the board opens
    // where the user was.
    let (column, row) = match state.list.selected_program() {
        Some(p) => {
            let column = Status::ALL.iter().position(|s| *s == p.status).unwrap_or(0);
            let id = p.id;
            let row = columns(state)[column]
                .iter()
                .position(|&i| state.list.programs()[i].id == id)
                .unwrap_or(0);
            (column, row)
        }
        None => (0, 0),
    };
    state.popup = Some(Popup::Board { column, row });
}

/// The program under the board's cursor.
pub fn selected(state: &AppState) -> Option<ProgramId> {
    let Some(Popup::Board { column, row }) = state.popup else {
        return None;
    };
    columns(state)
        .get(column)?
        .get(row)
        .map(|&i| state.list.programs()[i].id)
}

/// h/l: move between columns (the row is kept within the new column).
pub fn move_column(state: &mut AppState, step: isize) {
    let cols = columns(state);
    if let Some(Popup::Board { column, row }) = &mut state.popup {
        *column = column
            .saturating_add_signed(step)
            .min(Status::ALL.len() - 1);
        *row = (*row).min(cols[*column].len().saturating_sub(1));
    }
}

/// j/k within a column.
pub fn move_row(state: &mut AppState, step: isize) {
    let cols = columns(state);
    if let Some(Popup::Board { column, row }) = &mut state.popup {
        let len = cols[*column].len();
        *row = row.saturating_add_signed(step).min(len.saturating_sub(1));
    }
}

/// `<` / `>`: move the program to the previous or next status; the cursor
/// follows it.
pub fn move_program(state: &mut AppState, step: isize, effects: &mut Vec<Effect>) {
    let Some(id) = selected(state) else {
        return;
    };
    let Some(Popup::Board { column, row }) = &mut state.popup else {
        return;
    };
    let target = column
        .saturating_add_signed(step)
        .min(Status::ALL.len() - 1);
    if target != *column {
        *column = target;
        *row = 0;
        effects.push(Effect::SetStatus(id, Status::ALL[target]));
        // Applying is when the documents go out. The board stays open
        // (the user may be moving several cards), so the checklist is
        // one key away rather than replacing the board.
        if Status::ALL[target] == Status::Applied {
            let name = state
                .list
                .programs()
                .iter()
                .find(|p| p.id == id)
                .map_or(String::new(), |p| p.name.clone());
            state.info(format!("{name} applied — E opens its checklist."));
        }
    }
}

/// After a status change lands, put the cursor back on the moved program.
pub fn follow(state: &mut AppState, id: ProgramId) {
    let cols = columns(state);
    let programs = state.list.programs();
    let found = match state.popup {
        Some(Popup::Board { column, .. }) => {
            cols[column].iter().position(|&i| programs[i].id == id)
        }
        _ => None,
    };
    if let (Some(pos), Some(Popup::Board { row, .. })) = (found, &mut state.popup) {
        *row = pos;
    }
}
