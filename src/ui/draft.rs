//! The draft pane for the selected program: a small header form (To, Cc,
//! Subject, Attach) above the body, which wraps at word boundaries so no
//! line is cut at the pane's edge. Text autosaves as it is typed; the
//! title says so, so nobody hunts for a save key, and the bottom border
//! counts the body's words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{fit, pad};
use super::{Theme, pane_block};
use crate::app::command::Command;
use crate::app::keymap::KeyContext;
use crate::app::mouse::PaneArea;
use crate::app::{AppState, DraftPane, Pane};
use crate::domain::DraftHeader;

/// Below this many inner rows the form folds to one line, so the body
/// keeps room at the smallest terminal.
const FULL_FORM_MIN_ROWS: u16 = 9;
/// Wide enough for the longest label, "Subject:".
const LABEL_WIDTH: usize = 8;

/// The title, least important part dropped first: whom it is for, then
/// the save state, and the program's name is cut but never emptied
/// (once "Draft —  · autosaves as you typ" at 80×24).
fn title(p: &crate::domain::Program, saved: &str, state: &AppState, width: usize) -> String {
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let least = MIN_NAME.min(w(&p.name));
    let name_room = width.saturating_sub(40);
    if name_room < least {
        // Too narrow for the name and the save state: the name wins.
        let room = width.saturating_sub(4 + w(" Draft — "));
        if room < least {
            return " Draft ".to_string();
        }
        return format!(" Draft — {} ", fit(&p.name, room));
    }
    let name = fit(&p.name, name_room);
    // Whom and what it is for ("to Dana (coordinator) · request_rotation"),
    // where the title has room for it.
    let used = [" Draft — ", &name, " · ", saved, " "]
        .iter()
        .map(|part| w(part))
        .sum::<usize>();
    let room = width.saturating_sub(used + 2 + 3);
    let heading = crate::app::sent::heading(state);
    let heading = if heading.is_empty() || room < 12 {
        String::new()
    } else {
        format!("{} · ", fit(&heading, room))
    };
    format!(" Draft — {name} · {heading}{saved} ")
}

/// Fewer columns of a name than this say nothing: drop other parts first.
const MIN_NAME: usize = 8;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Draft && state.form.is_none();
    let pane = &state.draft;
    let program = state.list.selected_program();
    let sent = pane.draft.status == crate::domain::DraftStatus::Sent;
    let saved = match (pane.editing, pane.draft.id.0 > 0) {
        // A sent email is history: never "draft · autosaved".
        (_, true) if sent => "went out · s sends again".to_string(),
        (true, _) => "typing · Esc stops".to_string(),
        (false, true) => format!("{} · autosaved", pane.draft.status.label()),
        (false, false) => "autosaves as you type".to_string(),
    };
    let title = match program {
        Some(p) => title(p, &saved, state, area.width as usize),
        None => " Draft ".to_string(),
    };
    let mut block = pane_block(Line::from(title), focused, theme);
    let shows_text = program.is_some() && pane.program.is_some() && !is_blank(pane);
    if shows_text {
        block = block.title_bottom(Line::from(word_count(pane)).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    state.areas.draft.set(PaneArea {
        outer: area,
        rows: inner,
        offset: 0,
    });
    if program.is_none() || pane.program.is_none() {
        frame.render_widget(
            Paragraph::new("Select a program to write its draft.").style(theme.dim()),
            inner,
        );
        return;
    }
    if !shows_text {
        let key = |command| state.keymap.key_for(KeyContext::Draft, &command);
        let mut hint = format!(
            "Empty. {} here, then {} to type notes or an email draft (it saves as you type), \
             or {} to compose one from a template.",
            key(Command::FocusNext),
            key(Command::EditDraft),
            key(Command::Compose)
        );
        // After a send the pane empties; it says what went and what next.
        if let Some(last) = state.log.sent.first() {
            let when = last
                .draft
                .sent_at
                .map(|at| format!(" on {}", crate::domain::sent::short_time(at)))
                .unwrap_or_default();
            hint = format!(
                "Sent “{}” to {}{when} (Enter on it in the contact log shows it). \
                 {} composes the next email; {} sends that one again.",
                super::text::clean(&last.draft.subject),
                super::text::clean(&last.draft.to),
                key(Command::Compose),
                key(Command::SendDraft)
            );
        }
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let full = inner.height >= FULL_FORM_MIN_ROWS;
    let form_rows = if full {
        DraftHeader::ALL.len() as u16 + 1
    } else {
        1
    };
    let [form_area, body_area] =
        Layout::vertical([Constraint::Length(form_rows), Constraint::Min(1)]).areas(inner);
    let lines = form_lines(state, focused && !pane.editing, full, inner.width, theme);
    frame.render_widget(Paragraph::new(lines), form_area);
    frame.render_widget(&pane.editor, body_area);
}

/// Nothing to show but the hint: an empty note, not being typed, with the
/// body selected.
fn is_blank(pane: &DraftPane) -> bool {
    !pane.editing && pane.editor.is_empty() && !pane.draft.is_email() && pane.header.is_none()
}

fn word_count(pane: &DraftPane) -> String {
    let n = pane.draft.word_count();
    format!(" {} ", crate::domain::plural::count(n, "word"))
}

/// The form's lines: every header and a rule under them, or (folded) the
/// selected header alone, To when the body is selected.
fn form_lines<'a>(
    state: &AppState,
    selectable: bool,
    full: bool,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let pane = &state.draft;
    let row = |header: DraftHeader| {
        let label = format!("{:>LABEL_WIDTH$} ", format!("{}:", header.label()));
        let room = (width as usize).saturating_sub(LABEL_WIDTH + 1);
        let value = header.shown(&pane.draft, &state.profile);
        if selectable && pane.header == Some(header) {
            Line::from(vec![
                Span::styled(label, theme.dim()),
                Span::styled(pad(&value, room), theme.selected(true)),
            ])
        } else {
            Line::from(vec![
                Span::styled(label, theme.dim()),
                Span::raw(fit(&value, room)),
            ])
        }
    };
    if !full {
        return vec![row(pane.header.unwrap_or(DraftHeader::To))];
    }
    let mut lines: Vec<Line> = DraftHeader::ALL.into_iter().map(row).collect();
    lines.push(Line::styled("─".repeat(width as usize), theme.dim()));
    lines
}
