//! Two lines at the bottom: the message or the open input, then the keys
//! that work right now (from the key map, so rebinding shows here too).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::clean;
use crate::app::AppState;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let [message, keys] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    if let Some(input) = &state.input {
        let label = format!("{}: ", input.label);
        let [l, r] = Layout::horizontal([
            Constraint::Length(label.chars().count() as u16),
            Constraint::Min(1),
        ])
        .areas(message);
        frame.render_widget(Span::styled(label, theme.key()), l);
        frame.render_widget(&input.text, r);
    } else if let Some(status) = &state.status {
        let style = if status.is_error {
            theme.error()
        } else {
            theme.info()
        };
        frame.render_widget(Line::styled(clean(&status.text), style), message);
    }
    let mut spans = Vec::new();
    for b in state.keymap.footer(state.key_context()) {
        if let Some(first) = b.keys.first() {
            spans.push(Span::styled(first.to_string(), theme.key()));
            spans.push(Span::raw(format!(" {}  ", b.command.short())));
        }
    }
    frame.render_widget(Line::from(spans), keys);
}
