//! The TUI's `i` with what is not a CSV file: a FIFO is refused at once
//! (the TUI never waits on a pipe nobody writes to), and a workbook's
//! preview says which sheet it read. In process, through the real runtime
//! and job runner; every wait is a deadline on a condition.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_xlsxwriter::Workbook;
use tempfile::TempDir;
use usce::app::command::Command;
use usce::app::msg::UserInput;
use usce::app::update::init;
use usce::app::{AppState, Popup};
use usce::clock::Clock;
use usce::runtime::{Headless, Services, dispatch, perform_effect, settle};
use usce::store::Store;

const DEADLINE: Duration = Duration::from_secs(60);

fn started(db: &Path) -> (Services, AppState, Headless) {
    Store::open(db)
        .unwrap()
        .set_setting("welcomed", "1")
        .unwrap();
    let config = db.with_file_name("config.toml");
    let (mut services, mut state) = usce::tui::load(db, &config, Clock::real()).unwrap();
    let mut screen = Headless::default();
    for effect in init(&mut state) {
        for action in perform_effect(&mut services, &mut screen, effect) {
            dispatch(&mut services, &mut screen, &mut state, action);
        }
    }
    assert!(settle(&mut services, &mut screen, &mut state, DEADLINE));
    (services, state, screen)
}

/// `i`, the path, Enter, and the preview job run to its end.
fn preview(services: &mut Services, screen: &mut Headless, state: &mut AppState, path: &Path) {
    dispatch(services, screen, state, Command::Import);
    for c in path.display().to_string().chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        dispatch(services, screen, state, UserInput::InputKey(key));
    }
    dispatch(services, screen, state, Command::Submit);
    assert!(
        settle(services, screen, state, DEADLINE),
        "the preview never ended"
    );
}

#[cfg(unix)]
#[test]
fn i_with_a_fifo_is_refused_at_once_and_the_tui_keeps_going() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let fifo = dir.path().join("list.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (mut services, mut state, mut screen) = started(&db);
    // Nobody ever writes to the FIFO: opening it would wait forever.
    preview(&mut services, &mut screen, &mut state, &fifo);
    let Some(Popup::Info { lines, .. }) = &state.popup else {
        panic!("no refusal: {:?} / {:?}", state.popup, state.status)
    };
    let text = lines.join("\n");
    assert!(
        text.contains("a named pipe (FIFO), not a regular file"),
        "{text}"
    );
    assert!(state.jobs.current().is_none());
}

#[test]
fn i_with_a_workbook_previews_its_sheet_and_imports_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let book_path = dir.path().join("list.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Summary").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Programs").unwrap();
    for (column, text) in (0u16..).zip(["Program Name", "State", "Specialty"]) {
        sheet.write_string(0, column, text).unwrap();
    }
    for (column, text) in (0u16..).zip(["Willow Bend Cardiology", "GA", "Cardiology"]) {
        sheet.write_string(1, column, text).unwrap();
    }
    book.save(&book_path).unwrap();
    let (mut services, mut state, mut screen) = started(&db);
    let before = Store::open(&db).unwrap().count_programs().unwrap();
    preview(&mut services, &mut screen, &mut state, &book_path);
    let Some(Popup::Confirm { message, .. }) = &state.popup else {
        panic!("no preview: {:?} / {:?}", state.popup, state.status)
    };
    assert!(
        message.contains(
            "add 1, update 0, skip 0, from sheet \"Programs\" (the workbook also has \"Summary\")"
        ),
        "{message}"
    );
    dispatch(&mut services, &mut screen, &mut state, Command::Confirm);
    assert!(settle(&mut services, &mut screen, &mut state, DEADLINE));
    let all = Store::open(&db).unwrap().list_programs().unwrap();
    assert_eq!(all.len(), before + 1);
    let willow = all
        .iter()
        .find(|p| p.name == "Willow Bend Cardiology")
        .unwrap();
    assert_eq!(willow.specialty, "Cardiology");
    assert_eq!(willow.state.code(), "GA");
}
