//! Follow-ups in the reducer: scheduling, the Due view, snooze, done,
//! replies completing follow-ups, and the day changing at midnight.

use chrono::NaiveDate;

use super::command::Command;
use super::due::{self, DueRow};
use super::effect::Effect;
use super::event::Event;
use super::fixtures;
use super::update::update;
use super::{AppState, Pane, Popup};
use crate::domain::due::Bucket;
use crate::domain::{FollowUp, FollowUpId, OpenFollowUp, ProgramId, UsState};

fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
}

fn open(id: i64, program: i64, due: &str) -> OpenFollowUp {
    OpenFollowUp {
        follow_up: FollowUp {
            id: FollowUpId(id),
            program_id: ProgramId(program),
            contact_id: None,
            due: day(due),
            note: "Follow up".into(),
            done_at: None,
            snoozed_from: vec![],
        },
        program_name: format!("Program {program}"),
        state: UsState::parse("KY").unwrap(),
        contact_name: None,
    }
}

fn with_due(state: &mut AppState) {
    // today is 2026-11-26 in the fixture
    let list = vec![
        open(1, 1, "2026-11-20"),
        open(2, 2, "2026-11-26"),
        open(3, 3, "2026-11-30"),
        open(4, 4, "2027-01-15"),
    ];
    update(state, Event::DueLoaded(list));
}

#[test]
fn the_due_view_buckets_by_date_and_the_badge_counts_overdue_and_today() {
    let mut state = fixtures::state();
    with_due(&mut state);
    assert_eq!(due::due_now(&state), 2);
    let headings: Vec<_> = due::rows(&state)
        .into_iter()
        .filter_map(|r| match r {
            DueRow::Heading(b, n) => Some((b, n)),
            DueRow::Item(_) => None,
        })
        .collect();
    assert_eq!(
        headings,
        vec![
            (Bucket::Overdue, 1),
            (Bucket::Today, 1),
            (Bucket::ThisWeek, 1),
            (Bucket::Later, 1)
        ]
    );
    // Opening the view asks for fresh data.
    assert_eq!(update(&mut state, Command::Due), vec![Effect::LoadDue]);
}

#[test]
fn midnight_moves_items_between_buckets() {
    let mut state = fixtures::state();
    with_due(&mut state);
    let effects = update(&mut state, Event::DayChanged(day("2026-11-30")));
    let [Effect::LoadNextActions(briefs)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        briefs.len(),
        state.list.programs().len(),
        "every program's next step is redone"
    );
    assert_eq!(due::due_now(&state), 3, "the 30 Nov item is due today now");
}

#[test]
fn snooze_and_done_from_the_due_view() {
    let mut state = fixtures::state();
    with_due(&mut state);
    update(&mut state, Command::Due);
    with_due(&mut state);
    // x marks the selected (first: overdue) follow-up done.
    let effects = update(&mut state, Command::MarkDone);
    let [Effect::SaveFollowUp(f)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(f.id, FollowUpId(1));
    assert!(f.done_at.is_some());
    update(&mut state, Event::FollowUpSaved(f.clone()));
    assert_eq!(state.due.len(), 3);
    // z, then "+1 week": counted from today because it was due today.
    update(&mut state, Command::Snooze);
    assert!(matches!(
        state.popup,
        Some(Popup::FollowUp {
            snoozing: Some(FollowUpId(2)),
            ..
        })
    ));
    update(&mut state, Command::Down);
    let effects = update(&mut state, Command::Submit);
    let [Effect::SaveFollowUp(f)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(f.due, day("2026-12-03"));
    assert_eq!(f.snoozed_from, vec![day("2026-11-26")]);
}

#[test]
fn f_schedules_a_follow_up_and_a_typed_date_is_checked() {
    let mut state = fixtures::state();
    let program = state.log.program.unwrap();
    update(&mut state, Command::AddFollowUp);
    let effects = update(&mut state, Command::Submit);
    let [Effect::AddFollowUp(f)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((f.program_id, f.due), (program, day("2026-11-29")));
    // The last choice asks for a date; a past date is refused.
    update(&mut state, Command::AddFollowUp);
    for _ in 0..3 {
        update(&mut state, Command::Down);
    }
    update(&mut state, Command::Submit);
    let input = state.input.as_mut().unwrap();
    *input = super::Input::new(input.purpose.clone(), "x", "2026-01-01");
    assert!(update(&mut state, Command::Submit).is_empty());
    assert!(
        state
            .status
            .as_ref()
            .is_some_and(|s| s.is_error && s.text.contains("past"))
    );
    let input = state.input.as_mut().unwrap();
    *input = super::Input::new(input.purpose.clone(), "x", "2027-02-01");
    let effects = update(&mut state, Command::Submit);
    assert!(matches!(effects.as_slice(), [Effect::AddFollowUp(f)] if f.due == day("2027-02-01")));
}

#[test]
fn a_logged_reply_offers_to_complete_open_follow_ups() {
    let mut state = fixtures::state();
    let program = state.log.program.unwrap();
    let f = open(9, program.0, "2026-12-01").follow_up;
    update(&mut state, Event::FollowUpSaved(Box::new(f)));
    assert_eq!(state.log.follow_ups.len(), 1);
    assert_eq!(
        state.next_actions.get(&program).map(|a| a.text.as_ref()),
        Some("follow up 1 Dec")
    );
    let reply = crate::domain::Interaction {
        id: Default::default(),
        program_id: program,
        contact_id: None,
        at: chrono::Utc::now(),
        channel: crate::domain::Channel::Email,
        direction: crate::domain::Direction::In,
        summary: "They answered".into(),
        eml_path: None,
    };
    update(&mut state, Event::InteractionSaved(Box::new(reply), true));
    let Some(Popup::Confirm { effect, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert_eq!(*effect, Effect::CompleteFollowUps(program));
    update(&mut state, Command::Confirm);
    update(&mut state, Event::FollowUpsCompleted(program, 1));
    assert!(state.log.follow_ups.is_empty());
    assert_ne!(
        state.next_actions.get(&program).map(|a| a.text.as_ref()),
        Some("follow up 1 Dec")
    );
}

#[test]
fn compose_from_the_due_view_opens_the_program_and_renders_the_nudge() {
    let mut state = fixtures::state();
    update(&mut state, Command::Due);
    update(&mut state, Event::DueLoaded(vec![open(5, 3, "2026-11-20")]));
    let effects = update(&mut state, Command::Compose);
    assert_eq!(
        state.list.selected_program().map(|p| p.id),
        Some(ProgramId(3))
    );
    assert_eq!(state.focus, Pane::Draft);
    assert!(effects.contains(&Effect::LoadProgram(ProgramId(3))));
    assert!(effects.contains(&Effect::Compose {
        program: ProgramId(3),
        contact: None,
        template: "follow_up".into(),
        answers: Some(FollowUpId(5)),
    }));
    let load = effects
        .iter()
        .position(|e| matches!(e, Effect::LoadProgram(_)))
        .unwrap();
    let compose = effects
        .iter()
        .position(|e| matches!(e, Effect::Compose { .. }))
        .unwrap();
    assert!(load < compose, "rows load before the draft arrives");
}

#[test]
fn after_a_snooze_the_due_view_is_still_open() {
    let mut state = fixtures::state();
    update(&mut state, Command::Due);
    with_due(&mut state);
    update(&mut state, Command::Snooze);
    update(&mut state, Command::Submit);
    assert!(matches!(state.popup, Some(Popup::Due { .. })));
    // And x there marks the (new) first item done.
    assert!(matches!(
        update(&mut state, Command::MarkDone).as_slice(),
        [Effect::SaveFollowUp(_)]
    ));
}

#[test]
fn a_follow_up_can_be_scheduled_for_today() {
    let mut state = fixtures::state();
    let program = state.log.program.unwrap();
    update(&mut state, Command::AddFollowUp);
    for _ in 0..3 {
        update(&mut state, Command::Down);
    }
    update(&mut state, Command::Submit);
    let input = state.input.as_mut().unwrap();
    *input = super::Input::new(input.purpose.clone(), "x", &state.today.to_string());
    let effects = update(&mut state, Command::Submit);
    let [Effect::AddFollowUp(f)] = effects.as_slice() else {
        panic!("{effects:?} {:?}", state.status)
    };
    assert_eq!((f.program_id, f.due), (program, state.today));
    assert!(state.status.as_ref().is_none_or(|s| !s.is_error));
    assert!(state.input.is_none());
}
