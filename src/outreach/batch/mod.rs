//! One template to many programs: plan (read only), then send one by one.
//!
//! Planning writes nothing, so a dry run is safe. It leaves out, saying
//! why (`skip`): programs already sent the template (to anyone there),
//! those at replied or later, those that wrote after the last email, and
//! sends not yet recorded. Sending saves each draft just before it goes
//! out and records it through [`send_draft`], so the ledger knows about
//! every sent mail before the next one starts: a crash or a refused
//! recipient stops the batch, and running it again resumes where it
//! stopped without sending anyone the same template twice. A stored
//! address that is not one (`a@x.org, b@x.org` typed into one contact) is
//! found when planning and that program skipped; should one still fail to
//! parse when sending, that program is skipped and the batch goes on.

mod plan;
mod skip;

use std::time::Duration;

use super::send::split_addresses;
use super::send::{Mailer, SendDraftError, Sent, send_draft, send_draft_again};
use crate::domain::{
    Contact, Draft, DraftId, PreferredMethod, Program, ProgramId, Role, Status, UsState,
};
use crate::mail::{MessageError, Sender, TemplateError};
use crate::store::{Store, StoreError};
#[cfg(test)]
use crate::{domain::DraftStatus, mail::TemplateSet};
pub use plan::plan;
pub use skip::SkipReason;

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
    /// Send to these anyway when skipped for a reason the user may
    /// override ([`SkipReason::forcible`]): `--force ID`.
    pub force: std::collections::HashSet<ProgramId>,
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
    /// Skip reasons the user overrode for this program (`--force`), each
    /// with its facts; empty for an ordinary one.
    pub forced: Vec<(SkipReason, String)>,
}

impl Ready {
    /// The program has been contacted before: sent anyway, but worth a note.
    pub fn already_contacted(&self) -> bool {
        self.program.status.rank() >= Status::Contacted.rank()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub program: Program,
    pub reason: SkipReason,
    /// The facts behind it, e.g. "to gme@x.edu on 1 Dec 14:05"; may be "".
    pub detail: String,
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
        match send_one(store, mailer, item) {
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
pub(super) fn bad_draft_address(draft: &Draft) -> Option<String> {
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
/// to fix and a rerun to reuse), then sends it: as a deliberate repeat
/// when the user forced a program the template had already gone to.
fn send_one(store: &mut Store, mailer: &Mailer<'_>, item: &Ready) -> Result<Sent, SendDraftError> {
    let id = if item.draft.id == DraftId(0) {
        store.save_draft(&item.draft)?.id
    } else {
        item.draft.id
    };
    let now = store.clock().now();
    if item
        .forced
        .iter()
        .any(|(r, _)| *r == SkipReason::AlreadySent)
    {
        send_draft_again(store, mailer, id, now)
    } else {
        send_draft(store, mailer, id, now)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_addresses;
#[cfg(test)]
mod tests_skip;
