//! What the runtime feeds back into the reducer: loads, saves, failures,
//! progress. Events describe what happened; no key and no config file can
//! name one, and applying one never clears the status line (a failure
//! must stay readable until the user acts) — except that a write which
//! succeeded makes an error shown before it stale (see
//! [`Event::reports_a_write`]).

use std::path::PathBuf;

use super::effect::Effect;
use crate::domain::{
    Contact, ContactId, Draft, FollowUp, Interaction, InteractionId, OpenFollowUp, Profile,
    Program, ProgramId, UsState,
};

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    ProgramSaved(Box<Program>),
    /// A field save found the field changed elsewhere since the form
    /// showed it: the program as stored, and the edit that was not saved.
    ProgramFieldChanged {
        field: crate::domain::fields::Field,
        stored: Box<Program>,
        wanted: Box<Program>,
    },
    /// The same for a field of another record (`Effect::SetField`).
    FieldChanged(super::field_conflict::RecordConflict),
    /// A program the user just added (the detail view opens on it).
    ProgramAdded(Box<Program>),
    ProgramDeleted(ProgramId),
    ProgramLoaded(Box<ProgramLoaded>),
    DraftSaved(Box<Draft>),
    /// A contact was added (its form opens) or saved.
    ContactSaved(Box<Contact>, bool),
    ContactDeleted(ContactId),
    /// A log entry was added (its form opens) or saved.
    InteractionSaved(Box<Interaction>, bool),
    InteractionDeleted(InteractionId),
    ProfileSaved(Box<Profile>),
    /// A draft rendered from a template and saved; it becomes the current one.
    DraftComposed(Box<Draft>),
    /// Composing found the person's live draft: ask replace, open or cancel.
    DraftExists {
        existing: Box<Draft>,
        template: String,
        /// The follow-up the compose was for (the Due view's `c`).
        answers: Option<crate::domain::FollowUpId>,
    },
    /// A live draft the user chose to open.
    DraftOpened(Box<Draft>),
    /// Sends found in flight at start-up (or after an answer): recorded
    /// from the archive, cleared, or waiting for the user's word.
    InterruptedSends(Box<InterruptedSends>),
    /// Which of the files asked about are missing (`Effect::CheckAttachments`).
    AttachmentsChecked {
        missing: Vec<String>,
        why: super::effect::AttachCheck,
    },
    /// The profile's CV and score report as found on disk after a save
    /// (`Effect::CheckAttachments` with `AttachCheck::ProfileSaved`).
    ProfileFilesChecked(Vec<crate::domain::attached_file::CheckedFile>),
    /// The external editor closed with this text.
    EditorClosed(String),
    /// A batch was planned (nothing sent yet): how many would go out.
    BatchPlanned(Box<BatchPreview>),
    /// The background batch ended; the message says how.
    BatchFinished(String),
    NextActionsLoaded(std::collections::HashMap<ProgramId, crate::domain::cadence::NextAction>),
    /// One program's next step, worked out again after its rows changed.
    NextActionLoaded(ProgramId, Option<crate::domain::cadence::NextAction>),
    DueLoaded(Vec<OpenFollowUp>),
    FollowUpSaved(Box<FollowUp>),
    /// A reply answered them: the program's open follow-ups are done.
    FollowUpsCompleted(ProgramId, usize),
    StatsLoaded(Box<crate::domain::stats::Stats>),
    PlansLoaded(
        Box<crate::domain::readiness::Plans>,
        super::after_yes::AfterYesView,
    ),
    PathCompleted(String),
    SmtpSaved(Box<crate::mail::SmtpConfig>),
    TrackingLoaded(Vec<crate::domain::Rotation>, Vec<crate::domain::Letter>),
    RotationSaved(Box<crate::domain::Rotation>, bool),
    LetterSaved(Box<crate::domain::Letter>, bool),
    RotationDeleted(crate::domain::RotationId),
    LetterDeleted(crate::domain::LetterId),
    /// The terminal is this many columns and rows (at start and on resize).
    Resized(u16, u16),
    /// The local date changed (midnight passed while the app was open).
    DayChanged(chrono::NaiveDate),
    /// Ask before carrying out an effect (found out while running another).
    Ask(String, Box<Effect>),
    /// Something to explain at more length than the status line allows.
    Report(String, Vec<String>),
    /// Something finished that only needs saying (exported, copied, sent).
    Done(String),
    SamplesRemoved(usize),
    /// A CSV file was read and planned; nothing written yet.
    ImportPreviewed(Box<ImportPreview>),
    /// Programs re-read from the store, with a message to show.
    ProgramsReloaded(Vec<Program>, String),
    /// The stored program rows that could not be read, as of a reload.
    NeedsRepair(Vec<crate::domain::repair::NeedsRepair>),
    Failed(String),
    /// A mail sync finished.
    MailSynced(Box<super::mail_sync::MailSynced>),
    /// A mail sync stopped, with why.
    MailSyncFailed(String),
    /// The loop's timer: a background sync may be due.
    SyncTimer,
    /// The [imap] section was written to config.toml.
    ImapSaved(Box<crate::mail::imap::ImapConfig>),
    /// The messages waiting for review.
    ProposalsLoaded(Vec<crate::domain::inbound::Proposal>),
    /// A proposal was attached (true) or ignored.
    ProposalSettled(String, bool),
    /// A state's done mark was saved.
    StateDoneSaved(UsState, bool),
    /// A background job started, reported progress or ended.
    Job(super::jobs::JobEvent),
}

impl Event {
    /// Whether this says a write to the store succeeded. Such an event
    /// clears an error in the status line before it is applied: "disk is
    /// full" or "database is locked" is no longer true once a save went
    /// through, and while the user types (keys that keep the status line)
    /// nothing else would take it away. Its own message, if any, follows.
    /// Only saves count (the brief's rule: a *Saved event, an added row, a
    /// composed draft); a delete's event may name a row already gone.
    pub fn reports_a_write(&self) -> bool {
        matches!(
            self,
            Event::ProgramSaved(_)
                | Event::ProgramAdded(_)
                | Event::DraftSaved(_)
                | Event::DraftComposed(_)
                | Event::ContactSaved(..)
                | Event::InteractionSaved(..)
                | Event::ProfileSaved(_)
                | Event::FollowUpSaved(_)
                | Event::FollowUpsCompleted(..)
                | Event::SmtpSaved(_)
                | Event::RotationSaved(..)
                | Event::LetterSaved(..)
                | Event::StateDoneSaved(..)
        )
    }
}

/// What importing a file would do, or why it cannot be imported.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPreview {
    pub path: PathBuf,
    /// "add 3, update 0, skip 2" when the file is valid.
    pub summary: Option<String>,
    /// With a summary: warnings (e.g. ignored columns). Without: every
    /// problem as "FILE:LINE: column: message"; nothing can be imported.
    pub problems: Vec<String>,
    /// The mapping step: every source column with what it maps to, in
    /// file order (empty when the file could not be read that far).
    pub columns: Vec<PreviewColumn>,
    /// Whether a mapping saved from an earlier import of these headers
    /// was applied (shown, never hidden).
    pub used_saved: bool,
    /// The file has no state column and no state was given: the TUI asks
    /// for one state for every row.
    pub needs_state: bool,
    /// The choices this preview was made with, carried to the import.
    pub request: ImportRequest,
}

/// One source column in the import preview.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreviewColumn {
    pub header: String,
    /// "main_phone (Main phone)", or "ignored (not recognised; closest: …)".
    pub target: String,
    /// Where the mapping came from: "saved" or "chosen" (empty: the header).
    pub by: &'static str,
}

/// An import with the user's choices from the preview's mapping step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportRequest {
    pub path: PathBuf,
    /// This time's picks, by header as written; a saved mapping is added
    /// by the job (these win over it).
    pub choices: Vec<(String, crate::import::mapping::Choice)>,
    /// The state of every row, when the file has no state column.
    pub state: Option<UsState>,
}

impl ImportRequest {
    pub fn plain(path: PathBuf) -> ImportRequest {
        ImportRequest {
            path,
            ..ImportRequest::default()
        }
    }

    /// The import with these choices: the plain path when there are none.
    pub fn apply_effect(self) -> Effect {
        if self.choices.is_empty() && self.state.is_none() {
            Effect::ApplyImport(self.path)
        } else {
            Effect::ApplyImportWith(Box::new(self))
        }
    }
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

/// What settling interrupted sends found (see `outreach::send::interrupted`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InterruptedSends {
    /// The server had taken them (the archive has the copy): now recorded.
    pub recorded: Vec<crate::domain::LedgerEntry>,
    /// They never reached the server: the drafts stay unsent.
    pub cleared: Vec<crate::domain::LedgerEntry>,
    /// Only the user can say whether they went out.
    pub unknown: Vec<crate::domain::LedgerEntry>,
}

/// The rows the right-hand panes show for the selected program.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgramLoaded {
    pub program: ProgramId,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub draft: Option<Draft>,
    /// The program's sent emails, newest first.
    pub sent: Vec<crate::domain::SentMessage>,
    /// Open follow-ups.
    pub follow_ups: Vec<FollowUp>,
    /// When the program moved along the pipeline, oldest first.
    pub status_changes: Vec<crate::domain::StatusChange>,
}
