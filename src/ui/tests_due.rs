//! Snapshots of the follow-up screens.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::app::action::Action;
use crate::app::fixtures;
use crate::app::update::update;
use crate::domain::{FollowUp, FollowUpId, OpenFollowUp, ProgramId, UsState};

fn open(id: i64, name: &str, due: &str, note: &str) -> OpenFollowUp {
    OpenFollowUp {
        follow_up: FollowUp {
            id: FollowUpId(id),
            program_id: ProgramId(id),
            contact_id: None,
            due: chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap(),
            note: note.into(),
            done_at: None,
            snoozed_from: vec![],
        },
        program_name: name.into(),
        state: UsState::parse("KY").unwrap(),
        contact_name: None,
    }
}

#[test]
fn due_view_with_every_bucket_and_the_header_badge() {
    let mut state = fixtures::state();
    update(&mut state, Action::Due);
    update(
        &mut state,
        Action::DueLoaded(vec![
            open(
                1,
                "Bluegrass Regional Internal Medicine",
                "2026-11-20",
                "No reply to “Request for an elective”? Nudge.",
            ),
            open(
                2,
                "Lakeshore Pediatrics",
                "2026-11-26",
                "Call the coordinator",
            ),
            open(3, "Ohio Valley Family Medicine", "2026-11-30", "Follow up"),
            open(
                4,
                "Cumberland Rural Health Internal Medicine",
                "2027-01-15",
                "Ask about spring dates",
            ),
        ]),
    );
    update(&mut state, Action::Down);
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme { color: false }))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn follow_up_menu() {
    let mut state = fixtures::state();
    update(&mut state, Action::AddFollowUp);
    let mut terminal = Terminal::new(TestBackend::new(80, 20)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme { color: false }))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}
