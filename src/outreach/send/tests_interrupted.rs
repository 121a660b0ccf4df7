//! Sends left in flight are resolved from the archive, or by the user's
//! word, and never sent a second time.

use std::fs;

use chrono::{TimeZone, Utc};

use super::interrupted::{Settled, mark_not_sent, mark_went_out, settle_interrupted};
use super::*;
use crate::domain::{Role, SendState};
use crate::outreach::fixtures::{add_contact, add_program, profile, store_with_profile};
use crate::store::{Flight, Takeoff};

fn started() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 12, 1, 14, 5, 0).unwrap()
}

/// A draft whose send got as far as the ledger's in-flight row, with its
/// copy at `eml` (not written: each test lays out the files it needs).
fn in_flight(store: &mut Store, eml: &Path) -> (Draft, crate::domain::LedgerId) {
    let program = add_program(store, "Bluegrass IM", "KY");
    let contact = add_contact(store, program, Role::Coordinator, "im@example.edu");
    let draft = store
        .save_draft(&Draft {
            program_id: program,
            contact_id: Some(contact.id),
            template: Some("request_rotation".into()),
            to: contact.email,
            subject: "Rotation".into(),
            body: "Dear coordinator,\n".into(),
            ..Draft::default()
        })
        .unwrap();
    let takeoff = store
        .begin_send(&Flight {
            draft: draft.id,
            message_id: "<1@example.org>".into(),
            started_at: started(),
            eml_path: eml.to_string_lossy().into_owned(),
            again: false,
            attachments: vec!["~/cv.pdf".into()],
            built_from: None,
        })
        .unwrap();
    let Takeoff::Cleared(id) = takeoff else {
        panic!("{takeoff:?}")
    };
    (draft, id)
}

#[test]
fn a_copy_under_its_final_name_means_the_server_took_it_and_it_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let eml = dir.path().join("1-1-1.eml");
    let mut store = store_with_profile(&profile());
    let (draft, id) = in_flight(&mut store, &eml);
    fs::write(&eml, "a copy").unwrap();

    let found = settle_interrupted(&mut store, 7).unwrap();

    assert!(found.unknown.is_empty());
    assert!(matches!(&found.settled[..], [Settled::Recorded(e)] if e.id == id));
    let sent = store.get_draft(draft.id).unwrap().unwrap();
    assert_eq!(sent.status, DraftStatus::Sent);
    assert_eq!(sent.sent_at, Some(started()));
    assert_eq!(sent.message_id.as_deref(), Some("<1@example.org>"));
    assert_eq!(sent.attachments, ["~/cv.pdf"], "the files that went");
    let log = store.list_interactions(draft.program_id).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].eml_path.as_deref(), Some(eml.to_str().unwrap()));
    assert_eq!(
        store.ledger_entry(id).unwrap().unwrap().state,
        SendState::Sent
    );
    assert!(
        store
            .already_sent(draft.program_id, "request_rotation")
            .unwrap()
    );
    // Settling again finds nothing.
    assert_eq!(
        settle_interrupted(&mut store, 7).unwrap(),
        Default::default()
    );
}

#[test]
fn only_the_part_copy_is_left_to_the_user_who_says_sent_or_unsent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_profile(&profile());
    let went = dir.path().join("went.eml");
    let (went_draft, went_id) = in_flight(&mut store, &went);
    fs::write(part_path(&went), "a copy").unwrap();
    let stayed = dir.path().join("stayed.eml");
    let (stayed_draft, stayed_id) = in_flight(&mut store, &stayed);
    fs::write(part_path(&stayed), "a copy").unwrap();

    let found = settle_interrupted(&mut store, 7).unwrap();
    assert!(found.settled.is_empty());
    let ids: Vec<_> = found.unknown.iter().map(|e| e.id).collect();
    assert_eq!(ids, [went_id, stayed_id]);
    // Asked again at the next start, until answered.
    assert_eq!(settle_interrupted(&mut store, 7).unwrap().unknown.len(), 2);

    mark_went_out(&mut store, went_id, 7).unwrap();
    assert!(went.exists() && !part_path(&went).exists());
    let d = store.get_draft(went_draft.id).unwrap().unwrap();
    assert_eq!(d.status, DraftStatus::Sent);

    mark_not_sent(&mut store, stayed_id).unwrap();
    assert!(!part_path(&stayed).exists());
    assert_eq!(store.ledger_entry(stayed_id).unwrap(), None);
    let d = store.get_draft(stayed_draft.id).unwrap().unwrap();
    assert_eq!(d.status, DraftStatus::Draft);
    assert!(
        settle_interrupted(&mut store, 7)
            .unwrap()
            .unknown
            .is_empty()
    );
}

#[test]
fn no_copy_at_all_means_it_never_got_to_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_profile(&profile());
    let (draft, id) = in_flight(&mut store, &dir.path().join("never.eml"));

    let found = settle_interrupted(&mut store, 7).unwrap();

    assert!(matches!(&found.settled[..], [Settled::Cleared(e)] if e.id == id));
    assert_eq!(
        store.get_draft(draft.id).unwrap().unwrap().status,
        DraftStatus::Draft
    );
    assert!(
        !store
            .already_sent(draft.program_id, "request_rotation")
            .unwrap()
    );
}

#[test]
fn a_copy_another_usce_holds_is_a_send_under_way_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let eml = dir.path().join("busy.eml");
    let mut store = store_with_profile(&profile());
    let (_, id) = in_flight(&mut store, &eml);
    let held = fs::File::create(part_path(&eml)).unwrap();
    held.lock().unwrap();

    let found = settle_interrupted(&mut store, 7).unwrap();
    assert_eq!(found, Default::default());
    let err = mark_not_sent(&mut store, id).unwrap_err();
    assert!(matches!(err, SendDraftError::InFlight(_)), "{err:?}");
    assert_eq!(
        store.ledger_entry(id).unwrap().unwrap().state,
        SendState::InFlight
    );

    drop(held);
    assert_eq!(settle_interrupted(&mut store, 7).unwrap().unknown.len(), 1);
}
