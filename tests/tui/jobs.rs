//! Background jobs driven in-process through the real runtime (actions
//! through the reducer, effects on the job runner, a real store and the
//! in-repo SMTP server), the terminal replaced by `Headless`:
//! - a TUI import of a national list (15,000 rows) reports progress,
//!   leaves the keys working, and a cancel rolls it back so the database is
//!   row for row what it was;
//! - a batch cancelled during its pacing wait stops at once, with every
//!   email sent so far recorded.
//!
//! For the import the runner has room for one undrained report, so the
//! worker waits at each report until the test takes it: the test decides
//! where the import is when it cancels, and nothing depends on timing.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::Path;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::outreach::{TEMPLATE, add_program, profile};
use support::smtp_server::{Options, TestSmtpServer};
use tempfile::TempDir;
use usce::app::command::Command;
use usce::app::event::Event;
use usce::app::jobs::{JobEvent, JobKind};
use usce::app::msg::UserInput;
use usce::app::update::init;
use usce::app::{AppState, Popup};
use usce::clock::Clock;
use usce::domain::{Program, Status, UsState};
use usce::runtime::jobs::Jobs;
use usce::runtime::{Headless, Services, dispatch, perform_effect, settle};
use usce::store::Store;

const ROWS: usize = 15_000;
/// A deadline for the worker's next report, never a pause.
const DEADLINE: Duration = Duration::from_secs(60);

/// `usce sample --generate` writes the national list, as a user would.
fn national_list(dir: &Path) -> std::path::PathBuf {
    let csv = dir.join("national.csv");
    let output = support::command::usce_process(&dir.join("unused.db"))
        .args(["sample", "--generate", &ROWS.to_string(), "--out"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    csv
}

/// Everything the database holds, row for row, in one comparable text.
fn snapshot(db: &Path) -> String {
    let mut store = Store::open(db).unwrap();
    serde_json::to_string(&store.full_export().unwrap()).unwrap()
}

fn started(db: &Path, config: &Path) -> (Services, AppState, Headless) {
    let (mut services, mut state) = usce::tui::load(db, config, Clock::real()).unwrap();
    services.jobs = Jobs::with_capacity(1);
    let mut screen = Headless::default();
    for effect in init(&mut state) {
        for action in perform_effect(&mut services, &mut screen, effect) {
            dispatch(&mut services, &mut screen, &mut state, action);
        }
    }
    assert!(settle(&mut services, &mut screen, &mut state, DEADLINE));
    (services, state, screen)
}

fn footer(state: &AppState) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 36)).unwrap();
    terminal
        .draw(|f| usce::ui::render(f, state, &usce::ui::Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, buffer.area.height - 2)].symbol())
        .collect()
}

#[test]
fn a_national_import_shows_progress_keeps_keys_working_and_cancel_leaves_the_database_unchanged() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    {
        let mut store = Store::open(&db).unwrap();
        store.set_setting("welcomed", "1").unwrap();
        for (name, state) in [("Alpha IM", "OH"), ("Beta FM", "OH"), ("Gamma Peds", "KY")] {
            store
                .insert_program(&Program::new(name, UsState::parse(state).unwrap()))
                .unwrap();
        }
    }
    let csv = national_list(dir.path());
    let before = snapshot(&db);
    let (mut services, mut state, mut screen) = started(&db, &dir.path().join("config.toml"));
    // i, the path, Enter: the preview runs as a job.
    dispatch(&mut services, &mut screen, &mut state, Command::Import);
    for c in csv.display().to_string().chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        dispatch(
            &mut services,
            &mut screen,
            &mut state,
            UserInput::InputKey(key),
        );
    }
    dispatch(&mut services, &mut screen, &mut state, Command::Submit);
    let job = state
        .jobs
        .current()
        .expect("the preview runs in the background");
    assert_eq!(job.kind, JobKind::Import);
    assert!(job.progress.text.starts_with("Reading national.csv"));
    assert!(settle(&mut services, &mut screen, &mut state, DEADLINE));
    let Some(Popup::Confirm { message, .. }) = &state.popup else {
        panic!("no preview: {:?} / {:?}", state.popup, state.status)
    };
    assert!(message.contains("add "), "{message}");

    // Yes: the import starts; take its reports one by one.
    dispatch(&mut services, &mut screen, &mut state, Command::Confirm);
    assert!(state.jobs.current().is_some());
    let mut reports = Vec::new();
    while reports.len() < 2 {
        let actions = services
            .jobs
            .next_within(DEADLINE)
            .expect("a report in time");
        for action in actions {
            if let Event::Job(JobEvent::Progress { progress, .. }) = &action {
                reports.push(progress.text.clone());
            }
            assert!(
                !matches!(action, Event::Job(JobEvent::Finished { .. })),
                "the import ended before the test let it: {reports:?}"
            );
            dispatch(&mut services, &mut screen, &mut state, action);
        }
    }
    assert!(
        reports
            .iter()
            .all(|r| r.starts_with("Importing ") && r.ends_with(" / 15,000")),
        "{reports:?}"
    );
    let shown = footer(&state);
    assert!(shown.contains(&format!("{}…", reports[1])), "{shown}");
    assert!(shown.contains("(C cancels)"), "{shown}");

    // The keys still work while it runs.
    let selected = state.list.selected_program().map(|p| p.id);
    dispatch(&mut services, &mut screen, &mut state, Command::Down);
    assert_ne!(state.list.selected_program().map(|p| p.id), selected);
    assert!(services.jobs.is_busy(), "still importing");

    // C: cancelled, rolled back.
    dispatch(&mut services, &mut screen, &mut state, Command::CancelJob);
    assert!(footer(&state).contains("(cancelling)"));
    assert!(settle(&mut services, &mut screen, &mut state, DEADLINE));
    assert_eq!(
        state.status.as_ref().map(|s| s.text.as_str()),
        Some("Import cancelled; nothing was written.")
    );
    assert!(state.jobs.current().is_none());
    assert_eq!(state.list.programs().len(), 3);
    drop(services);
    assert_eq!(
        snapshot(&db),
        before,
        "the database is row for row unchanged"
    );
}

#[test]
fn a_batch_cancelled_while_it_paces_stops_at_once_with_what_was_sent_recorded() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let server = TestSmtpServer::start(Options::default());
    {
        let mut store = Store::open(&db).unwrap();
        store.set_setting("welcomed", "1").unwrap();
        store.save_profile(&profile(None)).unwrap();
        add_program(
            &mut store,
            "Buckeye Internal Medicine",
            "OH",
            "oh@example.edu",
        );
        add_program(
            &mut store,
            "Lakeshore Internal Medicine",
            "OH",
            "lake@example.edu",
        );
    }
    // Ten minutes between two emails: only the cancel ends the wait.
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n\
             from = \"Amína Yúsuf <amina.yusuf@example.org>\"\n\n\
             [outreach]\ndelay_secs = 600\n",
            server.port
        ),
    )
    .unwrap();
    let (mut services, mut state, mut screen) = started(&db, &config);
    services.jobs = Jobs::default();
    dispatch(
        &mut services,
        &mut screen,
        &mut state,
        Command::BatchOutreach,
    );
    let index = state.templates.iter().position(|t| t == TEMPLATE).unwrap();
    for _ in 0..index {
        dispatch(&mut services, &mut screen, &mut state, Command::Down);
    }
    dispatch(&mut services, &mut screen, &mut state, Command::Submit);
    assert!(settle(&mut services, &mut screen, &mut state, DEADLINE));
    let Some(Popup::Confirm { message, .. }) = &state.popup else {
        panic!("{:?} / {:?}", state.popup, state.status)
    };
    assert!(message.contains("to 2 programs"), "{message}");
    dispatch(&mut services, &mut screen, &mut state, Command::Confirm);
    let mut reports = Vec::new();
    while !reports
        .iter()
        .any(|r: &String| r.starts_with("Batch: sent 1/2"))
    {
        let actions = services
            .jobs
            .next_within(DEADLINE)
            .expect("a report in time");
        for action in actions {
            if let Event::Job(JobEvent::Progress { progress, .. }) = &action {
                reports.push(progress.text.clone());
            }
            dispatch(&mut services, &mut screen, &mut state, action);
        }
    }
    assert!(
        reports
            .iter()
            .any(|r| r.starts_with("Batch: sending 1/2 to ")),
        "{reports:?}"
    );
    dispatch(&mut services, &mut screen, &mut state, Command::CancelJob);
    assert!(settle(&mut services, &mut screen, &mut state, DEADLINE));
    let Some(Popup::Info { title, lines, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert_eq!(title, "Batch finished");
    assert!(
        lines[0].starts_with("Sent 1 of 2, then stopped as you asked"),
        "{lines:?}"
    );
    let (_, received) = server.finish();
    assert_eq!(received.len(), 1);
    let contacted = state
        .list
        .programs()
        .iter()
        .filter(|p| p.status == Status::Contacted)
        .count();
    assert_eq!(
        contacted, 1,
        "the first email is recorded, the second unsent"
    );
}
