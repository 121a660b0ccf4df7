//! The one-line input (search, prompts, a form field being typed): keys
//! typed into it, and Enter, Esc, Tab and Ctrl-U. Enter hands the text to
//! what opened the input (`InputPurpose`); text that will not do keeps
//! the input open, the text as typed, with the reason under it.

use crossterm::event::KeyEvent;

use super::command::Command;
use super::effect::Effect;
use super::forms;
use super::route::Handled;
use super::{AppState, Input, InputPurpose};
use super::{draft_form, due, log, onboarding};
use crate::domain::Program;
use crate::domain::fields::parse;

/// Commands while an input is open.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::Submit => {
            if let Some(input) = state.input.take() {
                submit(state, input, effects);
            }
        }
        Command::Cancel => cancel(state),
        Command::Complete => onboarding::complete(state, effects),
        Command::ClearInput => {
            if let Some(input) = &mut state.input {
                input.text.delete_line_by_head();
                input_changed(state);
            }
        }
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

/// A key typed into the input. A character replaces a selected
/// pre-filled value (the text widget deletes the selection first); a
/// cursor move without Shift keeps the value and only moves the cursor.
pub fn typed(state: &mut AppState, key: KeyEvent) {
    let multi_line = state.input.as_ref().is_some_and(|i| i.multi_line);
    let key = if multi_line {
        notes_key(key)
    } else {
        one_line_key(key)
    };
    let Some(key) = key else {
        return;
    };
    if let Some(input) = &mut state.input {
        if moves_cursor(&key) {
            // The widget leaves the selection on when the cursor cannot
            // move (Right or End at the end), and a later character would
            // then still replace everything.
            input.text.cancel_selection();
        }
        input.text.input(key);
        input_changed(state);
    }
}

/// A typed (or pasted) character as a one-line input takes it: a line
/// break or tab is a space, a stray control nothing (the rules of
/// `domain::text::one_line`, so the input shows what will be stored).
fn one_line_key(key: KeyEvent) -> Option<KeyEvent> {
    use crate::domain::text::{is_line_break, is_stray_control};
    use crossterm::event::KeyCode;
    match key.code {
        KeyCode::Char(c) if is_stray_control(c) => None,
        KeyCode::Char(c) if c == '\t' || is_line_break(c) => Some(KeyEvent {
            code: KeyCode::Char(' '),
            ..key
        }),
        _ => Some(key),
    }
}

/// A key for a notes field: line breaks are kept (Enter is one), stray
/// controls dropped (the rules of `domain::text::multi_line`).
fn notes_key(key: KeyEvent) -> Option<KeyEvent> {
    use crossterm::event::KeyCode;
    match key.code {
        KeyCode::Char(c) if crate::domain::text::is_stray_control(c) => None,
        _ => Some(key),
    }
}

fn moves_cursor(key: &KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    let movement = matches!(
        key.code,
        KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down | KeyCode::Home | KeyCode::End
    );
    movement && !key.modifiers.contains(KeyModifiers::SHIFT)
}

/// A search narrows the list as it is typed.
fn input_changed(state: &mut AppState) {
    if let Some(input) = &state.input
        && input.purpose == InputPurpose::Filter
    {
        let text = input.value();
        state.list.set_filter(&text);
    }
}

/// Esc: close the input; a search closed this way is cleared.
fn cancel(state: &mut AppState) {
    if let Some(input) = state.input.take()
        && input.purpose == InputPurpose::Filter
    {
        state.list.set_filter("");
    }
}

/// Enter: the text goes to what asked for it. On a mistake the input
/// stays open (with the text as typed) and says why under the field.
fn submit(state: &mut AppState, input: Input, effects: &mut Vec<Effect>) {
    // A pre-filled value may hold what older versions stored raw.
    let value = if input.multi_line {
        crate::domain::text::multi_line(&input.value())
    } else {
        crate::domain::text::one_line(&input.value())
    };
    let trimmed = value.trim();
    let result = match input.purpose.clone() {
        InputPurpose::Filter => {
            state.list.set_filter(&value);
            Ok(())
        }
        InputPurpose::ExportEmlPath { draft } => parse::path(trimmed)
            .map(|path| {
                if !path.is_empty() {
                    let path = expand_home(&path);
                    effects.push(Effect::ExportEml { draft, path });
                }
            })
            .map_err(String::from),
        InputPurpose::FollowUpDate {
            program,
            contact,
            snoozing,
        } => due::date_typed(state, &value, (program, contact, snoozing), effects),
        InputPurpose::ImportPath => parse::path(trimmed)
            .map(|path| {
                if !path.is_empty() {
                    effects.push(Effect::PreviewImport(expand_home(&path)));
                }
            })
            .map_err(String::from),
        InputPurpose::ImportState { request } => {
            super::import_review::state_typed(&request, &value, effects)
        }
        InputPurpose::NewProgramName => program_named(state, trimmed),
        InputPurpose::NewProgramState { name } => parse::state(&value)
            .map(|us| {
                effects.push(Effect::InsertProgram(Box::new(Program::new(name, us))));
            })
            .map_err(String::from),
        InputPurpose::EditField { target, index } => {
            forms::field_typed(state, target, index, &value, effects)
        }
        InputPurpose::NewLogEntry => {
            log::add_entry(state, &value, effects);
            Ok(())
        }
        InputPurpose::DraftHeader(header) => draft_form::typed(state, header, &value, effects),
        InputPurpose::NewDocument => super::after_yes::document_typed(trimmed, effects),
        InputPurpose::EditDocument(id) => {
            super::after_yes_edit::document_edited(state, id, trimmed, effects)
        }
        InputPurpose::ApplicationOutcome(program) => {
            super::after_yes_edit::outcome_typed(state, program, trimmed, effects)
        }
        InputPurpose::Travel(rotation) => {
            super::after_yes_edit::travel_typed(rotation, trimmed, effects)
        }
    };
    if let Err(message) = result {
        // Under the field (the footer hides the status line while a
        // prompt is open), and in the status line once it closes.
        state.error(message.clone());
        state.input = Some(input.refused(message));
    }
}

/// The new program's name: next, its state (guessed from the list).
fn program_named(state: &mut AppState, name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("A program needs a name.".into());
    }
    let guess = state.list.selected_state().map(|s| s.code()).unwrap_or("");
    let purpose = InputPurpose::NewProgramState {
        name: name.to_string(),
    };
    state.input = Some(Input::new(purpose, "State (code or name)", guess));
    Ok(())
}

/// "~/x.csv" means the home directory, as in a shell.
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}
