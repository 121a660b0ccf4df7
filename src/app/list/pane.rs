//! The program list as a pane: the commands it answers while it has
//! focus (move, fold, open, search, add, delete, import…).

use super::Row;
use crate::app::command::Command;
use crate::app::effect::Effect;
use crate::app::forms::{Form, FormTarget};
use crate::app::route::Handled;
use crate::app::{AppState, Input, InputPurpose, Popup};
use crate::app::{board, compose, due, fit};

/// Commands while the program list has focus.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    if navigate(state, cmd) {
        return Handled::Consumed;
    }
    match cmd {
        Command::OpenDetail => open_detail(state),
        Command::ToggleGroup => {
            if let Some(s) = state.list.selected_state() {
                state.list.toggle_group(s);
            }
        }
        Command::ToggleAllGroups => state.list.toggle_all(),
        Command::Filter => {
            let current = state.list.filter().to_string();
            state.input = Some(Input::new(InputPurpose::Filter, "Filter", &current));
        }
        Command::FilterBar => state.popup = Some(Popup::FilterBar { selected: 0 }),
        Command::SetStatus => {
            let program = state.list.selected_program().map(|p| p.id);
            board::pick_status(state, program);
        }
        Command::AddProgram => prompt(state, InputPurpose::NewProgramName, "New program name"),
        Command::Delete => ask_delete(state),
        Command::Import => prompt(state, InputPurpose::ImportPath, "Import CSV file"),
        Command::Compose => compose::start(state),
        Command::OpenWebsite => compose::open_website(state, effects),
        Command::BatchOutreach => compose::start_batch(state),
        Command::AddFollowUp => due::start_add(state),
        Command::RemoveSamples => ask_remove_samples(state),
        Command::SortByFit => fit::toggle_sort(state, effects),
        // Esc in the list clears the search and every filter.
        Command::Cancel => {
            state.list.set_filter("");
            state.list.set_filters(Default::default());
        }
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

/// Moves the selection if `cmd` is a movement.
fn navigate(state: &mut AppState, cmd: Command) -> bool {
    let page = state.list.page();
    match cmd {
        Command::Up => state.list.move_by(-1),
        Command::Down => state.list.move_by(1),
        Command::Top => state.list.select_first(),
        Command::Bottom => state.list.select_last(),
        Command::PageUp => state.list.move_by(-page),
        Command::PageDown => state.list.move_by(page),
        _ => return false,
    }
    true
}

fn prompt(state: &mut AppState, purpose: InputPurpose, label: &str) {
    state.input = Some(Input::new(purpose, label, ""));
}

/// Enter: a program's detail form, or a state header folds.
fn open_detail(state: &mut AppState) {
    match state.list.selected_row() {
        Some(Row::Program(i)) => {
            let program = state.list.program(i).id;
            state.form = Some(Form {
                target: FormTarget::Program(program),
                selected: 0,
            });
        }
        Some(Row::Header(s)) => state.list.toggle_group(s),
        None => {}
    }
}

fn ask_delete(state: &mut AppState) {
    if let Some(p) = state.list.selected_program() {
        state.popup = Some(Popup::Confirm {
            message: format!("Delete “{}” with its contacts, log and drafts?", p.name),
            effect: Effect::DeleteProgram(p.id),
        });
    }
}

fn ask_remove_samples(state: &mut AppState) {
    let n = state.list.programs().iter().filter(|p| p.is_sample).count();
    if n == 0 {
        state.info("No sample programs left.");
    } else {
        state.popup = Some(Popup::Confirm {
            message: format!(
                "Remove the {}? Your own programs stay.",
                crate::domain::plural::count(n, "sample program")
            ),
            effect: Effect::RemoveSamples,
        });
    }
}
