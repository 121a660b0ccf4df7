//! The ledger's in-flight rows, one live draft per person, and sent email
//! that stays as it went, enforced by the store and by the schema itself.

use chrono::{TimeZone, Utc};
use rusqlite::params;

use super::*;
use crate::domain::{
    Channel, Contact, Direction, LedgerId, PreferredMethod, Program, Role, SendState, UsState,
};
use crate::store::{Flight, Takeoff};

fn world() -> (Store, Program, Contact, Contact) {
    let mut store = Store::open_in_memory().unwrap();
    let program = store
        .insert_program(&Program::new(
            "Bluegrass Internal Medicine",
            UsState::from_code("KY").unwrap(),
        ))
        .unwrap();
    let person = |name: &str, role| Contact {
        program_id: program.id,
        role,
        name: name.into(),
        email: format!("{}@example.edu", name.to_lowercase()),
        preferred: PreferredMethod::Email,
        ..Contact::default()
    };
    let dana = store
        .insert_contact(&person("Dana", Role::Coordinator))
        .unwrap();
    let ode = store
        .insert_contact(&person("Ode", Role::ProgramDirector))
        .unwrap();
    (store, program, dana, ode)
}

fn composed(program: &Program, to: &Contact, template: &str) -> Draft {
    Draft {
        program_id: program.id,
        contact_id: Some(to.id),
        template: Some(template.into()),
        to: to.email.clone(),
        subject: format!("About {template}"),
        body: "Dear colleague,\n".into(),
        ..Draft::default()
    }
}

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 12, 1, 14, minute, 0).unwrap()
}

fn flight(draft: &Draft, again: bool) -> Flight {
    Flight {
        draft: draft.id,
        message_id: format!("<{}@example.org>", draft.id.0),
        started_at: at(5),
        eml_path: format!("/sent/{}.eml", draft.id.0),
        again,
        attachments: vec!["~/cv.pdf".into(), "~/usmle.pdf".into()],
        built_from: draft.updated_at,
    }
}

fn record(draft: &Draft) -> SendRecord {
    SendRecord {
        draft: draft.id,
        message_id: format!("<{}@example.org>", draft.id.0),
        sent_at: at(5),
        log_entry: Interaction {
            id: InteractionId(0),
            program_id: draft.program_id,
            contact_id: draft.contact_id,
            at: at(5),
            channel: Channel::Email,
            direction: Direction::Out,
            summary: format!("Sent: {}", draft.subject),
            eml_path: Some(format!("/sent/{}.eml", draft.id.0)),
        },
        follow_up: None,
        advance_to: Some(Status::Contacted),
    }
}

fn cleared(takeoff: Takeoff) -> LedgerId {
    match takeoff {
        Takeoff::Cleared(id) => id,
        other => panic!("expected the send to be cleared, got {other:?}"),
    }
}

#[test]
fn a_template_goes_to_a_program_once_unless_the_user_says_again() {
    let (mut store, program, dana, ode) = world();
    let first = store
        .save_draft(&composed(&program, &dana, "request_rotation"))
        .unwrap();
    cleared(store.begin_send(&flight(&first, false)).unwrap());
    store.record_sent(&record(&first)).unwrap();

    // Anyone else at the program: refused, naming the first send.
    let second = store
        .save_draft(&composed(&program, &ode, "request_rotation"))
        .unwrap();
    match store.begin_send(&flight(&second, false)).unwrap() {
        Takeoff::AlreadySent(entry) => {
            assert_eq!(entry.draft_id, Some(first.id));
            assert_eq!(entry.contact_id, Some(dana.id));
            assert_eq!(entry.to, dana.email);
            assert_eq!(entry.sent_at, Some(at(5)));
        }
        other => panic!("expected AlreadySent, got {other:?}"),
    }
    // Another template is a different email.
    let other = Draft {
        id: DraftId(0),
        template: Some("express_interest".into()),
        ..composed(&program, &dana, "express_interest")
    };
    let other = store.save_draft(&other).unwrap();
    let id = cleared(store.begin_send(&flight(&other, false)).unwrap());
    store.abandon_send(id).unwrap();
    // Said again: it goes, marked as a repeat.
    cleared(store.begin_send(&flight(&second, true)).unwrap());
    store.record_sent(&record(&second)).unwrap();
    let sent = store.sent_messages(program.id).unwrap();
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().any(|s| s.draft.id == second.id && s.again));
    assert!(sent.iter().any(|s| s.draft.id == first.id && !s.again));
}

#[test]
fn a_send_in_flight_blocks_a_second_one_until_it_lands_or_is_abandoned() {
    let (mut store, program, dana, ode) = world();
    let draft = store
        .save_draft(&composed(&program, &dana, "request_rotation"))
        .unwrap();
    let id = cleared(store.begin_send(&flight(&draft, false)).unwrap());
    // The same draft again, even "again", and the template to anyone else.
    for again in [false, true] {
        assert!(matches!(
            store.begin_send(&flight(&draft, again)).unwrap(),
            Takeoff::InFlight(e) if e.id == id
        ));
    }
    let to_ode = store
        .save_draft(&composed(&program, &ode, "request_rotation"))
        .unwrap();
    assert!(matches!(
        store.begin_send(&flight(&to_ode, false)).unwrap(),
        Takeoff::InFlight(e) if e.id == id
    ));
    // While in flight the draft cannot change, so what is recorded is
    // what the server got.
    let err = store
        .save_draft(&Draft {
            body: "edited during the send".into(),
            ..draft.clone()
        })
        .unwrap_err();
    assert!(err.to_string().contains("being sent"), "{err}");
    assert_eq!(store.in_flight_sends().unwrap().len(), 1);

    store.abandon_send(id).unwrap();
    assert!(store.in_flight_sends().unwrap().is_empty());
    // A draft saved after its message was built is not sent as built.
    let edited = store
        .save_draft(&Draft {
            body: "changed after the message was built".into(),
            ..to_ode.clone()
        })
        .unwrap();
    let err = store.begin_send(&flight(&to_ode, false)).unwrap_err();
    assert!(err.to_string().contains("changed while"), "{err}");
    let to_ode = edited;
    assert!(!store.already_sent(program.id, "request_rotation").unwrap());
    cleared(store.begin_send(&flight(&to_ode, false)).unwrap());
}

#[test]
fn recording_turns_the_flight_into_a_sent_row_linked_to_its_log_entry() {
    let (mut store, program, dana, _) = world();
    let draft = store
        .save_draft(&composed(&program, &dana, "request_rotation"))
        .unwrap();
    let id = cleared(store.begin_send(&flight(&draft, false)).unwrap());
    let flying = store.ledger_entry(id).unwrap().unwrap();
    assert_eq!(flying.state, SendState::InFlight);
    assert!(!store.already_sent(program.id, "request_rotation").unwrap());

    let done = store.record_sent(&record(&draft)).unwrap();

    let entry = store.ledger_entry(id).unwrap().unwrap();
    assert_eq!(entry.state, SendState::Sent);
    assert_eq!(entry.interaction_id, Some(done.interaction.id));
    assert_eq!(entry.sent_at, Some(at(5)));
    assert!(store.already_sent(program.id, "request_rotation").unwrap());
    let sent = store.sent_messages(program.id).unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].log_entry, Some(done.interaction.id));
    assert_eq!(sent[0].draft, done.draft);
}

#[test]
fn a_draft_following_the_profile_is_recorded_with_the_files_that_went() {
    let (mut store, program, dana, _) = world();
    let draft = store
        .save_draft(&Draft {
            attach_from_profile: true,
            ..composed(&program, &dana, "request_rotation")
        })
        .unwrap();
    cleared(store.begin_send(&flight(&draft, false)).unwrap());

    let sent = store.record_sent(&record(&draft)).unwrap().draft;

    assert!(!sent.attach_from_profile);
    assert_eq!(sent.attachments, ["~/cv.pdf", "~/usmle.pdf"]);
    assert_eq!(store.get_draft(draft.id).unwrap().unwrap(), sent);
}

#[test]
fn a_sent_email_cannot_be_changed_or_deleted_by_the_store_or_by_sql() {
    let (mut store, program, dana, _) = world();
    let draft = store
        .save_draft(&composed(&program, &dana, "request_rotation"))
        .unwrap();
    let sent = store.record_sent(&record(&draft)).unwrap().draft;

    let err = store
        .save_draft(&Draft {
            subject: "Changed after sending".into(),
            ..sent.clone()
        })
        .unwrap_err();
    assert!(err.to_string().contains("was sent"), "{err}");
    assert!(store.delete_draft(sent.id).is_err());
    for sql in [
        "UPDATE drafts SET body = 'rewritten' WHERE id = ?1",
        "UPDATE drafts SET status = 'draft' WHERE id = ?1",
        "UPDATE drafts SET template = NULL WHERE id = ?1",
    ] {
        let err = store.conn.execute(sql, [sent.id]).unwrap_err();
        assert!(
            err.to_string().contains("cannot be changed"),
            "{sql}: {err}"
        );
    }
    assert_eq!(store.get_draft(sent.id).unwrap().unwrap(), sent);
    // Deleting the person still works: the link becomes NULL.
    store.delete_contact(dana.id).unwrap();
    assert_eq!(store.get_draft(sent.id).unwrap().unwrap().contact_id, None);
    // "Send again" starts from a copy, a new live draft.
    let copy = store.copy_sent_draft(sent.id).unwrap();
    assert_ne!(copy.id, sent.id);
    assert_eq!(copy.status, DraftStatus::Draft);
    assert_eq!(
        (copy.template.as_deref(), copy.body.as_str()),
        (sent.template.as_deref(), sent.body.as_str())
    );
}

#[test]
fn each_person_has_one_live_draft_and_replacing_swaps_it() {
    let (mut store, program, dana, ode) = world();
    let first = store
        .save_draft(&composed(&program, &dana, "request_rotation"))
        .unwrap();
    let err = store
        .save_draft(&composed(&program, &dana, "express_interest"))
        .unwrap_err();
    assert!(
        err.to_string().contains("already has an unsent draft"),
        "{err}"
    );
    // Another person at the same program has a draft of their own.
    store
        .save_draft(&composed(&program, &ode, "request_rotation"))
        .unwrap();
    // For nobody in particular, one composed draft; typed notes are free.
    let nobody = Draft {
        contact_id: None,
        ..composed(&program, &dana, "ask_to_visit")
    };
    store.save_draft(&nobody).unwrap();
    assert!(store.save_draft(&nobody).is_err());
    for note in ["Called Monday", "Visit in March"] {
        store
            .save_draft(&Draft {
                program_id: program.id,
                body: note.into(),
                ..Draft::default()
            })
            .unwrap();
    }
    // The schema refuses a second one too, even past the store's check.
    let err = store
        .conn
        .execute(
            "INSERT INTO drafts (program_id, contact_id, status, updated_at) \
             VALUES (?1, ?2, 'draft', '2025-01-01T00:00:00.000000000Z')",
            params![program.id, dana.id],
        )
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");

    let replacement = store
        .replace_draft(first.id, &composed(&program, &dana, "express_interest"))
        .unwrap();
    assert_eq!(store.get_draft(first.id).unwrap(), None);
    assert_eq!(
        store.live_draft_for(program.id, Some(dana.id)).unwrap(),
        Some(replacement)
    );
}

#[test]
fn a_drafts_template_is_fixed_when_it_is_composed() {
    let (mut store, program, dana, _) = world();
    let draft = store
        .save_draft(&composed(&program, &dana, "request_rotation"))
        .unwrap();
    let saved = store
        .save_draft(&Draft {
            template: None,
            body: "Edited".into(),
            ..draft.clone()
        })
        .unwrap();
    assert_eq!(saved.template.as_deref(), Some("request_rotation"));
    let stored = store.get_draft(draft.id).unwrap().unwrap();
    assert_eq!(
        (stored.template.as_deref(), stored.body.as_str()),
        (Some("request_rotation"), "Edited")
    );
    let err = store
        .conn
        .execute(
            "UPDATE drafts SET template = 'follow_up' WHERE id = ?1",
            [draft.id],
        )
        .unwrap_err();
    assert!(err.to_string().contains("fixed"), "{err}");
}
