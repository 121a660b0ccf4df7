//! Everything the user (or a finished effect) can ask the app to do.
//!
//! User-facing variants are rebindable by their snake_case names; internal
//! variants (raw keys for text inputs, results fed back by the runtime) are
//! `#[serde(skip)]` so no config file can name them.

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use serde::{Deserialize, Serialize};

use super::effect::Effect;
use crate::domain::{
    Contact, ContactId, Draft, FollowUp, Interaction, InteractionId, OpenFollowUp, Profile,
    Program, ProgramId, UsState,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    ToggleGroup,
    ToggleAllGroups,
    OpenDetail,
    AddProgram,
    /// Delete what is selected (program, contact, log entry); asks first.
    Delete,
    NewLogEntry,
    NewContact,
    /// Open the applicant profile form.
    Profile,
    /// Start typing in the draft pane.
    EditDraft,
    /// Stop typing; keys become draft commands again.
    StopEditing,
    /// Compose a draft from a template (pick the contact, then the template).
    Compose,
    /// Send the draft by SMTP (asks first).
    SendDraft,
    /// Write the draft to a .eml file.
    ExportEml,
    /// Copy the draft's body to the clipboard (OSC 52).
    CopyDraft,
    /// Open the draft in the system mail app (mailto:).
    MailTo,
    /// Edit the draft in $VISUAL / $EDITOR.
    ExternalEditor,
    /// Mark the draft ready to send, or back to draft.
    ToggleReady,
    /// Open the program's website in the browser.
    OpenWebsite,
    /// Email every program in the filtered list from one template.
    BatchOutreach,
    /// The Due view: follow-ups overdue, today, this week, later.
    Due,
    /// Schedule a follow-up for the selected program.
    AddFollowUp,
    /// Mark the selected follow-up done.
    MarkDone,
    /// Postpone the selected follow-up.
    Snooze,
    /// The pipeline board: a column per status.
    Board,
    /// Outreach statistics per state.
    Stats,
    /// Board: previous / next column.
    Left,
    Right,
    /// Board: move the program to the next / previous status.
    Promote,
    Demote,
    /// The first-run welcome (profile, import, samples, sending).
    Welcome,
    /// Tab in the import prompt: complete the file name.
    Complete,
    /// Rotations and letters of recommendation.
    Tracking,
    AddRotation,
    AddLetter,
    SetStatus,
    Filter,
    /// Open the structured filter bar (state, specialty, visa…).
    FilterBar,
    NextValue,
    PrevValue,
    ClearValue,
    RemoveSamples,
    /// Import a CSV file (asks for the path, previews, then confirms).
    Import,
    /// Re-read programs from the database (sees another usce's changes).
    Reload,
    /// Empty a one-line input up to the cursor (Ctrl-U, as in a shell).
    ClearInput,
    /// Edit the field under the cursor (detail view) or accept a choice.
    Submit,
    /// Close the innermost overlay, prompt or filter.
    Cancel,
    /// Answer "yes" to a confirmation.
    Confirm,
    /// Leave the draft editor for the program list.
    LeaveEditor,
    /// Sort each state's programs by fit (again: back to by name).
    SortByFit,
    /// The states overview: progress per state, done marks, what next.
    StatesOverview,
    /// Mark the state under the cursor done, or not done again.
    ToggleStateDone,
    /// Show the state under the cursor in the program list.
    GoToState,
    /// Stop the job running in the background (an import rolls back; a
    /// send only until it reaches the server).
    CancelJob,

    // ---- internal: never bound from config ----
    /// A key for the draft editor.
    #[serde(skip)]
    EditorKey(KeyEvent),
    /// A key for the single-line input that is open (filter, prompt, field).
    #[serde(skip)]
    InputKey(KeyEvent),
    #[serde(skip)]
    ProgramSaved(Box<Program>),
    /// A program the user just added (the detail view opens on it).
    #[serde(skip)]
    ProgramAdded(Box<Program>),
    #[serde(skip)]
    ProgramDeleted(ProgramId),
    #[serde(skip)]
    ProgramLoaded(Box<ProgramLoaded>),
    #[serde(skip)]
    DraftSaved(Box<Draft>),
    /// A contact was added (its form opens) or saved.
    #[serde(skip)]
    ContactSaved(Box<Contact>, bool),
    #[serde(skip)]
    ContactDeleted(ContactId),
    /// A log entry was added (its form opens) or saved.
    #[serde(skip)]
    InteractionSaved(Box<Interaction>, bool),
    #[serde(skip)]
    InteractionDeleted(InteractionId),
    #[serde(skip)]
    ProfileSaved(Box<Profile>),
    /// A draft rendered from a template and saved; it becomes the current one.
    #[serde(skip)]
    DraftComposed(Box<Draft>),
    /// The external editor closed with this text.
    #[serde(skip)]
    EditorClosed(String),
    /// A batch was planned (nothing sent yet): how many would go out.
    #[serde(skip)]
    BatchPlanned(Box<BatchPreview>),
    /// The background batch ended; the message says how.
    #[serde(skip)]
    BatchFinished(String),
    #[serde(skip)]
    NextActionsLoaded(std::collections::HashMap<ProgramId, crate::domain::cadence::NextAction>),
    #[serde(skip)]
    DueLoaded(Vec<OpenFollowUp>),
    #[serde(skip)]
    FollowUpSaved(Box<FollowUp>),
    /// A reply answered them: the program's open follow-ups are done.
    #[serde(skip)]
    FollowUpsCompleted(ProgramId, usize),
    #[serde(skip)]
    StatsLoaded(Box<crate::domain::stats::Stats>),
    #[serde(skip)]
    PathCompleted(String),
    #[serde(skip)]
    SmtpSaved(Box<crate::mail::SmtpConfig>),
    #[serde(skip)]
    TrackingLoaded(Vec<crate::domain::Rotation>, Vec<crate::domain::Letter>),
    #[serde(skip)]
    RotationSaved(Box<crate::domain::Rotation>, bool),
    #[serde(skip)]
    LetterSaved(Box<crate::domain::Letter>, bool),
    #[serde(skip)]
    RotationDeleted(crate::domain::RotationId),
    #[serde(skip)]
    LetterDeleted(crate::domain::LetterId),
    /// The local date changed (midnight passed while the app was open).
    #[serde(skip)]
    DayChanged(chrono::NaiveDate),
    /// Ask before carrying out an effect (found out while running another).
    #[serde(skip)]
    Ask(String, Box<Effect>),
    /// Something to explain at more length than the status line allows.
    #[serde(skip)]
    Report(String, Vec<String>),
    /// Something finished that only needs saying (exported, copied, sent).
    #[serde(skip)]
    Done(String),
    #[serde(skip)]
    SamplesRemoved(usize),
    /// A CSV file was read and planned; nothing written yet.
    #[serde(skip)]
    ImportPreviewed(Box<ImportPreview>),
    /// Programs re-read from the store, with a message to show.
    #[serde(skip)]
    ProgramsReloaded(Vec<Program>, String),
    #[serde(skip)]
    Failed(String),
    /// A left click at a screen cell: focus the pane, select the row.
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel at a screen cell.
    #[serde(skip)]
    Scroll {
        up: bool,
        column: u16,
        row: u16,
    },
    /// A state's done mark was saved.
    #[serde(skip)]
    StateDoneSaved(UsState, bool),
    /// A background job started, reported progress or ended.
    #[serde(skip)]
    Job(super::jobs::JobEvent),
}

/// What importing a file would do, or why it cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    pub path: PathBuf,
    /// "add 3, update 0, skip 2" when the file is valid.
    pub summary: Option<String>,
    /// With a summary: warnings (e.g. ignored columns). Without: every
    /// problem as "FILE:LINE: column: message"; nothing can be imported.
    pub problems: Vec<String>,
}

/// What a batch would send, before the user confirms.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchPreview {
    pub template: String,
    pub programs: Vec<ProgramId>,
    pub ready: usize,
    /// One line per reason: "3 no email contact".
    pub skipped: Vec<String>,
}

/// The rows the right-hand panes show for the selected program.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgramLoaded {
    pub program: ProgramId,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub draft: Option<Draft>,
    /// Open follow-ups.
    pub follow_ups: Vec<FollowUp>,
    /// When the program moved along the pipeline, oldest first.
    pub status_changes: Vec<crate::domain::StatusChange>,
}
