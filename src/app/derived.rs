//! Figures derived from several records, kept true on the event that
//! changes their inputs rather than on the next reload: the Due list
//! behind the header's "⏰ N due" badge, each program's next step on its
//! list row ("follow up 15 Dec"), and the status lines in the contact log
//! ("status contacted → replied").
//!
//! Why one module: each of these used to be refreshed by whichever handler
//! happened to remember it, so a follow-up marked done in the Due view left
//! its program's row saying "follow up 15 Dec" until the next start, and a
//! status moved by a log entry only reached the log when the program was
//! opened again. Every event handler that changes a program's follow-ups,
//! log, contacts or status now ends in [`program_changed`] (or
//! [`programs_gone`]), and that is the one place that knows what depends
//! on what.

use super::AppState;
use super::due;
use super::effect::Effect;
use crate::domain::cadence::{NextAction, ProgramBrief};
use crate::domain::{ProgramId, Status, StatusChange};

/// A program's follow-ups, log, contacts or status changed: its next step
/// is worked out again now. The program whose rows are loaded (the one in
/// the log pane) has everything in memory; any other (one marked done in
/// the Due view, moved on the board) is asked of the store, which answers
/// `NextActionLoaded` before the next frame.
pub fn program_changed(state: &mut AppState, id: ProgramId, effects: &mut Vec<Effect>) {
    if state.log.program == Some(id) {
        due::refresh_loaded(state);
        return;
    }
    if let Some(p) = state.list.get(id) {
        effects.push(Effect::LoadNextAction(ProgramBrief::of(p)));
    }
}

/// One program's next step, as the store worked it out.
pub fn next_action_loaded(state: &mut AppState, id: ProgramId, step: Option<NextAction>) {
    match step {
        Some(step) => state.next_actions.insert(id, step),
        None => state.next_actions.remove(&id),
    };
}

/// A program's status moved from `from` to `to`: the log pane, when it
/// shows that program, gets the "status from → to" line at once (the store
/// wrote the same row in the transaction that moved it).
pub fn status_moved(state: &mut AppState, id: ProgramId, from: Status, to: Status) {
    if from == to || state.log.program != Some(id) {
        return;
    }
    state.log.status_changes.push(StatusChange {
        program_id: id,
        at: state.now,
        from,
        to,
    });
}

/// Programs left the list (deleted, or the samples removed): their open
/// follow-ups no longer count toward the header's badge, and their next
/// steps are dropped.
pub fn programs_gone(state: &mut AppState, gone: impl Fn(ProgramId) -> bool) {
    state.due.retain(|o| !gone(o.follow_up.program_id));
    state.next_actions.retain(|id, _| !gone(*id));
}
