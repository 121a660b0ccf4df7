//! Overlays with little to choose: help, a longer message and the
//! statistics (which only scroll and close), the confirmation that stands
//! between a destructive command and its effect, and a question with a few
//! answers.

use super::command::Command;
use super::effect::Effect;
use super::route::{Handled, close_popup, move_cursor};
use super::{AppState, Popup};

/// Commands while help, an info message or the statistics are open. The
/// renderer clamps the scroll to the text's length.
pub fn scrolling(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    if super::after_yes::handle(state, cmd, effects) == Handled::Consumed {
        return Handled::Consumed;
    }
    match (&mut state.popup, cmd) {
        (_, Command::Cancel) => close_popup(state),
        // Enter means something only on a checklist line, `a` `e` `x`
        // only over the documents, `o` in a checklist, `t` in the budget.
        (
            _,
            Command::Submit
            | Command::AddDocument
            | Command::EditDocument
            | Command::RemoveDocument
            | Command::Outcome
            | Command::Travel,
        ) => Handled::Consumed,
        (
            Some(
                Popup::Help { scroll }
                | Popup::Info { scroll, .. }
                | Popup::Stats { scroll, .. }
                | Popup::AfterYes { scroll, .. },
            ),
            _,
        ) => move_cursor(cmd, scroll, usize::MAX, page),
        _ => Handled::Ignored,
    }
}

/// Commands while a confirmation is open: only yes runs the effect.
pub fn confirm(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::Confirm => {
            if let Some(Popup::Confirm { effect, .. }) = state.popup.take() {
                effects.push(effect);
            }
            state.popup = state.confirm_returns_to.take();
            Handled::Consumed
        }
        Command::Cancel => {
            close_popup(state);
            state.popup = state.confirm_returns_to.take();
            Handled::Consumed
        }
        // The import preview's keys share this context; a plain question
        // has nothing to move through or map.
        Command::Up
        | Command::Down
        | Command::Top
        | Command::Bottom
        | Command::PageUp
        | Command::PageDown
        | Command::ChangeMapping => Handled::Consumed,
        _ => Handled::Ignored,
    }
}

/// Commands while a question with a few answers is open: Enter carries
/// out the highlighted one, Esc is "none of them".
pub fn choose(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    let Some(Popup::Choose {
        options, selected, ..
    }) = &mut state.popup
    else {
        return Handled::Ignored;
    };
    match cmd {
        Command::Submit => {
            let chosen = options.get(*selected).and_then(|(_, e)| e.clone());
            state.popup = None;
            effects.extend(chosen);
            Handled::Consumed
        }
        Command::Cancel => close_popup(state),
        _ => {
            let len = options.len();
            move_cursor(cmd, selected, len, page)
        }
    }
}

/// `!`: the stored rows that could not be read (left out of the list),
/// each with its reason, in the info overlay; or that there are none.
pub fn needs_repair(state: &mut AppState) {
    if state.needs_repair.is_empty() {
        state.info("Every stored row could be read: nothing needs repair.");
        return;
    }
    let mut lines: Vec<String> = state.needs_repair.iter().map(|r| r.describe()).collect();
    lines.extend([
        String::new(),
        "Each is kept in the database as it is (a program is left out of the list,".into(),
        "an unreadable profile reads as empty); usce export --format json writes".into(),
        "them raw. Repair them in the sqlite3 shell, or restore a backup.".into(),
    ]);
    state.popup = Some(Popup::Info {
        title: crate::domain::repair::summary(&state.needs_repair),
        lines,
        scroll: 0,
    });
}

/// The status line at start when some rows could not be read.
pub fn announce_needs_repair(state: &mut AppState) {
    if !state.needs_repair.is_empty() {
        let summary = crate::domain::repair::summary(&state.needs_repair);
        state.error(format!("{summary}: ! lists them."));
    }
}
