//! What each send schedules next: the cadence read after the email that
//! just went out, worded as a follow-up.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::{ContactId, InteractionId, ProgramId};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, m, d, 15, 0, 0).unwrap()
}

fn person(id: i64, role: Role, email: &str) -> Contact {
    Contact {
        id: ContactId(id),
        program_id: ProgramId(1),
        role,
        email: email.into(),
        ..Contact::default()
    }
}

fn people() -> Vec<Contact> {
    vec![
        person(1, Role::Coordinator, "coord@example.org"),
        person(2, Role::StudentOffice, "gme@example.org"),
    ]
}

fn entry(channel: Channel, direction: Direction, when: DateTime<Utc>, who: i64) -> Interaction {
    Interaction {
        id: InteractionId(0),
        program_id: ProgramId(1),
        contact_id: Some(ContactId(who)),
        at: when,
        channel,
        direction,
        summary: String::new(),
        eml_path: None,
    }
}

fn sent(d: u32) -> Interaction {
    entry(Channel::Email, Direction::Out, at(3, d), 1)
}

/// The cadence a send uses: the config's first wait (7 days by default),
/// then the cadence's week between later steps.
fn cadence() -> Cadence {
    Cadence {
        first_nudge_days: 7,
        ..Cadence::default()
    }
}

fn after(log: &[Interaction]) -> Option<Step> {
    cadence().step(Status::Contacted, log, &people())
}

#[test]
fn each_send_schedules_the_next_rung_nudge_nudge_call_next_person() {
    let mut log = vec![sent(1)];
    let first = after(&log).unwrap();
    assert_eq!(
        (first.kind, first.due, first.contact),
        (StepKind::Nudge, day(3, 8), Some(ContactId(1)))
    );
    log.push(sent(8));
    let second = after(&log).unwrap();
    assert_eq!(
        (second.kind, second.due),
        (StepKind::NudgeAgain, day(3, 15))
    );
    log.push(sent(15));
    let call = after(&log).unwrap();
    assert_eq!(
        (call.kind, call.text.as_str()),
        (StepKind::Call, "call coordinator")
    );
    log.push(entry(Channel::Phone, Direction::Out, at(3, 22), 1));
    log.push(entry(Channel::Email, Direction::Out, at(3, 23), 1));
    let next = after(&log).unwrap();
    assert_eq!(
        (next.kind, next.contact, next.due),
        (StepKind::NextContact, Some(ContactId(2)), day(3, 30))
    );
}

#[test]
fn a_reply_stops_the_cadence_and_writing_after_it_starts_a_new_round() {
    let mut log = vec![
        sent(1),
        sent(8),
        entry(Channel::Email, Direction::In, at(3, 9), 1),
    ];
    assert_eq!(after(&log), None);
    // Still silent for the list row, even with no follow-up open.
    assert_eq!(
        cadence().next_step(Status::Replied, &log, &[], &people(), day(4, 30)),
        None
    );
    log.push(sent(10));
    let fresh = after(&log).unwrap();
    assert_eq!((fresh.kind, fresh.due), (StepKind::Nudge, day(3, 17)));
}

#[test]
fn a_settled_program_gets_no_next_step() {
    for status in [Status::Accepted, Status::Completed, Status::Declined] {
        assert_eq!(cadence().step(status, &[sent(1)], &people()), None);
    }
}

#[test]
fn follow_ups_say_what_to_do_about_which_email() {
    let mut log = vec![sent(1)];
    let note = |log: &[Interaction]| {
        after(log)
            .unwrap()
            .follow_up(ProgramId(1), "Re: Elective")
            .note
    };
    assert_eq!(note(&log), "No reply to “Re: Elective”? Nudge.");
    log.push(sent(8));
    assert_eq!(note(&log), "No reply to “Re: Elective”? Nudge again.");
    log.push(sent(15));
    assert_eq!(note(&log), "No reply to “Re: Elective”? Call coordinator.");
    log.push(entry(Channel::Phone, Direction::Out, at(3, 22), 1));
    let step = after(&log).unwrap();
    let f = step.follow_up(ProgramId(7), "Re: Elective");
    assert_eq!(
        f.note,
        "No reply to “Re: Elective”? Email visiting-student/GME office."
    );
    assert_eq!(
        (f.program_id, f.contact_id, f.due, f.is_open()),
        (ProgramId(7), Some(ContactId(2)), day(3, 29), true)
    );
}
