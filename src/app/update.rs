//! `update(&mut AppState, msg) -> Vec<Effect>`: the whole behaviour of
//! the app, with no I/O. The runtime performs the returned effects.
//!
//! A command goes to the open layer (`route`), raw input to the widget
//! it is for, an event to `events`. After each message the selection's
//! rows are requested if the selection moved.

use ratatui::style::{Modifier, Style};

use super::effect::Effect;
use super::msg::{Msg, UserInput};
use super::{AppState, Pane};
use super::{draft, due, events, fit, input, mouse, route};

pub fn update(state: &mut AppState, msg: impl Into<Msg>) -> Vec<Effect> {
    let msg = msg.into();
    let mut effects = Vec::new();
    if state.too_small() && !msg.acts_while_too_small() {
        return effects;
    }
    if msg.clears_status() {
        state.status = None;
    }
    match msg {
        Msg::Command(cmd) => {
            route::route(state, cmd, &mut effects);
        }
        Msg::Input(raw) => user_input(state, raw, &mut effects),
        Msg::Event(event) => events::apply(state, event, &mut effects),
    }
    fit::keep_fresh(state);
    sync_selection(state, &mut effects);
    style_editor(state);
    effects
}

/// Raw input goes to the widget it was made for.
fn user_input(state: &mut AppState, raw: UserInput, effects: &mut Vec<Effect>) {
    match raw {
        UserInput::EditorKey(key) => draft::typed(state, key, effects),
        UserInput::InputKey(key) => input::typed(state, key),
        UserInput::Click { .. } | UserInput::Scroll { .. } => mouse::handle(state, &raw),
    }
}

/// The draft editor shows its cursor only while it has focus.
fn style_editor(state: &mut AppState) {
    if state.focus != Pane::Draft || state.draft.program.is_none() {
        state.draft.editing = false;
    }
    let cursor = if state.focus == Pane::Draft && state.draft.editing && state.form.is_none() {
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
    effects.push(Effect::LoadDue);
    effects.push(Effect::LoadNextActions(due::briefs(state)));
    effects.push(Effect::LoadTracking);
    effects.push(Effect::LoadPlans(super::after_yes::AfterYesView::Refresh));
    // What a `usce import` left in the log goes into the file off this
    // thread, before an edit here would have to do it.
    effects.push(Effect::Checkpoint);
    // A usce killed mid-send left its row in flight: settle it first.
    effects.push(Effect::SettleInterrupted);
    // Replies that came in while usce was closed.
    if state.mail_sync.configured {
        state.mail_sync.last_started = Some(state.now);
        effects.push(Effect::SyncMail);
    }
    style_editor(state);
    effects
}

/// Selects a program in the list, clearing the search and filters if they
/// hide it, and loads its rows.
pub(super) fn show_program(
    state: &mut AppState,
    id: crate::domain::ProgramId,
    effects: &mut Vec<Effect>,
) {
    state.list.select_program(id);
    if state.list.selected_program().map(|p| p.id) != Some(id) {
        state.list.set_filter("");
        state.list.set_filters(Default::default());
        let folded = state
            .list
            .programs()
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.state);
        if let Some(state_code) = folded.filter(|s| state.list.is_collapsed(*s)) {
            state.list.toggle_group(state_code);
        }
        state.list.select_program(id);
    }
    state.focus = Pane::Programs;
    sync_selection(state, effects);
}

/// After every message: if the selected program changed, ask for its rows.
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
