use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::{Channel, Contact, Direction, PreferredMethod, Program, Role, UsState};

fn setup() -> (Store, Program, Contact, Draft) {
    let mut store = Store::open_in_memory().unwrap();
    let program = store
        .insert_program(&Program::new(
            "Bluegrass Internal Medicine",
            UsState::from_code("KY").unwrap(),
        ))
        .unwrap();
    let contact = store
        .insert_contact(&Contact {
            program_id: program.id,
            role: Role::Coordinator,
            name: "Dana".into(),
            email: "dana@example.edu".into(),
            preferred: PreferredMethod::Email,
            ..Contact::default()
        })
        .unwrap();
    let draft = store
        .save_draft(&Draft {
            program_id: program.id,
            contact_id: Some(contact.id),
            template: Some("request_rotation".into()),
            to: contact.email.clone(),
            subject: "Rotation request".into(),
            body: "Dear Dana,\n".into(),
            ..Draft::default()
        })
        .unwrap();
    (store, program, contact, draft)
}

fn record(program: &Program, contact: &Contact, draft: &Draft) -> SendRecord {
    let at = Utc.with_ymd_and_hms(2025, 3, 4, 15, 0, 0).unwrap();
    SendRecord {
        draft: draft.id,
        message_id: "<abc@example.org>".into(),
        sent_at: at,
        log_entry: Interaction {
            id: InteractionId(0),
            program_id: program.id,
            contact_id: Some(contact.id),
            at,
            channel: Channel::Email,
            direction: Direction::Out,
            summary: "Sent: Rotation request".into(),
            eml_path: Some("/tmp/sent/x.eml".into()),
        },
        follow_up: Some(FollowUp {
            id: FollowUpId(0),
            program_id: program.id,
            contact_id: Some(contact.id),
            due: NaiveDate::from_ymd_opt(2025, 3, 11).unwrap(),
            note: "Nudge".into(),
            done_at: None,
            snoozed_from: Vec::new(),
        }),
        advance_to: Some(Status::Contacted),
    }
}

#[test]
fn recording_a_send_writes_draft_log_follow_up_status_and_ledger() {
    let (mut store, program, contact, draft) = setup();
    let r = record(&program, &contact, &draft);
    assert!(!store.already_sent(program.id, "request_rotation").unwrap());

    let done = store.record_sent(&r).unwrap();

    let saved = store.get_draft(draft.id).unwrap().unwrap();
    assert_eq!(saved, done.draft);
    assert_eq!(saved.status, DraftStatus::Sent);
    assert_eq!(saved.message_id.as_deref(), Some("<abc@example.org>"));
    assert_eq!(saved.sent_at, Some(r.sent_at));
    assert_eq!(
        store.list_interactions(program.id).unwrap(),
        [done.interaction]
    );
    assert_eq!(
        store.list_follow_ups(program.id).unwrap(),
        [done.follow_up.unwrap()]
    );
    assert_eq!(done.new_status, Some(Status::Contacted));
    assert_eq!(
        store.get_program(program.id).unwrap().unwrap().status,
        Status::Contacted
    );
    assert!(store.already_sent(program.id, "request_rotation").unwrap());
    assert!(!store.already_sent(program.id, "follow_up").unwrap());
    assert_eq!(store.sent_since(r.sent_at).unwrap(), 1);
    assert_eq!(
        store
            .sent_since(r.sent_at + chrono::Duration::seconds(1))
            .unwrap(),
        0
    );
}

#[test]
fn a_sent_draft_cannot_be_recorded_twice() {
    let (mut store, program, contact, draft) = setup();
    let r = record(&program, &contact, &draft);
    store.record_sent(&r).unwrap();
    let err = store.record_sent(&r).unwrap_err();
    assert!(err.to_string().contains("already sent"), "{err}");
    assert_eq!(store.list_interactions(program.id).unwrap().len(), 1);
    assert_eq!(store.list_follow_ups(program.id).unwrap().len(), 1);
}

#[test]
fn a_failure_part_way_leaves_nothing_behind() {
    let (mut store, program, contact, draft) = setup();
    let other = store
        .insert_program(&Program::new("Other", UsState::from_code("OH").unwrap()))
        .unwrap();
    let stranger = store
        .insert_contact(&Contact {
            program_id: other.id,
            name: "Someone else".into(),
            ..Contact::default()
        })
        .unwrap();
    let mut r = record(&program, &contact, &draft);
    // The follow-up is written after the draft and the log entry; naming
    // another program's contact makes it fail there.
    if let Some(f) = r.follow_up.as_mut() {
        f.contact_id = Some(stranger.id);
    }
    let err = store.record_sent(&r).unwrap_err();
    assert!(err.to_string().contains("another program"), "{err}");

    assert_eq!(store.get_draft(draft.id).unwrap().unwrap(), draft);
    assert!(store.list_interactions(program.id).unwrap().is_empty());
    assert!(store.list_follow_ups(program.id).unwrap().is_empty());
    assert_eq!(
        store.get_program(program.id).unwrap().unwrap().status,
        Status::Researching
    );
    assert!(!store.already_sent(program.id, "request_rotation").unwrap());
}

#[test]
fn status_only_moves_forward() {
    let (mut store, program, contact, draft) = setup();
    store.set_status(program.id, Status::Replied).unwrap();
    let done = store
        .record_sent(&record(&program, &contact, &draft))
        .unwrap();
    assert_eq!(done.new_status, None);
    assert_eq!(
        store.get_program(program.id).unwrap().unwrap().status,
        Status::Replied
    );
}

#[test]
fn a_draft_without_a_template_leaves_no_ledger_row() {
    let (mut store, program, contact, draft) = setup();
    // A template is fixed once composed, so the template-less draft is a
    // new one (the composed one makes way for it: one per person).
    store.delete_draft(draft.id).unwrap();
    let draft = store
        .save_draft(&Draft {
            id: DraftId(0),
            template: None,
            ..draft
        })
        .unwrap();
    store
        .record_sent(&record(&program, &contact, &draft))
        .unwrap();
    assert_eq!(
        store.sent_since(Utc.timestamp_opt(0, 0).unwrap()).unwrap(),
        0
    );
}

#[test]
fn the_ledger_refuses_a_second_row_for_the_same_program_and_template() {
    let (store, program, _, _) = setup();
    let insert = |message_id: &str| {
        store.conn.execute(
            "INSERT INTO send_ledger (program_id, template, message_id, sent_at) \
             VALUES (?1, 'request_rotation', ?2, '2025-03-04T00:00:00.000000000Z')",
            params![program.id, message_id],
        )
    };
    insert("<1@x>").unwrap();
    assert!(insert("<2@x>").is_err());
}
