//! One email, from template to draft to sent.
//!
//! Sending is ordered so that a failure anywhere leaves no false record
//! and a crash anywhere leaves no second send:
//! 1. the ledger is asked and an "in flight" row written, in one
//!    transaction (a template already sent to the program, or a send of
//!    this draft still in flight, is refused here; `flight`);
//! 2. the copy is written as `….eml.part`, locked;
//! 3. the server is asked; a refusal removes the copy and the row;
//! 4. after its 250 the copy is renamed `….eml`;
//! 5. the draft (frozen from now on), log entry, follow-up, status and the
//!    ledger row (now "sent") are written in one transaction.
//!
//! A process that dies between 3 and 5 leaves the row in flight; the next
//! start resolves it from the copy or asks the user (`interrupted`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Days, Local, NaiveDate, Utc};

use crate::domain::{
    Channel, Contact, ContactId, Direction, Draft, DraftId, DraftStatus, FollowUp, FollowUpId,
    Interaction, InteractionId, Profile, Program, ProgramId, Status,
};
use crate::mail::{
    MessageError, OutgoingMail, RenderInput, SendError, Sender, SmtpConfig, SmtpStep,
    TemplateError, TemplateSet, build_message_in_thread, to_eml,
};
use crate::paths;
use crate::store::{SendRecord, Store, StoreError};

/// What sending needs besides the draft.
#[derive(Debug, Clone, Copy)]
pub struct Mailer<'a> {
    pub smtp: &'a SmtpConfig,
    /// Where the copy of each sent mail is kept (see [`super::sent_dir`]).
    pub sent_dir: &'a Path,
    /// The follow-up is due this many days after sending.
    pub follow_up_days: u32,
}

/// A sent email and everything recorded for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub draft: Draft,
    pub interaction: Interaction,
    pub follow_up: FollowUp,
    pub eml_path: PathBuf,
    /// The program's new status, when it moved (to contacted).
    pub new_status: Option<Status>,
    /// What the server said, e.g. `250 2.0.0 Ok: queued as 4F2A1`.
    pub server_response: String,
    /// The open follow-ups this email answered, now done.
    pub closed_follow_ups: Vec<FollowUpId>,
}

#[derive(Debug, thiserror::Error)]
pub enum SendDraftError {
    #[error("draft {} was not found", .0.0)]
    NotFound(DraftId),
    #[error("this draft was already sent")]
    AlreadySent,
    #[error("the draft has no recipient: fill in To")]
    NoRecipient,
    /// The send ledger says so; batch reruns rely on this refusal.
    #[error(
        "this program was already sent the template {template:?}; send it again only on purpose (usce asks in the TUI; the CLI takes --force)"
    )]
    TemplateAlreadySent { template: String },
    /// A send of this draft, or of its template to this program, began and
    /// was never recorded: still going in another usce, or interrupted.
    #[error(
        "a send {} is not recorded yet: another usce may be sending it, or it was interrupted and may have gone out; usce will not send it again until you say whether it did (usce asks when it starts; or `usce outreach --template … --interrupted sent|unsent`)",
        .0.to_and_when()
    )]
    InFlight(Box<crate::domain::LedgerEntry>),
    #[error(transparent)]
    Message(#[from] MessageError),
    /// Settings, password or server trouble; the text carries the server's
    /// own reason ("550 5.1.1 … Recipient address rejected").
    #[error(transparent)]
    Smtp(#[from] SendError),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The worst case, spelled out so the user does not send it again.
    #[error(
        "the email WAS sent (Message-ID {message_id}) but recording it failed: {source}; a copy is in {}",
        eml_path.display()
    )]
    NotRecorded {
        message_id: String,
        eml_path: PathBuf,
        #[source]
        source: Box<StoreError>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// `TemplateError::Missing { fields }` names every blank field the
    /// template needs (`profile.full_name`); such a draft must not be sent.
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Message(#[from] MessageError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Renders `template` for a program and returns an unsaved draft (id 0)
/// addressed to the contact, with the profile's CV and score report
/// attached when set. To someone already written to there, the subject
/// continues the thread ("Re: …", see [`crate::domain::thread`]).
pub fn compose(
    store: &Store,
    templates: &TemplateSet,
    program: ProgramId,
    contact: Option<ContactId>,
    template: &str,
    today: NaiveDate,
) -> Result<Draft, ComposeError> {
    let program = store
        .get_program(program)?
        .ok_or_else(|| StoreError::NotFound(format!("program {}", program.0)))?;
    let contact = match contact {
        Some(id) => {
            let c = store
                .get_contact(id)?
                .ok_or_else(|| StoreError::NotFound(format!("contact {}", id.0)))?;
            if c.program_id != program.id {
                return Err(StoreError::Invalid(format!(
                    "contact {} belongs to another program",
                    id.0
                ))
                .into());
            }
            Some(c)
        }
        None => None,
    };
    let profile = store.profile()?;
    let mut draft = draft_from_template(
        templates,
        template,
        &program,
        contact.as_ref(),
        &profile,
        today,
    )?;
    follow_through::continue_thread(store, &mut draft)?;
    Ok(draft)
}

/// The pure part of [`compose`], for callers that already hold the values.
pub fn draft_from_template(
    templates: &TemplateSet,
    template: &str,
    program: &Program,
    contact: Option<&Contact>,
    profile: &Profile,
    today: NaiveDate,
) -> Result<Draft, TemplateError> {
    let rendered = templates.render(
        template,
        &RenderInput {
            program,
            contact,
            profile,
            today,
        },
    )?;
    Ok(Draft {
        id: DraftId(0),
        program_id: program.id,
        contact_id: contact.map(|c| c.id),
        template: Some(template.to_owned()),
        to: contact
            .map(|c| c.email.trim().to_owned())
            .unwrap_or_default(),
        subject: rendered.subject,
        body: rendered.body,
        // The profile's files as they are when it is sent, so a CV path
        // fixed after composing is the one that goes.
        attach_from_profile: true,
        status: DraftStatus::Draft,
        ..Draft::default()
    })
}

/// Addresses in a To or Cc field, split on `,` and `;`.
pub fn split_addresses(field: &str) -> Vec<String> {
    field
        .split([',', ';'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The email a draft becomes. The sender's name falls back to the
/// profile's, so a bare `from = "a@b.org"` still signs with a name.
pub fn outgoing_for(draft: &Draft, profile: &Profile, from: Sender) -> OutgoingMail {
    let name = if from.name.trim().is_empty() {
        profile.full_name.trim().to_owned()
    } else {
        from.name
    };
    OutgoingMail {
        from: Sender {
            name,
            email: from.email,
        },
        to: split_addresses(&draft.to),
        cc: split_addresses(&draft.cc),
        subject: draft.subject.clone(),
        body: draft.body.clone(),
        attachments: draft
            .attachment_paths(profile)
            .iter()
            .map(|a| expand_home(a))
            .collect(),
    }
}

/// Sends one saved draft and records it; see the module comment for the
/// order of steps. On any error the draft and the database are unchanged,
/// except for [`SendDraftError::NotRecorded`]. A template already sent to
/// the program is refused (the batch relies on that).
pub fn send_draft(
    store: &mut Store,
    mailer: &Mailer<'_>,
    draft_id: DraftId,
    now: DateTime<Utc>,
) -> Result<Sent, SendDraftError> {
    send(store, mailer, draft_id, now, true, &mut |_| true)
}

/// [`send_draft`] for a template the user chose to send again (a second
/// nudge, another thank-you), after saying so.
pub fn send_draft_again(
    store: &mut Store,
    mailer: &Mailer<'_>,
    draft_id: DraftId,
    now: DateTime<Utc>,
) -> Result<Sent, SendDraftError> {
    send(store, mailer, draft_id, now, false, &mut |_| true)
}

/// [`send_draft`] (or, with `again`, [`send_draft_again`]) telling `step`
/// how far the SMTP conversation got; `step` answering `false` stops it
/// before the message is handed over (see [`crate::mail::send_reporting`]),
/// and nothing is recorded.
pub fn send_draft_reporting(
    store: &mut Store,
    mailer: &Mailer<'_>,
    draft_id: DraftId,
    now: DateTime<Utc>,
    again: bool,
    step: &mut dyn FnMut(SmtpStep) -> bool,
) -> Result<Sent, SendDraftError> {
    send(store, mailer, draft_id, now, !again, step)
}

fn send(
    store: &mut Store,
    mailer: &Mailer<'_>,
    draft_id: DraftId,
    now: DateTime<Utc>,
    once_per_template: bool,
    step: &mut dyn FnMut(SmtpStep) -> bool,
) -> Result<Sent, SendDraftError> {
    let draft = sendable(store, draft_id)?;
    let profile = store.profile()?;
    let thread = follow_through::thread_of(store, &draft)?;
    let history = follow_through::History::read(store, &draft)?;
    let built = build_message_in_thread(
        &outgoing_for(&draft, &profile, mailer.smtp.sender()?),
        thread.as_ref(),
        now,
    )?;
    let flight = flight::take_off(
        store,
        &draft,
        &built.message_id,
        &to_eml(&built.message),
        copy_path(mailer, &draft, now),
        draft.attachment_paths(&profile),
        !once_per_template,
        now,
    )?;
    let receipt = match crate::mail::send_reporting(mailer.smtp, &built.message, step) {
        Ok(receipt) => receipt,
        Err(e) => {
            // Nothing went out, so no copy and no ledger row may stay behind.
            flight.abandon(store);
            return Err(e.into());
        }
    };
    let eml_path = flight.landed();
    let sent = record(
        store,
        mailer.follow_up_days,
        history,
        &draft,
        &built.message_id,
        eml_path,
        now,
    );
    flight.done();
    sent.map(|(recorded, eml_path)| Sent {
        draft: recorded.draft,
        interaction: recorded.interaction,
        follow_up: recorded.follow_up,
        eml_path,
        new_status: recorded.new_status,
        server_response: receipt.server_response,
        closed_follow_ups: recorded.closed_follow_ups,
    })
}

#[cfg(test)]
fn sent_record(
    draft: &Draft,
    message_id: &str,
    eml_path: &Path,
    mailer: &Mailer<'_>,
    now: DateTime<Utc>,
) -> SendRecord {
    sent_record_for(draft, message_id, eml_path, mailer.follow_up_days, now)
}

fn sent_record_for(
    draft: &Draft,
    message_id: &str,
    eml_path: &Path,
    follow_up_days: u32,
    now: DateTime<Utc>,
) -> SendRecord {
    // `now` comes from the clock, whose instants fall on its today in local
    // time: with USCE_TODAY fixed, the follow-up counts from that day.
    let today = now.with_timezone(&Local).date_naive();
    let due = today
        .checked_add_days(Days::new(u64::from(follow_up_days)))
        .unwrap_or(today);
    SendRecord {
        draft: draft.id,
        message_id: message_id.to_owned(),
        sent_at: now,
        log_entry: Interaction {
            id: InteractionId(0),
            program_id: draft.program_id,
            contact_id: draft.contact_id,
            at: now,
            channel: Channel::Email,
            direction: Direction::Out,
            summary: format!("Sent: {}", draft.subject),
            eml_path: Some(eml_path.to_string_lossy().into_owned()),
        },
        follow_up: Some(FollowUp {
            id: FollowUpId(0),
            program_id: draft.program_id,
            contact_id: draft.contact_id,
            due,
            note: format!("No reply to “{}”? Nudge.", draft.subject),
            done_at: None,
            snoozed_from: Vec::new(),
        }),
        advance_to: Some(Status::Contacted),
    }
}

/// Writes the draft as a `.eml` file (0600) without sending it and without
/// changing the draft: for sending from another mail app, or for a check.
/// It carries the thread headers a send would.
pub fn export_eml(
    store: &Store,
    draft: &Draft,
    from: Sender,
    path: &Path,
) -> Result<(), ExportError> {
    let profile = store.profile()?;
    let thread = follow_through::thread_of(store, draft)?;
    let built = build_message_in_thread(
        &outgoing_for(draft, &profile, from),
        thread.as_ref(),
        store.clock().now(),
    )?;
    write_private(path, &to_eml(&built.message)).map_err(|source| ExportError::Io {
        path: path.to_owned(),
        source,
    })
}

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = paths::create_private_file(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// `~/cv.pdf` as typed in the profile means the home directory.
pub(super) fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

mod flight;
mod follow_through;
pub mod interrupted;
mod record;

use record::{copy_path, record, sendable};

pub use flight::{KILL_AFTER_250_ENV, part_path};
pub use follow_through::continue_thread;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_interrupted;
#[cfg(test)]
mod tests_threads;
