//! Snapshots of the follow-up screens.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::app::command::Command;
use crate::app::event::Event;
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
    update(&mut state, Command::Due);
    update(
        &mut state,
        Event::DueLoaded(vec![
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
    update(&mut state, Command::Down);
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme::plain()))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn follow_up_menu() {
    let mut state = fixtures::state();
    update(&mut state, Command::AddFollowUp);
    let mut terminal = Terminal::new(TestBackend::new(80, 20)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme::plain()))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn pipeline_board() {
    let mut state = fixtures::state();
    update(&mut state, Command::Board);
    let mut terminal = Terminal::new(TestBackend::new(120, 20)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme::plain()))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn stats_screen_with_chart_and_table() {
    use crate::domain::stats::{StateTally, Stats, Tally};
    let tally = |programs, contacted, replied, accepted, overdue| Tally {
        programs,
        contacted,
        replied,
        accepted,
        reply_rate: (contacted > 0).then(|| replied as f64 / contacted as f64),
        median_days_to_reply: (replied > 0).then_some(6.5),
        follow_ups_overdue: overdue,
    };
    let stats = Stats {
        by_state: vec![
            StateTally {
                state: UsState::parse("KY").unwrap(),
                tally: tally(12, 6, 3, 1, 1),
            },
            StateTally {
                state: UsState::parse("OH").unwrap(),
                tally: tally(9, 4, 1, 0, 2),
            },
            StateTally {
                state: UsState::parse("TN").unwrap(),
                tally: tally(5, 0, 0, 0, 0),
            },
        ],
        overall: tally(26, 10, 4, 1, 3),
    };
    let mut state = fixtures::state();
    update(&mut state, Event::StatsLoaded(Box::new(stats)));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme::plain()))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn rotations_and_letters_screen() {
    use crate::domain::{Letter, LetterId, Rotation, RotationId, RotationKind};
    let mut state = fixtures::state();
    let day = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    state.rotations = vec![Rotation {
        hands_on: true,
        ..Rotation::new(
            ProgramId(7),
            RotationKind::Core,
            day("2027-03-01"),
            day("2027-03-28"),
        )
    }];
    state.rotations[0].id = RotationId(1);
    state.letters = vec![
        Letter {
            id: LetterId(1),
            program_id: Some(ProgramId(7)),
            writer: "Attending, Internal Medicine".into(),
            writer_is_us_physician: true,
            received_on: Some(day("2026-11-02")),
            ..Letter::default()
        },
        Letter {
            id: LetterId(2),
            writer: "Clerkship director (home school)".into(),
            requested_on: Some(day("2027-04-10")),
            ..Letter::default()
        },
    ];
    update(&mut state, Command::Tracking);
    let mut terminal = Terminal::new(TestBackend::new(120, 20)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme::plain()))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}
