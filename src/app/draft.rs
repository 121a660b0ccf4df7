//! The draft pane: the selected program's working email, a header form
//! (To, Cc, Subject, Attach; see `draft_form`) above the body. As a pane
//! it takes draft commands (send, export, copy…, carried out in
//! `compose`); while typing, keys go into the body and only Esc, Tab and
//! undo/redo are commands.

use crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

use super::command::Command;
use super::compose;
use super::draft_form;
use super::effect::{AttachCheck, Effect};
use super::route::Handled;
use super::{AppState, Pane};
use crate::domain::{Draft, DraftStatus};

/// Commands while the draft pane has focus (not typing). Esc, back to
/// the list, is a focus command: the global fallback's.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::EditDraft if state.draft.program.is_none() => {
            state.info("Select a program first: its draft opens here.")
        }
        // A sent email stays as it went (the store refuses changes too).
        Command::EditDraft if state.draft.draft.status == DraftStatus::Sent => state.info(
            "This email went out and stays as it went: c composes a new one, s sends it again.",
        ),
        Command::EditDraft => match state.draft.header {
            Some(header) => draft_form::edit(state, header),
            None => state.draft.editing = true,
        },
        Command::Up | Command::Down if state.draft.program.is_some() => {
            draft_form::select(state, cmd == Command::Up)
        }
        Command::Compose => compose::start(state),
        Command::SendDraft => compose::send(state),
        Command::ToggleReady => compose::toggle_ready(state, effects),
        Command::ExportEml => compose::export_eml(state),
        Command::CopyDraft => compose::copy(state, effects),
        Command::MailTo => compose::mailto(state, effects),
        Command::ExternalEditor => compose::external_editor(state, effects),
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

/// Commands while typing in the body (focus keys fall through to the
/// global fallback).
pub fn editor(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::StopEditing => state.draft.editing = false,
        Command::Undo => {
            if state.draft.editor.undo() {
                body_changed(state, effects);
            }
        }
        Command::Redo => {
            if state.draft.editor.redo() {
                body_changed(state, effects);
            }
        }
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

/// A key typed into the body: the text changes and is saved.
pub fn typed(state: &mut AppState, key: KeyEvent, effects: &mut Vec<Effect>) {
    let Some(key) = body_key(key) else {
        return;
    };
    let sent = state.draft.draft.status == DraftStatus::Sent;
    if state.draft.program.is_some() && !sent && state.draft.editor.input(key) {
        body_changed(state, effects);
    }
}

/// A typed (or pasted) character as the body takes it: a line break of
/// any kind (U+2028, U+2029, NEL…) starts a new line as Enter does, a
/// stray control is nothing (`domain::text::multi_line`'s rules).
fn body_key(key: KeyEvent) -> Option<KeyEvent> {
    use crate::domain::text::{is_line_break, is_stray_control};
    use crossterm::event::KeyCode;
    match key.code {
        KeyCode::Char(c) if is_stray_control(c) => None,
        KeyCode::Char(c) if is_line_break(c) => Some(KeyEvent {
            code: KeyCode::Enter,
            ..key
        }),
        _ => Some(key),
    }
}

/// The editor's text is the body, and only the body: every change is
/// saved at once (a crash loses at most the key in flight).
fn body_changed(state: &mut AppState, effects: &mut Vec<Effect>) {
    if state.draft.program.is_none() {
        return;
    }
    state.draft.draft.body = state.draft.editor.lines().join("\n");
    effects.push(Effect::SaveDraft(Box::new(state.draft.draft.clone())));
}

/// An editor holding `body`, soft-wrapped at word boundaries (a word wider
/// than the pane breaks), with the cursor on the body's first line.
pub fn body_editor(body: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(body.split('\n').map(String::from).collect());
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor
}

/// Shows `d` in the pane: its body in a fresh editor, the body selected.
pub fn open(state: &mut AppState, d: Draft) {
    state.draft.editor = body_editor(&d.body);
    state.draft.program = Some(d.program_id);
    state.draft.draft = d;
    state.draft.header = None;
}

/// The autosave landed: keep its id and time.
pub fn saved(state: &mut AppState, d: Draft) {
    if state.draft.program == Some(d.program_id) {
        state.draft.draft.id = d.id;
        state.draft.draft.updated_at = d.updated_at;
    }
}

/// A draft rendered from a template: it opens for typing, the cursor on
/// the first line of the body, and its files are checked now.
pub fn composed(state: &mut AppState, d: Draft, effects: &mut Vec<Effect>) {
    let message = "Draft composed and saved. Read it through, then Esc and s to send.";
    show(state, d, message, effects);
}

/// The person's live draft, opened instead of composing a second one.
pub fn opened(state: &mut AppState, d: Draft, effects: &mut Vec<Effect>) {
    show(
        state,
        d,
        "Opened the draft already there. Esc, then s to send it.",
        effects,
    );
}

fn show(state: &mut AppState, d: Draft, message: &str, effects: &mut Vec<Effect>) {
    if state.draft.program == Some(d.program_id) {
        let paths = d.attachment_paths(&state.profile);
        let program = d.program_id;
        open(state, d);
        state.focus = Pane::Draft;
        state.draft.editing = true;
        state.info(message);
        if !paths.is_empty() {
            effects.push(Effect::CheckAttachments {
                paths,
                why: AttachCheck::Composed(program),
            });
        }
    }
}
