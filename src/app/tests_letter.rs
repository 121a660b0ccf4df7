//! The compose picker and `lor_request`: offered straight away only where a
//! rotation is done, otherwise after saying so and asking.

use chrono::NaiveDate;

use super::command::Command;
use super::effect::Effect;
use super::event::Event;
use super::update::update;
use super::{AppState, Popup, fixtures};
use crate::domain::{Contact, ContactId, ProgramId, Role, Rotation, RotationId, RotationKind};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// The fixture's selected program with one person, `lor_request` offered,
/// on 1 April 2026.
fn letter_state() -> (AppState, ProgramId) {
    let mut state = fixtures::state();
    let program = state.log.program.unwrap();
    let writer = Contact {
        id: ContactId(7),
        program_id: program,
        role: Role::ProgramDirector,
        name: "Zoë O'Brien-Núñez".into(),
        email: "pd@example.org".into(),
        ..Contact::default()
    };
    update(&mut state, Event::ContactSaved(Box::new(writer), false));
    state.templates = vec!["request_rotation".into(), "lor_request".into()];
    state.today = day(4, 1);
    (state, program)
}

fn rotation(program: ProgramId, start: NaiveDate, end: NaiveDate) -> Rotation {
    Rotation {
        id: RotationId(1),
        ..Rotation::new(program, RotationKind::Elective, start, end)
    }
}

/// Compose → the person → `lor_request`.
fn choose_letter(state: &mut AppState) -> Vec<Effect> {
    update(state, Command::FocusNext);
    update(state, Command::FocusNext);
    update(state, Command::Compose);
    assert!(update(state, Command::Submit).is_empty(), "person chosen");
    update(state, Command::Down);
    update(state, Command::Submit)
}

fn compose_letter(program: ProgramId) -> Effect {
    Effect::Compose {
        program,
        contact: Some(ContactId(7)),
        template: "lor_request".into(),
        answers: None,
    }
}

#[test]
fn a_letter_request_without_a_completed_rotation_says_so_and_asks() {
    let (mut state, program) = letter_state();
    let name = state
        .list
        .programs()
        .iter()
        .find(|p| p.id == program)
        .unwrap()
        .name
        .clone();
    assert!(choose_letter(&mut state).is_empty(), "nothing composed yet");
    let Some(Popup::Confirm { message, effect }) = &state.popup else {
        panic!("expected a confirmation, got {:?}", state.popup)
    };
    assert!(
        message.starts_with(&format!("No completed rotation at {name} is on record")),
        "{message}"
    );
    assert!(message.ends_with("Compose it anyway?"), "{message}");
    assert_eq!(effect, &compose_letter(program));
    assert_eq!(
        update(&mut state, Command::Confirm),
        vec![compose_letter(program)]
    );
    assert!(state.popup.is_none());
}

#[test]
fn declining_leaves_no_draft() {
    let (mut state, _) = letter_state();
    choose_letter(&mut state);
    assert!(update(&mut state, Command::Cancel).is_empty());
    assert!(state.popup.is_none());
}

#[test]
fn a_rotation_that_has_ended_offers_the_letter_request_at_once() {
    let (mut state, program) = letter_state();
    let done = rotation(program, day(3, 2), day(3, 27));
    update(&mut state, Event::TrackingLoaded(vec![done], vec![]));
    assert_eq!(choose_letter(&mut state), vec![compose_letter(program)]);
    assert!(state.popup.is_none());
}

#[test]
fn a_rotation_still_running_or_at_another_program_does_not_count() {
    let (mut state, program) = letter_state();
    let running = rotation(program, day(3, 23), day(4, 17));
    let elsewhere = Rotation {
        id: RotationId(2),
        ..rotation(ProgramId(999), day(1, 5), day(1, 30))
    };
    update(
        &mut state,
        Event::TrackingLoaded(vec![running, elsewhere], vec![]),
    );
    assert!(choose_letter(&mut state).is_empty());
    assert!(matches!(state.popup, Some(Popup::Confirm { .. })));
}

#[test]
fn a_program_marked_completed_offers_the_letter_request_at_once() {
    let mut programs = fixtures::programs();
    let (mut state, program) = letter_state();
    for p in &mut programs {
        if p.id == program {
            p.status = crate::domain::Status::Completed;
        }
    }
    state.list = super::list::ProgramList::new(programs, None);
    state.list.select_program(program);
    assert_eq!(choose_letter(&mut state), vec![compose_letter(program)]);
}

#[test]
fn other_templates_are_composed_without_asking() {
    let (mut state, program) = letter_state();
    update(&mut state, Command::FocusNext);
    update(&mut state, Command::FocusNext);
    update(&mut state, Command::Compose);
    update(&mut state, Command::Submit);
    assert_eq!(
        update(&mut state, Command::Submit),
        vec![Effect::Compose {
            program,
            contact: Some(ContactId(7)),
            template: "request_rotation".into(),
            answers: None,
        }]
    );
}
