//! Side effects the reducer asks for. The runtime carries them out against
//! the store and feeds the outcome back as an `Event`.

use std::path::PathBuf;

use crate::domain::fields::Field;
use crate::domain::{
    Contact, ContactId, Draft, DraftId, FollowUp, FollowUpId, Interaction, InteractionId, Program,
    ProgramId, Status, UsState,
};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Insert a new program; answered by `Event::ProgramSaved`.
    InsertProgram(Box<Program>),
    /// Save one field of a program (from `edited`; its other fields are
    /// ignored) when the stored field still reads `shown`, the text the
    /// form showed; answered by `ProgramSaved`, or `ProgramFieldChanged`
    /// when another session changed that field meanwhile.
    SetProgramField {
        field: Field,
        shown: String,
        edited: Box<Program>,
    },
    /// Save the fields a form edit of another record writes, the same way
    /// (`Store::set_field`); answered by the record's saved event, or
    /// `FieldChanged` when another session changed one meanwhile.
    SetField(super::field_conflict::RecordEdit),
    SetStatus(ProgramId, Status),
    InsertContact(Box<Contact>),
    DeleteContact(ContactId),
    /// Log something; a first outbound entry moves the program to
    /// contacted, a first inbound one to replied.
    InsertInteraction(Box<Interaction>),
    DeleteInteraction(InteractionId),
    DeleteProgram(ProgramId),
    /// Load contacts, log and draft for the panes on the right.
    LoadProgram(ProgramId),
    /// Autosave the draft text; answered by `Event::DraftSaved`.
    SaveDraft(Box<Draft>),
    RemoveSamples,
    /// Remember a view preference (the fit sort) in the database's
    /// settings; nothing answers it but a failure.
    SaveSetting {
        key: &'static str,
        value: &'static str,
    },
    /// Whether these files (as typed, `~/` allowed) exist; answered by
    /// `AttachmentsChecked` with the same `AttachCheck`.
    CheckAttachments {
        paths: Vec<String>,
        why: AttachCheck,
    },
    /// Render a template into a new draft; answered by `DraftComposed`.
    Compose {
        program: ProgramId,
        contact: Option<ContactId>,
        template: String,
        /// The follow-up the draft answers (the Due view's `c`): sending it
        /// closes that follow-up.
        answers: Option<FollowUpId>,
    },
    /// The person already had a live draft and the user chose to replace
    /// it with a new one from `template`; answered by `DraftComposed`.
    ReplaceDraft {
        old: DraftId,
        program: ProgramId,
        contact: Option<ContactId>,
        template: String,
        /// As in `Compose`: the follow-up the new draft answers.
        answers: Option<FollowUpId>,
    },
    /// Open a live draft in the pane (from the Due view, it then answers
    /// that follow-up); answered by `DraftOpened`.
    OpenDraft {
        draft: DraftId,
        answers: Option<FollowUpId>,
    },
    /// A sent email, sent again on purpose: a copy of it goes out as a
    /// new message (the sent one stays as it went).
    ResendSent(DraftId),
    /// Resolve sends a killed usce left in flight; answered by
    /// `InterruptedSends`.
    SettleInterrupted,
    /// The user's word on an interrupted send: it went out, or not.
    AnswerInterrupted {
        send: crate::domain::LedgerId,
        went_out: bool,
    },
    /// Send by SMTP; on success the program's rows are reloaded.
    SendDraft(DraftId),
    /// Send a template this program already received, as the user asked.
    SendDraftAgain(DraftId),
    ExportEml {
        draft: DraftId,
        path: PathBuf,
    },
    /// Put text on the clipboard with OSC 52 (works over SSH too).
    CopyText(String),
    /// Open an http(s) or mailto: URL with the system opener, no shell.
    OpenUrl(String),
    /// Suspend the screen and edit this text in $VISUAL/$EDITOR.
    EditExternally(String),
    /// Every program's next step, computed against the log; answered by
    /// `NextActionsLoaded`.
    LoadNextActions(Vec<crate::domain::cadence::ProgramBrief>),
    /// Copies what the database's write-ahead log holds into the file, on
    /// a worker (a `usce import` leaves its pages there for the next usce;
    /// see `store/checkpoint.rs`). Answers nothing.
    Checkpoint,
    /// One program's next step, from its rows in the store (a few small
    /// queries, so not a job); answered by `NextActionLoaded`.
    LoadNextAction(crate::domain::cadence::ProgramBrief),
    /// Write the [smtp] section of config.toml; answered by `SmtpSaved`.
    SaveSmtp(Box<crate::mail::SmtpConfig>),
    /// Send a short message to the profile's own address.
    SendTest,
    /// List the folder to complete an import path; answered by `PathCompleted`.
    CompletePath(String),
    /// Rotations and letters; answered by `TrackingLoaded`.
    LoadTracking,
    InsertRotation(Box<crate::domain::Rotation>),
    DeleteRotation(crate::domain::RotationId),
    InsertLetter(Box<crate::domain::Letter>),
    DeleteLetter(crate::domain::LetterId),
    /// Outreach statistics; answered by `StatsLoaded`.
    LoadStats,
    /// Programs, rotations, applications, the shelf and costs; answered by
    /// `PlansLoaded` for the overlay named.
    LoadPlans(super::after_yes::AfterYesView),
    /// Ticks a checklist line (making the program's application when it
    /// has none); answered by `PlansLoaded` for its checklist.
    TickChecklist {
        program: ProgramId,
        kind: crate::domain::documents::DocKind,
        on: chrono::NaiveDate,
        document: Option<crate::domain::documents::DocumentId>,
    },
    /// Puts a document on the shelf; answered by `PlansLoaded` for the
    /// documents overlay.
    InsertDocument(Box<crate::domain::documents::Document>),
    /// Saves an edited document / takes one off the shelf; both answered
    /// by `PlansLoaded` for the documents overlay.
    UpdateDocument(Box<crate::domain::documents::Document>),
    DeleteDocument(crate::domain::documents::DocumentId),
    /// Records the program's submitted-on date and decision (making its
    /// application when it has none); answered by `PlansLoaded` for its
    /// checklist.
    SaveOutcome {
        program: ProgramId,
        outcome: super::after_yes_edit::Outcome,
    },
    /// A rotation's travel cost; answered by `PlansLoaded` for the budget.
    SetTravel(crate::domain::RotationId, crate::domain::costs::Cents),
    UntickChecklist {
        program: ProgramId,
        kind: crate::domain::documents::DocKind,
    },
    /// Every open follow-up; answered by `DueLoaded`.
    LoadDue,
    /// Answered by `FollowUpSaved`.
    AddFollowUp(Box<FollowUp>),
    /// Save a snoozed or completed follow-up; answered by `FollowUpSaved`.
    SaveFollowUp(Box<FollowUp>),
    /// A reply answered them: mark the program's open follow-ups done.
    CompleteFollowUps(ProgramId),
    /// Plan a batch over these programs; answered by `BatchPlanned`.
    PlanBatch {
        template: String,
        programs: Vec<ProgramId>,
    },
    /// Send the batch in the background, paced; progress comes back as
    /// job progress, the end as `BatchFinished`.
    StartBatch {
        template: String,
        programs: Vec<ProgramId>,
    },
    /// Read and plan a CSV file; answered by `Event::ImportPreviewed`.
    PreviewImport(PathBuf),
    /// Import it for real, in one transaction; answered by `ProgramsReloaded`.
    ApplyImport(PathBuf),
    /// [`Effect::PreviewImport`] with the mapping step's choices (a column
    /// mapped by the picker, the state of every row).
    PreviewImportWith(Box<super::event::ImportRequest>),
    /// [`Effect::ApplyImport`] with those choices; a confirmed import saves
    /// its mapping under the file's headers.
    ApplyImportWith(Box<super::event::ImportRequest>),
    /// Answered by `ProgramsReloaded`.
    ReloadPrograms,
    Quit,
    /// Mark a state done (or not); answered by `StateDoneSaved`.
    SetStateDone(UsState, bool),
    /// Ask a background job to stop where that is safe.
    CancelJob(super::jobs::JobId),
    /// Sync mail over IMAP on the job runner; answered by `MailSynced`
    /// or `MailSyncFailed`.
    SyncMail,
    /// Write the [imap] section of config.toml; answered by `ImapSaved`.
    SaveImap(Box<crate::mail::imap::ImapConfig>),
    /// Log in and open each folder read-only; answered by `Done` or `Report`.
    CheckImap,
    /// Load the messages waiting for review; answered by `ProposalsLoaded`.
    LoadProposals,
    /// Log a proposed message as a reply from its program; answered by
    /// `ProposalSettled` (and the program saved).
    AttachProposal(String),
    /// Forget a proposed message; answered by `ProposalSettled`.
    IgnoreProposal(String),
}

/// Why the app asked whether attached files exist, which decides what the
/// answer does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachCheck {
    /// A draft was just composed for this program: name a missing file now
    /// rather than at send.
    Composed(ProgramId),
    /// The profile's CV or score report path changed.
    ProfileSaved,
    /// The Attach field was typed: applied only when every file is there.
    Typed { program: ProgramId, text: String },
}
