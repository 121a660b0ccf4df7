//! One conversation per person, checked on the bytes a real SMTP server on
//! 127.0.0.1 received: the follow-up written from the Due view replies to
//! the request (`In-Reply-To`, `References`, "Re:" subject), sending it
//! closes the follow-up it answered and schedules the cadence's next step,
//! so `usce due` lists one follow-up afterwards, not two; a thank-you later
//! carries the whole chain.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use chrono::{Local, NaiveDate};
use serde_json::Value;
use tempfile::TempDir;

use support::driver::parse_keys;
use support::mime::Part;
use support::outreach::{TEMPLATE, add_program, profile, write_config};
use support::smtp_server::{Options, Received, TestSmtpServer};
use usce::app::AppState;
use usce::clock::Clock;
use usce::domain::ProgramId;
use usce::mail::TemplateSet;
use usce::outreach::{Mailer, compose, send_draft, sent_dir};
use usce::runtime::{Headless, Services, dispatch};
use usce::store::Store;

/// The request goes out.
const SEND_DAY: &str = "2026-03-10";
/// Its follow-up is due (the config's `after_send_days = 7`) and sent.
const NUDGE_DAY: &str = "2026-03-17";
/// The second nudge the cadence schedules a week after the first.
const SECOND_NUDGE_DAY: &str = "2026-03-24";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

struct World {
    /// Holds the database and config until the test ends.
    _dir: TempDir,
    db: std::path::PathBuf,
    config: std::path::PathBuf,
    program: ProgramId,
}

fn world() -> (World, TestSmtpServer) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    store.save_profile(&profile(None)).unwrap();
    // Past the first-run welcome, as a returning user is.
    store.set_setting("welcomed", "1").unwrap();
    let program = add_program(
        &mut store,
        "Bluegrass Internal Medicine",
        "KY",
        "ky.coordinator@example.edu",
    );
    drop(store);
    let server = TestSmtpServer::start(Options::default());
    let config = write_config(dir.path(), server.port, None);
    let world = World {
        _dir: dir,
        db,
        config,
        program,
    };
    (world, server)
}

/// The real binary on `today`.
fn usce_on(w: &World, today: &str) -> assert_cmd::Command {
    let mut cmd = support::outreach::usce(&w.db, &w.config);
    cmd.env("USCE_TODAY", today);
    cmd
}

/// The open follow-ups `usce due` lists for the program, two weeks ahead.
fn listed_due(w: &World, today: &str) -> Vec<Value> {
    let out = usce_on(w, today)
        .args(["due", "--within", "2w", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let all: Value = serde_json::from_slice(&out).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["program_id"] == w.program.0)
        .cloned()
        .collect()
}

/// The TUI as it starts on `today`, start-up loads done.
fn tui_on(w: &World, today: &str) -> (Services, AppState, Headless) {
    let clock = Clock::parse(Some(today)).unwrap();
    let (mut services, mut state) = usce::tui::load(&w.db, &w.config, clock).unwrap();
    let mut screen = Headless::default();
    usce::runtime::start(&mut services, &mut screen, &mut state);
    settle(&mut services, &mut screen, &mut state);
    (services, state, screen)
}

fn settle(services: &mut Services, screen: &mut Headless, state: &mut AppState) {
    let deadline = std::time::Duration::from_secs(60);
    assert!(usce::runtime::settle(services, screen, state, deadline));
}

/// Presses keys as the event loop does (keymap in the current context,
/// then the reducer and the effects), waiting for any job they start.
fn press(services: &mut Services, screen: &mut Headless, state: &mut AppState, keys: &str) {
    for key in parse_keys(keys) {
        if let Some(msg) = state.keymap.resolve(&key, state.key_context()) {
            dispatch(services, screen, state, msg);
        }
        settle(services, screen, state);
    }
}

fn ids(header: Option<&str>) -> Vec<String> {
    header
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fn parsed(received: &Received) -> Part {
    Part::parse(&received.data)
}

#[test]
fn the_due_views_follow_up_replies_in_thread_closes_what_it_answered_and_due_lists_one() {
    let (w, server) = world();
    // The request, from the command line.
    usce_on(&w, SEND_DAY)
        .args(["outreach", "--template", TEMPLATE, "--send", "--delay", "0"])
        .assert()
        .success();
    let before = listed_due(&w, NUDGE_DAY);
    assert_eq!(before.len(), 1, "{before:?}");

    // A week later: D, c on that follow-up, leave the editor, send, yes.
    let (mut services, mut state, mut screen) = tui_on(&w, NUDGE_DAY);
    press(&mut services, &mut screen, &mut state, "D");
    assert!(
        matches!(state.popup, Some(usce::app::Popup::Due { .. })),
        "{:?}",
        state.popup
    );
    assert_eq!(state.due.len(), 1, "{:?}", state.due);
    let answered = state.due[0].follow_up.id;
    press(&mut services, &mut screen, &mut state, "c<Esc>sy");
    let status = state.status.as_ref().map(|s| s.text.to_string());
    assert!(
        status
            .as_deref()
            .is_some_and(|s| s.contains("Closed the follow-up it answered")),
        "{status:?}"
    );
    // The Due view's list is the store's: the new follow-up only.
    assert_eq!(state.due.len(), 1, "{:?}", state.due);
    assert_ne!(state.due[0].follow_up.id, answered);
    drop((services, state));

    let (_, received) = server.finish();
    let [request, nudge] = received.as_slice() else {
        panic!("expected two messages, got {}", received.len());
    };
    let (request, nudge) = (parsed(request), parsed(nudge));
    let request_id = request.header("Message-ID").unwrap().to_owned();
    assert!(request_id.ends_with("@example.org>"), "{request_id}");
    assert_eq!(request.header("In-Reply-To"), None);
    assert_eq!(nudge.header("In-Reply-To"), Some(request_id.as_str()));
    assert_eq!(
        ids(nudge.header("References")),
        std::slice::from_ref(&request_id)
    );
    assert_eq!(
        nudge.decoded("Subject").unwrap(),
        format!("Re: {}", request.decoded("Subject").unwrap())
    );
    assert!(
        nudge
            .header("Message-ID")
            .unwrap()
            .ends_with("@example.org>")
    );

    // `usce due`: one follow-up, the second nudge a week on.
    let after = listed_due(&w, NUDGE_DAY);
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(after[0]["due"], SECOND_NUDGE_DAY, "{after:?}");
    let store = Store::open(&w.db).unwrap();
    // The draft the Due view composed knew which follow-up it answered.
    let drafts = store.list_drafts(w.program).unwrap();
    let nudge_draft = drafts
        .iter()
        .find(|d| d.template.as_deref() == Some("follow_up"))
        .unwrap();
    assert_eq!(
        store.follow_up_answered_by(nudge_draft.id).unwrap(),
        Some(answered)
    );
    let follow_ups = store.list_follow_ups(w.program).unwrap();
    let closed = follow_ups.iter().find(|f| f.id == answered).unwrap();
    assert!(!closed.is_open(), "{closed:?}");
    let open: Vec<_> = follow_ups.iter().filter(|f| f.is_open()).collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].due, day(SECOND_NUDGE_DAY));
    assert!(open[0].note.ends_with("Nudge again."), "{:?}", open[0].note);
}

#[test]
fn a_thank_you_after_two_emails_carries_the_whole_chain() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    store.save_profile(&profile(None)).unwrap();
    let program = add_program(&mut store, "Buckeye IM", "OH", "oh.coordinator@example.edu");
    let contact = store.list_contacts(program).unwrap()[0].id;
    let server = TestSmtpServer::start(Options::default());
    let smtp = usce::config::load(&write_config(dir.path(), server.port, None))
        .unwrap()
        .config
        .smtp
        .unwrap();
    let sent = sent_dir(&db);
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: &sent,
        follow_up_days: 7,
    };
    let templates = TemplateSet::load(None).unwrap();
    let today = Local::now().date_naive();
    let send = |store: &mut Store, template: &str| {
        let draft = compose(store, &templates, program, Some(contact), template, today).unwrap();
        let draft = store.save_draft(&draft).unwrap();
        send_draft(store, &mailer, draft.id, store.clock().now()).unwrap()
    };
    send(&mut store, TEMPLATE);
    send(&mut store, "follow_up");
    let thanks = send(&mut store, "thank_you");
    let (_, received) = server.finish();
    let messages: Vec<Part> = received.iter().map(parsed).collect();
    let id = |i: usize| messages[i].header("Message-ID").unwrap().to_owned();
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[2].header("In-Reply-To"), Some(id(1).as_str()));
    assert_eq!(ids(messages[2].header("References")), [id(0), id(1)]);
    let first_subject = messages[0].decoded("Subject").unwrap();
    for later in &messages[1..] {
        assert_eq!(
            later.decoded("Subject").unwrap(),
            format!("Re: {first_subject}")
        );
    }
    // The stored record of the thank-you is what the next reply threads on.
    assert_eq!(thanks.draft.message_id, Some(id(2)));
    let last = store.last_sent_message(program, contact).unwrap().unwrap();
    assert_eq!(
        (last.message_id, last.references),
        (id(2), vec![id(0), id(1)])
    );
}
