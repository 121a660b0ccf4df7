//! What to do next about a program: the suggestion shown on its list row.
//!
//! Coordinators answer steady, polite follow-up, so after an email that got
//! no reply the cadence proposes a nudge, a second nudge, a phone call and
//! then the next person up (the visiting-student/GME office, then the
//! program director). usce never sends anything on its own: these are
//! proposals the user acts on.
//!
//! Dates of log entries are taken in UTC; a day's slack on a two-week nudge
//! does no harm and keeps these functions free of time zones.

use std::borrow::Cow;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{
    Channel, Contact, ContactId, Direction, FollowUp, FollowUpId, Interaction, Program, ProgramId,
    Role, Status,
};

/// How long to wait before each nudge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cadence {
    /// Days after the first unanswered email before the first nudge.
    pub first_nudge_days: u32,
    /// Days between every later step (second nudge, call, next contact).
    pub second_nudge_days: u32,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            first_nudge_days: 14,
            second_nudge_days: 7,
        }
    }
}

/// A suggestion for a program's list row: "follow up 3 Dec",
/// "email coordinator", "nudge coordinator 17 Dec".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextAction {
    /// Most rows say one of a few fixed phrases; those are not copied per
    /// program.
    pub text: Cow<'static, str>,
    /// When it is due; `None` means "whenever you are ready".
    pub due: Option<NaiveDate>,
}

/// People to try, in order, once the first contact has been emailed, nudged
/// and called without an answer.
const ESCALATION: [Role; 2] = [Role::StudentOffice, Role::ProgramDirector];

/// Outcomes after which chasing would be pointless or rude.
fn is_settled(status: Status) -> bool {
    matches!(
        status,
        Status::NotAFit | Status::Declined | Status::Accepted | Status::Completed
    )
}

/// What a step of the cadence asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// A first reminder to the person written to.
    Nudge,
    /// A second one.
    NudgeAgain,
    /// Emails went unanswered: phone them.
    Call,
    /// Emails and a call went unanswered: try the next person up.
    NextContact,
}

/// One step of the cadence, before it is worded for a list row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    /// "nudge coordinator", "call coordinator", "email student office".
    pub text: String,
    pub due: NaiveDate,
    /// Whom it is about: the person first written to since the program
    /// last wrote, or for [`StepKind::NextContact`] the next person up
    /// (`None` when nobody suitable is on file).
    pub contact: Option<ContactId>,
}

impl Step {
    /// The follow-up that reminds of this step after sending `subject`.
    /// The first nudge reads as it always has ("No reply to “…”? Nudge.").
    pub fn follow_up(&self, program: ProgramId, subject: &str) -> FollowUp {
        let ask = match self.kind {
            StepKind::Nudge => "Nudge".to_owned(),
            StepKind::NudgeAgain => "Nudge again".to_owned(),
            StepKind::Call | StepKind::NextContact => capitalized(&self.text),
        };
        FollowUp {
            id: FollowUpId(0),
            program_id: program,
            contact_id: self.contact,
            due: self.due,
            note: format!("No reply to “{subject}”? {ask}."),
            done_at: None,
            snoozed_from: Vec::new(),
        }
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Cadence {
    /// The next step of the nudge cadence, or `None` when there is nothing
    /// to chase: no unanswered email, the program has answered since, a
    /// follow-up is already planned, the outcome is settled, or every step
    /// has been taken.
    pub fn next_step(
        &self,
        status: Status,
        interactions: &[Interaction],
        open_follow_ups: &[FollowUp],
        contacts: &[Contact],
        today: NaiveDate,
    ) -> Option<NextAction> {
        if open_follow_ups.iter().any(FollowUp::is_open) {
            return None;
        }
        let step = self.step(status, interactions, contacts)?;
        Some(dated(step.text, step.due, today))
    }

    /// [`Cadence::next_step`] before it is worded, whatever follow-ups are
    /// open: what a send schedules next. A reply stops the cadence (only
    /// what went out since the program last wrote counts), and writing
    /// again after it starts a new round.
    pub fn step(
        &self,
        status: Status,
        interactions: &[Interaction],
        contacts: &[Contact],
    ) -> Option<Step> {
        if is_settled(status) {
            return None;
        }
        let last_inbound = interactions
            .iter()
            .filter(|i| i.direction == Direction::In)
            .map(|i| i.at)
            .max();
        // Only what went out since they last wrote counts as unanswered.
        let mut unanswered: Vec<&Interaction> = interactions
            .iter()
            .filter(|i| i.direction == Direction::Out && last_inbound.is_none_or(|t| i.at > t))
            .collect();
        unanswered.sort_by_key(|i| i.at);
        let emails: Vec<&Interaction> = unanswered
            .iter()
            .copied()
            .filter(|i| i.channel == Channel::Email)
            .collect();
        let first_email = emails.first()?;
        let last = unanswered.last()?.at.date_naive();
        let calls = unanswered
            .iter()
            .filter(|i| i.channel == Channel::Phone)
            .count();
        let role_of = |i: &Interaction| {
            i.contact_id
                .and_then(|id| contacts.iter().find(|c| c.id == id))
                .map(|c| c.role)
        };
        let who = role_of(first_email).unwrap_or(Role::Coordinator).label();
        let written_to = first_email.contact_id;
        let later = add(last, self.second_nudge_days);

        let step = |kind, text: String, due, contact| Step {
            kind,
            text,
            due,
            contact,
        };
        Some(match (emails.len(), calls) {
            (1, 0) => step(
                StepKind::Nudge,
                format!("nudge {who}"),
                add(last, self.first_nudge_days),
                written_to,
            ),
            (2, 0) => step(
                StepKind::NudgeAgain,
                format!("nudge {who} again"),
                later,
                written_to,
            ),
            (_, 0) => step(StepKind::Call, format!("call {who}"), later, written_to),
            _ => {
                let reached: Vec<Role> = unanswered.iter().filter_map(|i| role_of(i)).collect();
                let next = ESCALATION.iter().find_map(|role| {
                    contacts
                        .iter()
                        .find(|c| c.role == *role && !reached.contains(role))
                });
                let text = match next {
                    Some(c) if !c.email.trim().is_empty() => format!("email {}", c.role.label()),
                    Some(c) if !c.phone.trim().is_empty() => format!("call {}", c.role.label()),
                    Some(c) => format!("find a way to reach the {}", c.role.label()),
                    None if ESCALATION
                        .iter()
                        .all(|r| !contacts.iter().any(|c| c.role == *r)) =>
                    {
                        "find the GME office or program director".to_string()
                    }
                    None => return None,
                };
                step(StepKind::NextContact, text, later, next.map(|c| c.id))
            }
        })
    }

    /// The single suggestion for a program's list row, first match wins:
    /// 1. the earliest open follow-up ("follow up 3 Dec");
    /// 2. researching or shortlisted with a coordinator's email on file:
    ///    "email coordinator";
    /// 3. whichever is due first of the date rotation applications open
    ///    (when still ahead and the program not yet applied to) and the
    ///    nudge cadence ([`Cadence::next_step`]).
    pub fn next_action(
        &self,
        program: &Program,
        follow_ups: &[FollowUp],
        interactions: &[Interaction],
        contacts: &[Contact],
        today: NaiveDate,
    ) -> Option<NextAction> {
        if let Some(f) = follow_ups
            .iter()
            .filter(|f| f.is_open())
            .min_by_key(|f| f.due)
        {
            return Some(NextAction {
                text: format!("follow up {}", short_date(f.due, today)).into(),
                due: Some(f.due),
            });
        }
        if matches!(program.status, Status::Researching | Status::Shortlisted)
            && contacts
                .iter()
                .any(|c| c.role == Role::Coordinator && !c.email.trim().is_empty())
        {
            return Some(NextAction {
                text: "email coordinator".into(),
                due: None,
            });
        }
        let applications = program
            .rotation
            .applications_open
            .filter(|open| {
                *open > today
                    && program.status.rank() < Status::Applied.rank()
                    && !is_settled(program.status)
            })
            .map(|open| NextAction {
                text: format!("applications open {}", short_date(open, today)).into(),
                due: Some(open),
            });
        let nudge = self.next_step(program.status, interactions, &[], contacts, today);
        match (applications, nudge) {
            (Some(a), Some(n)) if a.due < n.due => Some(a),
            (a, n) => n.or(a),
        }
    }
}

/// [`Cadence::next_step`] with the default cadence.
pub fn next_step(
    status: Status,
    interactions: &[Interaction],
    open_follow_ups: &[FollowUp],
    contacts: &[Contact],
    today: NaiveDate,
) -> Option<NextAction> {
    Cadence::default().next_step(status, interactions, open_follow_ups, contacts, today)
}

/// [`Cadence::next_action`] with the default cadence.
pub fn next_action(
    program: &Program,
    follow_ups: &[FollowUp],
    interactions: &[Interaction],
    contacts: &[Contact],
    today: NaiveDate,
) -> Option<NextAction> {
    Cadence::default().next_action(program, follow_ups, interactions, contacts, today)
}

fn add(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// A step due later says when ("nudge coordinator 17 Dec"); one due now
/// reads as a plain instruction.
fn dated(text: String, due: NaiveDate, today: NaiveDate) -> NextAction {
    let text = if due > today {
        format!("{text} {}", short_date(due, today))
    } else {
        text
    };
    NextAction {
        text: text.into(),
        due: Some(due),
    }
}

/// "3 Dec", with the year only when it is not this year's.
pub fn short_date(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%-d %b").to_string()
    } else {
        day.format("%-d %b %Y").to_string()
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_send;

/// The little of a program its next step depends on, so the runtime can
/// work out next steps for 15,000 programs without a copy of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramBrief {
    pub id: super::ProgramId,
    pub status: Status,
    pub applications_open: Option<NaiveDate>,
}

impl ProgramBrief {
    pub fn of(p: &Program) -> ProgramBrief {
        ProgramBrief {
            id: p.id,
            status: p.status,
            applications_open: p.rotation.applications_open,
        }
    }

    /// [`next_action`] for the brief.
    pub fn next_action(
        &self,
        follow_ups: &[FollowUp],
        interactions: &[Interaction],
        contacts: &[Contact],
        today: NaiveDate,
    ) -> Option<NextAction> {
        let mut program = Program {
            id: self.id,
            status: self.status,
            ..Program::default()
        };
        program.rotation.applications_open = self.applications_open;
        next_action(&program, follow_ups, interactions, contacts, today)
    }
}
