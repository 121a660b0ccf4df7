//! `update(&mut AppState, Action) -> Vec<Effect>`: the whole behaviour of
//! the app, with no I/O. The runtime performs the returned effects.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::action::{Action, ProgramLoaded};
use super::effect::Effect;
use super::filters::FilterField;
use super::list::Row;
use super::{AppState, Detail, Input, InputPurpose, Pane, Popup};
use crate::domain::{Draft, Program, Status, UsState, fields::Field};

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if is_user_action(&action) {
        state.status = None;
    }
    match action {
        Action::Quit => {
            state.quitting = true;
            effects.push(Effect::Quit);
        }
        Action::Help => state.popup = Some(Popup::Help { scroll: 0 }),
        Action::FocusNext => state.focus = cycle_focus(state.focus, 1),
        Action::FocusPrev => state.focus = cycle_focus(state.focus, -1),
        Action::LeaveEditor => state.focus = Pane::Programs,
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => navigate(state, &action),
        Action::ToggleGroup => {
            if let Some(s) = state.list.selected_state() {
                state.list.toggle_group(s);
            }
        }
        Action::ToggleAllGroups => state.list.toggle_all(),
        Action::OpenDetail => match state.list.selected_row() {
            Some(Row::Program(i)) => {
                let program = state.list.program(i).id;
                state.detail = Some(Detail {
                    program,
                    selected: 0,
                });
            }
            Some(Row::Header(s)) => state.list.toggle_group(s),
            None => {}
        },
        Action::AddProgram => {
            state.input = Some(Input::new(
                InputPurpose::NewProgramName,
                "New program name",
                "",
            ));
        }
        Action::DeleteProgram => {
            if let Some(p) = focused_program(state) {
                state.popup = Some(Popup::Confirm {
                    message: format!("Delete “{}” with its contacts, log and drafts?", p.name),
                    effect: Effect::DeleteProgram(p.id),
                });
            }
        }
        Action::SetStatus => {
            if let Some(p) = focused_program(state) {
                let selected = Status::ALL.iter().position(|s| *s == p.status).unwrap_or(0);
                state.popup = Some(Popup::StatusPicker {
                    program: p.id,
                    selected,
                });
            }
        }
        Action::Filter => {
            let current = state.list.filter().to_string();
            state.input = Some(Input::new(InputPurpose::Filter, "Filter", &current));
        }
        Action::FilterBar => state.popup = Some(Popup::FilterBar { selected: 0 }),
        Action::NextValue | Action::PrevValue | Action::ClearValue => {
            if let Some(Popup::FilterBar { selected }) = state.popup {
                let field = FilterField::ALL[selected.min(FilterField::ALL.len() - 1)];
                let mut filters = state.list.filters().clone();
                match action {
                    Action::ClearValue => filters.clear(field),
                    _ => filters.step(field, state.list.programs(), action == Action::NextValue),
                }
                state.list.set_filters(filters);
            }
        }
        Action::Import => {
            state.input = Some(Input::new(InputPurpose::ImportPath, "Import CSV file", ""));
        }
        Action::Reload => effects.push(Effect::ReloadPrograms),
        Action::ImportPreviewed(preview) => {
            let name = preview.path.display().to_string();
            match preview.summary {
                Some(summary) => {
                    let mut message = format!("Import {name}: {summary}?");
                    for warning in &preview.problems {
                        message.push_str("\n\nWarning: ");
                        message.push_str(warning);
                    }
                    state.popup = Some(Popup::Confirm {
                        message,
                        effect: Effect::ApplyImport(preview.path),
                    });
                }
                None => {
                    let title = format!("Nothing imported: fix these lines in {name}");
                    state.popup = Some(Popup::Info {
                        title,
                        lines: preview.problems,
                        scroll: 0,
                    });
                }
            }
        }
        Action::ProgramsReloaded(programs, message) => {
            state.list.replace_all(programs);
            state.info(message);
        }
        Action::RemoveSamples => {
            let n = state.list.programs().iter().filter(|p| p.is_sample).count();
            if n == 0 {
                state.info("No sample programs left.");
            } else {
                state.popup = Some(Popup::Confirm {
                    message: format!("Remove the {n} sample programs? Your own programs stay."),
                    effect: Effect::RemoveSamples,
                });
            }
        }
        Action::Submit => submit(state, &mut effects),
        Action::Cancel => cancel(state),
        Action::Confirm => {
            if let Some(Popup::Confirm { effect, .. }) = state.popup.take() {
                effects.push(effect);
            }
        }
        Action::InputKey(key) => {
            if let Some(input) = &mut state.input {
                input.text.input(key);
                if input.purpose == InputPurpose::Filter {
                    let text = input.value();
                    state.list.set_filter(&text);
                }
            }
        }
        Action::EditorKey(key) => {
            if state.draft.program.is_some() && state.draft.editor.input(key) {
                state.draft.draft.body = state.draft.editor.lines().join("\n");
                effects.push(Effect::SaveDraft(Box::new(state.draft.draft.clone())));
            }
        }
        Action::ProgramSaved(p) => state.list.upsert(*p),
        Action::ProgramAdded(p) => {
            let id = p.id;
            state.list.upsert(*p);
            state.list.select_program(id);
            state.focus = Pane::Programs;
            state.detail = Some(Detail {
                program: id,
                selected: 0,
            });
            state.info("Program added. Fill in what you know; every change saves at once.");
        }
        Action::ProgramDeleted(id) => {
            state.list.remove(id);
            if state.detail.is_some_and(|d| d.program == id) {
                state.detail = None;
            }
            state.info("Program deleted.");
        }
        Action::ProgramLoaded(loaded) => apply_loaded(state, *loaded),
        Action::DraftSaved(d) => {
            if state.draft.program == Some(d.program_id) {
                state.draft.draft.id = d.id;
                state.draft.draft.updated_at = d.updated_at;
            }
        }
        Action::SamplesRemoved(n) => {
            state.list.remove_samples();
            state.info(format!("Removed {n} sample programs."));
        }
        Action::Failed(message) => state.error(message),
    }
    sync_selection(state, &mut effects);
    style_editor(state);
    effects
}

/// The draft editor shows its cursor only while it has focus.
fn style_editor(state: &mut AppState) {
    let cursor = if state.focus == Pane::Draft && state.detail.is_none() {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    state.draft.editor.set_cursor_style(cursor);
    state.draft.editor.set_cursor_line_style(Style::new());
}

/// Effects to run once at start-up: load the rows of the first selection.
pub fn init(state: &mut AppState) -> Vec<Effect> {
    let mut effects = Vec::new();
    sync_selection(state, &mut effects);
    style_editor(state);
    effects
}

fn is_user_action(action: &Action) -> bool {
    !matches!(
        action,
        Action::ProgramSaved(_)
            | Action::ProgramAdded(_)
            | Action::ProgramDeleted(_)
            | Action::ProgramLoaded(_)
            | Action::DraftSaved(_)
            | Action::SamplesRemoved(_)
            | Action::ImportPreviewed(_)
            | Action::ProgramsReloaded(..)
            | Action::Failed(_)
            | Action::EditorKey(_)
            | Action::InputKey(_)
    )
}

fn cycle_focus(focus: Pane, step: isize) -> Pane {
    let i = Pane::ORDER.iter().position(|p| *p == focus).unwrap_or(0) as isize;
    Pane::ORDER[(i + step).rem_euclid(Pane::ORDER.len() as isize) as usize]
}

/// The program the user is acting on: the detail view's, else the list's.
fn focused_program(state: &AppState) -> Option<&Program> {
    match state.detail {
        Some(d) => state.list.programs().iter().find(|p| p.id == d.program),
        None if state.focus == Pane::Programs => state.list.selected_program(),
        None => None,
    }
}

fn navigate(state: &mut AppState, action: &Action) {
    let page = state.list.page();
    let step = |len: usize, cur: usize| -> usize {
        let last = len.saturating_sub(1);
        match action {
            Action::Up => cur.saturating_sub(1),
            Action::Down => (cur + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => cur.saturating_sub(page as usize),
            _ => (cur + page as usize).min(last),
        }
    };
    match (&mut state.popup, &mut state.detail) {
        (Some(Popup::Help { scroll } | Popup::Info { scroll, .. }), _) => {
            *scroll = step(usize::MAX, *scroll)
        }
        (Some(Popup::StatusPicker { selected, .. }), _) => {
            *selected = step(Status::ALL.len(), *selected)
        }
        (Some(Popup::FilterBar { selected }), _) => {
            *selected = step(FilterField::ALL.len(), *selected)
        }
        (Some(Popup::Confirm { .. }), _) => {}
        (None, Some(detail)) => detail.selected = step(Field::ALL.len(), detail.selected),
        (None, None) => match state.focus {
            Pane::Log => {
                state.log.selected = step(state.log.interactions.len(), state.log.selected)
            }
            _ => match action {
                Action::Up => state.list.move_by(-1),
                Action::Down => state.list.move_by(1),
                Action::Top => state.list.select_first(),
                Action::Bottom => state.list.select_last(),
                Action::PageUp => state.list.move_by(-page),
                _ => state.list.move_by(page),
            },
        },
    }
}

fn submit(state: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(input) = state.input.take() {
        submit_input(state, input, effects);
        return;
    }
    if let Some(Popup::StatusPicker { program, selected }) = state.popup {
        state.popup = None;
        if let Some(status) = Status::ALL.get(selected) {
            effects.push(Effect::SetStatus(program, *status));
        }
        return;
    }
    if let Some(detail) = state.detail {
        let Some(p) = state
            .list
            .programs()
            .iter()
            .find(|p| p.id == detail.program)
        else {
            state.detail = None;
            return;
        };
        let field = Field::ALL[detail.selected.min(Field::ALL.len() - 1)];
        if field.is_choice() {
            let mut changed = p.clone();
            field.cycle(&mut changed);
            effects.push(Effect::UpdateProgram(Box::new(changed)));
        } else {
            let purpose = InputPurpose::EditField {
                program: p.id,
                field,
            };
            state.input = Some(Input::new(purpose, field.label(), &field.get(p)));
        }
    }
}

fn submit_input(state: &mut AppState, input: Input, effects: &mut Vec<Effect>) {
    let value = input.value();
    match input.purpose.clone() {
        InputPurpose::Filter => state.list.set_filter(&value),
        InputPurpose::ImportPath if value.trim().is_empty() => {}
        InputPurpose::ImportPath => effects.push(Effect::PreviewImport(expand_home(value.trim()))),
        InputPurpose::NewProgramName if value.trim().is_empty() => {
            state.error("A program needs a name.");
            state.input = Some(input);
        }
        InputPurpose::NewProgramName => {
            let guess = state.list.selected_state().map(|s| s.code()).unwrap_or("");
            let purpose = InputPurpose::NewProgramState {
                name: value.trim().to_string(),
            };
            state.input = Some(Input::new(purpose, "State (code or name)", guess));
        }
        InputPurpose::NewProgramState { name } => match UsState::parse(&value) {
            Some(us) => effects.push(Effect::InsertProgram(Box::new(Program::new(name, us)))),
            None => {
                state.error(format!(
                    "{:?} is not a U.S. state or territory.",
                    value.trim()
                ));
                state.input = Some(input);
            }
        },
        InputPurpose::EditField { program, field } => {
            let Some(p) = state.list.programs().iter().find(|p| p.id == program) else {
                return;
            };
            let mut changed = p.clone();
            match field.set(&mut changed, &value) {
                Ok(()) if changed == *p => {}
                Ok(()) => effects.push(Effect::UpdateProgram(Box::new(changed))),
                Err(message) => {
                    state.error(message);
                    state.input = Some(input);
                }
            }
        }
    }
}

/// "~/x.csv" means the home directory, as in a shell.
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

fn cancel(state: &mut AppState) {
    if let Some(input) = state.input.take() {
        if input.purpose == InputPurpose::Filter {
            state.list.set_filter("");
        }
    } else if state.popup.is_some() {
        state.popup = None;
    } else if state.detail.is_some() {
        state.detail = None;
    } else {
        // Esc in the list clears the search and every filter.
        state.list.set_filter("");
        state.list.set_filters(Default::default());
    }
}

fn apply_loaded(state: &mut AppState, loaded: ProgramLoaded) {
    state.log.program = Some(loaded.program);
    state.log.contacts = loaded.contacts;
    state.log.interactions = loaded.interactions;
    state.log.selected = 0;
    let draft = loaded.draft.unwrap_or(Draft {
        program_id: loaded.program,
        ..Draft::default()
    });
    let lines: Vec<String> = draft.body.lines().map(String::from).collect();
    state.draft.editor = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    state.draft.program = Some(loaded.program);
    state.draft.draft = draft;
}

/// After every action: if the selected program changed, ask for its rows.
fn sync_selection(state: &mut AppState, effects: &mut Vec<Effect>) {
    let selected = state.list.selected_program().map(|p| p.id);
    if selected == state.log.program || effects.iter().any(|e| matches!(e, Effect::Quit)) {
        return;
    }
    match selected {
        Some(id) => {
            // Clear first, so a failed load never shows another program's rows.
            state.log = Default::default();
            state.draft = Default::default();
            state.log.program = Some(id);
            effects.push(Effect::LoadProgram(id));
        }
        None => {
            state.log = Default::default();
            state.draft = Default::default();
        }
    }
}
