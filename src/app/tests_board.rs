//! The pipeline board and the stats screen in the reducer.

use super::Popup;
use super::action::Action;
use super::board;
use super::effect::Effect;
use super::fixtures;
use super::update::update;
use crate::domain::{ProgramId, Status};

#[test]
fn the_board_opens_on_the_selected_programs_column_and_moves_it_along() {
    let mut state = fixtures::state();
    // Selected: Buckeye Community Psychiatry, shortlisted.
    update(&mut state, Action::Board);
    let shortlisted = Status::ALL
        .iter()
        .position(|s| *s == Status::Shortlisted)
        .unwrap();
    assert_eq!(
        state.popup,
        Some(Popup::Board {
            column: shortlisted,
            row: 0
        })
    );
    assert_eq!(board::selected(&state), Some(ProgramId(4)));
    let effects = update(&mut state, Action::Promote);
    assert_eq!(
        effects,
        vec![Effect::SetStatus(ProgramId(4), Status::NotAFit)]
    );
    let mut moved = state
        .list
        .programs()
        .iter()
        .find(|p| p.id == ProgramId(4))
        .unwrap()
        .clone();
    moved.status = Status::NotAFit;
    update(&mut state, Action::ProgramSaved(Box::new(moved)));
    assert_eq!(
        board::selected(&state),
        Some(ProgramId(4)),
        "the cursor follows the program"
    );
    // Columns count the list's programs by status.
    let counts: Vec<usize> = board::columns(&state).iter().map(Vec::len).collect();
    assert_eq!(counts.iter().sum::<usize>(), 7);
    assert_eq!(
        counts[Status::ALL
            .iter()
            .position(|s| *s == Status::NotAFit)
            .unwrap()],
        2
    );
    // Left at the first column stays put; Enter opens the program's form.
    for _ in 0..20 {
        update(&mut state, Action::Left);
    }
    assert!(matches!(state.popup, Some(Popup::Board { column: 0, .. })));
    update(&mut state, Action::Down);
    let id = board::selected(&state).unwrap();
    update(&mut state, Action::OpenDetail);
    assert!(state.popup.is_none());
    assert_eq!(state.form.and_then(|f| f.target.program()), Some(id));
}

#[test]
fn stats_are_loaded_then_shown() {
    let mut state = fixtures::state();
    assert_eq!(update(&mut state, Action::Stats), vec![Effect::LoadStats]);
    update(&mut state, Action::StatsLoaded(Box::default()));
    assert!(matches!(state.popup, Some(Popup::Stats { .. })));
    update(&mut state, Action::Cancel);
    assert!(state.popup.is_none());
}
