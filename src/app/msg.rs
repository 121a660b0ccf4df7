//! Everything `update` takes, in three kinds:
//!
//! - [`Command`]: what a key or a config file can name (`down`, `delete`).
//!   Routed to the context that is open (see `route`).
//! - [`UserInput`]: what the user did that no config can name: a key typed
//!   into a text widget, a click, the wheel. Raw input gets its own type
//!   rather than living in `Command`, because it carries data (the key,
//!   the cell) that a binding cannot spell, and rather than in `Event`,
//!   because it comes from the user, not the runtime.
//! - [`Event`]: what the runtime reports back (loaded, saved, failed).
//!
//! Whether the status line clears follows from the kind: a command or a
//! click is the user moving on, so the old message goes; an event or a
//! typed character is not (a failure stays readable while the user
//! corrects the text that caused it).

use crossterm::event::KeyEvent;

use super::command::Command;
use super::event::Event;

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Command(Command),
    Input(UserInput),
    Event(Event),
}

/// Raw input from the user that is not a binding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UserInput {
    /// A key for the draft editor.
    EditorKey(KeyEvent),
    /// A key for the single-line input that is open (filter, prompt, field).
    InputKey(KeyEvent),
    /// A left click at a screen cell: focus the pane, select the row.
    Click { column: u16, row: u16 },
    /// The mouse wheel at a screen cell.
    Scroll { up: bool, column: u16, row: u16 },
}

impl Msg {
    /// Whether this still applies while the terminal is too small to show
    /// the app: only quitting (the user cannot see what anything else
    /// would do) and what the runtime reports (a resize among it).
    pub fn acts_while_too_small(&self) -> bool {
        matches!(self, Msg::Command(Command::Quit) | Msg::Event(_))
    }

    /// Whether this clears the status line before it is applied.
    pub fn clears_status(&self) -> bool {
        match self {
            Msg::Command(c) => !c.edits_text(),
            Msg::Input(UserInput::Click { .. } | UserInput::Scroll { .. }) => true,
            Msg::Input(UserInput::EditorKey(_) | UserInput::InputKey(_)) => false,
            Msg::Event(_) => false,
        }
    }
}

impl From<Command> for Msg {
    fn from(c: Command) -> Msg {
        Msg::Command(c)
    }
}

impl From<UserInput> for Msg {
    fn from(i: UserInput) -> Msg {
        Msg::Input(i)
    }
}

impl From<Event> for Msg {
    fn from(e: Event) -> Msg {
        Msg::Event(e)
    }
}
