//! One vocabulary and correct counts: the header, the filter bar and the
//! state headings count with `domain::plural`; the footer and the help
//! overlay name Cancel and Submit with the same word in each context.

use super::tests::draw;
use crate::app::command::Command;
use crate::app::keymap::KeyContext;
use crate::app::list::ProgramList;
use crate::app::update::update;
use crate::app::{AppState, Input, InputPurpose, Popup, fixtures};
use crate::domain::{Program, UsState};
use crate::ui::{Theme, help};

fn screen(state: &AppState, width: u16, height: u16) -> String {
    let terminal = draw(state, width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn one_program_in_one_state_is_counted_in_the_singular() {
    let ky = UsState::parse("KY").unwrap();
    let programs = vec![Program::new("Bluegrass Internal Medicine", ky)];
    let mut state = AppState::new(ProgramList::new(programs, None));
    let text = screen(&state, 120, 36);
    assert!(text.contains("1 program in 1 state"), "{text}");
    assert!(!text.contains("1 programs"), "{text}");
    update(&mut state, Command::FilterBar);
    let text = screen(&state, 120, 36);
    assert!(text.contains("1 program matches"), "{text}");
}

#[test]
fn many_programs_in_many_states_are_counted_in_the_plural() {
    let text = screen(&fixtures::state(), 120, 36);
    assert!(text.contains("7 programs in 3 states"), "{text}");
}

/// The footer's line of key hints in the state's context.
fn footer(state: &AppState) -> String {
    screen(state, 120, 36).lines().last().unwrap().to_string()
}

#[test]
fn cancel_and_confirm_have_one_word_per_context_in_footer_and_help() {
    let mut state = fixtures::state();
    state.input = Some(Input::new(InputPurpose::Filter, "Filter", ""));
    assert!(
        footer(&state).contains("Enter OK  Esc cancel"),
        "{}",
        footer(&state)
    );
    state.input = None;
    state.popup = Some(Popup::Confirm {
        message: "Delete?".into(),
        effect: crate::app::effect::Effect::Quit,
    });
    assert!(footer(&state).contains("y yes  n no"), "{}", footer(&state));
    // The help overlay uses the footer's word as the first word of each
    // binding's phrase.
    let keymap = &state.keymap;
    for ctx in keymap.contexts() {
        for b in keymap.bindings(ctx) {
            assert!(
                b.describe().starts_with(b.short()) || b.short() == b.command.short(),
                "{ctx:?} {:?}: footer {:?}, help {:?}",
                b.command,
                b.short(),
                b.describe()
            );
        }
    }
    let help: Vec<String> = help::lines(keymap, &Theme::plain())
        .iter()
        .map(|l| l.to_string())
        .collect();
    let confirm_title = KeyContext::Confirm.title();
    let at = help.iter().position(|l| l == confirm_title).unwrap();
    assert!(help[at + 1].contains("yes"), "{}", help[at + 1]);
    assert!(help[at + 2].contains("no: close it"), "{}", help[at + 2]);
    assert!(help.iter().all(|l| !l.contains("close/clear")));
}
