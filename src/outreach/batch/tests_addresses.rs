//! Stored addresses checked before sending: a bad one skips its program,
//! never the rest of the batch.

use super::*;
use crate::mail::SendError;
use crate::outreach::fixtures::{
    add_contact, add_program, profile, store_with_profile, today, unreachable_smtp,
};
use crate::store::Store;

fn templates() -> TemplateSet {
    TemplateSet::load(None).unwrap()
}

fn selection() -> Selection {
    Selection {
        template: "request_rotation".into(),
        ..Selection::default()
    }
}

#[test]
fn a_contact_holding_two_addresses_or_none_is_skipped_when_planning() {
    // The store refuses such addresses now; a database from before it did
    // (or edited by hand) may still hold them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    let mut store = Store::open(&path).unwrap();
    store.save_profile(&profile()).unwrap();
    for (name, email) in [
        ("A IM", "a@x.org"),
        ("B IM", "b@x.org"),
        ("C IM", "c@x.org"),
    ] {
        let p = add_program(&mut store, name, "KY");
        add_contact(&mut store, p, Role::Coordinator, email);
    }
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "UPDATE contacts SET email = 'a@x.org, b@x.org' WHERE email = 'a@x.org';
         UPDATE contacts SET email = 'coordinator at x.org' WHERE email = 'b@x.org';",
    )
    .unwrap();
    drop(raw);

    let plan = plan(&store, &templates(), &selection(), today()).unwrap();
    let ready: Vec<&str> = plan.ready.iter().map(|r| r.program.name.as_str()).collect();
    assert_eq!(ready, ["C IM"]);
    let skipped: Vec<(String, String)> = plan
        .skipped
        .iter()
        .map(|s| (s.program.name.clone(), s.reason.to_string()))
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "A IM".to_owned(),
                "\"a@x.org, b@x.org\" is not one email address; fix the contact's email".to_owned()
            ),
            (
                "B IM".to_owned(),
                "\"coordinator at x.org\" is not one email address; fix the contact's email"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn a_saved_draft_may_list_addresses_but_not_a_broken_one() {
    let mut store = store_with_profile(&profile());
    for (name, to) in [
        ("A IM", "a@x.org, Dana <d@x.org>"),
        ("B IM", "a@x.org, oops"),
    ] {
        let p = add_program(&mut store, name, "KY");
        store
            .save_draft(&Draft {
                program_id: p,
                template: Some("request_rotation".into()),
                to: to.into(),
                subject: "Hello".into(),
                body: "Dear coordinator".into(),
                ..Draft::default()
            })
            .unwrap();
    }
    let plan = plan(&store, &templates(), &selection(), today()).unwrap();
    assert_eq!(plan.ready.len(), 1);
    assert_eq!(plan.ready[0].program.name, "A IM");
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(
        plan.skipped[0].reason,
        SkipReason::BadAddress("oops".into())
    );
}

#[test]
fn an_address_that_fails_when_sending_skips_that_program_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = unreachable_smtp();
    let sent_dir = dir.path().join("sent");
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: &sent_dir,
        follow_up_days: 7,
    };
    let mut store = store_with_profile(&profile());
    for name in ["A IM", "B IM"] {
        let p = add_program(&mut store, name, "KY");
        add_contact(&mut store, p, Role::Coordinator, "ok@x.org");
    }
    let mut ready = plan(&store, &templates(), &selection(), today())
        .unwrap()
        .ready;
    // Changed after planning, as a second usce editing the contact could.
    ready[0].draft.to = "not an address".into();

    let outcome = send_batch(
        &mut store,
        &mailer,
        &ready,
        Pace::default(),
        &mut |_| {},
        &mut |_, _| panic!("nothing can be sent"),
    );
    let skipped: Vec<usize> = outcome.skipped.iter().map(|(i, _)| *i).collect();
    assert_eq!(skipped, [0]);
    assert!(
        outcome.skipped[0]
            .1
            .to_string()
            .contains("\"not an address\" is not an email address"),
        "{}",
        outcome.skipped[0].1
    );
    // The batch went on to the next program, which failed to connect.
    match &outcome.stop {
        Some(Stop::Failed {
            index: 1,
            error: SendDraftError::Smtp(SendError::Connection { .. }),
        }) => {}
        other => panic!("expected a connection failure at 1, got {other:?}"),
    }
}

#[test]
fn a_bouncing_address_is_skipped_with_the_reason_and_the_rest_go_out() {
    let mut store = store_with_profile(&profile());
    let a = add_program(&mut store, "A IM", "KY");
    add_contact(&mut store, a, Role::Coordinator, "Gone@x.org");
    let b = add_program(&mut store, "B IM", "KY");
    add_contact(&mut store, b, Role::Coordinator, "b@x.org");
    let report = crate::store::InboundReply {
        message_id: "<dsn@mx.x.org>".into(),
        program: a,
        contact: None,
        from: "mailer-daemon@mx.x.org".into(),
        at: chrono::Utc::now(),
        subject: "Undelivered".into(),
        snippet: String::new(),
    };
    assert!(store.record_bounce(&report, "gone@x.org").unwrap());
    assert!(
        !store.record_bounce(&report, "gone@x.org").unwrap(),
        "seen once"
    );
    let plan = plan(&store, &templates(), &selection(), today()).unwrap();
    let ready: Vec<&str> = plan.ready.iter().map(|r| r.program.name.as_str()).collect();
    assert_eq!(ready, ["B IM"]);
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(
        plan.skipped[0].reason,
        SkipReason::Bouncing("Gone@x.org".into())
    );
    assert_eq!(
        plan.skipped[0].reason.to_string(),
        "mail to Gone@x.org bounced; fix the contact's email"
    );
    assert!(plan.skipped[0].detail.starts_with("since "));
}
