//! One template to many programs: plan (read only), then send one by one.
//!
//! Planning writes nothing, so a dry run is safe. It leaves out, saying
//! why (`skip`): programs already sent the template (to anyone there),
//! those at replied or later, those that wrote after the last email, and
//! sends not yet recorded. Sending saves each draft just before it goes
//! out and records it through [`send_draft`], so the ledger knows about
//! every sent mail before the next one starts: a crash or a refused
//! recipient stops the batch, and running it again resumes where it
//! stopped without sending anyone the same template twice.

mod skip;

use std::time::Duration;

use chrono::NaiveDate;

use super::send::{
    Mailer, SendDraftError, Sent, draft_from_template, send_draft, send_draft_again,
};
use crate::domain::{
    Contact, Draft, DraftId, DraftStatus, PreferredMethod, Program, ProgramId, Role, Status,
    UsState, squash,
};
use crate::mail::{TemplateError, TemplateSet};
use crate::store::{Store, StoreError};
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
    let mut plan = Plan::default();
    for program in store.list_programs()? {
        if !selection.matches(&program) {
            continue;
        }
        let ready = match ready_for(store, templates, selection, &profile, program, today)? {
            Ok(ready) => ready,
            Err(skipped) => {
                plan.skipped.push(skipped);
                continue;
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

impl Selection {
    fn matches(&self, program: &Program) -> bool {
        let wanted_specialty = self.specialty.as_deref().map(squash);
        self.programs
            .as_ref()
            .is_none_or(|ids| ids.contains(&program.id))
            && (self.states.is_empty() || self.states.contains(&program.state))
            && self.status.is_none_or(|s| program.status == s)
            && wanted_specialty
                .as_ref()
                .is_none_or(|w| squash(&program.specialty).contains(w.as_str()))
    }
}

/// One program's email, or why it has none. The ledger, status and log
/// come first (`skip`); `--force` overrides those that may be overridden.
fn ready_for(
    store: &Store,
    templates: &TemplateSet,
    selection: &Selection,
    profile: &crate::domain::Profile,
    program: Program,
    today: NaiveDate,
) -> Result<Result<Ready, Skipped>, BatchError> {
    let name = selection.template.as_str();
    let skip = |program: Program, reason: SkipReason, detail: String| {
        Ok(Err(Skipped {
            program,
            reason,
            detail,
        }))
    };
    let reasons = skip::judgement_reasons(store, &program, name)?;
    let forced = selection.force.contains(&program.id);
    if let Some(first) = reasons
        .iter()
        .find(|r| !forced || !r.reason.forcible())
        .cloned()
    {
        return skip(program, first.reason, first.detail);
    }
    let forced = reasons.into_iter().map(|r| (r.reason, r.detail)).collect();
    let contacts = store.list_contacts(program.id)?;
    let saved = store.list_drafts(program.id)?.into_iter().find(|d| {
        d.status != DraftStatus::Sent
            && d.template.as_deref() == Some(name)
            && !d.to.trim().is_empty()
    });
    if let Some(draft) = saved {
        let contact = contacts
            .iter()
            .find(|c| Some(c.id) == draft.contact_id)
            .cloned();
        return Ok(Ok(Ready {
            program,
            contact,
            draft,
            reused: true,
            forced,
        }));
    }
    let Some(contact) = email_contact(&contacts) else {
        return skip(program, SkipReason::NoEmailContact, String::new());
    };
    // One live draft per person: never swap the user's unsent words for
    // a fresh rendering, nor keep two for the same person.
    if let Some(other) = store.live_draft_for(program.id, Some(contact.id))? {
        let detail = format!(
            "{} has draft #{} ({})",
            contact.email.trim(),
            other.id.0,
            other.template.as_deref().unwrap_or("typed by hand")
        );
        return skip(program, SkipReason::OtherDraft, detail);
    }
    match draft_from_template(templates, name, &program, Some(contact), profile, today) {
        Ok(draft) => Ok(Ok(Ready {
            contact: Some(contact.clone()),
            program,
            draft,
            reused: false,
            forced,
        })),
        Err(TemplateError::Missing { fields }) => {
            skip(program, SkipReason::Unresolved(fields), String::new())
        }
        Err(other) => Err(other.into()),
    }
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
            Err(error) => {
                outcome.stop = Some(Stop::Failed { index, error });
                break;
            }
        }
    }
    outcome
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
mod tests_skip;
