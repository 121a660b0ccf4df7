//! Application state and the pure reducer that changes it.
//!
//! `update(state, msg)` takes a [`Msg`](msg::Msg): a bindable
//! [`Command`](command::Command), raw [`UserInput`](msg::UserInput) (keys
//! for a text widget, clicks) or an [`Event`](event::Event) the runtime
//! reports back, and returns the effects to perform.
//!
//! Routing: `route::Layer` is the innermost open thing (input > popup >
//! form > pane), worked out once in `AppState::layer`; the keymap reads
//! its bindings from the same layer (`key_context`). A command goes to
//! that layer's handler, in the module that owns its state (the `Layer`
//! docs name each one: `Due` → `due::handle`, `Board` → `board::handle`…);
//! what it ignores falls to one global fallback (`route::global`: quit,
//! help, focus, the overlays). Events go to `events::apply`.

pub mod after_yes;
pub mod after_yes_edit;
pub mod board;
pub mod command;
pub mod compose;
pub mod derived;
pub mod draft;
pub mod draft_form;
pub mod due;
pub mod effect;
pub mod event;
pub mod events;
pub mod field_conflict;
pub mod filters;
pub mod fit;
pub mod forms;
mod forms_step;
pub mod import_review;
pub mod input;
pub mod jobs;
pub mod keymap;
pub mod keys;
pub mod list;
pub mod log;
pub mod mail_review;
pub mod mail_setup;
pub mod mail_sync;
pub mod mouse;
pub mod msg;
pub mod onboarding;
pub mod overlays;
pub mod route;
pub mod search;
pub mod sent;
pub mod tracking;
pub mod update;

#[cfg(test)]
pub mod fixtures;
#[cfg(test)]
pub mod fixtures_after_yes;
#[cfg(test)]
pub mod fixtures_fit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_after_yes;
#[cfg(test)]
mod tests_after_yes_edit;
#[cfg(test)]
mod tests_board;
#[cfg(test)]
mod tests_draft;
#[cfg(test)]
mod tests_due;
#[cfg(test)]
mod tests_field_conflict;
#[cfg(test)]
mod tests_fit;
#[cfg(test)]
mod tests_form_keys;
#[cfg(test)]
mod tests_import_review;
#[cfg(test)]
mod tests_letter;
#[cfg(test)]
mod tests_replies;
#[cfg(test)]
mod tests_route;
#[cfg(test)]
mod tests_sent;
#[cfg(test)]
mod tests_status;
#[cfg(test)]
mod tests_typed_text;

use ratatui_textarea::TextArea;

use crate::config::DateFormat;
use crate::domain::UsState;
use crate::domain::cadence::NextAction;
use crate::domain::states_overview::StateRow;
use crate::domain::{
    Contact, ContactId, Draft, DraftId, FollowUp, FollowUpId, Interaction, OpenFollowUp, Profile,
    ProgramId,
};
use effect::Effect;
use forms::{Form, FormTarget};
use keymap::Keymap;
use list::ProgramList;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Programs,
    Log,
    Draft,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::Programs, Pane::Log, Pane::Draft];
}

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// Mail to review (`R`): messages from a program's domain.
    Review {
        items: Vec<crate::domain::inbound::Proposal>,
        selected: usize,
    },
    /// A message with several lines (import problems, results).
    Info {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
    /// Asks before something destructive; `Confirm` runs the effect.
    Confirm {
        message: String,
        effect: Effect,
    },
    StatusPicker {
        program: ProgramId,
        selected: usize,
    },
    /// Composing: first pick who to write to, then the template.
    Compose {
        program: ProgramId,
        /// None until the contact step is done.
        contact: Option<Option<ContactId>>,
        selected: usize,
    },
    /// The pipeline board: cursor column (index into `Status::ALL`) and row.
    Board {
        column: usize,
        row: usize,
    },
    Stats {
        stats: Box<crate::domain::stats::Stats>,
        scroll: usize,
    },
    /// The document shelf, a checklist or the budget (`after_yes`), drawn
    /// from `AppState::plans`; `scroll` is the checklist's cursor.
    AfterYes {
        view: after_yes::AfterYesView,
        scroll: usize,
    },
    /// First-run welcome: the steps a new user needs.
    Welcome {
        selected: usize,
    },
    /// Rotations, then letters of recommendation.
    Tracking {
        selected: usize,
    },
    /// Follow-ups to chase; `selected` runs over items, not headings.
    Due {
        selected: usize,
    },
    /// When to follow up: a new follow-up, or snoozing an existing one.
    FollowUp {
        program: ProgramId,
        contact: Option<ContactId>,
        snoozing: Option<FollowUpId>,
        selected: usize,
    },
    /// Batch outreach: which template for the filtered programs?
    BatchTemplate {
        selected: usize,
    },
    /// The filter bar; `selected` indexes `FilterField::ALL`.
    FilterBar {
        selected: usize,
    },
    /// A question with a few answers, each carrying what it does (none for
    /// "cancel"): replace, open or keep a live draft; whether an
    /// interrupted send went out.
    Choose {
        title: String,
        lines: Vec<String>,
        options: Vec<(String, Option<Effect>)>,
        selected: usize,
    },
    /// Progress per state (`T`): done marks, and where to go next.
    States {
        selected: usize,
        rows: Vec<StateRow>,
        /// Suggested next states, best first (`suggest_next`).
        next: Vec<UsState>,
    },
}

/// What an open single-line input is for.
#[derive(Debug, Clone, PartialEq)]
pub enum InputPurpose {
    Filter,
    NewProgramName,
    ImportPath,
    ExportEmlPath {
        draft: DraftId,
    },
    FollowUpDate {
        program: ProgramId,
        contact: Option<ContactId>,
        snoozing: Option<FollowUpId>,
    },
    NewProgramState {
        name: String,
    },
    EditField {
        target: FormTarget,
        index: usize,
    },
    /// A quick note for the contact log ("phoned coordinator…").
    NewLogEntry,
    /// A field of the draft's header form.
    DraftHeader(crate::domain::DraftHeader),
    /// A document for the shelf: "KIND, OBTAINED[, EXPIRES]".
    NewDocument,
    /// The same, over a stored document.
    EditDocument(crate::domain::documents::DocumentId),
    /// "SUBMITTED, DECISION[, DECIDED]" for a program's application.
    ApplicationOutcome(crate::domain::ProgramId),
    /// A rotation's travel cost.
    Travel(crate::domain::RotationId),
    /// The state of every row of an import whose file has no state column.
    ImportState {
        request: Box<event::ImportRequest>,
    },
}

#[derive(Debug, Clone)]
pub struct Input {
    pub purpose: InputPurpose,
    pub label: String,
    pub text: TextArea<'static>,
    /// Why the text was refused, shown under the field until the next
    /// Enter: the prompt stays open with the text kept, to be fixed.
    pub error: Option<String>,
    /// A notes field: Enter is a new line, the text wraps, and a key of
    /// its own saves (`KeyContext::Notes`).
    pub multi_line: bool,
}

impl Input {
    /// A prompt offering `initial` (the current value, a guess): it is
    /// selected, as in a GUI text field or fzf's query, so the first typed
    /// character replaces it rather than appending ("KY" then `ky` is
    /// "ky", not "KYky"); an arrow, Home or End keeps it and moves the
    /// cursor (`input::typed`).
    pub fn new(purpose: InputPurpose, label: impl Into<String>, initial: &str) -> Input {
        let mut input = Input::continuing(purpose, label, initial);
        if !initial.is_empty() {
            input.text.select_all();
        }
        input
    }

    /// A prompt holding text the user is still writing (a path Tab just
    /// completed, a value sent back to be fixed): the cursor at its end and
    /// nothing selected, so typing carries on.
    pub fn continuing(purpose: InputPurpose, label: impl Into<String>, text: &str) -> Input {
        let mut text = TextArea::new(vec![text.to_string()]);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        Input {
            purpose,
            label: label.into(),
            text,
            error: None,
            multi_line: false,
        }
    }

    /// A multi-line field's editor, soft-wrapped as the draft body is,
    /// with the cursor at the end and nothing selected: typing adds to a
    /// note rather than replacing all of it.
    pub fn notes(purpose: InputPurpose, label: impl Into<String>, text: &str) -> Input {
        let mut input = Input::continuing(purpose, label, "");
        input.text = draft::body_editor(text);
        input.text.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.text.move_cursor(ratatui_textarea::CursorMove::End);
        input.multi_line = true;
        input
    }

    pub fn value(&self) -> String {
        let separator = if self.multi_line { "\n" } else { " " };
        self.text.lines().join(separator)
    }

    /// The same input, refused for `why` (shown under it).
    pub fn refused(mut self, why: impl Into<String>) -> Input {
        self.error = Some(why.into());
        self
    }
}

/// The right-top pane: the selected program's people and contact log.
/// `selected` runs over the contacts first, then the log entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogPane {
    pub program: Option<ProgramId>,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    /// The program's sent emails, newest first: a log entry that has one
    /// opens to the whole message.
    pub sent: Vec<crate::domain::SentMessage>,
    /// Open follow-ups.
    pub follow_ups: Vec<FollowUp>,
    /// Pipeline moves, shown in the log between the entries.
    pub status_changes: Vec<crate::domain::StatusChange>,
    pub selected: usize,
}

/// The right-bottom pane: the selected program's working draft.
#[derive(Debug, Default)]
pub struct DraftPane {
    pub program: Option<ProgramId>,
    pub draft: Draft,
    /// The body only: headers live in `draft` and are edited through
    /// the header form, one field at a time.
    pub editor: TextArea<'static>,
    /// Typing goes into the text; otherwise keys are draft commands.
    pub editing: bool,
    /// The header form's selected field; `None` is the body.
    pub header: Option<crate::domain::DraftHeader>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMsg {
    pub text: String,
    pub is_error: bool,
}

#[derive(Debug, Default)]
pub struct AppState {
    pub list: ProgramList,
    pub focus: Pane,
    pub popup: Option<Popup>,
    /// The overlay a confirmation was asked from, shown again once the
    /// question is answered either way (deleting a rotation in `L` keeps
    /// `L` open). None: answering closes the question only.
    pub confirm_returns_to: Option<Popup>,
    /// The import preview's mapping step, beside the confirmation that
    /// imports (see `import_review`): read it through `reviewing`.
    pub import_review: Option<Box<import_review::ImportReview>>,
    /// The overlay a form was opened from, shown again when Esc closes the
    /// form (a program opened on the board goes back to the board).
    pub form_returns_to: Option<Popup>,
    pub form: Option<Form>,
    pub profile: Profile,
    pub input: Option<Input>,
    pub log: LogPane,
    pub draft: DraftPane,
    pub status: Option<StatusMsg>,
    pub keymap: Keymap,
    pub quitting: bool,
    /// The time the runtime last saw; new log entries are stamped with it,
    /// so the reducer never reads the clock itself.
    pub now: chrono::DateTime<chrono::Utc>,
    /// Names of the email templates available to compose from.
    pub templates: Vec<String>,
    /// The user's local date, set by the runtime (and at midnight).
    pub today: chrono::NaiveDate,
    /// Every open follow-up, soonest first.
    pub due: Vec<OpenFollowUp>,
    /// Each program's next step ("follow up 3 Dec"), shown on its row.
    pub next_actions: std::collections::HashMap<ProgramId, NextAction>,
    /// The SMTP setup form's values while they are being filled in.
    pub smtp_form: Option<crate::mail::SmtpConfig>,
    /// Sending is set up (config.toml has a valid [smtp]).
    pub smtp_configured: bool,
    /// What went wrong loading the settings (config.toml, the templates),
    /// kept so the welcome can list it as well as the start-up message.
    pub settings_problems: Vec<String>,
    pub rotations: Vec<crate::domain::Rotation>,
    pub letters: Vec<crate::domain::Letter>,
    /// Programs' terms, rotations, applications, the shelf and costs, as
    /// last loaded (`Effect::LoadPlans`): the after-yes overlays and the
    /// readiness on rows read them.
    pub plans: crate::domain::readiness::Plans,
    /// Settings the after-yes overlays show by (from the config).
    pub currency: String,
    pub warn_days: u32,
    /// How dates show (from the config).
    pub date_format: DateFormat,
    /// Where the last frame drew each pane, for mouse clicks.
    pub areas: mouse::PaneAreas,
    /// States the user has marked done, sorted (loaded at start-up).
    pub states_done: Vec<UsState>,
    /// Stored program rows that could not be read at start-up, left out
    /// of the list; `!` shows them (`overlays::needs_repair`).
    pub needs_repair: Vec<crate::domain::repair::NeedsRepair>,
    /// Work running in the background (a send, an import), for the footer.
    pub jobs: jobs::JobsView,
    /// A record created to open its form (`p` a contact, `r` a rotation,
    /// `a` a letter) whose form has not had a field confirmed yet: Esc
    /// (or quitting) deletes it again, so only a confirmed form keeps one.
    pub unconfirmed: Option<FormTarget>,
    /// The terminal's size as the runtime last reported it (columns,
    /// rows); `None` until it does, which counts as big enough.
    pub screen_size: Option<(u16, u16)>,
    /// Reading replies over IMAP: set up or not, last sync, new replies.
    pub mail_sync: mail_sync::MailSync,
}

/// Smallest terminal the layout is designed for. Below it the screen shows
/// only "Terminal too small", so every key but quit is dropped: acting on
/// keys the user cannot see the result of deletes things unseen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Whether a terminal of this size is too small to draw the app in.
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

impl LogPane {
    /// The contact under the cursor, when the cursor is on a contact.
    pub fn selected_contact(&self) -> Option<&Contact> {
        self.contacts.get(self.selected)
    }

    /// The log entry under the cursor, when the cursor is on one.
    pub fn selected_interaction(&self) -> Option<&Interaction> {
        self.selected
            .checked_sub(self.contacts.len())
            .and_then(|i| self.interactions.get(i))
    }

    /// Selectable rows: contacts, then log entries.
    pub fn row_count(&self) -> usize {
        self.contacts.len() + self.interactions.len()
    }
}

impl AppState {
    pub fn new(list: ProgramList) -> AppState {
        AppState {
            list,
            ..AppState::default()
        }
    }

    /// The terminal is too small to show the app (see [`too_small`]).
    pub fn too_small(&self) -> bool {
        self.screen_size.is_some_and(|(w, h)| too_small(w, h))
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMsg {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMsg {
            text: text.into(),
            is_error: true,
        });
    }
}
