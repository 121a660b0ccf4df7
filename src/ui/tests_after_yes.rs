//! The after-yes overlays at the two sizes the layout is designed for:
//! the document shelf, Cumberland's checklist and the budget.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::app::after_yes::AfterYesView;
use crate::app::event::Event;
use crate::app::fixtures_after_yes::{plans, state};
use crate::app::update::update;
use crate::domain::ProgramId;

fn drawn(view: AfterYesView, width: u16, height: u16) -> TestBackend {
    let mut s = state();
    update(&mut s, Event::Resized(width, height));
    update(&mut s, Event::PlansLoaded(Box::new(plans()), view));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(f, &s, &Theme::plain())).unwrap();
    terminal.backend().clone()
}

#[test]
fn documents_overlay_120x36() {
    let screen = drawn(AfterYesView::Documents, 120, 36);
    let text = format!("{screen:?}");
    assert!(
        text.contains("TB expires mid-rotation (2027-01-15)"),
        "{text}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn documents_overlay_80x24() {
    insta::assert_snapshot!(drawn(AfterYesView::Documents, 80, 24));
}

#[test]
fn checklist_120x36() {
    let screen = drawn(AfterYesView::Checklist(ProgramId(7)), 120, 36);
    let text = format!("{screen:?}");
    assert!(text.contains("1 of 4 sent"), "{text}");
    insta::assert_snapshot!(screen);
}

#[test]
fn checklist_80x24() {
    insta::assert_snapshot!(drawn(AfterYesView::Checklist(ProgramId(7)), 80, 24));
}

#[test]
fn budget_120x36() {
    let screen = drawn(AfterYesView::Budget, 120, 36);
    let text = format!("{screen:?}");
    // $75 + 4 × $300 + 4 × $200 + $650 travel, and $40 for an application.
    assert!(text.contains("$2,725"), "{text}");
    assert!(text.contains("$2,765"), "{text}");
    insta::assert_snapshot!(screen);
}

#[test]
fn budget_80x24() {
    insta::assert_snapshot!(drawn(AfterYesView::Budget, 80, 24));
}

fn screen(s: &crate::app::AppState, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(f, s, &Theme::plain())).unwrap();
    format!("{:?}", terminal.backend())
}

#[test]
fn the_program_row_and_the_board_show_readiness() {
    let mut s = state();
    update(&mut s, Event::Resized(160, 36));
    let list = screen(&s, 160, 36);
    assert!(list.contains("Medicine  docs 2/4 · TB ex"), "{list}");
    // Programs that state no required documents show none.
    assert_eq!(list.matches("docs ").count(), 1, "{list}");
    update(&mut s, crate::app::command::Command::Board);
    let board = screen(&s, 160, 36);
    assert!(board.contains("docs 2/4"), "{board}");
}

#[test]
fn the_due_view_lists_upcoming_windows() {
    let mut s = state();
    s.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let mut programs = s.list.programs().to_vec();
    for p in &mut programs {
        if p.id == ProgramId(3) {
            p.rotation.applications_open = chrono::NaiveDate::from_ymd_opt(2026, 12, 20);
        }
        if p.id == ProgramId(4) {
            p.application.deadline = "2026-12-18".into();
        }
    }
    s.list = crate::app::list::ProgramList::new(programs, crate::domain::UsState::parse("OH"));
    update(&mut s, Event::Resized(80, 24));
    update(&mut s, crate::app::command::Command::Due);
    let text = screen(&s, 80, 24);
    assert!(text.contains("Upcoming windows (3)"), "{text}");
    assert!(
        text.contains("deadline · Buckeye Community Psychiatry"),
        "{text}"
    );
    assert!(
        text.contains("applications open · Lakeshore Pediatrics"),
        "{text}"
    );
    assert!(text.contains("rotation starts · Cumberland"), "{text}");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| render(f, &s, &Theme::plain())).unwrap();
    insta::assert_snapshot!(terminal.backend());
}

/// The overlay drawn with its cursor moved `down` rows.
fn drawn_at(view: AfterYesView, down: usize) -> String {
    let mut s = state();
    update(&mut s, Event::Resized(120, 36));
    update(&mut s, Event::PlansLoaded(Box::new(plans()), view));
    for _ in 0..down {
        update(&mut s, crate::app::command::Command::Down);
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 36)).unwrap();
    terminal.draw(|f| render(f, &s, &Theme::plain())).unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn the_shelf_and_the_budget_mark_the_row_their_keys_act_on() {
    let shelf = drawn_at(AfterYesView::Documents, 2);
    assert!(shelf.contains("│›CV "), "{shelf}");
    assert!(shelf.contains("│ TB test "), "{shelf}");
    assert_eq!(shelf.matches('›').count(), 1, "{shelf}");
    // Past the end the cursor stays on the last row.
    let shelf = drawn_at(AfterYesView::Documents, 9);
    assert!(shelf.contains("│›passport "), "{shelf}");
    let budget = drawn_at(AfterYesView::Budget, 1);
    assert!(budget.contains("│›Lakeshore Pediatrics "), "{budget}");
    assert!(budget.contains("│ Cumberland"), "{budget}");
}
