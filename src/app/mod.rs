//! Application state and the pure reducer that changes it.

pub mod action;
pub mod effect;
pub mod filters;
pub mod keymap;
pub mod keys;
pub mod list;
pub mod runtime;
pub mod search;
pub mod update;

#[cfg(test)]
pub mod fixtures;
#[cfg(test)]
mod tests;

use ratatui_textarea::TextArea;

use crate::domain::{Contact, Draft, Interaction, ProgramId, fields::Field};
use effect::Effect;
use keymap::{KeyContext, Keymap};
use list::ProgramList;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Programs,
    Log,
    Draft,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::Programs, Pane::Log, Pane::Draft];
}

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// A message with several lines (import problems, results).
    Info {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
    /// Asks before something destructive; `Confirm` runs the effect.
    Confirm {
        message: String,
        effect: Effect,
    },
    StatusPicker {
        program: ProgramId,
        selected: usize,
    },
    /// The filter bar; `selected` indexes `FilterField::ALL`.
    FilterBar {
        selected: usize,
    },
}

/// What an open single-line input is for.
#[derive(Debug, Clone, PartialEq)]
pub enum InputPurpose {
    Filter,
    NewProgramName,
    ImportPath,
    NewProgramState { name: String },
    EditField { program: ProgramId, field: Field },
}

#[derive(Debug, Clone)]
pub struct Input {
    pub purpose: InputPurpose,
    pub label: String,
    pub text: TextArea<'static>,
}

impl Input {
    pub fn new(purpose: InputPurpose, label: impl Into<String>, initial: &str) -> Input {
        let mut text = TextArea::new(vec![initial.to_string()]);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        Input {
            purpose,
            label: label.into(),
            text,
        }
    }

    pub fn value(&self) -> String {
        self.text.lines().join(" ")
    }
}

/// The program detail view: which program, and which field has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detail {
    pub program: ProgramId,
    pub selected: usize,
}

/// The right-top pane: the selected program's people and contact log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogPane {
    pub program: Option<ProgramId>,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub selected: usize,
}

/// The right-bottom pane: the selected program's working draft.
#[derive(Debug, Default)]
pub struct DraftPane {
    pub program: Option<ProgramId>,
    pub draft: Draft,
    pub editor: TextArea<'static>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMsg {
    pub text: String,
    pub is_error: bool,
}

#[derive(Debug, Default)]
pub struct AppState {
    pub list: ProgramList,
    pub focus: Pane,
    pub popup: Option<Popup>,
    pub detail: Option<Detail>,
    pub input: Option<Input>,
    pub log: LogPane,
    pub draft: DraftPane,
    pub status: Option<StatusMsg>,
    pub keymap: Keymap,
    pub quitting: bool,
}

impl AppState {
    pub fn new(list: ProgramList) -> AppState {
        AppState {
            list,
            ..AppState::default()
        }
    }

    /// Which key bindings apply now: the innermost thing open wins.
    pub fn key_context(&self) -> KeyContext {
        if self.input.is_some() {
            return KeyContext::Input;
        }
        match (&self.popup, self.detail, self.focus) {
            (Some(Popup::Help { .. } | Popup::Info { .. }), _, _) => KeyContext::Help,
            (Some(Popup::Confirm { .. }), _, _) => KeyContext::Confirm,
            (Some(Popup::StatusPicker { .. }), _, _) => KeyContext::Picker,
            (Some(Popup::FilterBar { .. }), _, _) => KeyContext::FilterBar,
            (None, Some(_), _) => KeyContext::Detail,
            (None, None, Pane::Programs) => KeyContext::Programs,
            (None, None, Pane::Log) => KeyContext::Log,
            (None, None, Pane::Draft) => KeyContext::Draft,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMsg {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMsg {
            text: text.into(),
            is_error: true,
        });
    }
}
