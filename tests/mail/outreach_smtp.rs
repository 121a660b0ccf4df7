//! Sending drafts and batches through the real path (store → template →
//! MIME → SMTP) to a real SMTP server on 127.0.0.1, then checking both
//! what the server received and what the database recorded.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::fs;
use std::time::Duration;

use chrono::{Days, Local, Utc};
use usce::domain::{Channel, Direction, DraftStatus, Status};
use usce::mail::{Security, SendError, SmtpConfig, TemplateSet};
use usce::outreach::{
    self, Mailer, Pace, Selection, SendDraftError, compose, send_batch, send_draft, sent_dir,
};
use usce::store::Store;

use support::mime::Part;
use support::outreach::{
    TEMPLATE, THREE, add_program, files_under, profile, stdout_of, three_programs, usce,
    write_config,
};
use support::smtp_server::{Options, TestSmtpServer};

fn smtp(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: None,
        from: "Amína Yúsuf <amina.yusuf@example.org>".into(),
        password_env: None,
        password_cmd: None,
        ca_file: None,
    }
}

/// A database with one program and a composed, saved draft with the CV
/// attached. Returns the store, the draft id and the CV bytes.
fn one_draft(dir: &std::path::Path) -> (Store, usce::domain::Draft, Vec<u8>) {
    let cv = dir.join("Amína CV.pdf");
    let cv_bytes: Vec<u8> = b"%PDF-1.4\n".iter().copied().chain(0..=255u8).collect();
    fs::write(&cv, &cv_bytes).unwrap();
    let mut store = Store::open(&dir.join("usce.db")).unwrap();
    store.save_profile(&profile(Some(&cv))).unwrap();
    let program = add_program(
        &mut store,
        "Hospital São Lucas Internal Medicine",
        "KY",
        "im.coordinator@example.edu",
    );
    let contact = store.list_contacts(program).unwrap()[0].id;
    let templates = TemplateSet::load(None).unwrap();
    let today = Local::now().date_naive();
    let draft = compose(&store, &templates, program, Some(contact), TEMPLATE, today).unwrap();
    let draft = store.save_draft(&draft).unwrap();
    (store, draft, cv_bytes)
}

#[test]
fn a_sent_draft_arrives_intact_and_is_recorded_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    let (mut store, draft, cv_bytes) = one_draft(dir.path());
    assert!(
        !draft.subject.is_ascii(),
        "the subject should exercise RFC 2047"
    );
    let server = TestSmtpServer::start(Options::default());
    let config = smtp(server.port);
    let sent_dir = sent_dir(&db);
    let mailer = Mailer {
        smtp: &config,
        sent_dir: &sent_dir,
        follow_up_days: 7,
    };
    let now = Utc::now();

    let sent = send_draft(&mut store, &mailer, draft.id, now).unwrap();
    let (_, messages) = server.finish();

    // What the server received.
    let [received] = messages.as_slice() else {
        panic!("expected one message, got {}", messages.len());
    };
    assert_eq!(received.mail_from, "amina.yusuf@example.org");
    assert_eq!(received.rcpt_to, ["im.coordinator@example.edu"]);
    let message = Part::parse(&received.data);
    assert_eq!(message.decoded("Subject").unwrap(), draft.subject);
    assert_eq!(message.header("To").unwrap(), "im.coordinator@example.edu");
    assert_eq!(
        message.decoded("From").unwrap(),
        "Amína Yúsuf <amina.yusuf@example.org>"
    );
    let parts = message.parts();
    assert_eq!(parts.len(), 2);
    let body = String::from_utf8(parts[0].content()).unwrap();
    assert_eq!(body, draft.body.replace('\n', "\r\n"));
    assert!(body.contains("Hospital São Lucas Internal Medicine"));
    assert_eq!(parts[1].content(), cv_bytes);

    // The draft.
    let stored = store.get_draft(draft.id).unwrap().unwrap();
    assert_eq!(stored.status, DraftStatus::Sent);
    let message_id = stored.message_id.clone().unwrap();
    assert_eq!(message.header("Message-ID").unwrap(), message_id);
    assert_eq!(stored.sent_at, Some(now));
    assert_eq!(stored, sent.draft);
    assert!(sent.server_response.starts_with("250"), "{sent:?}");

    // The log entry and its copy of the mail.
    let log = store.list_interactions(draft.program_id).unwrap();
    assert_eq!(log, std::slice::from_ref(&sent.interaction));
    let entry = &log[0];
    assert_eq!(
        (entry.channel, entry.direction),
        (Channel::Email, Direction::Out)
    );
    assert_eq!(entry.contact_id, draft.contact_id);
    assert_eq!(entry.summary, format!("Sent: {}", draft.subject));
    let eml_path = std::path::PathBuf::from(entry.eml_path.clone().unwrap());
    assert_eq!(eml_path, sent.eml_path);
    assert!(eml_path.starts_with(&sent_dir));
    let eml = fs::read_to_string(&eml_path).unwrap();
    // The server's copy is the same bytes, less the end-of-data marker.
    assert_eq!(received.data.trim_end(), eml.trim_end());
    let copy = Part::parse(&eml);
    assert_eq!(copy.header("Message-ID").unwrap(), message_id);
    assert_eq!(copy.decoded("Subject").unwrap(), draft.subject);
    assert_eq!(copy.parts()[1].content(), cv_bytes);
    #[cfg(unix)]
    {
        assert_eq!(support::outreach::mode(&eml_path), 0o600);
        assert_eq!(support::outreach::mode(&sent_dir), 0o700);
    }

    // The follow-up, status and ledger.
    let follow_ups = store.list_follow_ups(draft.program_id).unwrap();
    assert_eq!(follow_ups, std::slice::from_ref(&sent.follow_up));
    let due = now.with_timezone(&Local).date_naive() + Days::new(7);
    assert_eq!(follow_ups[0].due, due);
    assert_eq!(
        follow_ups[0].note,
        format!("No reply to “{}”? Nudge.", draft.subject)
    );
    let program = store.get_program(draft.program_id).unwrap().unwrap();
    assert_eq!(program.status, Status::Contacted);
    assert_eq!(sent.new_status, Some(Status::Contacted));
    assert!(store.already_sent(draft.program_id, TEMPLATE).unwrap());

    // And it cannot go out twice.
    let again = send_draft(&mut store, &mailer, draft.id, Utc::now()).unwrap_err();
    assert!(matches!(again, SendDraftError::AlreadySent), "{again:?}");
}

#[test]
fn a_refused_recipient_changes_nothing_and_reports_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    let (mut store, draft, _) = one_draft(dir.path());
    let server = TestSmtpServer::start(Options {
        reject_recipients: vec!["im.coordinator@example.edu".into()],
        ..Options::default()
    });
    let config = smtp(server.port);
    let sent_dir = sent_dir(&db);
    let mailer = Mailer {
        smtp: &config,
        sent_dir: &sent_dir,
        follow_up_days: 7,
    };

    let err = send_draft(&mut store, &mailer, draft.id, Utc::now()).unwrap_err();
    let (commands, messages) = server.finish();

    assert!(
        matches!(err, SendDraftError::Smtp(SendError::Rejected(_))),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("550"), "{text}");
    assert!(text.contains("Recipient address rejected"), "{text}");
    assert!(messages.is_empty());
    assert!(!commands.iter().any(|c| c == "DATA"), "{commands:?}");

    assert_eq!(store.get_draft(draft.id).unwrap().unwrap(), draft);
    assert!(
        store
            .list_interactions(draft.program_id)
            .unwrap()
            .is_empty()
    );
    assert!(store.list_follow_ups(draft.program_id).unwrap().is_empty());
    assert!(!store.already_sent(draft.program_id, TEMPLATE).unwrap());
    let program = store.get_program(draft.program_id).unwrap().unwrap();
    assert_eq!(program.status, Status::Researching);
    assert!(
        !sent_dir.exists() || files_under(&sent_dir).is_empty(),
        "no copy of an unsent mail"
    );
}

#[test]
fn a_batch_waits_between_emails_but_not_before_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);
    let mut store = Store::open(&db).unwrap();
    let plan = outreach::plan(
        &store,
        &TemplateSet::load(None).unwrap(),
        &Selection {
            template: TEMPLATE.into(),
            ..Selection::default()
        },
        Local::now().date_naive(),
    )
    .unwrap();
    let server = TestSmtpServer::start(Options::default());
    let config = smtp(server.port);
    let sent_dir = sent_dir(&db);
    let mailer = Mailer {
        smtp: &config,
        sent_dir: &sent_dir,
        follow_up_days: 7,
    };
    let mut waits = Vec::new();
    let mut order = Vec::new();

    let outcome = send_batch(
        &mut store,
        &mailer,
        &plan.ready,
        Pace {
            delay: Duration::from_secs(20),
            max_per_day: None,
        },
        // Recorded, not slept: the pacing is checked without waiting.
        &mut |d| waits.push(d),
        &mut |ready, _| order.push(ready.program.name.clone()),
    );
    let (_, messages) = server.finish();

    assert!(outcome.stop.is_none(), "{:?}", outcome.stop);
    assert_eq!(waits, [Duration::from_secs(20); 2]);
    let expected: Vec<_> = THREE.iter().map(|(name, _, _)| name.to_string()).collect();
    assert_eq!(order, expected);
    assert_eq!(messages.len(), 3);
}

fn send_cmd(db: &std::path::Path, config: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = usce(db, config);
    cmd.args(["outreach", "--template", TEMPLATE, "--send", "--delay", "0"]);
    cmd
}

fn recipients(messages: &[support::smtp_server::Received]) -> Vec<String> {
    messages.iter().flat_map(|m| m.rcpt_to.clone()).collect()
}

#[test]
fn the_batch_command_sends_each_program_once_even_when_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);

    let server = TestSmtpServer::start(Options::default());
    let config = write_config(dir.path(), server.port, None);
    let first = send_cmd(&db, &config).assert().success();
    let (_, messages) = server.finish();
    let out = stdout_of(first.get_output());
    assert!(out.contains("sent 3, 0 not sent"), "{out}");
    let all: Vec<_> = THREE
        .iter()
        .map(|(_, _, email)| email.to_string())
        .collect();
    assert_eq!(recipients(&messages), all);

    let server = TestSmtpServer::start(Options::default());
    let config = write_config(dir.path(), server.port, None);
    let second = send_cmd(&db, &config).assert().success();
    let (commands, messages) = server.finish();
    let out = stdout_of(second.get_output());
    assert!(messages.is_empty(), "nothing is sent twice");
    assert!(commands.is_empty(), "not even a connection: {commands:?}");
    assert!(out.contains("sent 0, 0 not sent"), "{out}");
    assert_eq!(
        out.matches("already sent this template").count(),
        3,
        "{out}"
    );
}

#[test]
fn the_batch_stops_at_a_refused_recipient_and_a_rerun_sends_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    let ids = three_programs(&db);
    let second_email = THREE[1].2;

    let server = TestSmtpServer::start(Options {
        reject_recipients: vec![second_email.into()],
        ..Options::default()
    });
    let config = write_config(dir.path(), server.port, None);
    let failed = send_cmd(&db, &config).assert().failure();
    let (_, messages) = server.finish();
    let out = stdout_of(failed.get_output());
    assert_eq!(recipients(&messages), [THREE[0].2]);
    assert!(
        out.contains("FAILED  OH  Buckeye Internal Medicine"),
        "{out}"
    );
    assert!(out.contains("Recipient address rejected"), "{out}");
    assert!(out.contains("sent 1, 2 not sent"), "{out}");
    assert!(
        out.contains("not sent: TX  Lone Star Internal Medicine"),
        "{out}"
    );
    {
        let store = Store::open(&db).unwrap();
        assert!(store.already_sent(ids[0], TEMPLATE).unwrap());
        assert!(!store.already_sent(ids[1], TEMPLATE).unwrap());
        assert!(!store.already_sent(ids[2], TEMPLATE).unwrap());
        assert!(store.list_interactions(ids[1]).unwrap().is_empty());
    }

    let server = TestSmtpServer::start(Options::default());
    let config = write_config(dir.path(), server.port, None);
    let rerun = send_cmd(&db, &config).assert().success();
    let (_, messages) = server.finish();
    let out = stdout_of(rerun.get_output());
    assert_eq!(recipients(&messages), [THREE[1].2, THREE[2].2]);
    assert!(out.contains("sent 2, 0 not sent"), "{out}");

    let store = Store::open(&db).unwrap();
    for id in &ids {
        assert!(store.already_sent(*id, TEMPLATE).unwrap());
        let drafts = store.list_drafts(*id).unwrap();
        assert_eq!(drafts.len(), 1, "the failed draft was reused, not doubled");
        assert_eq!(drafts[0].status, DraftStatus::Sent);
        assert_eq!(store.list_interactions(*id).unwrap().len(), 1);
        assert_eq!(store.list_follow_ups(*id).unwrap().len(), 1);
    }
}

#[test]
fn send_without_smtp_settings_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);
    let config = dir.path().join("no-config.toml");
    let failed = send_cmd(&db, &config).assert().failure();
    let err = String::from_utf8(failed.get_output().stderr.clone()).unwrap();
    assert!(err.contains("--send needs an [smtp] section"), "{err}");
    assert!(err.contains("no-config.toml"), "{err}");
}

#[test]
fn the_daily_cap_stops_the_batch_and_counts_earlier_runs_of_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);

    let server = TestSmtpServer::start(Options::default());
    let config = write_config(dir.path(), server.port, None);
    let capped = send_cmd(&db, &config)
        .args(["--max-per-day", "2"])
        .assert()
        .success();
    let (_, messages) = server.finish();
    let out = stdout_of(capped.get_output());
    assert_eq!(recipients(&messages), [THREE[0].2, THREE[1].2]);
    assert!(
        out.contains("daily limit reached: 2 emails sent today"),
        "{out}"
    );
    assert!(out.contains("sent 2, 1 not sent"), "{out}");

    let server = TestSmtpServer::start(Options::default());
    let config = write_config(dir.path(), server.port, None);
    let again = send_cmd(&db, &config)
        .args(["--max-per-day", "2"])
        .assert()
        .success();
    let (_, messages) = server.finish();
    assert!(messages.is_empty());
    assert!(stdout_of(again.get_output()).contains("sent 0, 1 not sent"));
}
