//! Snapshot tests for fit: the badge on each program row, the reasons in
//! the detail view, and the states overview. Drawn without colour, so the
//! snapshots show that symbols and words carry the meaning on their own.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::app::command::Command;
use crate::app::event::Event;
use crate::app::fixtures_fit::with_profile;
use crate::app::update::update;
use crate::app::{AppState, Popup};
use crate::domain::{ProgramId, UsState};

fn draw(state: &AppState, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| render(f, state, &Theme::plain()))
        .unwrap();
    terminal
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
        .collect()
}

/// The detail view of one program.
fn detail_of(id: i64) -> AppState {
    let mut state = with_profile();
    state.list.select_program(ProgramId(id));
    update(&mut state, Command::OpenDetail);
    state
}

#[test]
fn fit_badges_in_the_list_120x36() {
    insta::assert_snapshot!(draw(&with_profile(), 120, 36).backend());
}

#[test]
fn fit_badges_in_the_list_40x12() {
    insta::assert_snapshot!(draw(&with_profile(), 40, 12).backend());
}

#[test]
fn sorted_by_fit_the_title_says_so() {
    let mut state = with_profile();
    update(&mut state, Command::SortByFit);
    let text = screen_text(&draw(&state, 120, 36));
    assert!(text.contains("┌ Programs · by fit "), "{text}");
    let lakeshore = text.find("Lakeshore Pediatrics").unwrap();
    let buckeye = text.find("Buckeye Community").unwrap();
    assert!(lakeshore < buckeye, "higher IMG share first:\n{text}");
}

#[test]
fn badges_keep_their_words_without_colour_and_gain_colour_with_it() {
    let state = with_profile();
    let text = screen_text(&draw(&state, 120, 36));
    for badge in ["✓ fits", "? check", "✗ no fit"] {
        assert!(text.contains(badge), "{badge} missing:\n{text}");
    }
    let mut colored = Terminal::new(TestBackend::new(120, 36)).unwrap();
    colored
        .draw(|f| render(f, &state, &Theme::default()))
        .unwrap();
    let buffer = colored.backend().buffer();
    let badge_row = (0..36)
        .find(|y| {
            let row: String = (0..120).map(|x| buffer[(x, *y)].symbol()).collect();
            row.contains("Lakeshore")
        })
        .unwrap();
    let x = (0..120)
        .find(|x| buffer[(*x, badge_row)].symbol() == "✓")
        .unwrap();
    assert_ne!(buffer[(x, badge_row)].fg, ratatui::style::Color::Reset);
}

#[test]
fn reasons_panel_beside_the_fields_when_wide() {
    // Ohio Valley: not a fit (Step 2 CK below its minimum).
    insta::assert_snapshot!(draw(&detail_of(2), 120, 36).backend());
}

#[test]
fn reasons_panel_below_the_fields_when_tall() {
    // Bluegrass: check (whether it takes graduates is not stated).
    insta::assert_snapshot!(draw(&detail_of(1), 90, 46).backend());
}

#[test]
fn a_summary_line_when_the_form_has_no_room() {
    let text = screen_text(&draw(&detail_of(2), 80, 24));
    assert!(
        text.contains("Fit: ✗ no fit — 0 to check, 1 failing"),
        "{text}"
    );
}

#[test]
fn states_overview_with_a_done_state_and_next_suggestions() {
    let mut state = with_profile();
    update(&mut state, Command::StatesOverview);
    update(
        &mut state,
        Event::StateDoneSaved(UsState::parse("OH").unwrap(), true),
    );
    update(&mut state, Command::Down);
    assert!(matches!(state.popup, Some(Popup::States { .. })));
    insta::assert_snapshot!(draw(&state, 100, 24).backend());
}

#[test]
fn states_overview_at_the_smallest_size_cuts_columns_not_the_app() {
    let mut state = with_profile();
    update(&mut state, Command::StatesOverview);
    insta::assert_snapshot!(draw(&state, 40, 12).backend());
    for (w, h) in [(0, 0), (1, 1), (39, 11), (41, 13), (60, 8), (130, 40)] {
        draw(&state, w, h);
    }
}
