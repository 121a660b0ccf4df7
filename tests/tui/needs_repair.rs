//! The TUI starts on a database with a row it cannot read (state `ZZ`):
//! the other programs are listed, the status line says some rows need
//! repair, and `!` lists them with their reasons.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::corrupt::{set_profile_text, set_program_text};
use support::driver::Driver;
use usce::app::Popup;
use usce::domain::{Program, UsState};

#[test]
fn the_tui_starts_with_the_readable_programs_and_bang_lists_the_bad_rows() {
    let mut d = Driver::with_file(
        |store, db| {
            let mut add = |name: &str| {
                store
                    .insert_program(&Program::new(name, UsState::from_code("OH").unwrap()))
                    .unwrap()
                    .id
            };
            add("Internal Medicine");
            let zz = add("Surgery");
            set_program_text(db, zz, "state", "ZZ");
        },
        Default::default(),
    );
    let names: Vec<&str> = d
        .state()
        .list
        .programs()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Internal Medicine"]);
    let status = d.status();
    assert!(
        status.contains("1 stored program could not be read and needs repair: ! lists them"),
        "{status}"
    );
    d.keys("!");
    let Some(Popup::Info { title, lines, .. }) = &d.state().popup else {
        panic!("{:?}", d.state().popup)
    };
    assert!(title.contains("needs repair"), "{title}");
    assert!(
        lines[0].contains("\u{201c}Surgery\u{201d}: state: ") && lines[0].contains("ZZ"),
        "{lines:?}"
    );
    assert!(d.screen(100, 30).contains("Surgery"));
}

#[test]
fn bang_says_so_when_nothing_needs_repair() {
    let mut d = Driver::new();
    d.keys("!");
    assert!(d.state().popup.is_none());
    assert!(
        d.status().contains("nothing needs repair"),
        "{}",
        d.status()
    );
}

#[test]
fn ctrl_r_finds_a_row_damaged_since_start_and_bang_lists_it() {
    let mut d = Driver::with_file(
        |store, _| {
            for name in ["Internal Medicine", "Surgery"] {
                store
                    .insert_program(&Program::new(name, UsState::from_code("OH").unwrap()))
                    .unwrap();
            }
        },
        Default::default(),
    );
    assert!(d.state().needs_repair.is_empty());
    let surgery = d
        .state()
        .list
        .programs()
        .iter()
        .find(|p| p.name == "Surgery")
        .unwrap()
        .id;
    let db = support::app::db_path(d.dir());
    set_program_text(&db, surgery, "tags", "not json");
    d.keys("<C-r>");
    let status = d.status();
    assert!(
        status.contains("1 stored program could not be read and needs repair"),
        "{status}"
    );
    assert_eq!(d.state().list.programs().len(), 1);
    d.keys("!");
    let Some(Popup::Info { lines, .. }) = &d.state().popup else {
        panic!("{:?}", d.state().popup)
    };
    assert!(
        lines[0].contains("Surgery") && lines[0].contains("tags: "),
        "{lines:?}"
    );
}

#[test]
fn the_tui_starts_on_an_unreadable_profile_with_an_empty_one_and_says_so() {
    let mut d = Driver::with_file(
        |store, db| {
            store
                .save_profile(&usce::domain::Profile {
                    full_name: "Ana Pérez".into(),
                    ..Default::default()
                })
                .unwrap();
            set_profile_text(db, "step1", "zz");
        },
        Default::default(),
    );
    let status = d.status();
    assert!(
        status.contains("1 stored profile could not be read and needs repair"),
        "{status}"
    );
    assert_eq!(d.state().profile, usce::domain::Profile::default());
    d.keys("!");
    let Some(Popup::Info { lines, .. }) = &d.state().popup else {
        panic!("{:?}", d.state().popup)
    };
    assert!(lines[0].starts_with("your profile: step1: "), "{lines:?}");
}
