//! The Rotations and letters overlay with a form open: the form is drawn
//! once, inside the overlay, not a second time behind it.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::app::command::Command;
use crate::app::fixtures;
use crate::app::update::update;
use crate::app::{AppState, Popup};
use crate::domain::{ProgramId, Rotation, RotationId, RotationKind};

fn with_a_rotation() -> AppState {
    let mut state = fixtures::state();
    let day = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    state.rotations = vec![Rotation {
        id: RotationId(1),
        hands_on: true,
        ..Rotation::new(
            ProgramId(7),
            RotationKind::Core,
            day("2027-03-01"),
            day("2027-03-28"),
        )
    }];
    update(&mut state, Command::Tracking);
    update(&mut state, Command::OpenDetail);
    state
}

#[test]
fn the_rotation_form_is_drawn_once_inside_the_tracking_overlay() {
    let state = with_a_rotation();
    assert!(matches!(state.popup, Some(Popup::Tracking { .. })));
    assert!(state.form.is_some(), "Enter opens the rotation's form");
    let mut terminal = Terminal::new(TestBackend::new(120, 36)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme::plain()))
        .unwrap();
    let screen = format!("{:?}", terminal.backend());
    assert_eq!(
        screen.matches("Ends (last day)").count(),
        1,
        "the form's fields appear once:\n{screen}"
    );
    insta::assert_snapshot!(terminal.backend());
}
