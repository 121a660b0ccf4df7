//! Typed (or pasted) text is stored by the importer's rules: a line or
//! paragraph separator in a one-line field is a space, the draft body
//! keeps its lines as `\n`, and stray controls never reach the store
//! (issue 18, item 6).

use crossterm::event::{KeyCode, KeyEvent};

use super::command::Command;
use super::effect::Effect;
use super::event::Event;
use super::fixtures;
use super::forms::FormTarget;
use super::msg::UserInput;
use super::update::update;
use super::{AppState, Input, InputPurpose};
use crate::domain::fields::Field;
use crate::domain::{Draft, DraftId};

const SEPARATORS: &str = "St\u{2028}Mary\u{2029}of\u{85}the\x1bHills\u{9b}";

fn type_into_input(state: &mut AppState, text: &str) {
    for c in text.chars() {
        update(state, UserInput::InputKey(KeyEvent::from(KeyCode::Char(c))));
    }
}

/// What the effects would store, as their Debug text (which shows a
/// U+2028 or a control escaped, so it can be looked for).
fn stored(effects: &[Effect]) -> String {
    assert!(!effects.is_empty(), "nothing saved");
    format!("{effects:?}")
}

fn assert_clean(text: &str) {
    for bad in ["\\u{2028}", "\\u{2029}", "\\u{85}", "\\u{1b}", "\\u{9b}"] {
        assert!(!text.contains(bad), "{bad} stored: {text}");
    }
}

/// The detail form open with the input on the program's Name field.
fn editing_the_name(state: &mut AppState) {
    update(state, Command::OpenDetail);
    let name = Field::ALL.iter().position(|f| *f == Field::Name).unwrap();
    for _ in 0..name {
        update(state, Command::Down);
    }
    update(state, Command::Submit);
    update(state, Command::ClearInput);
    assert!(state.input.is_some(), "the name's input is open");
}

#[test]
fn a_line_separator_typed_into_a_field_is_stored_as_a_space() {
    let mut state = fixtures::state();
    editing_the_name(&mut state);
    type_into_input(&mut state, SEPARATORS);
    // What the input shows is what will be stored.
    assert_eq!(state.input.as_ref().unwrap().value(), "St Mary of theHills");
    let saved = stored(&update(&mut state, Command::Submit));
    assert!(saved.contains("\"St Mary of theHills\""), "{saved}");
    assert_clean(&saved);
}

#[test]
fn a_pre_filled_value_holding_separators_is_cleaned_when_submitted() {
    let mut state = fixtures::state();
    editing_the_name(&mut state);
    let Some(Input { purpose, .. }) = state.input.take() else {
        panic!("no input")
    };
    assert!(matches!(
        purpose,
        InputPurpose::EditField {
            target: FormTarget::Program(_),
            ..
        }
    ));
    state.input = Some(Input::continuing(purpose, "Name", SEPARATORS));
    let saved = stored(&update(&mut state, Command::Submit));
    assert!(saved.contains("\"St Mary of theHills\""), "{saved}");
    assert_clean(&saved);
}

#[test]
fn a_log_entry_typed_with_separators_is_one_clean_line() {
    let mut state = fixtures::state();
    state.input = Some(Input::new(InputPurpose::NewLogEntry, "Note", ""));
    type_into_input(&mut state, "called\u{2028}left a message\x07");
    let saved = stored(&update(&mut state, Command::Submit));
    assert!(saved.contains("called left a message"), "{saved}");
    assert_clean(&saved);
}

fn typing_a_draft() -> AppState {
    let mut state = fixtures::state();
    let program = state.log.program.unwrap();
    let draft = Draft {
        id: DraftId(3),
        program_id: program,
        to: "coord@example.org".into(),
        ..Draft::default()
    };
    update(&mut state, Event::DraftComposed(Box::new(draft)));
    assert!(state.draft.editing);
    state
}

fn last_body(effects: &[Effect]) -> String {
    effects
        .iter()
        .rev()
        .find_map(|e| match e {
            Effect::SaveDraft(d) => Some(d.body.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no save in {effects:?}"))
}

#[test]
fn the_draft_body_keeps_newlines_but_not_u2028_nor_controls() {
    let mut state = typing_a_draft();
    let mut effects = Vec::new();
    let keys = "Dear\u{2028}Coordinator\u{2029}\x1bthanks\u{85}x\u{7}"
        .chars()
        .map(|c| KeyEvent::from(KeyCode::Char(c)))
        .chain([KeyEvent::from(KeyCode::Enter)]);
    for key in keys.chain("end".chars().map(|c| KeyEvent::from(KeyCode::Char(c)))) {
        effects.extend(update(&mut state, UserInput::EditorKey(key)));
    }
    let body = last_body(&effects);
    assert_eq!(body, "Dear\nCoordinator\nthanks\nx\nend");
    assert_eq!(state.draft.draft.body, body);
}

#[test]
fn a_body_from_the_external_editor_is_cleaned_the_same_way() {
    let mut state = typing_a_draft();
    let effects = update(
        &mut state,
        Event::EditorClosed("Dear\u{2028}Coordinator,\r\n\x1b[2Jthanks\n".into()),
    );
    assert_eq!(last_body(&effects), "Dear\nCoordinator,\n[2Jthanks");
}
