//! The double send of issue 14, replayed end to end against the in-repo
//! SMTP server: compose, compose again, edit (a character typed at the very
//! top and deleted, then a lasting change), send with `s`, then batch
//! outreach from the CLI and with `O` in the TUI; and a usce killed between
//! the server's 250 and the database write, started again from the CLI and
//! from the TUI. Each time the coordinator receives exactly one message.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::driver::Driver;
use support::mime::Part;
use support::outreach::{
    TEMPLATE, add_program, files_under, profile, stdout_of, usce, write_config,
};
use support::smtp_server::{Options, Received, TestSmtpServer};
use usce::app::Popup;
use usce::config::Config;
use usce::domain::{DraftStatus, SendState};
use usce::mail::{Security, SmtpConfig};
use usce::store::Store;

/// Jobs report in milliseconds; this only bounds a broken run.
const JOBS: Duration = Duration::from_secs(60);
const OH: &str = "oh.coordinator@example.edu";
const TX: &str = "tx.coordinator@example.edu";
const EDIT: &str = " P.S. I can start on any Monday.";

fn config(port: u16) -> Config {
    let mut config = Config {
        smtp: Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            security: Security::None,
            username: None,
            from: "Amína Yúsuf <amina.yusuf@example.org>".into(),
            password_env: None,
            password_cmd: None,
            ca_file: None,
        }),
        ..Config::default()
    };
    config.outreach.delay_secs = 0;
    config
}

/// The app on a database with the profile and Buckeye (OH), plus Lone Star
/// (TX) when `second` is set; Buckeye is selected (the list sorts by state).
fn app(port: u16, second: bool) -> Driver {
    Driver::with(
        |store| {
            store.save_profile(&profile(None)).unwrap();
            add_program(store, "Buckeye Internal Medicine", "OH", OH);
            if second {
                add_program(store, "Lone Star Internal Medicine", "TX", TX);
            }
        },
        config(port),
    )
}

fn live_drafts(store: &Store) -> Vec<usce::domain::Draft> {
    store
        .list_programs()
        .unwrap()
        .iter()
        .flat_map(|p| store.list_drafts(p.id).unwrap())
        .filter(|d| d.status != DraftStatus::Sent)
        .collect()
}

/// The steps up to the send: compose, compose again (asked: open
/// it), a character typed at the very top and deleted, a P.S. at the end.
fn compose_twice_and_edit(d: &mut Driver) {
    // c on the program: the coordinator, then the first template.
    d.keys("c<Enter><Enter>");
    assert!(d.state().draft.editing, "{}", d.status());
    assert_eq!(
        d.state().draft.draft.template.as_deref(),
        Some(TEMPLATE),
        "{}",
        d.status()
    );
    d.keys("<Esc>c<Enter><Enter>");
    let Some(Popup::Choose { title, .. }) = &d.state().popup else {
        panic!("composing again must ask: {:?}", d.state().popup)
    };
    assert!(title.contains("already has a draft"), "{title}");
    d.keys("<Enter>"); // Open it
    assert_eq!(live_drafts(d.store()).len(), 1, "one live draft");
    d.keys("x<BS>");
    d.keys(&"<Down>".repeat(80));
    d.keys("<End>");
    d.keys(EDIT);
    d.keys("<Esc>");
    let drafts = live_drafts(d.store());
    let [draft] = drafts.as_slice() else {
        panic!("{drafts:?}")
    };
    assert_eq!(draft.template.as_deref(), Some(TEMPLATE), "identity kept");
    assert!(
        draft.body.trim_end().ends_with(EDIT.trim()),
        "{}",
        draft.body
    );
}

fn send_with_s(d: &mut Driver) {
    d.keys("s");
    assert!(
        matches!(d.state().popup, Some(Popup::Confirm { .. })),
        "{:?}",
        d.state().popup
    );
    d.keys("y");
    assert!(d.settle(JOBS));
    assert!(d.status().starts_with("Sent to"), "{}", d.status());
    // The pane empties and never calls the sent email a draft.
    assert_eq!(d.state().draft.draft.id.0, 0);
    let screen = d.screen(120, 36);
    assert!(!screen.contains("draft · autosaved"), "{screen}");
    assert!(screen.contains("Sent “"), "{screen}");
}

fn to_oh(received: &[Received]) -> Vec<&Received> {
    received
        .iter()
        .filter(|r| r.rcpt_to.iter().any(|t| t == OH))
        .collect()
}

fn db(d: &Driver) -> PathBuf {
    support::app::db_path(d.dir())
}

#[test]
fn compose_twice_edit_send_then_usce_outreach_send_still_sends_exactly_one() {
    let server = TestSmtpServer::start(Options::default());
    let mut d = app(server.port, false);
    compose_twice_and_edit(&mut d);
    send_with_s(&mut d);

    let config = write_config(d.dir(), server.port, None);
    let preview = usce(&db(&d), &config)
        .args(["outreach", "--template", TEMPLATE, "--state", "OH"])
        .output()
        .unwrap();
    let out = stdout_of(&preview);
    assert!(
        out.contains(&format!("already sent this template (to {OH} on ")),
        "{out}"
    );
    assert!(out.contains("would send 0 emails"), "{out}");
    let sent = usce(&db(&d), &config)
        .args([
            "outreach",
            "--template",
            TEMPLATE,
            "--state",
            "OH",
            "--send",
        ])
        .output()
        .unwrap();
    let out = stdout_of(&sent);
    assert!(sent.status.success(), "{out}");
    assert!(out.contains("sent 0, 0 not sent"), "{out}");

    let (_, received) = server.finish();
    assert_eq!(received.len(), 1, "exactly one message");
    let message = Part::parse(&received[0].data);
    // No attachments in this profile: the message is a single text part.
    let body = String::from_utf8(message.content()).unwrap();
    assert!(body.contains(EDIT.trim()), "the edited text went: {body}");

    // The contact log has it as one entry that opens to the whole email.
    d.keys("<Tab><Tab>");
    let entries = &d.state().log.interactions;
    assert_eq!(entries.len(), 1, "{entries:?}");
    d.keys("j<Enter>");
    let Some(Popup::Info { title, lines, .. }) = &d.state().popup else {
        panic!("{:?}", d.state().popup)
    };
    assert!(title.starts_with("Sent email — "), "{title}");
    let message_id = message.header("Message-ID").unwrap();
    assert!(
        lines.contains(&format!("Message-ID: {message_id}")),
        "{lines:?}"
    );
    assert!(lines.contains(&format!("To: {OH}")), "{lines:?}");
    assert!(
        lines.contains(&format!("Template: {TEMPLATE}")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains(EDIT.trim())), "{lines:?}");
}

#[test]
fn compose_twice_edit_send_then_o_in_the_tui_sends_the_others_only() {
    let server = TestSmtpServer::start(Options::default());
    let mut d = app(server.port, true);
    compose_twice_and_edit(&mut d);
    send_with_s(&mut d);

    // Back to the list; O with the first template over both programs.
    d.keys("<Esc>O<Enter>");
    assert!(d.settle(JOBS));
    let Some(Popup::Confirm { message, .. }) = &d.state().popup else {
        panic!("{:?}", d.state().popup)
    };
    assert!(message.contains("to 1 program"), "{message}");
    assert!(
        message.contains(&format!(
            "1 already sent this template: Buckeye Internal Medicine (to {OH} on "
        )),
        "each skipped program is named with its reason: {message}"
    );
    d.keys("y");
    assert!(d.settle(JOBS));
    // And once more: nothing is left to send.
    d.keys("<Esc>O<Enter>");
    assert!(d.settle(JOBS));
    let Some(Popup::Info { title, .. }) = &d.state().popup else {
        panic!("{:?}", d.state().popup)
    };
    assert!(title.starts_with("Nothing to send"), "{title}");

    let (_, received) = server.finish();
    assert_eq!(to_oh(&received).len(), 1, "Buckeye got one message");
    assert_eq!(received.len(), 2, "and Lone Star its own");
}

/// `usce outreach --send` killed right after the server's 250, before the
/// database write (the test-only failpoint aborts the process there).
fn killed_batch(db: &Path, config: &Path) {
    let killed = usce(db, config)
        .args(["outreach", "--template", TEMPLATE, "--send"])
        .env(usce::outreach::send::KILL_AFTER_250_ENV, "1")
        .output()
        .unwrap();
    assert!(!killed.status.success(), "{killed:?}");
    let store = Store::open(db).unwrap();
    let flying = store.in_flight_sends().unwrap();
    assert_eq!(flying.len(), 1, "the in-flight row was left behind");
    assert_eq!(flying[0].state, SendState::InFlight);
    let program = store.list_programs().unwrap()[0].id;
    assert!(store.list_interactions(program).unwrap().is_empty());
}

fn killed_world(port: u16) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    {
        let mut store = Store::open(&db).unwrap();
        store.save_profile(&profile(None)).unwrap();
        add_program(&mut store, "Buckeye Internal Medicine", "OH", OH);
    }
    let config = write_config(dir.path(), port, None);
    killed_batch(&db, &config);
    (dir, db, config)
}

#[test]
fn killed_between_250_and_the_ledger_write_the_cli_rerun_records_it_from_the_archive() {
    let server = TestSmtpServer::start(Options::default());
    let (dir, db, config) = killed_world(server.port);
    let copies = files_under(&dir.path().join("sent"));
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].extension().is_some_and(|e| e == "eml"));

    let rerun = usce(&db, &config)
        .args(["outreach", "--template", TEMPLATE, "--send"])
        .output()
        .unwrap();
    let out = stdout_of(&rerun);
    assert!(rerun.status.success(), "{out}");
    assert!(out.contains("recorded an interrupted send"), "{out}");
    assert!(out.contains("already sent this template"), "{out}");
    assert!(out.contains("sent 0, 0 not sent"), "{out}");

    let store = Store::open(&db).unwrap();
    assert!(store.in_flight_sends().unwrap().is_empty());
    let program = store.list_programs().unwrap()[0].id;
    assert_eq!(store.list_interactions(program).unwrap().len(), 1);
    assert_eq!(store.sent_messages(program).unwrap().len(), 1);
    let (_, received) = server.finish();
    assert_eq!(received.len(), 1, "no second message");
}

/// The copy as it would be had the process died before its rename: only
/// `….eml.part`, so nothing shows whether the server took it.
fn back_to_part(dir: &Path) {
    let sent = dir.join("sent");
    for eml in files_under(&sent) {
        let mut part = eml.clone().into_os_string();
        part.push(".part");
        fs::rename(&eml, part).unwrap();
    }
}

#[test]
fn killed_with_only_a_part_copy_the_cli_refuses_until_told_and_never_resends() {
    let server = TestSmtpServer::start(Options::default());
    let (dir, db, config) = killed_world(server.port);
    back_to_part(dir.path());

    let rerun = usce(&db, &config)
        .args(["outreach", "--template", TEMPLATE, "--send"])
        .output()
        .unwrap();
    let out = stdout_of(&rerun);
    assert!(out.contains("INTERRUPTED:"), "{out}");
    assert!(
        out.contains("a send of this template is not recorded yet"),
        "{out}"
    );
    assert!(out.contains("sent 0, 0 not sent"), "{out}");
    let told = usce(&db, &config)
        .args([
            "outreach",
            "--template",
            TEMPLATE,
            "--send",
            "--interrupted",
            "sent",
        ])
        .output()
        .unwrap();
    let out = stdout_of(&told);
    assert!(out.contains("recorded as sent, as you said"), "{out}");
    assert!(out.contains("already sent this template"), "{out}");

    let (_, received) = server.finish();
    assert_eq!(received.len(), 1, "no second message");
}

#[test]
fn killed_with_only_a_part_copy_the_tui_asks_at_start_and_o_sends_nothing() {
    let server = TestSmtpServer::start(Options::default());
    let (dir, db, _) = killed_world(server.port);
    back_to_part(dir.path());
    let store = Store::open(&db).unwrap();
    let mut app = support::app::start(dir.path(), store, config(server.port));

    let Some(Popup::Choose { title, lines, .. }) = &app.state.popup else {
        panic!("the start must ask: {:?}", app.state.popup)
    };
    assert_eq!(title, "Did this email go out?");
    assert!(lines[0].contains(OH), "{lines:?}");
    let press = |app: &mut support::app::App, keys: &str| {
        for key in support::driver::parse_keys(keys) {
            let support::app::App {
                services,
                state,
                screen,
            } = app;
            if let Some(msg) = state.keymap.resolve(&key, state.key_context()) {
                usce::runtime::dispatch(services, screen, state, msg);
            }
        }
        let support::app::App {
            services,
            state,
            screen,
        } = app;
        assert!(usce::runtime::settle(services, screen, state, JOBS));
    };
    press(&mut app, "<Enter>"); // It went out: record it as sent
    assert!(app.state.popup.is_none(), "{:?}", app.state.popup);
    let program = app.services.store.list_programs().unwrap()[0].id;
    assert_eq!(app.services.store.sent_messages(program).unwrap().len(), 1);
    assert!(app.services.store.in_flight_sends().unwrap().is_empty());

    press(&mut app, "O<Enter>");
    let Some(Popup::Info { title, lines, .. }) = &app.state.popup else {
        panic!("{:?}", app.state.popup)
    };
    assert!(title.starts_with("Nothing to send"), "{title}");
    assert!(
        lines.iter().any(|l| l.contains("already sent")),
        "{lines:?}"
    );

    let (_, received) = server.finish();
    assert_eq!(received.len(), 1, "no second message");
}
