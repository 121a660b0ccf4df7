//! The status line after a failure: an error stays until the user acts or a
//! later write succeeds, which makes it stale (issue 18, item 20).

use crossterm::event::{KeyCode, KeyEvent};

use super::AppState;
use super::event::Event;
use super::fixtures;
use super::msg::UserInput;
use super::update::update;
use crate::domain::{Draft, DraftId, Program, ProgramId, UsState};

fn error_shown(state: &AppState) -> Option<&str> {
    state
        .status
        .as_ref()
        .filter(|s| s.is_error)
        .map(|s| s.text.as_str())
}

/// A draft open for typing, as compose leaves it.
fn typing_a_draft() -> AppState {
    let mut state = fixtures::state();
    let program = state.log.program.unwrap();
    let draft = Draft {
        id: DraftId(3),
        program_id: program,
        to: "coord@example.org".into(),
        body: "Dear Coordinator,".into(),
        ..Draft::default()
    };
    update(&mut state, Event::DraftComposed(Box::new(draft)));
    assert!(state.draft.editing);
    state
}

#[test]
fn a_draft_save_that_succeeds_after_disk_full_clears_the_error() {
    let mut state = typing_a_draft();
    update(
        &mut state,
        UserInput::EditorKey(KeyEvent::from(KeyCode::Char('X'))),
    );
    update(&mut state, Event::Failed("disk is full".into()));
    assert_eq!(error_shown(&state), Some("disk is full"));
    // Typing keeps the status line: only the next save can say it is over.
    update(
        &mut state,
        UserInput::EditorKey(KeyEvent::from(KeyCode::Char('Y'))),
    );
    assert_eq!(error_shown(&state), Some("disk is full"));
    let saved = state.draft.draft.clone();
    update(&mut state, Event::DraftSaved(Box::new(saved)));
    assert_eq!(
        state.status, None,
        "the stale error stays: {:?}",
        state.status
    );
}

#[test]
fn every_kind_of_successful_save_clears_a_stale_error() {
    let program = fixtures::state().list.programs()[0].clone();
    let saves = [
        Event::ProgramSaved(Box::new(program.clone())),
        Event::ProfileSaved(Box::default()),
        Event::StateDoneSaved(UsState::parse("OH").unwrap(), true),
    ];
    for event in saves {
        let mut state = fixtures::state();
        update(&mut state, Event::Failed("disk is full".into()));
        let name = format!("{event:?}");
        update(&mut state, event);
        assert_eq!(error_shown(&state), None, "{name} left the error");
    }
}

#[test]
fn a_save_shows_its_own_message_after_clearing_the_error() {
    let mut state = fixtures::state();
    update(&mut state, Event::Failed("database is locked".into()));
    let mut added = Program::new("New Clinic", UsState::parse("OH").unwrap());
    added.id = ProgramId(99);
    update(&mut state, Event::ProgramAdded(Box::new(added)));
    let status = state.status.clone().unwrap();
    assert!(
        !status.is_error && status.text.starts_with("Program added"),
        "{status:?}"
    );
}

#[test]
fn loads_and_an_info_message_are_left_alone() {
    let mut state = fixtures::state();
    update(&mut state, Event::Failed("disk is full".into()));
    update(&mut state, Event::DueLoaded(Vec::new()));
    assert_eq!(error_shown(&state), Some("disk is full"));

    let mut state = typing_a_draft();
    state.info("Copied.");
    let saved = state.draft.draft.clone();
    update(&mut state, Event::DraftSaved(Box::new(saved)));
    assert_eq!(
        state.status.as_ref().map(|s| s.text.as_str()),
        Some("Copied.")
    );
}
