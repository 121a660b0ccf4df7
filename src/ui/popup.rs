//! Small overlays: the confirmation dialog, the status picker, a question
//! with a few answers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

use super::text::wrap;
use super::{Theme, centered, pane_block};
use crate::app::filters::{FilterField, Filters};
use crate::domain::Status;
use crate::domain::plural::{agree, count};

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

pub fn filter_bar(
    frame: &mut Frame,
    screen: Rect,
    filters: &Filters,
    selected: usize,
    shown: usize,
    theme: &Theme,
) {
    let height = (FilterField::ALL.len() as u16 + 4).min(screen.height);
    let area = centered(screen, 50, 100);
    let area = Rect {
        y: area.y + (area.height.saturating_sub(height)) / 2,
        height,
        ..area
    };
    let mut lines: Vec<Line> = FilterField::ALL
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let value = filters.value(*f);
            let value_style = if value == "any" {
                theme.dim()
            } else {
                theme.key()
            };
            let line = Line::from(vec![
                Span::raw(format!(" {:<16}", f.label())),
                Span::styled(format!("‹ {} ›", super::text::clean(&value)), value_style),
            ]);
            if i == selected {
                line.style(theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::styled(
        format!(
            " {} {} · Esc closes",
            count(shown, "program"),
            agree(shown, "matches", "match")
        ),
        theme.dim(),
    ));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(
            Line::from(" Filters — ←/→ change, x any "),
            true,
            theme,
        )),
        area,
    );
}

pub fn info(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: &[String],
    scroll: usize,
    theme: &Theme,
) {
    let visible = area.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let text: Vec<Line> = lines
        .iter()
        .map(|l| Line::from(super::text::clean(l)))
        .collect();
    let title = format!(" {} — Esc closes ", super::text::clean(title));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0))
            .block(pane_block(Line::from(title), true, theme)),
        area,
    );
}

/// A titled list of choices with one highlighted; Enter picks it.
pub fn choice_list(
    frame: &mut Frame,
    screen: Rect,
    title: &str,
    choices: &[String],
    selected: usize,
    theme: &Theme,
) {
    let longest = choices
        .iter()
        .chain(std::iter::once(&title.to_string()))
        .map(|c| c.width())
        .max()
        .unwrap_or(0);
    let width = (longest as u16 + 4).clamp(40.min(screen.width), screen.width);
    // A choice wider than the screen wraps under itself instead of losing
    // its end ("… y copies" once went off the welcome's edge).
    let inner = width.saturating_sub(3) as usize;
    let items: Vec<Vec<String>> = choices
        .iter()
        .map(|c| match wrap(c, inner) {
            one if one.len() == 1 => one,
            // Continuation lines sit two columns deeper.
            _ => wrap(c, inner.saturating_sub(2)),
        })
        .collect();
    let total: usize = items.iter().map(Vec::len).sum();
    let height = (total as u16 + 2).min(screen.height);
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    let visible = height.saturating_sub(2) as usize;
    // Scroll so the whole selected choice is on screen.
    let selected_end: usize = items.iter().take(selected + 1).map(Vec::len).sum();
    let offset = selected_end.saturating_sub(visible);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            let style = if i == selected {
                theme.selected(true)
            } else {
                ratatui::style::Style::new()
            };
            item.iter().enumerate().map(move |(n, text)| {
                // Continuation lines line up under the text, past the tick.
                let indent = if n == 0 { " " } else { "   " };
                Line::from(format!("{indent}{text}")).style(style)
            })
        })
        .skip(offset)
        .take(visible)
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(Line::from(title.to_string()), true, theme)),
        area,
    );
}

/// A question: its lines (wrapped), then the answers, one highlighted.
pub fn choose(
    frame: &mut Frame,
    screen: Rect,
    title: &str,
    lines: &[String],
    options: &[(String, Option<crate::app::effect::Effect>)],
    selected: usize,
    theme: &Theme,
) {
    let area = centered(screen, 70, 60);
    let mut text: Vec<Line> = lines
        .iter()
        .map(|l| Line::from(super::text::clean(l)))
        .collect();
    text.push(Line::from(""));
    for (i, (label, _)) in options.iter().enumerate() {
        let line = Line::from(format!(" {} ", super::text::clean(label)));
        text.push(if i == selected {
            line.style(theme.selected(true))
        } else {
            line
        });
    }
    text.push(Line::from(""));
    text.push(Line::styled(
        " ↑/↓ choose · Enter does it · Esc: none of them",
        theme.dim(),
    ));
    let title = format!(" {} ", super::text::clean(title));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(pane_block(Line::from(title), true, theme)),
        area,
    );
}
