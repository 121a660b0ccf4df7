//! Mail to review (`R`): messages from a program's domain but from nobody
//! usce knows. One key logs the message as a reply from that program, one
//! forgets it; either way it leaves the list and is not proposed again.

use super::command::Command;
use super::effect::Effect;
use super::route::{Handled, close_popup, move_cursor};
use super::{AppState, Popup};
use crate::domain::inbound::Proposal;

/// Opens the list (or says there is nothing to review).
pub fn loaded(state: &mut AppState, items: Vec<Proposal>) {
    state.mail_sync.to_review = items.len();
    if items.is_empty() {
        state.info("No mail to review.");
        return;
    }
    state.popup = Some(Popup::Review { items, selected: 0 });
}

pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    let Some(Popup::Review { items, selected }) = &mut state.popup else {
        return Handled::Ignored;
    };
    let current = items.get(*selected).map(|p| p.message_id.clone());
    match cmd {
        Command::Cancel => return close_popup(state),
        Command::AttachMessage => effects.extend(current.map(Effect::AttachProposal)),
        Command::IgnoreMessage => effects.extend(current.map(Effect::IgnoreProposal)),
        _ => return move_cursor(cmd, selected, items.len(), page),
    }
    Handled::Consumed
}

/// A proposal was attached or ignored: it leaves the list, which closes
/// when empty; an attached one may have moved its program along.
pub fn settled(state: &mut AppState, id: &str, attached: bool, effects: &mut Vec<Effect>) {
    let mut left = state.mail_sync.to_review;
    let mut program = None;
    if let Some(Popup::Review { items, selected }) = &mut state.popup {
        program = items
            .iter()
            .find(|p| p.message_id == id)
            .map(|p| p.program_name.clone());
        items.retain(|p| p.message_id != id);
        *selected = (*selected).min(items.len().saturating_sub(1));
        left = items.len();
        if items.is_empty() {
            state.popup = None;
        }
    }
    state.mail_sync.to_review = left;
    let name = program.unwrap_or_else(|| "its program".to_owned());
    if attached {
        state.mail_sync.new_replies += 1;
        state.info(format!("Logged as a reply from {name}."));
        if let Some(id) = state.log.program {
            effects.push(Effect::LoadProgram(id));
        }
    } else {
        state.info("Ignored; it will not be proposed again.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed instant: the tests never read the wall clock.
    fn at_nine() -> chrono::DateTime<chrono::Utc> {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 1, 9, 0, 0).unwrap()
    }
    use crate::app::update::update;
    use crate::domain::ProgramId;

    fn proposal(id: &str) -> Proposal {
        Proposal {
            message_id: id.into(),
            program: ProgramId(1),
            program_name: "Mercy IM".into(),
            from: "director@mercy.org".into(),
            at: at_nine(),
            subject: "Your request".into(),
            snippet: "Please send your CV".into(),
        }
    }

    #[test]
    fn a_attaches_x_ignores_and_the_list_closes_when_empty() {
        let mut state = crate::app::fixtures::state();
        update(
            &mut state,
            crate::app::event::Event::ProposalsLoaded(vec![proposal("<1>"), proposal("<2>")]),
        );
        assert!(matches!(state.popup, Some(Popup::Review { .. })));
        assert_eq!(state.mail_sync.to_review, 2);
        let effects = update(&mut state, Command::AttachMessage);
        assert_eq!(effects, vec![Effect::AttachProposal("<1>".into())]);
        update(
            &mut state,
            crate::app::event::Event::ProposalSettled("<1>".into(), true),
        );
        assert_eq!(state.mail_sync.to_review, 1);
        let effects = update(&mut state, Command::IgnoreMessage);
        assert_eq!(effects, vec![Effect::IgnoreProposal("<2>".into())]);
        update(
            &mut state,
            crate::app::event::Event::ProposalSettled("<2>".into(), false),
        );
        assert!(state.popup.is_none());
        assert_eq!(state.mail_sync.to_review, 0);
    }

    #[test]
    fn nothing_to_review_says_so() {
        let mut state = crate::app::fixtures::state();
        update(
            &mut state,
            crate::app::event::Event::ProposalsLoaded(Vec::new()),
        );
        assert!(state.popup.is_none());
        assert_eq!(state.status.as_ref().unwrap().text, "No mail to review.");
    }
}
