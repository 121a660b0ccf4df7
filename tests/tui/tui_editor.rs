//! End-to-end in a terminal: right after compose, typing goes into the
//! body of the email (the headers are a form above it), and what was
//! typed is what the database holds, headers and template untouched.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::pty::Tui;
use tempfile::TempDir;
use usce::domain::{Contact, Profile, Program, Role, StepResult, UsState};
use usce::store::Store;

/// One program with a coordinator, and a profile the template can sign.
fn prepared(db: &std::path::Path) -> usce::domain::ProgramId {
    let mut store = Store::open(db).unwrap();
    store.set_setting("welcomed", "1").unwrap();
    let mut program = Program::new(
        "Bluegrass Regional Internal Medicine",
        UsState::parse("KY").unwrap(),
    );
    program.specialty = "Internal Medicine".into();
    let program = store.insert_program(&program).unwrap();
    store
        .insert_contact(&Contact {
            program_id: program.id,
            role: Role::Coordinator,
            name: "Jordan Coordinator".into(),
            email: "im.coordinator@example.org".into(),
            ..Contact::default()
        })
        .unwrap();
    store
        .save_profile(&Profile {
            full_name: "Amina Yusuf".into(),
            email: "amina.yusuf@example.org".into(),
            medical_school: "University of Example Medical College".into(),
            graduation_year: Some(2023),
            step1: StepResult::Pass,
            target_specialty: "Internal Medicine".into(),
            available: "from June 2 to July 25, 2027".into(),
            ..Profile::default()
        })
        .unwrap();
    program.id
}

#[test]
fn typing_right_after_compose_lands_in_the_body_not_the_to_line() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let program = prepared(&db);
    let mut tui = Tui::spawn(&db, &[], 120, 36);
    tui.wait_for("Enter open");
    tui.send("\t\t");
    tui.wait_for("Enter type");
    tui.send("c");
    tui.wait_for("write to whom?");
    tui.send("\r");
    tui.wait_for("which template?");
    tui.send("\r");
    tui.wait_for("Draft composed");
    // No key between compose and typing: the cursor is already in the body.
    tui.send("Hi ");
    tui.send("there");
    let screen = tui.wait_for("│Hi thereDear Jordan Coordinator,");
    assert!(
        screen.contains("To: im.coordinator@example.org "),
        "the To line is as composed:\n{screen}"
    );
    // The long paragraph wraps inside the pane instead of running off it.
    assert!(
        screen.contains("│My name is Amina Yusuf, and I am a 2023"),
        "{screen}"
    );
    tui.send("\x1b");
    tui.wait_gone("typing · Esc stops");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let store = Store::open(&db).unwrap();
    let draft = store.current_draft(program).unwrap().unwrap();
    assert!(
        draft.body.starts_with("Hi thereDear Jordan Coordinator,"),
        "{draft:?}"
    );
    assert_eq!(draft.to, "im.coordinator@example.org");
    assert_eq!(draft.template.as_deref(), Some("request_rotation"));
}
