//! Planning a batch: which matching programs get an email, rendered, and
//! why each of the others does not. Reads only.

use crate::domain::sent::short_time;
use chrono::NaiveDate;

use super::skip::{self, SkipReason};
use super::{BatchError, Plan, Ready, Selection, Skipped, bad_draft_address, email_contact};
use crate::domain::contact::validate_email;
use crate::domain::{DraftStatus, Profile, Program, squash};
use crate::mail::{TemplateError, TemplateSet};
use crate::outreach::send::{continue_thread, draft_from_template};
use crate::store::Store;

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
            Planned::Ready(ready) => *ready,
            Planned::Skipped(skipped) => {
                plan.skipped.push(*skipped);
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

/// One program's answer (boxed: both carry a whole program row).
enum Planned {
    Ready(Box<Ready>),
    Skipped(Box<Skipped>),
}

fn skip(program: Program, reason: SkipReason, detail: String) -> Planned {
    Planned::Skipped(Box::new(Skipped {
        program,
        reason,
        detail,
    }))
}

/// One program's email, or why it has none. The ledger, status and log
/// come first (`skip`); `--force` overrides those that may be overridden.
fn ready_for(
    store: &Store,
    templates: &TemplateSet,
    selection: &Selection,
    profile: &Profile,
    program: Program,
    today: NaiveDate,
) -> Result<Planned, BatchError> {
    let name = selection.template.as_str();
    let reasons = skip::judgement_reasons(store, &program, name)?;
    let forcing = selection.force.contains(&program.id);
    if let Some(first) = reasons
        .iter()
        .find(|r| !forcing || !r.reason.forcible())
        .cloned()
    {
        return Ok(skip(program, first.reason, first.detail));
    }
    let forced = reasons.into_iter().map(|r| (r.reason, r.detail)).collect();
    let contacts = store.list_contacts(program.id)?;
    let saved = store.list_drafts(program.id)?.into_iter().find(|d| {
        d.status != DraftStatus::Sent
            && d.template.as_deref() == Some(name)
            && !d.to.trim().is_empty()
    });
    if let Some(draft) = saved {
        if let Some(bad) = bad_draft_address(&draft) {
            return Ok(skip(program, SkipReason::BadAddress(bad), String::new()));
        }
        if let Some(since) = store.bouncing_since(&draft.to)? {
            let reason = SkipReason::Bouncing(draft.to.trim().to_owned());
            return Ok(skip(
                program,
                reason,
                format!("since {}", short_time(since)),
            ));
        }
        let contact = contacts
            .iter()
            .find(|c| Some(c.id) == draft.contact_id)
            .cloned();
        return Ok(Planned::Ready(Box::new(Ready {
            program,
            contact,
            draft,
            reused: true,
            forced,
        })));
    }
    let Some(contact) = email_contact(&contacts) else {
        return Ok(skip(program, SkipReason::NoEmailContact, String::new()));
    };
    // A contact holds one address; a list typed into it would have become
    // several recipients.
    if validate_email(contact.email.trim()).is_err() {
        let bad = SkipReason::BadAddress(contact.email.trim().to_owned());
        return Ok(skip(program, bad, String::new()));
    }
    if let Some(since) = store.bouncing_since(&contact.email)? {
        let reason = SkipReason::Bouncing(contact.email.trim().to_owned());
        return Ok(skip(
            program,
            reason,
            format!("since {}", short_time(since)),
        ));
    }
    // One live draft per person: never swap the user's unsent words for a
    // fresh rendering, nor keep two for the same person.
    if let Some(other) = store.live_draft_for(program.id, Some(contact.id))? {
        let detail = format!(
            "{} has draft #{} ({})",
            contact.email.trim(),
            other.id.0,
            other.template.as_deref().unwrap_or("typed by hand")
        );
        return Ok(skip(program, SkipReason::OtherDraft, detail));
    }
    match draft_from_template(templates, name, &program, Some(contact), profile, today) {
        Ok(mut draft) => {
            continue_thread(store, &mut draft)?;
            Ok(Planned::Ready(Box::new(Ready {
                contact: Some(contact.clone()),
                program,
                draft,
                reused: false,
                forced,
            })))
        }
        Err(TemplateError::Missing { fields }) => {
            Ok(skip(program, SkipReason::Unresolved(fields), String::new()))
        }
        Err(other) => Err(other.into()),
    }
}
