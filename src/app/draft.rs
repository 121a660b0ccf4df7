//! The draft pane: the selected program's working email. As a pane it
//! takes draft commands (send, export, copy…, carried out in `compose`);
//! while typing, keys go into the text and only Esc and Tab are commands.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::command::Command;
use super::compose;
use super::effect::Effect;
use super::route::Handled;
use super::{AppState, Pane};
use crate::domain::Draft;

/// Commands while the draft pane has focus (not typing). Esc, back to
/// the list, is a focus command: the global fallback's.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::EditDraft if state.draft.draft.status == crate::domain::DraftStatus::Sent => state
            .info(
                "This email went out and stays as it went: c composes a new one, s sends it again.",
            ),
        Command::EditDraft if state.draft.program.is_some() => state.draft.editing = true,
        Command::EditDraft => state.info("Select a program first: its draft opens here."),
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

/// Commands while typing in the draft (focus keys fall through to the
/// global fallback).
pub fn editor(state: &mut AppState, cmd: Command, _effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::StopEditing => state.draft.editing = false,
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

/// A key typed into the draft: the text changes and is saved.
pub fn typed(state: &mut AppState, key: KeyEvent, effects: &mut Vec<Effect>) {
    let sent = state.draft.draft.status == crate::domain::DraftStatus::Sent;
    if state.draft.program.is_some() && !sent && state.draft.editor.input(key) {
        let text = state.draft.editor.lines().join("\n");
        state.draft.draft.apply_text(&text);
        effects.push(Effect::SaveDraft(Box::new(state.draft.draft.clone())));
    }
}

/// The autosave landed: keep its id and time.
pub fn saved(state: &mut AppState, d: Draft) {
    if state.draft.program == Some(d.program_id) {
        state.draft.draft.id = d.id;
        state.draft.draft.updated_at = d.updated_at;
    }
}

/// A draft rendered from a template: it opens for reading and typing.
pub fn composed(state: &mut AppState, d: Draft) {
    show(
        state,
        d,
        "Draft composed and saved. Read it through, then Esc and s to send.",
    );
}

/// The person's live draft, opened instead of composing another.
pub fn opened(state: &mut AppState, d: Draft) {
    show(
        state,
        d,
        "Opened the draft already there. Esc, then s to send it.",
    );
}

fn show(state: &mut AppState, d: Draft, message: &str) {
    if state.draft.program == Some(d.program_id) {
        let text = d.to_text();
        state.draft.editor = TextArea::new(text.split('\n').map(String::from).collect());
        state.draft.draft = d;
        state.focus = Pane::Draft;
        state.draft.editing = true;
        state.info(message);
    }
}
