use chrono::{NaiveDate, TimeZone, Utc};

use super::InboundReply;
use crate::domain::{Contact, Direction, FollowUp, Program, Status, UsState};
use crate::store::Store;

fn setup() -> (Store, Program) {
    let mut store = Store::open_in_memory().unwrap();
    let ky = UsState::parse("KY").unwrap();
    let program = store.insert_program(&Program::new("Mercy IM", ky)).unwrap();
    store.set_status(program.id, Status::Contacted).unwrap();
    store
        .insert_contact(&Contact {
            program_id: program.id,
            email: "Gme@Mercy.org".into(),
            ..Contact::default()
        })
        .unwrap();
    let due = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    store
        .insert_follow_up(&FollowUp {
            id: Default::default(),
            program_id: program.id,
            contact_id: None,
            due,
            note: "Nudge".into(),
            done_at: None,
            snoozed_from: vec![],
        })
        .unwrap();
    (store, program)
}

fn message(id: &str, program: &Program) -> InboundReply {
    InboundReply {
        message_id: id.into(),
        program: program.id,
        contact: None,
        from: "gme@mercy.org".into(),
        at: Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(),
        subject: "Re: rotation".into(),
        snippet: "Yes".into(),
    }
}

#[test]
fn a_reply_logs_once_moves_the_status_and_closes_the_follow_ups() {
    let (mut store, program) = setup();
    let logged = store
        .record_reply(&message("<r@x>", &program))
        .unwrap()
        .unwrap();
    assert!(logged.moved_to_replied);
    assert_eq!(logged.closed_follow_ups, 1);
    assert!(
        store
            .record_reply(&message("<r@x>", &program))
            .unwrap()
            .is_none()
    );
    assert_eq!(store.list_interactions(program.id).unwrap().len(), 1);
    assert_eq!(
        store.get_program(program.id).unwrap().unwrap().status,
        Status::Replied
    );
    assert!(store.inbound_seen("<r@x>").unwrap());
}

#[test]
fn an_auto_reply_moves_an_earlier_follow_up_past_the_return_day_and_logs_an_auto_reply() {
    let (mut store, program) = setup();
    let back = NaiveDate::from_ymd_opt(2026, 12, 10);
    let moved = store
        .record_auto_reply(&message("<a@x>", &program), back)
        .unwrap();
    assert_eq!(moved, Some(1));
    let due = store.list_follow_ups(program.id).unwrap()[0].due;
    assert_eq!(due, NaiveDate::from_ymd_opt(2026, 12, 11).unwrap());
    // Issue 17 item 2 changed "logs nothing": the auto-reply is in the
    // log, as an auto-reply (not a reply), and the status stays.
    let log = store.list_interactions(program.id).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].direction, Direction::AutoReply);
    assert_eq!(
        store.get_program(program.id).unwrap().unwrap().status,
        Status::Contacted
    );
    assert_eq!(
        store
            .record_auto_reply(&message("<a@x>", &program), back)
            .unwrap(),
        None
    );
}

#[test]
fn a_bounce_marks_the_address_whatever_its_case_and_names_the_program() {
    let (mut store, program) = setup();
    assert!(
        store
            .record_bounce(&message("<b@x>", &program), "gme@mercy.org")
            .unwrap()
    );
    assert!(store.bouncing_since("GME@mercy.org").unwrap().is_some());
    assert_eq!(store.bouncing_programs().unwrap(), vec![program.id]);
    let index = store.mail_index(&["Me+usce@gmail.com".into()]).unwrap();
    assert_eq!(index.own, vec!["me@gmail.com".to_owned()]);
    assert_eq!(index.contacts[0].address, "gme@mercy.org");
    assert_eq!(index.domains, vec![("mercy.org".to_owned(), program.id)]);
}

#[test]
fn folder_state_is_kept_per_folder() {
    let (mut store, _) = setup();
    assert_eq!(store.imap_folder_state("INBOX").unwrap(), None);
    store.set_imap_folder_state("INBOX", 7, 42).unwrap();
    store.set_imap_folder_state("INBOX", 8, 3).unwrap();
    assert_eq!(store.imap_folder_state("INBOX").unwrap(), Some((8, 3)));
    assert_eq!(store.imap_folder_state("Sent").unwrap(), None);
}

#[test]
fn an_auto_reply_entry_is_no_reply_for_status_follow_ups_or_stats() {
    let (mut store, program) = setup();
    let mut out = message("<out@x>", &program);
    out.at = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    store
        .insert_interaction(&crate::domain::Interaction {
            id: Default::default(),
            program_id: program.id,
            contact_id: None,
            at: out.at,
            channel: crate::domain::Channel::Email,
            direction: Direction::Out,
            summary: "Rotation request".into(),
            eml_path: None,
        })
        .unwrap();
    let mut auto = message("<a@x>", &program);
    auto.subject = "Out of office until 5 Jan".into();
    store.record_auto_reply(&auto, None).unwrap();
    let log = store.list_interactions(program.id).unwrap();
    assert_eq!(log[0].summary, "Out of office until 5 Jan");
    assert_eq!(log[0].direction, Direction::AutoReply);
    // The status stays, the follow-up stays open, "they wrote after your
    // last email" does not hold, and the stats count no reply.
    let saved = store.get_program(program.id).unwrap().unwrap();
    assert_eq!(saved.status, Status::Contacted);
    assert!(
        store.list_follow_ups(program.id).unwrap()[0]
            .done_at
            .is_none()
    );
    assert_eq!(store.reply_after_last_email(program.id).unwrap(), None);
    let activity = store.program_activity().unwrap();
    assert_eq!(activity[0].first_reply, None);
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let stats = store.outreach_stats(today).unwrap();
    assert_eq!(stats.overall.replied, 0);
    assert_eq!(stats.overall.contacted, 1);
}
