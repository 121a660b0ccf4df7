//! Background mail sync in the app: at start-up the sync runs on the job
//! runner against a real Dovecot, the list and header show the reply, and
//! `M` syncs again.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use usce::app::command::Command;
use usce::config::Config;
use usce::domain::Status;
use usce::mail::Security;
use usce::mail::imap::ImapConfig;
use usce::runtime::{dispatch, settle};
use usce::store::Store;
use usce::ui::{render, theme::Theme};

use crate::support::app::{db_path, start};
use crate::support::dovecot::{self, PASSWORD, USER};
use crate::support::outreach::{THREE, add_program};

fn header(state: &usce::app::AppState) -> String {
    let mut terminal = Terminal::new(TestBackend::new(140, 30)).unwrap();
    terminal
        .draw(|f| render(f, state, &Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..140)
        .map(|x| buffer[(x, 0)].symbol().to_owned())
        .collect()
}

fn imap_config(port: u16) -> Config {
    Config {
        imap: Some(ImapConfig {
            host: "127.0.0.1".into(),
            port: Some(port),
            security: Security::None,
            username: USER.into(),
            password_env: None,
            password_cmd: Some(vec!["echo".into(), PASSWORD.into()]),
            folders: vec!["INBOX".into()],
            sent_folder: None,
            interval_minutes: 10,
            save_sent: false,
            ca_file: None,
        }),
        ..Config::default()
    }
}

fn run(app: &mut crate::support::app::App, cmd: Command) {
    let msg = usce::app::msg::Msg::from(cmd);
    dispatch(&mut app.services, &mut app.screen, &mut app.state, msg);
    assert!(settle(
        &mut app.services,
        &mut app.screen,
        &mut app.state,
        Duration::from_secs(60)
    ));
}

#[test]
fn a_message_from_a_programs_domain_waits_in_review_and_a_attaches_it() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db_path(dir.path())).unwrap();
    let (name, state, email) = THREE[0];
    let program = add_program(&mut store, name, state, email);
    store.set_status(program, Status::Contacted).unwrap();
    for n in 1..=2 {
        server.deliver(&format!(
            "From: <director{n}@example.edu>\nSubject: About your request {n}\n\
             Message-ID: <review-{n}@example.edu>\n\nPlease call us.\n"
        ));
    }
    let mut app = start(dir.path(), store, imap_config(server.port));
    assert_eq!(app.state.mail_sync.to_review, 2);
    assert!(header(&app.state).contains("2 to review (R)"));
    run(&mut app, Command::ReviewMail);
    assert!(matches!(
        app.state.popup,
        Some(usce::app::Popup::Review { .. })
    ));
    run(&mut app, Command::AttachMessage);
    run(&mut app, Command::IgnoreMessage);
    assert!(app.state.popup.is_none(), "the list closes when empty");
    let store = Store::open(&db_path(dir.path())).unwrap();
    assert_eq!(
        store.get_program(program).unwrap().unwrap().status,
        Status::Replied
    );
    assert_eq!(store.count_inbound("reply").unwrap(), 1);
    assert_eq!(store.count_inbound("ignored").unwrap(), 1);
    assert!(store.open_proposals().unwrap().is_empty());
}

#[test]
fn the_start_up_sync_logs_a_reply_and_the_header_says_so() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db_path(dir.path())).unwrap();
    let (name, state, email) = THREE[0];
    let program = add_program(&mut store, name, state, email);
    store.set_status(program, Status::Contacted).unwrap();
    server.deliver(&format!(
        "From: <{email}>\nSubject: Re: rotation\nMessage-ID: <tui-1@example.edu>\n\
         Date: Tue, 01 Dec 2026 10:00:00 +0000\n\nYes, June works.\n"
    ));
    let mut app = start(dir.path(), store, imap_config(server.port));
    assert_eq!(app.state.mail_sync.new_replies, 1, "{:?}", app.state.status);
    let row = app
        .state
        .list
        .programs()
        .iter()
        .find(|p| p.id == program)
        .unwrap();
    assert_eq!(row.status, Status::Replied, "the list shows the reply");
    let top = header(&app.state);
    assert!(top.contains("synced just now · 1 new reply"), "{top}");

    server.deliver(&format!(
        "From: <{email}>\nSubject: Re: rotation\nMessage-ID: <tui-2@example.edu>\n\nAlso July.\n"
    ));
    dispatch(
        &mut app.services,
        &mut app.screen,
        &mut app.state,
        usce::app::msg::Msg::from(Command::SyncMail),
    );
    assert!(settle(
        &mut app.services,
        &mut app.screen,
        &mut app.state,
        Duration::from_secs(60)
    ));
    assert_eq!(app.state.mail_sync.new_replies, 2);
    assert!(header(&app.state).contains("2 new replies"));
}

#[test]
fn saving_imap_from_the_app_writes_config_toml_and_checks_the_connection() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&db_path(dir.path())).unwrap();
    let mut app = start(dir.path(), store, Config::default());
    assert!(!app.state.mail_sync.configured);
    let imap = imap_config(server.port).imap.unwrap();
    let events = usce::runtime::perform_effect(
        &mut app.services,
        &mut app.screen,
        usce::app::effect::Effect::SaveImap(Box::new(imap.clone())),
    );
    for event in events {
        dispatch(
            &mut app.services,
            &mut app.screen,
            &mut app.state,
            usce::app::msg::Msg::from(event),
        );
    }
    assert!(settle(
        &mut app.services,
        &mut app.screen,
        &mut app.state,
        Duration::from_secs(60)
    ));
    assert!(app.state.mail_sync.configured);
    let status = app.state.status.clone().unwrap();
    assert!(
        status
            .text
            .starts_with("IMAP works: logged in to 127.0.0.1")
            && status.text.contains("INBOX: 0 messages"),
        "{status:?}"
    );
    let saved = usce::config::load(&dir.path().join("config.toml")).unwrap();
    assert_eq!(saved.config.imap, Some(imap));
}

/// Saves `imap` as the app does when a preset is picked (the runtime writes
/// config.toml, then the app checks the connection) and waits for the check.
fn save_imap(app: &mut crate::support::app::App, imap: ImapConfig) {
    let effect = usce::app::effect::Effect::SaveImap(Box::new(imap));
    for event in usce::runtime::perform_effect(&mut app.services, &mut app.screen, effect) {
        let msg = usce::app::msg::Msg::from(event);
        dispatch(&mut app.services, &mut app.screen, &mut app.state, msg);
    }
    assert!(settle(
        &mut app.services,
        &mut app.screen,
        &mut app.state,
        Duration::from_secs(60)
    ));
}

/// Opens the welcome and moves to its step for reading replies.
fn welcome_at_imap_step(app: &mut crate::support::app::App) -> String {
    run(app, Command::Welcome);
    let choices = usce::app::onboarding::choices(&app.state);
    let at = choices.iter().position(|c| c.contains("(IMAP)")).unwrap();
    for _ in 0..at {
        run(app, Command::Down);
    }
    choices[at].clone()
}

#[test]
fn the_welcome_sets_up_replies_from_a_preset_and_checks_the_connection() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&db_path(dir.path())).unwrap();
    let config = Config {
        smtp: Some(usce::mail::SmtpConfig {
            host: "127.0.0.1".into(),
            port: 2525,
            security: Security::None,
            username: Some(USER.into()),
            from: format!("Amina <{USER}>"),
            password_env: None,
            password_cmd: Some(vec!["echo".into(), PASSWORD.into()]),
            ca_file: None,
        }),
        ..Config::default()
    };
    let mut app = start(dir.path(), store, config);
    // Not set up yet: the step is offered, and Enter shows the presets,
    // each reusing the sending login and password command.
    let step = welcome_at_imap_step(&mut app);
    assert!(step.contains("Read replies from my mailbox"), "{step}");
    run(&mut app, Command::Submit);
    let Some(usce::app::Popup::Choose { options, .. }) = app.state.popup.clone() else {
        panic!("{:?}", app.state.popup)
    };
    assert!(options[0].0.starts_with("Gmail"), "{options:?}");
    let Some(usce::app::effect::Effect::SaveImap(gmail)) = options[0].1.clone() else {
        panic!("{options:?}")
    };
    assert_eq!(gmail.host, "imap.gmail.com");
    assert_eq!(gmail.username, USER);
    // The preset as the harness serves it (only 127.0.0.1 is reachable
    // here): same login and password source, the local server's address.
    run(&mut app, Command::Cancel);
    let local = ImapConfig {
        host: "127.0.0.1".into(),
        port: Some(server.port),
        security: Security::None,
        ..*gmail
    };
    save_imap(&mut app, local);
    let status = app.state.status.clone().unwrap().text;
    assert!(
        status.starts_with("IMAP works: logged in to 127.0.0.1"),
        "{status}"
    );
    // Set up: the step is ticked, and Enter checks the connection again.
    app.state.status = None;
    let step = welcome_at_imap_step(&mut app);
    assert!(step.starts_with("✓ Replies are read"), "{step}");
    run(&mut app, Command::Submit);
    let status = app.state.status.clone().unwrap().text;
    assert!(
        status.starts_with("IMAP works: logged in to 127.0.0.1") && status.contains("INBOX"),
        "{status}"
    );
}
