//! The draft pane as an email: the header form above a body that wraps
//! at word boundaries, at the sizes people use and the smallest one.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::tests::{draw, loaded_state};
use crate::app::command::Command;
use crate::app::event::Event;
use crate::app::update::update;
use crate::app::{AppState, Pane};
use crate::domain::{Draft, DraftId, Profile};

const BODY: &str = "Dear Dr. Rivera,\n\nI have passed USMLE Step 1 and scored 238 on Step 2 CK. \
    I have attached my CV and my USMLE score report for your review.\n\nThank you for your \
    time.\n\nSincerely,\nAmína Yúsuf";

/// A request composed a moment ago, open for typing.
fn composed() -> AppState {
    let mut state = loaded_state();
    state.profile = Profile {
        cv_path: "~/cv.pdf".into(),
        scores_path: "~/usmle.pdf".into(),
        ..Profile::default()
    };
    let program = state.list.selected_program().unwrap().id;
    let draft = Draft {
        id: DraftId(9),
        program_id: program,
        to: "im.coordinator@example.org".into(),
        subject: "Psychiatry elective rotation request – Amína Yúsuf".into(),
        attach_from_profile: true,
        body: BODY.into(),
        template: Some("request_rotation".into()),
        ..Draft::default()
    };
    update(&mut state, Event::DraftComposed(Box::new(draft)));
    assert_eq!(state.focus, Pane::Draft);
    state
}

/// The text of the body's rows as drawn (the rows under the form).
fn body_rows(terminal: &Terminal<TestBackend>, state: &AppState, form_rows: u16) -> Vec<String> {
    let inner = state.areas.draft.get().rows;
    let buffer = terminal.backend().buffer();
    (inner.y + form_rows..inner.y + inner.height)
        .map(|y| {
            (inner.x..inner.x + inner.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// Every word drawn is a whole word of the body, in order: a line cut at
/// the pane's edge would show a fragment ("Ste") instead.
fn assert_whole_words(rows: &[String], expect_all: bool) {
    let drawn: Vec<&str> = rows.iter().flat_map(|r| r.split_whitespace()).collect();
    let words: Vec<&str> = BODY.split_whitespace().collect();
    assert!(!drawn.is_empty(), "no body drawn: {rows:#?}");
    assert_eq!(drawn, words[..drawn.len()], "{rows:#?}");
    if expect_all {
        assert_eq!(drawn.len(), words.len(), "{rows:#?}");
    }
}

#[test]
fn a_composed_email_wraps_its_body_under_the_header_form_at_120x36() {
    let state = composed();
    let terminal = draw(&state, 120, 36);
    // Four headers and the rule under them.
    let rows = body_rows(&terminal, &state, 5);
    assert_whole_words(&rows, true);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("I have passed USMLE Step 1")),
        "{rows:#?}"
    );
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_body_still_wraps_at_80x24_with_the_form_folded_to_one_line() {
    let state = composed();
    let terminal = draw(&state, 80, 24);
    let inner = state.areas.draft.get().rows;
    let form_rows = if inner.height >= 9 { 5 } else { 1 };
    assert_whole_words(&body_rows(&terminal, &state, form_rows), false);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_smallest_terminal_shows_the_to_line_and_the_wrapped_body() {
    let state = composed();
    let terminal = draw(&state, 40, 12);
    assert_whole_words(&body_rows(&terminal, &state, 1), false);
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_selected_header_is_highlighted_and_attach_names_the_profiles_files() {
    let mut state = composed();
    update(&mut state, Command::StopEditing);
    update(&mut state, Command::Up);
    update(&mut state, Command::Up);
    let terminal = draw(&state, 120, 36);
    let screen = format!("{:?}", terminal.backend());
    assert!(
        screen.contains("Attach: ~/cv.pdf, ~/usmle.pdf (from profile)"),
        "{screen}"
    );
    assert!(screen.contains("37 words"), "{screen}");
    // Two rows up from the body: Subject is selected, drawn reversed.
    let inner = state.areas.draft.get().rows;
    let reversed = |row: u16| {
        terminal.backend().buffer()[(inner.x + 9, inner.y + row)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    assert_eq!(
        (0..4).map(reversed).collect::<Vec<_>>(),
        [false, false, true, false]
    );
    insta::assert_snapshot!(terminal.backend());
}
