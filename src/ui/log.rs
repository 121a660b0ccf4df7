//! The contact log: who we know at the selected program, and every
//! interaction with them, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{clean, fit, wrap};
use super::{Theme, pane_block};
use crate::app::command::Command;
use crate::app::keymap::KeyContext;
use crate::app::mouse::PaneArea;
use crate::app::{AppState, Pane};
use crate::domain::Direction;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Log && state.form.is_none();
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
    state.areas.log.set(PaneArea {
        outer: area,
        rows: inner,
        offset: 0,
    });
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
    let mut selected_line = 0;
    let mark = |line: Line<'static>, index: usize, selected_line: &mut usize, count: usize| {
        if index == log.selected {
            *selected_line = count;
            if focused {
                return line.style(theme.selected(true));
            }
        }
        line
    };
    if log.contacts.is_empty() {
        let key = state.keymap.key_for(KeyContext::Log, &Command::NewContact);
        let hint = format!("No contacts yet — {key} adds a person.");
        lines.extend(
            wrap(&hint, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim())),
        );
    }
    for (i, c) in log.contacts.iter().enumerate() {
        let name = if c.name.is_empty() {
            "(no name)"
        } else {
            c.name.as_str()
        };
        let mut text = format!("{}: {}", c.role.label(), name);
        // First, so a narrow pane never cuts it off.
        let address = c.email.trim().to_ascii_lowercase();
        if !address.is_empty() && state.mail_sync.bouncing.contains(&address) {
            text.insert_str(0, "⚠ bouncing · ");
        }
        for part in [&c.email, &c.phone] {
            if !part.is_empty() {
                text.push_str("  ");
                text.push_str(part);
            }
        }
        let line = mark(
            Line::from(fit(&text, width)),
            i,
            &mut selected_line,
            lines.len(),
        );
        lines.push(line);
    }
    lines.push(Line::styled("─".repeat(width), theme.dim()));
    // A status change is an entry too: the hint goes once anything is logged,
    // and wraps rather than losing its end in a narrow pane.
    if log.interactions.is_empty() && log.status_changes.is_empty() {
        let key = state.keymap.key_for(KeyContext::Log, &Command::NewLogEntry);
        let hint = format!("Nothing logged yet — {key} logs a call, email or visit.");
        lines.extend(
            wrap(&hint, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim())),
        );
    }
    // Status changes sit between the entries by time, newest first.
    let mut changes = log.status_changes.iter().rev().peekable();
    let status_line = |c: &crate::domain::StatusChange| {
        let date = clean(
            &state
                .date_format
                .format(&c.at.with_timezone(&chrono::Local)),
        );
        Line::styled(
            fit(
                &format!("{date} ● status {} → {}", c.from.label(), c.to.label()),
                width,
            ),
            theme.dim(),
        )
    };
    for (i, entry) in log.interactions.iter().enumerate() {
        while let Some(c) = changes.next_if(|c| c.at > entry.at) {
            lines.push(status_line(c));
        }
        let arrow = match entry.direction {
            Direction::Out => "→",
            Direction::In | Direction::AutoReply => "←",
        };
        let date = clean(
            &state
                .date_format
                .format(&entry.at.with_timezone(&chrono::Local)),
        );
        // "auto-reply · Out of office until 5 Jan": said in the kind's
        // place, so it never reads as the program's answer.
        let head = match entry.direction {
            Direction::AutoReply => format!("{date} {arrow} auto-reply · "),
            _ => format!("{date} {arrow} {:<8} ", entry.channel.label()),
        };
        // A sent email is one entry; Enter opens the whole message.
        let opens = crate::app::sent::message_for(state, entry.id).is_some();
        let summary_text = if opens {
            format!("{} ▸", clean(&entry.summary))
        } else {
            clean(&entry.summary)
        };
        let summary = fit(
            &summary_text,
            width.saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str())),
        );
        let line = Line::from(vec![Span::styled(head, theme.dim()), Span::raw(summary)]);
        let line = mark(
            line,
            log.contacts.len() + i,
            &mut selected_line,
            lines.len(),
        );
        lines.push(line);
    }
    for c in changes {
        lines.push(status_line(c));
    }
    let height = inner.height as usize;
    let offset = (selected_line + 1).saturating_sub(height);
    state.areas.log.set(PaneArea {
        outer: area,
        rows: inner,
        offset,
    });
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}
