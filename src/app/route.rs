//! Where a command goes: to the innermost open thing (input > popup >
//! form > pane), decided here and nowhere else. The keymap asks the same
//! question (`AppState::key_context`), so the keys a context binds and
//! the handler that answers them are found from one [`Layer`].
//!
//! Each layer's handler lives in the module that owns its state and
//! answers [`Handled::Consumed`] or [`Handled::Ignored`] (helix's
//! compositor, gitui's `EventState`). What the layer ignores goes to
//! [`global`]: quitting, help, focus and opening the overlays, which mean
//! the same wherever they are bound.

use super::command::Command;
use super::effect::Effect;
use super::forms::{Form, FormTarget};
use super::keymap::KeyContext;
use super::{AppState, Pane, Popup};
use super::{
    board, compose, draft, due, filters, fit, forms, import_review, input, jobs, list, log,
    onboarding, overlays, tracking,
};

/// The innermost open thing: it answers commands first. Each variant's
/// doc names its handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// A one-line input (search, prompt, field): `input::handle`.
    Input,
    /// Help, an info message or the statistics: `overlays::scrolling`.
    Help,
    /// "Are you sure?": `overlays::confirm`.
    Confirm,
    /// The import preview's mapping step: `import_review::handle`.
    ImportReview,
    /// The status picker: `board::status_picker`.
    StatusPicker,
    /// Compose: contact, then template: `compose::picker`.
    ComposePicker,
    /// Batch outreach's template: `compose::batch_picker`.
    BatchPicker,
    /// When to follow up: `due::follow_up_picker`.
    FollowUpPicker,
    /// A question with a few answers: `overlays::choose`.
    Choose,
    /// The first-run welcome: `onboarding::handle`.
    Welcome,
    /// The filter bar: `filters::bar`.
    FilterBar,
    /// The Due view: `due::handle`.
    Due,
    /// The pipeline board: `board::handle`.
    Board,
    /// Rotations and letters: `tracking::handle`.
    Tracking,
    /// The states overview: `fit::states`.
    States,
    /// Mail to review: `mail_review::handle`.
    Review,
    /// A detail form (also over the tracking screen): `forms::handle`.
    Form,
    /// The program list: `list::pane::handle`.
    Programs,
    /// The contact log: `log::handle`.
    Log,
    /// The draft pane: `draft::handle`.
    Draft,
    /// The draft pane while typing: `draft::editor`.
    Editor,
}

/// Whether a handler answered a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Consumed,
    /// Not this layer's: the global fallback gets it.
    Ignored,
}

impl AppState {
    /// The layer that answers commands now: the innermost thing open.
    pub fn layer(&self) -> Layer {
        if self.input.is_some() {
            return Layer::Input;
        }
        match (&self.popup, self.form) {
            (Some(Popup::Info { .. }), _) if self.reviewing().is_some() => Layer::ImportReview,
            (
                Some(
                    Popup::Help { .. }
                    | Popup::Info { .. }
                    | Popup::Stats { .. }
                    | Popup::AfterYes { .. },
                ),
                _,
            ) => Layer::Help,
            (Some(Popup::Confirm { .. }), _) if self.reviewing().is_some() => Layer::ImportReview,
            (Some(Popup::Confirm { .. }), _) => Layer::Confirm,
            (Some(Popup::StatusPicker { .. }), _) => Layer::StatusPicker,
            (Some(Popup::Compose { .. }), _) => Layer::ComposePicker,
            (Some(Popup::BatchTemplate { .. }), _) => Layer::BatchPicker,
            (Some(Popup::FollowUp { .. }), _) => Layer::FollowUpPicker,
            (Some(Popup::Choose { .. }), _) => Layer::Choose,
            (Some(Popup::Welcome { .. }), _) => Layer::Welcome,
            (Some(Popup::FilterBar { .. }), _) => Layer::FilterBar,
            (Some(Popup::Due { .. }), _) => Layer::Due,
            (Some(Popup::Board { .. }), _) => Layer::Board,
            // A rotation's or letter's form opens over the tracking screen.
            (Some(Popup::Tracking { .. }), Some(_)) => Layer::Form,
            (Some(Popup::Tracking { .. }), None) => Layer::Tracking,
            (Some(Popup::States { .. }), _) => Layer::States,
            (Some(Popup::Review { .. }), _) => Layer::Review,
            (None, Some(_)) => Layer::Form,
            (None, None) => match self.focus {
                Pane::Programs => Layer::Programs,
                Pane::Log => Layer::Log,
                Pane::Draft if self.draft.editing => Layer::Editor,
                Pane::Draft => Layer::Draft,
            },
        }
    }

    /// Which key bindings apply now: those of the layer's context.
    pub fn key_context(&self) -> KeyContext {
        // The too-small screen says "press q to quit": keys resolve as
        // nowhere in particular, so q quits even with a text input open.
        if self.too_small() {
            return KeyContext::Global;
        }
        match self.layer() {
            // A notes field is typed in the same input, with Enter a new line.
            Layer::Input if self.input.as_ref().is_some_and(|i| i.multi_line) => KeyContext::Notes,
            layer => layer.key_context(),
        }
    }
}

impl Layer {
    /// Every layer, innermost first (the order `AppState::layer` checks).
    pub const ALL: [Layer; 21] = [
        Layer::Input,
        Layer::Help,
        Layer::Confirm,
        Layer::ImportReview,
        Layer::StatusPicker,
        Layer::ComposePicker,
        Layer::BatchPicker,
        Layer::FollowUpPicker,
        Layer::Choose,
        Layer::Welcome,
        Layer::FilterBar,
        Layer::Due,
        Layer::Board,
        Layer::Tracking,
        Layer::States,
        Layer::Review,
        Layer::Form,
        Layer::Programs,
        Layer::Log,
        Layer::Draft,
        Layer::Editor,
    ];

    /// The `[keys.<context>]` table whose bindings reach this layer.
    pub fn key_context(self) -> KeyContext {
        match self {
            Layer::Input => KeyContext::Input,
            Layer::Help => KeyContext::Help,
            Layer::Confirm | Layer::ImportReview => KeyContext::Confirm,
            Layer::StatusPicker
            | Layer::ComposePicker
            | Layer::BatchPicker
            | Layer::FollowUpPicker
            | Layer::Choose
            | Layer::Welcome => KeyContext::Picker,
            Layer::FilterBar => KeyContext::FilterBar,
            Layer::Due => KeyContext::Due,
            Layer::Board => KeyContext::Board,
            Layer::Tracking => KeyContext::Tracking,
            Layer::States => KeyContext::States,
            Layer::Review => KeyContext::Review,
            Layer::Form => KeyContext::Form,
            Layer::Programs => KeyContext::Programs,
            Layer::Log => KeyContext::Log,
            Layer::Draft => KeyContext::Draft,
            Layer::Editor => KeyContext::Editor,
        }
    }
}

/// Hands a command to the open layer, then to the global fallback;
/// Ignored when neither answered it (the command is dropped).
pub fn route(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let handle = match state.layer() {
        Layer::Input => input::handle,
        Layer::Help => overlays::scrolling,
        Layer::Confirm => overlays::confirm,
        Layer::ImportReview => import_review::handle,
        Layer::StatusPicker => board::status_picker,
        Layer::ComposePicker => compose::picker,
        Layer::BatchPicker => compose::batch_picker,
        Layer::FollowUpPicker => due::follow_up_picker,
        Layer::Choose => overlays::choose,
        Layer::Welcome => onboarding::handle,
        Layer::FilterBar => filters::bar,
        Layer::Due => due::handle,
        Layer::Board => board::handle,
        Layer::Tracking => tracking::handle,
        Layer::States => fit::states,
        Layer::Review => super::mail_review::handle,
        Layer::Form => forms::handle,
        Layer::Programs => list::pane::handle,
        Layer::Log => log::handle,
        Layer::Draft => draft::handle,
        Layer::Editor => draft::editor,
    };
    match handle(state, cmd, effects) {
        Handled::Consumed => Handled::Consumed,
        Handled::Ignored => global(state, cmd, effects),
    }
}

/// Commands that mean the same wherever they are bound.
fn global(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::Quit => {
            // A new record whose form was never confirmed goes, as on Esc.
            forms::discard_unconfirmed(state, effects);
            state.quitting = true;
            effects.push(Effect::Quit);
        }
        Command::Help => state.popup = Some(Popup::Help { scroll: 0 }),
        Command::FocusNext => state.focus = cycle_focus(state.focus, 1),
        Command::FocusPrev => state.focus = cycle_focus(state.focus, -1),
        Command::LeaveEditor => state.focus = Pane::Programs,
        Command::Profile => {
            state.form = Some(Form {
                target: FormTarget::Profile,
                selected: 0,
            })
        }
        Command::Due => due::open(state, effects),
        Command::Board => board::open(state),
        Command::Stats => effects.push(Effect::LoadStats),
        Command::NeedsRepair => overlays::needs_repair(state),
        Command::Documents => {
            super::after_yes::open(super::after_yes::AfterYesView::Documents, effects)
        }
        Command::Budget => super::after_yes::open(super::after_yes::AfterYesView::Budget, effects),
        Command::Checklist => super::after_yes::open_checklist(state, effects),
        Command::Tracking => tracking::open(state, effects),
        Command::Welcome => onboarding::open(state),
        Command::StatesOverview => fit::open_states(state),
        // Re-reading the database does not depend on what is selected.
        Command::Reload => effects.push(Effect::ReloadPrograms),
        // A background job runs whatever is on screen.
        Command::CancelJob => jobs::cancel(state, effects),
        Command::SyncMail => super::mail_sync::start(state, effects),
        Command::ReviewMail => effects.push(Effect::LoadProposals),
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

fn cycle_focus(focus: Pane, step: isize) -> Pane {
    let i = Pane::ORDER.iter().position(|p| *p == focus).unwrap_or(0) as isize;
    Pane::ORDER[(i + step).rem_euclid(Pane::ORDER.len() as isize) as usize]
}

/// Where a movement command puts a cursor at `cur` over `len` rows, for
/// a page of `page` rows; None for any other command.
pub fn step(cmd: Command, cur: usize, len: usize, page: isize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1) as usize;
    Some(match cmd {
        Command::Up => cur.saturating_sub(1),
        Command::Down => (cur + 1).min(last),
        Command::Top => 0,
        Command::Bottom => last,
        Command::PageUp => cur.saturating_sub(page),
        Command::PageDown => (cur + page).min(last),
        _ => return None,
    })
}

/// Moves a popup's cursor if `cmd` is a movement; the answer for a
/// handler to return.
pub fn move_cursor(cmd: Command, selected: &mut usize, len: usize, page: isize) -> Handled {
    match step(cmd, *selected, len, page) {
        Some(n) => {
            *selected = n;
            Handled::Consumed
        }
        None => Handled::Ignored,
    }
}

/// Esc in a popup: close it (what is below shows again).
pub fn close_popup(state: &mut AppState) -> Handled {
    state.popup = None;
    Handled::Consumed
}
