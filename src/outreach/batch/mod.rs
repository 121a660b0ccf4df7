//! One template to many programs: plan (read only), then send one by one.
//!
//! Planning writes nothing, so a dry run is safe. Sending saves each draft
//! just before it goes out and records it through [`send_draft`], so the
//! ledger knows about every sent mail before the next one starts: a crash
//! or a refused recipient stops the batch, and running it again resumes
//! where it stopped without sending anyone the same template twice. A
//! stored address that is not one (`a@x.org, b@x.org` typed into one
//! contact) is found when planning and that program skipped; should one
//! still fail to parse when sending, that program is skipped and the batch
//! goes on.

use std::time::Duration;

use chrono::NaiveDate;

use super::send::split_addresses;
use super::send::{Mailer, SendDraftError, Sent, continue_thread, draft_from_template, send_draft};
use crate::domain::contact::validate_email;
use crate::domain::{
    Contact, Draft, DraftId, DraftStatus, PreferredMethod, Program, ProgramId, Role, Status,
    UsState, squash,
};
use crate::mail::{MessageError, Sender, TemplateError, TemplateSet};
use crate::store::{Store, StoreError};

/// Which programs a batch is for, and with which template.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub template: String,
    /// Any of these states; empty means all.
    pub states: Vec<UsState>,
    pub status: Option<Status>,
    /// Part of the specialty, ignoring case and punctuation.
    pub specialty: Option<String>,
    /// At most this many drafts.
    pub limit: Option<usize>,
    /// Only these programs (the TUI's filtered list); `None` means all.
    pub programs: Option<std::collections::HashSet<ProgramId>>,
}

/// A program that will be written to.
#[derive(Debug, Clone, PartialEq)]
pub struct Ready {
    pub program: Program,
    /// The person written to; `None` for a saved draft without one.
    pub contact: Option<Contact>,
    pub draft: Draft,
    /// The draft was saved by an earlier run or edited by the user; it is
    /// sent as saved rather than rendered again.
    pub reused: bool,
}

impl Ready {
    /// The program has been contacted before: sent anyway, but worth a note.
    pub fn already_contacted(&self) -> bool {
        self.program.status.rank() >= Status::Contacted.rank()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// No coordinator, student office or program director with an email.
    NoEmailContact,
    /// Blank fields the template needs (`profile.full_name`).
    Unresolved(Vec<String>),
    /// The send ledger has this program and template.
    AlreadySent,
    /// The address to write to is not one email address, as typed.
    BadAddress(String),
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::NoEmailContact => f.write_str("no email contact"),
            SkipReason::Unresolved(fields) => {
                let s = if fields.len() == 1 { "" } else { "s" };
                write!(f, "unresolved field{s}: {}", fields.join(", "))
            }
            SkipReason::AlreadySent => f.write_str("already sent this template"),
            SkipReason::BadAddress(address) => write!(
                f,
                "{address:?} is not one email address; fix the contact's email"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub program: Program,
    pub reason: SkipReason,
}

/// What a batch would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub ready: Vec<Ready>,
    pub skipped: Vec<Skipped>,
    /// Ready programs left out by `limit`.
    pub over_limit: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The template is unknown or broken: it would fail for every program.
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Picks whom to write to: the coordinator (they answer rotation
/// requests), then the visiting-student/GME office, then the program
/// director; within a role, someone who prefers email first.
pub fn email_contact(contacts: &[Contact]) -> Option<&Contact> {
    let role_rank = |role: Role| match role {
        Role::Coordinator => Some(0),
        Role::StudentOffice => Some(1),
        Role::ProgramDirector => Some(2),
        _ => None,
    };
    contacts
        .iter()
        .filter(|c| !c.email.trim().is_empty())
        .filter_map(|c| {
            role_rank(c.role).map(|rank| ((rank, c.preferred != PreferredMethod::Email, c.id), c))
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, c)| c)
}

/// Decides, for every matching program, whether it gets an email and
/// renders it. Reads only.
pub fn plan(
    store: &Store,
    templates: &TemplateSet,
    selection: &Selection,
    today: NaiveDate,
) -> Result<Plan, BatchError> {
    let name = selection.template.as_str();
    if templates.origin(name).is_none() {
        return Err(TemplateError::Unknown(name.to_owned()).into());
    }
    if let Some((_, problem)) = templates.problems().find(|(n, _)| *n == name) {
        return Err(problem.clone().into());
    }
    let profile = store.profile()?;
    let wanted_specialty = selection.specialty.as_deref().map(squash);
    let mut plan = Plan::default();
    for program in store.list_programs()? {
        let matches = selection
            .programs
            .as_ref()
            .is_none_or(|ids| ids.contains(&program.id))
            && (selection.states.is_empty() || selection.states.contains(&program.state))
            && selection.status.is_none_or(|s| program.status == s)
            && wanted_specialty
                .as_ref()
                .is_none_or(|w| squash(&program.specialty).contains(w.as_str()));
        if !matches {
            continue;
        }
        if store.already_sent(program.id, name)? {
            plan.skipped.push(Skipped {
                program,
                reason: SkipReason::AlreadySent,
            });
            continue;
        }
        let contacts = store.list_contacts(program.id)?;
        let saved = store.list_drafts(program.id)?.into_iter().find(|d| {
            d.status != DraftStatus::Sent
                && d.template.as_deref() == Some(name)
                && !d.to.trim().is_empty()
        });
        let ready = if let Some(draft) = saved {
            if let Some(bad) = bad_draft_address(&draft) {
                plan.skipped.push(Skipped {
                    program,
                    reason: SkipReason::BadAddress(bad),
                });
                continue;
            }
            let contact = contacts
                .iter()
                .find(|c| Some(c.id) == draft.contact_id)
                .cloned();
            Ready {
                program,
                contact,
                draft,
                reused: true,
            }
        } else {
            let Some(contact) = email_contact(&contacts) else {
                plan.skipped.push(Skipped {
                    program,
                    reason: SkipReason::NoEmailContact,
                });
                continue;
            };
            // A contact holds one address; a list typed into it would
            // have become several recipients.
            if validate_email(contact.email.trim()).is_err() {
                plan.skipped.push(Skipped {
                    program,
                    reason: SkipReason::BadAddress(contact.email.trim().to_owned()),
                });
                continue;
            }
            match draft_from_template(templates, name, &program, Some(contact), &profile, today) {
                Ok(mut draft) => {
                    continue_thread(store, &mut draft)?;
                    Ready {
                        contact: Some(contact.clone()),
                        program,
                        draft,
                        reused: false,
                    }
                }
                Err(TemplateError::Missing { fields }) => {
                    plan.skipped.push(Skipped {
                        program,
                        reason: SkipReason::Unresolved(fields),
                    });
                    continue;
                }
                Err(other) => return Err(other.into()),
            }
        };
        if selection.limit.is_some_and(|n| plan.ready.len() >= n) {
            plan.over_limit += 1;
        } else {
            plan.ready.push(ready);
        }
    }
    Ok(plan)
}

/// How fast a batch may go.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pace {
    /// Waited between two emails (not before the first).
    pub delay: Duration,
    /// Counted over every templated email sent since local midnight.
    pub max_per_day: Option<u32>,
}

/// Why a batch stopped before the end.
#[derive(Debug)]
pub enum Stop {
    /// Sending `ready[index]` failed; it and every later one are unsent.
    Failed { index: usize, error: SendDraftError },
    /// The daily cap was reached before `ready[index]`.
    DailyCap { index: usize, sent_today: usize },
}

#[derive(Debug, Default)]
pub struct BatchOutcome {
    /// Index into the plan's `ready`, and what was sent.
    pub sent: Vec<(usize, Sent)>,
    /// Index into `ready`, and why: an address that is not one. The batch
    /// went on past each.
    pub skipped: Vec<(usize, SendDraftError)>,
    pub stop: Option<Stop>,
}

impl BatchOutcome {
    /// Indices of the ready programs not sent.
    pub fn unsent(&self, total: usize) -> std::ops::Range<usize> {
        match &self.stop {
            Some(Stop::Failed { index, .. } | Stop::DailyCap { index, .. }) => *index..total,
            None => total..total,
        }
    }
}

/// Sends each ready draft in order, calling `wait` between two emails and
/// `on_sent` after each, and stops at the first failure. `wait` is
/// `std::thread::sleep` in production; tests pass a recorder. The store's
/// clock dates the sends and says when "today" began for the daily cap.
pub fn send_batch(
    store: &mut Store,
    mailer: &Mailer<'_>,
    ready: &[Ready],
    pace: Pace,
    wait: &mut dyn FnMut(Duration),
    on_sent: &mut dyn FnMut(&Ready, &Sent),
) -> BatchOutcome {
    let mut outcome = BatchOutcome::default();
    for (index, item) in ready.iter().enumerate() {
        if let Some(max) = pace.max_per_day {
            let sent_today = match store.sent_since(store.clock().start_of_today()) {
                Ok(n) => n,
                Err(e) => {
                    outcome.stop = Some(Stop::Failed {
                        index,
                        error: e.into(),
                    });
                    break;
                }
            };
            if sent_today >= usize::try_from(max).unwrap_or(usize::MAX) {
                outcome.stop = Some(Stop::DailyCap { index, sent_today });
                break;
            }
        }
        if index > 0 && !pace.delay.is_zero() {
            wait(pace.delay);
        }
        match send_one(store, mailer, &item.draft) {
            Ok(sent) => {
                on_sent(item, &sent);
                outcome.sent.push((index, sent));
            }
            // This program's address, not the server or the settings: the
            // others can still be written to.
            Err(error) if is_bad_recipient(&error, &item.draft) => {
                outcome.skipped.push((index, error));
            }
            Err(error) => {
                outcome.stop = Some(Stop::Failed { index, error });
                break;
            }
        }
    }
    outcome
}

/// The first To or Cc entry of a saved draft that is not an address (the
/// user may have edited it into a list, which is fine when each is one).
fn bad_draft_address(draft: &Draft) -> Option<String> {
    split_addresses(&draft.to)
        .into_iter()
        .chain(split_addresses(&draft.cc))
        .find(|a| Sender::parse(a).is_err())
}

/// The draft's own recipients are at fault (a bad `from` in the settings
/// would fail every program, and stops the batch).
fn is_bad_recipient(error: &SendDraftError, draft: &Draft) -> bool {
    match error {
        SendDraftError::NoRecipient | SendDraftError::Message(MessageError::NoRecipient) => true,
        SendDraftError::Message(MessageError::BadAddress(_)) => bad_draft_address(draft).is_some(),
        _ => false,
    }
}

/// Saves a freshly rendered draft (so a failed send leaves it for the user
/// to fix and a rerun to reuse), then sends it.
fn send_one(store: &mut Store, mailer: &Mailer<'_>, draft: &Draft) -> Result<Sent, SendDraftError> {
    let id = if draft.id == DraftId(0) {
        store.save_draft(draft)?.id
    } else {
        draft.id
    };
    let now = store.clock().now();
    send_draft(store, mailer, id, now)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_addresses;
