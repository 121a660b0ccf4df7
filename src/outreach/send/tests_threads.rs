//! Compose continues the thread's subject; a send schedules the cadence's
//! next step and reads the thread it replies to.

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::Role;
use crate::outreach::fixtures::{
    add_contact, add_program, profile, store_with_profile, today, unreachable_smtp,
};

fn templates() -> TemplateSet {
    TemplateSet::load(None).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 4, 12, 0, 0).unwrap()
}

/// Records `draft` as sent with `message_id`, the way a send does.
fn record_sent(store: &mut Store, draft: &Draft, message_id: &str, at: DateTime<Utc>) {
    let smtp = unreachable_smtp();
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: Path::new("/unused"),
        follow_up_days: 7,
    };
    let saved = store.save_draft(draft).unwrap();
    let record = sent_record(&saved, message_id, Path::new("/x.eml"), &mailer, at);
    store.record_sent(&record).unwrap();
}

#[test]
fn composing_to_someone_already_written_to_continues_the_thread() {
    let mut store = store_with_profile(&profile());
    let program = add_program(&mut store, "Bluegrass IM", "KY");
    let dana = add_contact(&mut store, program, Role::Coordinator, "dana@example.edu");
    let lee = add_contact(&mut store, program, Role::StudentOffice, "lee@example.edu");
    let first = compose(
        &store,
        &templates(),
        program,
        Some(dana.id),
        "request_rotation",
        today(),
    )
    .unwrap();
    assert!(!first.subject.starts_with("Re:"), "{}", first.subject);
    record_sent(&mut store, &first, "<1@example.org>", now());

    let nudge = compose(
        &store,
        &templates(),
        program,
        Some(dana.id),
        "follow_up",
        today(),
    )
    .unwrap();
    assert_eq!(nudge.subject, format!("Re: {}", first.subject));
    // Someone not yet written to gets the template's own subject.
    let fresh = compose(
        &store,
        &templates(),
        program,
        Some(lee.id),
        "follow_up",
        today(),
    )
    .unwrap();
    assert!(
        fresh.subject.starts_with("Following up"),
        "{}",
        fresh.subject
    );
    let nobody = compose(&store, &templates(), program, None, "follow_up", today()).unwrap();
    assert_eq!(nobody.subject, fresh.subject);
}

#[test]
fn a_reply_threads_on_the_last_message_to_that_person() {
    let mut store = store_with_profile(&profile());
    let program = add_program(&mut store, "Bluegrass IM", "KY");
    let dana = add_contact(&mut store, program, Role::Coordinator, "dana@example.edu");
    let draft = |subject: &str| Draft {
        program_id: program,
        contact_id: Some(dana.id),
        to: dana.email.clone(),
        subject: subject.into(),
        ..Draft::default()
    };
    assert_eq!(
        follow_through::thread_of(&store, &draft("x")).unwrap(),
        None
    );
    record_sent(&mut store, &draft("Request"), "<1@example.org>", now());
    record_sent(
        &mut store,
        &draft("Re: Request"),
        "<2@example.org>",
        now() + chrono::Duration::days(7),
    );
    let headers = follow_through::thread_of(&store, &draft("Re: Request"))
        .unwrap()
        .unwrap();
    assert_eq!(headers.in_reply_to, "<2@example.org>");
    assert_eq!(headers.references, ["<1@example.org>", "<2@example.org>"]);
    let to_nobody = Draft {
        contact_id: None,
        ..draft("Re: Request")
    };
    assert_eq!(follow_through::thread_of(&store, &to_nobody).unwrap(), None);
}

#[test]
fn the_second_email_schedules_the_second_nudge_a_week_later() {
    let mut store = store_with_profile(&profile());
    let program = add_program(&mut store, "Bluegrass IM", "KY");
    let dana = add_contact(&mut store, program, Role::Coordinator, "dana@example.edu");
    let smtp = unreachable_smtp();
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: Path::new("/unused"),
        follow_up_days: 10,
    };
    let draft = |subject: &str| Draft {
        program_id: program,
        contact_id: Some(dana.id),
        to: dana.email.clone(),
        subject: subject.into(),
        ..Draft::default()
    };
    let schedule = |store: &mut Store, subject: &str, at: DateTime<Utc>| {
        let saved = store.save_draft(&draft(subject)).unwrap();
        let history = follow_through::History::read(store, &saved).unwrap();
        let mut record = sent_record(&saved, "<x@example.org>", Path::new("/x.eml"), &mailer, at);
        history.schedule_next_step(&mut record, &saved.subject, mailer.follow_up_days);
        store.record_sent(&record).unwrap().follow_up.unwrap()
    };
    let local = |at: DateTime<Utc>| at.with_timezone(&Local).date_naive();

    let first = schedule(&mut store, "Request", now());
    assert_eq!(first.due, local(now()) + chrono::Days::new(10));
    assert_eq!(first.note, "No reply to “Request”? Nudge.");
    assert_eq!(first.contact_id, Some(dana.id));

    let later = now() + chrono::Duration::days(10);
    let second = schedule(&mut store, "Re: Request", later);
    assert_eq!(second.due, local(later) + chrono::Days::new(7));
    assert_eq!(second.note, "No reply to “Re: Request”? Nudge again.");
    // The second send closed the first follow-up; only the new one is open.
    let open: Vec<_> = store
        .list_follow_ups(program)
        .unwrap()
        .into_iter()
        .filter(FollowUp::is_open)
        .collect();
    assert_eq!(open, [second]);
}

#[test]
fn a_settled_program_keeps_the_plain_follow_up() {
    let mut store = store_with_profile(&profile());
    let program = add_program(&mut store, "Bluegrass IM", "KY");
    let dana = add_contact(&mut store, program, Role::Coordinator, "dana@example.edu");
    store.set_status(program, Status::Completed).unwrap();
    let smtp = unreachable_smtp();
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: Path::new("/unused"),
        follow_up_days: 7,
    };
    let saved = store
        .save_draft(&Draft {
            program_id: program,
            contact_id: Some(dana.id),
            to: dana.email.clone(),
            subject: "Letter of recommendation request".into(),
            ..Draft::default()
        })
        .unwrap();
    let history = follow_through::History::read(&store, &saved).unwrap();
    let mut record = sent_record(&saved, "<x@x>", Path::new("/x.eml"), &mailer, now());
    let plain = record.follow_up.clone();
    history.schedule_next_step(&mut record, &saved.subject, 7);
    assert_eq!(record.follow_up, plain);
}

#[test]
fn a_batch_to_someone_already_written_to_continues_the_thread_too() {
    let mut store = store_with_profile(&profile());
    let program = add_program(&mut store, "Bluegrass IM", "KY");
    let dana = add_contact(&mut store, program, Role::Coordinator, "dana@example.edu");
    let first = compose(
        &store,
        &templates(),
        program,
        Some(dana.id),
        "request_rotation",
        today(),
    )
    .unwrap();
    record_sent(&mut store, &first, "<1@example.org>", now());
    let selection = crate::outreach::Selection {
        template: "follow_up".into(),
        ..Default::default()
    };
    let plan = crate::outreach::plan(&store, &templates(), &selection, today()).unwrap();
    let [ready] = plan.ready.as_slice() else {
        panic!("{plan:?}")
    };
    assert_eq!(ready.draft.subject, format!("Re: {}", first.subject));
}
