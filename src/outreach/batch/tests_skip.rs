//! Batch outreach leaves out every program it should, each with its
//! reason, and `force` overrides only what may be overridden.

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::{Channel, Direction, Interaction, InteractionId};
use crate::outreach::fixtures::{add_contact, add_program, profile, store_with_profile, today};
use crate::store::{Flight, SendRecord};

fn templates() -> TemplateSet {
    TemplateSet::load(None).unwrap()
}

fn selection() -> Selection {
    Selection {
        template: "request_rotation".into(),
        ..Selection::default()
    }
}

fn at(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 12, day, 14, 5, 0).unwrap()
}

fn log(store: &mut Store, program: ProgramId, direction: Direction, day: u32) {
    store
        .insert_interaction(&Interaction {
            id: InteractionId(0),
            program_id: program,
            contact_id: None,
            at: at(day),
            channel: Channel::Email,
            direction,
            summary: format!("{direction:?} on {day}"),
            eml_path: None,
        })
        .unwrap();
}

fn skipped_for(plan: &Plan, program: ProgramId) -> Option<&Skipped> {
    plan.skipped.iter().find(|s| s.program.id == program)
}

#[test]
fn every_status_from_replied_on_is_skipped_and_says_which() {
    let mut store = store_with_profile(&profile());
    let mut ids = Vec::new();
    for status in Status::ALL {
        let p = add_program(&mut store, &format!("{} IM", status.label()), "KY");
        add_contact(&mut store, p, Role::Coordinator, "c@example.edu");
        store.set_status(p, *status).unwrap();
        ids.push((p, *status));
    }
    let plan = plan(&store, &templates(), &selection(), today()).unwrap();
    for (program, status) in ids {
        let later = status.rank() >= Status::Replied.rank();
        match skipped_for(&plan, program) {
            Some(s) if later => {
                assert_eq!(s.reason, SkipReason::StatusTooFar(status));
                assert_eq!(
                    s.reason.to_string(),
                    format!("status is already {}", status.label())
                );
                assert!(s.reason.forcible());
            }
            None if !later => {}
            other => panic!("{status:?}: {other:?}"),
        }
    }
    let later = [
        Status::Replied,
        Status::Applied,
        Status::Accepted,
        Status::Declined,
        Status::Completed,
    ];
    assert_eq!(plan.skipped.len(), later.len());
    assert_eq!(plan.ready.len(), Status::ALL.len() - later.len());
}

#[test]
fn a_reply_after_the_last_email_skips_the_program_and_one_before_it_does_not() {
    let mut store = store_with_profile(&profile());
    let answered = add_program(&mut store, "Answered IM", "KY");
    add_contact(&mut store, answered, Role::Coordinator, "a@example.edu");
    log(&mut store, answered, Direction::Out, 1);
    log(&mut store, answered, Direction::In, 2);
    let chased = add_program(&mut store, "Chased IM", "KY");
    add_contact(&mut store, chased, Role::Coordinator, "b@example.edu");
    log(&mut store, chased, Direction::In, 1);
    log(&mut store, chased, Direction::Out, 2);
    let wrote_first = add_program(&mut store, "Wrote first IM", "KY");
    add_contact(&mut store, wrote_first, Role::Coordinator, "c@example.edu");
    log(&mut store, wrote_first, Direction::In, 3);

    let plan = plan(&store, &templates(), &selection(), today()).unwrap();

    let s = skipped_for(&plan, answered).unwrap();
    assert_eq!(s.reason, SkipReason::ReplyAfterLastEmail);
    assert_eq!(s.reason.to_string(), "they wrote after your last email");
    assert!(s.detail.starts_with("on "), "{}", s.detail);
    assert_eq!(
        skipped_for(&plan, wrote_first).unwrap().reason,
        SkipReason::ReplyAfterLastEmail
    );
    assert!(skipped_for(&plan, chased).is_none());
    assert_eq!(plan.ready.len(), 1);
}

/// Sends `template` to `program`'s given person (recorded, no SMTP).
fn record_send(store: &mut Store, program: ProgramId, contact: &crate::domain::Contact) {
    let draft = store
        .save_draft(&Draft {
            program_id: program,
            contact_id: Some(contact.id),
            template: Some("request_rotation".into()),
            to: contact.email.clone(),
            subject: "Rotation".into(),
            ..Draft::default()
        })
        .unwrap();
    store
        .record_sent(&SendRecord {
            draft: draft.id,
            message_id: "<1@x>".into(),
            sent_at: at(1),
            log_entry: Interaction {
                id: InteractionId(0),
                program_id: program,
                contact_id: Some(contact.id),
                at: at(1),
                channel: Channel::Email,
                direction: Direction::Out,
                summary: "Sent: Rotation".into(),
                eml_path: None,
            },
            follow_up: None,
            advance_to: None,
        })
        .unwrap();
}

#[test]
fn a_template_sent_to_anyone_at_the_program_skips_it_naming_whom_and_when() {
    let mut store = store_with_profile(&profile());
    let p = add_program(&mut store, "Bluegrass IM", "KY");
    // The batch would write to the coordinator; the director got it.
    add_contact(&mut store, p, Role::Coordinator, "coord@example.edu");
    let director = add_contact(&mut store, p, Role::ProgramDirector, "pd@example.edu");
    record_send(&mut store, p, &director);

    let plan = plan(&store, &templates(), &selection(), today()).unwrap();

    let s = skipped_for(&plan, p).unwrap();
    assert_eq!(s.reason, SkipReason::AlreadySent);
    assert!(
        s.detail.starts_with("to pd@example.edu on "),
        "{}",
        s.detail
    );
    assert!(plan.ready.is_empty());
}

#[test]
fn force_overrides_the_judgement_calls_together_and_says_which() {
    let mut store = store_with_profile(&profile());
    let p = add_program(&mut store, "Bluegrass IM", "KY");
    let coordinator = add_contact(&mut store, p, Role::Coordinator, "coord@example.edu");
    record_send(&mut store, p, &coordinator);
    log(&mut store, p, Direction::In, 2);
    store.set_status(p, Status::Accepted).unwrap();
    let other = add_program(&mut store, "Other IM", "KY");
    add_contact(&mut store, other, Role::Coordinator, "o@example.edu");
    store.set_status(other, Status::Replied).unwrap();

    let forced = plan(
        &store,
        &templates(),
        &Selection {
            force: [p].into_iter().collect(),
            ..selection()
        },
        today(),
    )
    .unwrap();

    assert_eq!(forced.ready.len(), 1);
    let ready = &forced.ready[0];
    assert_eq!(ready.program.id, p);
    let reasons: Vec<&SkipReason> = ready.forced.iter().map(|(r, _)| r).collect();
    assert_eq!(
        reasons,
        [
            &SkipReason::AlreadySent,
            &SkipReason::StatusTooFar(Status::Accepted),
            &SkipReason::ReplyAfterLastEmail
        ]
    );
    // Only the program named is forced.
    assert_eq!(
        skipped_for(&forced, other).unwrap().reason,
        SkipReason::StatusTooFar(Status::Replied)
    );
}

#[test]
fn an_unrecorded_send_or_another_draft_skips_even_when_forced() {
    let mut store = store_with_profile(&profile());
    let flying = add_program(&mut store, "In flight IM", "KY");
    let c = add_contact(&mut store, flying, Role::Coordinator, "f@example.edu");
    let draft = store
        .save_draft(&Draft {
            program_id: flying,
            contact_id: Some(c.id),
            template: Some("request_rotation".into()),
            to: c.email.clone(),
            ..Draft::default()
        })
        .unwrap();
    store
        .begin_send(&Flight {
            draft: draft.id,
            message_id: "<f@x>".into(),
            started_at: at(1),
            eml_path: "/sent/f.eml".into(),
            again: false,
            attachments: Vec::new(),
            built_from: None,
        })
        .unwrap();
    let busy = add_program(&mut store, "Busy IM", "KY");
    let b = add_contact(&mut store, busy, Role::Coordinator, "b@example.edu");
    store
        .save_draft(&Draft {
            program_id: busy,
            contact_id: Some(b.id),
            template: Some("express_interest".into()),
            to: b.email.clone(),
            ..Draft::default()
        })
        .unwrap();

    let plan = plan(
        &store,
        &templates(),
        &Selection {
            force: [flying, busy].into_iter().collect(),
            ..selection()
        },
        today(),
    )
    .unwrap();

    let s = skipped_for(&plan, flying).unwrap();
    assert_eq!(s.reason, SkipReason::InFlight);
    assert!(!s.reason.forcible());
    let s = skipped_for(&plan, busy).unwrap();
    assert_eq!(s.reason, SkipReason::OtherDraft);
    assert!(s.detail.contains("express_interest"), "{}", s.detail);
    assert!(plan.ready.is_empty());
}
