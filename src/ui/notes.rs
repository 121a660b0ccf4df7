//! The notes editor: a multi-line field (program or contact notes, a log
//! entry, a letter's notes, the signature) typed in a box of its own,
//! soft-wrapped like the draft body, with why the text was refused under it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::text::clean;
use super::{Theme, pane_block};
use crate::app::command::Command;
use crate::app::keymap::KeyContext;
use crate::app::{AppState, Input};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, input: &Input, theme: &Theme) {
    let keys = &state.keymap;
    let title = format!(
        " {} — Enter new line · {} save · {} cancel ",
        clean(&input.label),
        keys.key_for(KeyContext::Notes, &Command::Submit),
        keys.key_for(KeyContext::Notes, &Command::Cancel),
    );
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let error_rows = if input.error.is_some() { 2 } else { 0 };
    let [text, refusal] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(error_rows)]).areas(inner);
    frame.render_widget(&input.text, text);
    if let Some(why) = &input.error {
        let line = Line::from(Span::styled(format!("✗ {}", clean(why)), theme.error()));
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), refusal);
    }
}
