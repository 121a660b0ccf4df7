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
pub fn scrolling(state: &mut AppState, cmd: Command, _effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    match (&mut state.popup, cmd) {
        (_, Command::Cancel) => close_popup(state),
        (
            Some(Popup::Help { scroll } | Popup::Info { scroll, .. } | Popup::Stats { scroll, .. }),
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
        Command::Up | Command::Down | Command::ChangeMapping => Handled::Consumed,
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
