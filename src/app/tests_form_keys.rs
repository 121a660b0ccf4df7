//! Form keys (issue 15, item 6): choice fields step both ways, notes
//! fields type in a multi-line editor with a save key of its own.

use super::command::Command;
use super::effect::Effect;
use super::fixtures;
use super::forms::FormTarget;
use super::keymap::{KeyContext, Keymap};
use super::route::{Handled, route};
use super::update::update;
use super::{AppState, Input, InputPurpose};
use crate::domain::fields::Field;

fn program_form_on(field: Field) -> AppState {
    let mut state = fixtures::state();
    let id = state.list.selected_program().unwrap().id;
    state.form = Some(super::forms::Form {
        target: FormTarget::Program(id),
        selected: Field::ALL.iter().position(|f| *f == field).unwrap(),
    });
    state
}

/// The program field change an effect would save, as Debug text.
fn saved(effects: &[Effect]) -> String {
    format!("{effects:?}")
}

#[test]
fn left_steps_a_choice_back_and_right_forward() {
    let mut state = program_form_on(Field::Visa);
    let forward = update(&mut state, Command::NextValue);
    let entered = update(&mut state, Command::Submit);
    assert_eq!(saved(&forward), saved(&entered), "→ is Enter's step");
    let back = update(&mut state, Command::PrevValue);
    assert!(!back.is_empty(), "← saves too");
    assert_ne!(saved(&back), saved(&forward), "and goes the other way");
}

#[test]
fn every_notes_binding_is_answered_while_a_notes_field_is_typed() {
    let km = Keymap::default();
    let notes: Vec<_> = km.bindings(KeyContext::Notes).collect();
    assert!(!notes.is_empty());
    for b in notes {
        let mut state = program_form_on(Field::Notes);
        update(&mut state, Command::Submit);
        assert_eq!(state.key_context(), KeyContext::Notes);
        let answered = route(&mut state, b.command, &mut Vec::new());
        assert_eq!(answered, Handled::Consumed, "{:?}", b.command);
        assert!(state.input.is_none(), "{:?} closes the editor", b.command);
    }
}

#[test]
fn a_notes_field_keeps_its_line_breaks_and_a_one_line_field_does_not() {
    let mut state = program_form_on(Field::Notes);
    update(&mut state, Command::Submit);
    let input = state.input.as_mut().unwrap();
    assert!(input.multi_line);
    *input = Input::notes(input.purpose.clone(), "Notes", "first\nsecond");
    let effects = update(&mut state, Command::Submit);
    assert!(saved(&effects).contains("first\\nsecond"), "{effects:?}");

    let mut state = program_form_on(Field::City);
    update(&mut state, Command::Submit);
    let Some(Input { purpose, .. }) = state.input.take() else {
        panic!("no input")
    };
    assert!(matches!(purpose, InputPurpose::EditField { .. }));
    state.input = Some(Input::notes(purpose, "City", "Cincinnati\nOhio"));
    state.input.as_mut().unwrap().multi_line = false;
    let effects = update(&mut state, Command::Submit);
    assert!(saved(&effects).contains("Cincinnati Ohio"), "{effects:?}");
}
