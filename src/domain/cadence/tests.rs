use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::{ContactId, FollowUpId, InteractionId, Program, ProgramId, Role, UsState};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, m, d, 15, 0, 0).unwrap()
}

fn contact(id: i64, role: Role, email: &str, phone: &str) -> Contact {
    Contact {
        id: ContactId(id),
        program_id: ProgramId(1),
        role,
        name: format!("{} person", role.label()),
        email: email.into(),
        phone: phone.into(),
        ..Contact::default()
    }
}

fn coordinator() -> Contact {
    contact(1, Role::Coordinator, "coord@example.org", "555-0100")
}

fn office() -> Contact {
    contact(2, Role::StudentOffice, "gme@example.org", "")
}

fn director() -> Contact {
    contact(3, Role::ProgramDirector, "", "555-0199")
}

fn log(
    channel: Channel,
    direction: Direction,
    when: DateTime<Utc>,
    who: Option<i64>,
) -> Interaction {
    Interaction {
        id: InteractionId(0),
        program_id: ProgramId(1),
        contact_id: who.map(ContactId),
        at: when,
        channel,
        direction,
        summary: String::new(),
        eml_path: None,
    }
}

fn email_out(m: u32, d: u32) -> Interaction {
    log(Channel::Email, Direction::Out, at(m, d), Some(1))
}

fn follow_up(due: NaiveDate, done: bool) -> FollowUp {
    FollowUp {
        id: FollowUpId(1),
        program_id: ProgramId(1),
        contact_id: None,
        due,
        note: String::new(),
        done_at: done.then(|| at(1, 1)),
        snoozed_from: vec![],
    }
}

fn step(log: &[Interaction], contacts: &[Contact], today: NaiveDate) -> Option<NextAction> {
    next_step(Status::Contacted, log, &[], contacts, today)
}

fn text(action: Option<NextAction>) -> Option<String> {
    action.map(|a| a.text.into_owned())
}

#[test]
fn nothing_to_chase_without_an_email_sent() {
    assert_eq!(step(&[], &[coordinator()], day(2025, 12, 3)), None);
    let call_only = [log(Channel::Phone, Direction::Out, at(12, 1), Some(1))];
    assert_eq!(step(&call_only, &[coordinator()], day(2025, 12, 3)), None);
}

#[test]
fn the_first_nudge_comes_fourteen_days_after_an_unanswered_email() {
    let sent = [email_out(12, 1)];
    let early = step(&sent, &[coordinator()], day(2025, 12, 3)).unwrap();
    assert_eq!(early.text, "nudge coordinator 15 Dec");
    assert_eq!(early.due, Some(day(2025, 12, 15)));
    let due_now = step(&sent, &[coordinator()], day(2025, 12, 15)).unwrap();
    assert_eq!(due_now.text, "nudge coordinator");
    assert_eq!(due_now.due, Some(day(2025, 12, 15)));
}

#[test]
fn a_reply_stops_the_cadence_until_we_write_again() {
    let mut history = vec![
        email_out(12, 1),
        log(Channel::Email, Direction::In, at(12, 4), Some(1)),
    ];
    assert_eq!(step(&history, &[coordinator()], day(2025, 12, 20)), None);
    history.push(email_out(12, 5));
    assert_eq!(
        text(step(&history, &[coordinator()], day(2025, 12, 20))),
        Some("nudge coordinator".into())
    );
}

#[test]
fn an_auto_reply_does_not_stop_the_cadence() {
    // Issue 17: an out-of-office is logged, yet the nudge stays due.
    let history = vec![
        email_out(12, 1),
        log(Channel::Email, Direction::AutoReply, at(12, 2), Some(1)),
    ];
    assert_eq!(
        text(step(&history, &[coordinator()], day(2025, 12, 20))),
        Some("nudge coordinator".into())
    );
}

#[test]
fn the_ladder_is_nudge_nudge_call_then_the_next_person_up() {
    let people = [coordinator(), office(), director()];
    let today = day(2025, 12, 31);
    let mut history = vec![email_out(12, 1), email_out(12, 15)];
    let second = step(&history, &people, day(2025, 12, 16)).unwrap();
    assert_eq!(second.text, "nudge coordinator again 22 Dec");
    assert_eq!(second.due, Some(day(2025, 12, 22)));

    history.push(email_out(12, 22));
    let call = step(&history, &people, today).unwrap();
    assert_eq!(call.text, "call coordinator");
    assert_eq!(call.due, Some(day(2025, 12, 29)));

    history.push(log(Channel::Phone, Direction::Out, at(12, 29), Some(1)));
    assert_eq!(
        text(step(&history, &people, day(2026, 1, 10))),
        Some("email visiting-student/GME office".into())
    );

    history.push(log(Channel::Email, Direction::Out, at(12, 30), Some(2)));
    // The director has no email on file but a phone number.
    let pd = step(&history, &people, today).unwrap();
    assert_eq!(pd.text, "call program director 6 Jan 2026");
    assert_eq!(pd.due, Some(day(2026, 1, 6)));

    history.push(log(Channel::Phone, Direction::Out, at(12, 31), Some(3)));
    assert_eq!(step(&history, &people, today), None);
}

#[test]
fn without_an_office_or_director_on_file_it_says_to_find_one() {
    let history = [
        email_out(12, 1),
        log(Channel::Phone, Direction::Out, at(12, 10), Some(1)),
    ];
    assert_eq!(
        text(step(&history, &[coordinator()], day(2025, 12, 31))),
        Some("find the GME office or program director".into())
    );
    // No office: straight to the director.
    assert_eq!(
        text(step(
            &history,
            &[
                coordinator(),
                contact(3, Role::ProgramDirector, "pd@example.org", "")
            ],
            day(2025, 12, 31)
        )),
        Some("email program director".into())
    );
}

#[test]
fn log_order_does_not_matter() {
    let mut newest_first = vec![email_out(12, 15), email_out(12, 1)];
    let a = step(&newest_first, &[coordinator()], day(2025, 12, 30));
    newest_first.reverse();
    let b = step(&newest_first, &[coordinator()], day(2025, 12, 30));
    assert_eq!(a, b);
    assert_eq!(a.unwrap().due, Some(day(2025, 12, 22)));
}

#[test]
fn names_the_role_that_was_emailed() {
    let history = [log(Channel::Email, Direction::Out, at(12, 1), Some(3))];
    assert_eq!(
        text(step(&history, &[director()], day(2025, 12, 20))),
        Some("nudge program director".into())
    );
}

#[test]
fn a_planned_follow_up_or_a_settled_outcome_silences_the_cadence() {
    let sent = [email_out(12, 1)];
    let today = day(2025, 12, 20);
    let open = [follow_up(day(2026, 1, 5), false)];
    assert_eq!(next_step(Status::Contacted, &sent, &open, &[], today), None);
    let done = [follow_up(day(2025, 12, 5), true)];
    assert!(next_step(Status::Contacted, &sent, &done, &[], today).is_some());
    for settled in [
        Status::NotAFit,
        Status::Declined,
        Status::Accepted,
        Status::Completed,
    ] {
        assert_eq!(
            next_step(settled, &sent, &[], &[], today),
            None,
            "{settled}"
        );
    }
}

#[test]
fn the_cadence_is_configurable() {
    let quick = Cadence {
        first_nudge_days: 5,
        second_nudge_days: 2,
    };
    let mut sent = vec![email_out(12, 1)];
    let today = day(2025, 12, 2);
    let first = quick.next_step(Status::Contacted, &sent, &[], &[], today);
    assert_eq!(first.unwrap().due, Some(day(2025, 12, 6)));
    sent.push(email_out(12, 6));
    let second = quick.next_step(Status::Contacted, &sent, &[], &[], today);
    assert_eq!(second.unwrap().due, Some(day(2025, 12, 8)));
}

fn program(status: Status, applications_open: Option<NaiveDate>) -> Program {
    let mut p = Program::new("Bluegrass IM", UsState::parse("KY").unwrap());
    p.id = ProgramId(1);
    p.status = status;
    p.rotation.applications_open = applications_open;
    p
}

#[test]
fn the_earliest_open_follow_up_wins_the_row() {
    let p = program(Status::Researching, Some(day(2026, 4, 1)));
    let follow_ups = [
        follow_up(day(2025, 12, 20), false),
        follow_up(day(2025, 12, 1), true),
        follow_up(day(2025, 12, 3), false),
    ];
    let action = next_action(&p, &follow_ups, &[], &[coordinator()], day(2025, 12, 1)).unwrap();
    assert_eq!(action.text, "follow up 3 Dec");
    assert_eq!(action.due, Some(day(2025, 12, 3)));
    let next_year = [follow_up(day(2026, 1, 5), false)];
    assert_eq!(
        text(next_action(&p, &next_year, &[], &[], day(2025, 12, 1))),
        Some("follow up 5 Jan 2026".into())
    );
}

#[test]
fn a_researched_program_with_a_coordinator_email_says_email_coordinator() {
    let today = day(2025, 12, 1);
    for status in [Status::Researching, Status::Shortlisted] {
        let p = program(status, None);
        let action = next_action(&p, &[], &[], &[coordinator()], today).unwrap();
        assert_eq!(action.text, "email coordinator");
        assert_eq!(action.due, None);
    }
    let no_email = contact(1, Role::Coordinator, " ", "555-0100");
    assert_eq!(
        next_action(
            &program(Status::Researching, None),
            &[],
            &[],
            &[no_email],
            today
        ),
        None
    );
    assert_eq!(
        next_action(
            &program(Status::NotAFit, None),
            &[],
            &[],
            &[coordinator()],
            today
        ),
        None
    );
}

#[test]
fn a_future_application_date_is_announced_until_applied() {
    let open = Some(day(2026, 4, 1));
    let today = day(2025, 12, 1);
    let action = next_action(&program(Status::Researching, open), &[], &[], &[], today).unwrap();
    assert_eq!(action.text, "applications open 1 Apr 2026");
    assert_eq!(action.due, open);
    assert_eq!(
        text(next_action(
            &program(Status::Contacted, open),
            &[],
            &[],
            &[],
            day(2026, 3, 1)
        )),
        Some("applications open 1 Apr".into())
    );
    // Past dates, and programs already applied to or ruled out, say nothing.
    for (status, today) in [
        (Status::Researching, day(2026, 4, 1)),
        (Status::Applied, today),
        (Status::Declined, today),
    ] {
        assert_eq!(
            next_action(&program(status, open), &[], &[], &[], today),
            None
        );
    }
}

#[test]
fn between_an_application_date_and_a_nudge_the_sooner_wins() {
    let today = day(2025, 12, 3);
    let sent = [email_out(12, 1)];
    let soon = program(Status::Contacted, Some(day(2025, 12, 10)));
    assert_eq!(
        text(next_action(&soon, &[], &sent, &[coordinator()], today)),
        Some("applications open 10 Dec".into())
    );
    let later = program(Status::Contacted, Some(day(2026, 2, 1)));
    assert_eq!(
        text(next_action(&later, &[], &sent, &[coordinator()], today)),
        Some("nudge coordinator 15 Dec".into())
    );
    // A contacted program with nothing else falls back to the cadence.
    let plain = program(Status::Contacted, None);
    assert_eq!(
        next_action(&plain, &[], &sent, &[coordinator()], today).map(|a| a.due),
        Some(Some(day(2025, 12, 15)))
    );
}
