//! Clicks and the wheel. The renderer records where it drew each pane
//! (as `ProgramList::offset` records the scroll), so the reducer can turn
//! a screen position into a pane and a row without any I/O.

use std::cell::Cell;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::msg::UserInput;
use super::{AppState, LogPane, Pane, Popup};

/// Rows one wheel notch moves.
const WHEEL_STEP: usize = 3;

/// Where a pane was last drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneArea {
    /// The whole block, border included: a click here focuses the pane.
    pub outer: Rect,
    /// Where its rows are drawn.
    pub rows: Rect,
    /// The line shown at the top of `rows`.
    pub offset: usize,
}

/// One record per pane; empty for a pane not drawn in the last frame.
#[derive(Debug, Default)]
pub struct PaneAreas {
    pub programs: Cell<PaneArea>,
    pub log: Cell<PaneArea>,
    pub draft: Cell<PaneArea>,
}

impl PaneAreas {
    /// Forgets every pane; the renderer calls this before each frame, so
    /// a pane hidden by a narrow layout cannot be clicked.
    pub fn clear(&self) {
        for cell in [&self.programs, &self.log, &self.draft] {
            cell.set(PaneArea::default());
        }
    }

    fn at(&self, column: u16, row: u16) -> Option<(Pane, PaneArea)> {
        let pos = Position::new(column, row);
        [
            (Pane::Programs, self.programs.get()),
            (Pane::Log, self.log.get()),
            (Pane::Draft, self.draft.get()),
        ]
        .into_iter()
        .find(|(_, area)| area.outer.contains(pos))
    }
}

impl PaneArea {
    /// The line under a screen row, counted from the top of the content.
    fn line_at(&self, column: u16, row: u16) -> Option<usize> {
        self.rows
            .contains(Position::new(column, row))
            .then(|| self.offset + usize::from(row - self.rows.y))
    }
}

impl LogPane {
    /// Which selectable row (contacts, then log entries) is drawn on
    /// `line` of the log pane. The layout is the renderer's: the contacts
    /// (or a placeholder line), a rule, then the entries.
    pub fn row_at_line(&self, line: usize) -> Option<usize> {
        if line < self.contacts.len() {
            return Some(line);
        }
        let first_entry_line = self.contacts.len().max(1) + 1;
        let entry = line.checked_sub(first_entry_line)?;
        (entry < self.interactions.len()).then_some(self.contacts.len() + entry)
    }
}

/// The input for a mouse event, if it means anything here.
pub fn input(event: &MouseEvent) -> Option<UserInput> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(UserInput::Click { column, row }),
        MouseEventKind::ScrollUp => Some(UserInput::Scroll {
            up: true,
            column,
            row,
        }),
        MouseEventKind::ScrollDown => Some(UserInput::Scroll {
            up: false,
            column,
            row,
        }),
        _ => None,
    }
}

/// Carries out `Click` and `Scroll`; typed keys are left alone.
pub fn handle(state: &mut AppState, input: &UserInput) {
    match *input {
        UserInput::Click { column, row } => click(state, column, row),
        UserInput::Scroll { up, column, row } => scroll(state, up, column, row),
        UserInput::EditorKey(_) | UserInput::InputKey(_) => {}
    }
}

/// Whether something modal is open: then the panes below ignore the mouse.
fn modal(state: &AppState) -> bool {
    state.input.is_some() || state.popup.is_some() || state.form.is_some()
}

/// Focuses the pane under the pointer and selects the row clicked.
fn click(state: &mut AppState, column: u16, row: u16) {
    if modal(state) {
        return;
    }
    let Some((pane, area)) = state.areas.at(column, row) else {
        return;
    };
    state.focus = pane;
    let Some(line) = area.line_at(column, row) else {
        return;
    };
    match pane {
        Pane::Programs if line < state.list.rows().len() => {
            let from = state.list.selected_index() as isize;
            state.list.move_by(line as isize - from);
        }
        Pane::Log => {
            if let Some(selected) = state.log.row_at_line(line) {
                state.log.selected = selected;
            }
        }
        _ => {}
    }
}

/// Scrolls an open help or message window, else the list under the
/// pointer (focusing it, so its selection shows), else the focused list.
fn scroll(state: &mut AppState, up: bool, column: u16, row: u16) {
    let step = |value: usize, len: usize| -> usize {
        if up {
            value.saturating_sub(WHEEL_STEP)
        } else {
            (value + WHEEL_STEP).min(len.saturating_sub(1))
        }
    };
    if let Some(Popup::Help { scroll } | Popup::Info { scroll, .. }) = &mut state.popup {
        // The renderer clamps the scroll to the text's length.
        *scroll = step(*scroll, usize::MAX);
        return;
    }
    if modal(state) {
        return;
    }
    let pane = match state.areas.at(column, row) {
        Some((pane, _)) => pane,
        None => state.focus,
    };
    match pane {
        Pane::Programs => {
            let target = step(state.list.selected_index(), state.list.rows().len());
            state
                .list
                .move_by(target as isize - state.list.selected_index() as isize);
        }
        Pane::Log => state.log.selected = step(state.log.selected, state.log.row_count()),
        Pane::Draft => return,
    }
    state.focus = pane;
}
