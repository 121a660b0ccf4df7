//! Small overlays: the confirmation dialog and the status picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Theme, centered, pane_block};
use crate::domain::Status;

pub fn confirm(frame: &mut Frame, area: Rect, message: &str, theme: &Theme) {
    let block = pane_block(Line::from(" Are you sure? "), true, theme);
    let text = vec![
        Line::from(super::text::clean(message)),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw("/"),
            Span::styled("Enter", theme.key()),
            Span::raw(" yes   "),
            Span::styled("n", theme.key()),
            Span::raw("/"),
            Span::styled("Esc", theme.key()),
            Span::raw(" no"),
        ]),
    ];
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

pub fn status_picker(frame: &mut Frame, screen: Rect, selected: usize, theme: &Theme) {
    let height = (Status::ALL.len() as u16 + 2).min(screen.height);
    let area = centered(screen, 40, 100);
    let area = Rect {
        y: area.y + (area.height.saturating_sub(height)) / 2,
        height,
        ..area
    };
    let lines: Vec<Line> = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let line = Line::from(vec![
                Span::styled(format!(" {} ", s.symbol()), theme.status(*s)),
                Span::raw(s.label()),
            ]);
            if i == selected {
                line.style(theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(Line::from(" Set status "), true, theme)),
        area,
    );
}
