use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::{Contact, Profile, ProgramId};
use crate::mail::SendError;
use crate::outreach::fixtures::{
    add_contact, add_program, files_in, profile, store_with_profile, today, unreachable_smtp,
};
use crate::outreach::send::Mailer;
use crate::store::SendRecord;

fn templates() -> TemplateSet {
    TemplateSet::load(None).unwrap()
}

fn selection() -> Selection {
    Selection {
        template: "request_rotation".into(),
        ..Selection::default()
    }
}

fn contact(id: i64, role: Role, email: &str, preferred: PreferredMethod) -> Contact {
    Contact {
        id: crate::domain::ContactId(id),
        role,
        email: email.into(),
        preferred,
        ..Contact::default()
    }
}

#[test]
fn the_coordinator_is_preferred_then_the_office_then_the_director() {
    use PreferredMethod::{Email, Phone};
    let director = contact(1, Role::ProgramDirector, "pd@x.edu", Email);
    let office = contact(2, Role::StudentOffice, "gme@x.edu", Email);
    let coordinator_no_email = contact(3, Role::Coordinator, "", Email);
    let alumnus = contact(4, Role::Alumnus, "alum@x.edu", Email);
    let all = [
        director.clone(),
        office.clone(),
        coordinator_no_email,
        alumnus.clone(),
    ];
    assert_eq!(email_contact(&all), Some(&office));
    assert_eq!(email_contact(&all[..1]), Some(&director));
    assert_eq!(email_contact(&[alumnus]), None);

    let phone_coordinator = contact(5, Role::Coordinator, "c1@x.edu", Phone);
    let email_coordinator = contact(6, Role::Coordinator, "c2@x.edu", Email);
    let pair = [phone_coordinator, email_coordinator.clone(), office];
    assert_eq!(email_contact(&pair), Some(&email_coordinator));
}

#[test]
fn the_plan_filters_programs_and_says_why_each_is_skipped() {
    let mut store = store_with_profile(&profile());
    let ky = add_program(&mut store, "Bluegrass IM", "KY");
    add_contact(&mut store, ky, Role::Coordinator, "ky@example.edu");
    let ky_none = add_program(&mut store, "Appalachian IM", "KY");
    add_contact(&mut store, ky_none, Role::Alumnus, "alum@example.edu");
    let oh = add_program(&mut store, "Buckeye IM", "OH");
    add_contact(&mut store, oh, Role::StudentOffice, "oh@example.edu");
    store.set_status(oh, Status::Contacted).unwrap();
    let ny = add_program(&mut store, "Empire IM", "NY");
    add_contact(&mut store, ny, Role::Coordinator, "ny@example.edu");

    let plan = plan(
        &store,
        &templates(),
        &Selection {
            states: vec![
                UsState::from_code("KY").unwrap(),
                UsState::from_code("OH").unwrap(),
            ],
            specialty: Some("internal-medicine".into()),
            ..selection()
        },
        today(),
    )
    .unwrap();

    let ready: Vec<_> = plan.ready.iter().map(|r| r.draft.to.as_str()).collect();
    assert_eq!(ready, ["ky@example.edu", "oh@example.edu"]);
    assert!(!plan.ready[0].already_contacted());
    assert!(plan.ready[1].already_contacted());
    assert!(
        plan.ready
            .iter()
            .all(|r| !r.reused && r.draft.id == DraftId(0))
    );
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(plan.skipped[0].program.id, ky_none);
    assert_eq!(plan.skipped[0].reason, SkipReason::NoEmailContact);
    assert_eq!(plan.skipped[0].reason.to_string(), "no email contact");

    let other_specialty = super::plan(
        &store,
        &templates(),
        &Selection {
            specialty: Some("surgery".into()),
            ..selection()
        },
        today(),
    )
    .unwrap();
    assert!(other_specialty.ready.is_empty() && other_specialty.skipped.is_empty());

    let contacted = super::plan(
        &store,
        &templates(),
        &Selection {
            status: Some(Status::Contacted),
            ..selection()
        },
        today(),
    )
    .unwrap();
    assert_eq!(contacted.ready.len(), 1);
    assert_eq!(contacted.ready[0].program.id, oh);
}

#[test]
fn blank_profile_fields_skip_every_program_naming_the_fields() {
    let mut store = store_with_profile(&Profile {
        full_name: String::new(),
        ..profile()
    });
    let ky = add_program(&mut store, "Bluegrass IM", "KY");
    add_contact(&mut store, ky, Role::Coordinator, "ky@example.edu");
    let plan = plan(&store, &templates(), &selection(), today()).unwrap();
    assert!(plan.ready.is_empty());
    let reason = &plan.skipped[0].reason;
    assert_eq!(
        reason,
        &SkipReason::Unresolved(vec!["profile.full_name".into()])
    );
    assert_eq!(reason.to_string(), "unresolved field: profile.full_name");
}

#[test]
fn an_unknown_template_fails_the_whole_plan() {
    let store = store_with_profile(&profile());
    let err = plan(
        &store,
        &templates(),
        &Selection {
            template: "request_rotaton".into(),
            ..selection()
        },
        today(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("request_rotaton"), "{err}");
}

fn mark_sent(store: &mut Store, program: ProgramId, at: chrono::DateTime<Utc>) {
    let draft = store
        .save_draft(&Draft {
            program_id: program,
            template: Some("request_rotation".into()),
            to: "x@example.edu".into(),
            ..Draft::default()
        })
        .unwrap();
    store
        .record_sent(&SendRecord {
            draft: draft.id,
            message_id: "<1@x>".into(),
            sent_at: at,
            log_entry: crate::domain::Interaction {
                id: crate::domain::InteractionId(0),
                program_id: program,
                contact_id: None,
                at,
                channel: crate::domain::Channel::Email,
                direction: crate::domain::Direction::Out,
                summary: "Sent".into(),
                eml_path: None,
            },
            follow_up: None,
            advance_to: None,
        })
        .unwrap();
}

#[test]
fn sent_programs_are_skipped_saved_drafts_are_reused_and_limit_counts_the_rest() {
    let mut store = store_with_profile(&profile());
    let a = add_program(&mut store, "A IM", "KY");
    add_contact(&mut store, a, Role::Coordinator, "a@example.edu");
    mark_sent(&mut store, a, Utc::now());
    let b = add_program(&mut store, "B IM", "KY");
    add_contact(&mut store, b, Role::Coordinator, "b@example.edu");
    let edited = store
        .save_draft(&Draft {
            program_id: b,
            template: Some("request_rotation".into()),
            to: "fixed@example.edu".into(),
            subject: "My own words".into(),
            ..Draft::default()
        })
        .unwrap();
    for name in ["C IM", "D IM"] {
        let p = add_program(&mut store, name, "KY");
        add_contact(&mut store, p, Role::Coordinator, "c@example.edu");
    }

    let plan = plan(
        &store,
        &templates(),
        &Selection {
            limit: Some(2),
            ..selection()
        },
        today(),
    )
    .unwrap();

    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(plan.skipped[0].reason, SkipReason::AlreadySent);
    assert_eq!(
        plan.skipped[0].reason.to_string(),
        "already sent this template"
    );
    assert_eq!(plan.ready.len(), 2);
    assert!(plan.ready[0].reused);
    assert_eq!(plan.ready[0].draft, edited);
    assert_eq!(plan.ready[1].program.name, "C IM");
    assert_eq!(plan.over_limit, 1);
}

fn one_ready_program(store: &mut Store) -> Vec<Ready> {
    let p = add_program(store, "A IM", "KY");
    add_contact(store, p, Role::Coordinator, "a@example.edu");
    let p2 = add_program(store, "B IM", "KY");
    add_contact(store, p2, Role::Coordinator, "b@example.edu");
    plan(store, &templates(), &selection(), today())
        .unwrap()
        .ready
}

#[test]
fn a_failure_stops_the_batch_keeps_the_draft_and_never_waits() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = unreachable_smtp();
    let sent_dir = dir.path().join("sent");
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: &sent_dir,
        follow_up_days: 7,
    };
    let mut store = store_with_profile(&profile());
    let ready = one_ready_program(&mut store);
    let mut waits = Vec::new();

    let outcome = send_batch(
        &mut store,
        &mailer,
        &ready,
        Pace {
            delay: Duration::from_secs(20),
            max_per_day: None,
        },
        &mut |d| waits.push(d),
        &mut |_, _| panic!("nothing can be sent"),
    );

    assert!(outcome.sent.is_empty());
    match &outcome.stop {
        Some(Stop::Failed {
            index: 0,
            error: SendDraftError::Smtp(SendError::Connection { .. }),
        }) => {}
        other => panic!("expected a connection failure at 0, got {other:?}"),
    }
    assert_eq!(outcome.unsent(ready.len()), 0..2);
    assert!(waits.is_empty());
    let kept = store.list_drafts(ready[0].program.id).unwrap();
    assert_eq!(kept.len(), 1, "the failed draft stays for the user");
    assert_eq!(kept[0].status, DraftStatus::Draft);
    assert!(files_in(&sent_dir).is_empty());
    // The rerun picks that saved draft up instead of rendering a second one.
    let again = plan(&store, &templates(), &selection(), today()).unwrap();
    assert!(again.ready[0].reused);
    assert_eq!(again.ready[0].draft.id, kept[0].id);
}

#[test]
fn the_daily_cap_counts_todays_ledger_rows_and_stops_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = unreachable_smtp();
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: &dir.path().join("sent"),
        follow_up_days: 7,
    };
    let mut store = store_with_profile(&profile());
    let ready = one_ready_program(&mut store);
    let earlier = add_program(&mut store, "Sent today", "OH");
    mark_sent(&mut store, earlier, Utc::now());
    let yesterday = add_program(&mut store, "Sent long ago", "OH");
    mark_sent(
        &mut store,
        yesterday,
        Utc.with_ymd_and_hms(2001, 1, 1, 0, 0, 0).unwrap(),
    );

    let outcome = send_batch(
        &mut store,
        &mailer,
        &ready,
        Pace {
            delay: Duration::ZERO,
            max_per_day: Some(1),
        },
        &mut |_| panic!("no wait before the first email"),
        &mut |_, _| panic!("nothing can be sent"),
    );

    match outcome.stop {
        Some(Stop::DailyCap {
            index: 0,
            sent_today: 1,
        }) => {}
        other => panic!("expected the daily cap at 0, got {other:?}"),
    }
    assert!(store.list_drafts(ready[0].program.id).unwrap().is_empty());
}
