//! A reply stops the chase: logging one (or turning an entry inbound in
//! its form) offers to close the open follow-ups, and once they are closed
//! the row proposes no nudge for what was sent before it.

use chrono::{DateTime, Duration, Utc};

use super::command::Command;
use super::effect::Effect;
use super::event::Event;
use super::fixtures;
use super::update::update;
use super::{AppState, Popup};
use crate::domain::{
    Channel, Direction, FollowUp, FollowUpId, Interaction, InteractionId, ProgramId,
};

fn entry(
    state: &AppState,
    id: i64,
    direction: Direction,
    at: DateTime<Utc>,
    summary: &str,
) -> Interaction {
    Interaction {
        id: InteractionId(id),
        program_id: state.log.program.unwrap(),
        contact_id: None,
        at,
        channel: Channel::Email,
        direction,
        summary: summary.into(),
        eml_path: None,
    }
}

/// The selected program, emailed three weeks ago, with its follow-up open.
fn chasing() -> (AppState, ProgramId) {
    let mut state = fixtures::state();
    let program = state.log.program.unwrap();
    let sent = entry(
        &state,
        1,
        Direction::Out,
        state.now - Duration::days(21),
        "Sent: Request",
    );
    state.log.interactions.push(sent);
    let f = FollowUp {
        id: FollowUpId(9),
        program_id: program,
        contact_id: None,
        due: state.today - chrono::Days::new(14),
        note: "No reply? Nudge.".into(),
        done_at: None,
        snoozed_from: vec![],
    };
    update(&mut state, Event::FollowUpSaved(Box::new(f)));
    (state, program)
}

fn offered_to_close(state: &AppState) -> bool {
    matches!(
        &state.popup,
        Some(Popup::Confirm {
            effect: Effect::CompleteFollowUps(_),
            ..
        })
    )
}

#[test]
fn once_a_reply_closes_the_follow_ups_the_row_proposes_no_nudge() {
    let (mut state, program) = chasing();
    assert!(state.next_actions.contains_key(&program));
    let reply = entry(&state, 2, Direction::In, state.now, "They wrote back");
    update(&mut state, Event::InteractionSaved(Box::new(reply), true));
    assert!(offered_to_close(&state), "{:?}", state.popup);
    let effects = update(&mut state, Command::Confirm);
    assert_eq!(effects, [Effect::CompleteFollowUps(program)]);
    update(&mut state, Event::FollowUpsCompleted(program, 1));
    // The email before the reply is answered: nothing to chase.
    assert_eq!(state.next_actions.get(&program), None);
}

#[test]
fn an_entry_turned_inbound_in_its_form_offers_to_close_them_too() {
    let (mut state, program) = chasing();
    let guessed = entry(&state, 2, Direction::Out, state.now, "coordinator said yes");
    update(
        &mut state,
        Event::InteractionSaved(Box::new(guessed.clone()), true),
    );
    assert!(!offered_to_close(&state), "outbound: {:?}", state.popup);
    state.popup = None;
    state.form = None;

    let corrected = Interaction {
        direction: Direction::In,
        ..guessed
    };
    update(
        &mut state,
        Event::InteractionSaved(Box::new(corrected.clone()), false),
    );
    assert!(offered_to_close(&state), "{:?}", state.popup);
    let effects = update(&mut state, Command::Confirm);
    assert_eq!(effects, [Effect::CompleteFollowUps(program)]);

    // Editing the reply's words later asks nothing again.
    let reworded = Interaction {
        summary: "coordinator said yes, apply via VSLO".into(),
        ..corrected
    };
    update(
        &mut state,
        Event::InteractionSaved(Box::new(reworded), false),
    );
    assert!(!offered_to_close(&state), "{:?}", state.popup);
}
