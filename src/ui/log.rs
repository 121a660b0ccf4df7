//! The contact log: who we know at the selected program, and every
//! interaction with them, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{clean, fit};
use super::{Theme, pane_block};
use crate::app::{AppState, Pane};
use crate::domain::Direction;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Log && state.detail.is_none();
    let program = state.list.selected_program();
    let title = match program {
        Some(p) => format!(
            " Contact log — {} ",
            fit(&p.name, (area.width as usize).saturating_sub(20))
        ),
        None => " Contact log ".to_string(),
    };
    let block = pane_block(Line::from(title), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    if program.is_none() {
        frame.render_widget(
            Paragraph::new("Select a program to see its contacts and log.").style(theme.dim()),
            inner,
        );
        return;
    }
    let log = &state.log;
    let mut lines: Vec<Line> = Vec::new();
    if log.contacts.is_empty() {
        lines.push(Line::styled("No contacts yet.", theme.dim()));
    }
    for c in &log.contacts {
        let mut text = format!("{}: {}", c.role.label(), c.name);
        for part in [&c.email, &c.phone] {
            if !part.is_empty() {
                text.push_str("  ");
                text.push_str(part);
            }
        }
        lines.push(Line::from(fit(&text, width)));
    }
    lines.push(Line::styled("─".repeat(width), theme.dim()));
    if log.interactions.is_empty() {
        lines.push(Line::styled("Nothing logged yet.", theme.dim()));
    }
    let first = log.selected.min(log.interactions.len().saturating_sub(1));
    for (i, entry) in log.interactions.iter().enumerate().skip(first) {
        let arrow = match entry.direction {
            Direction::Out => "→",
            Direction::In => "←",
        };
        let date = entry.at.format("%Y-%m-%d").to_string();
        let head = format!("{date} {arrow} {:<8} ", entry.channel.label());
        let summary = fit(
            &clean(&entry.summary),
            width.saturating_sub(head.chars().count()),
        );
        let line = Line::from(vec![Span::styled(head, theme.dim()), Span::raw(summary)]);
        lines.push(if focused && i == first {
            line.style(theme.selected(true))
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
