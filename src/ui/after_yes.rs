//! The after-yes overlays (issue 19): the document shelf, a program's
//! application checklist and the budget, drawn from `AppState::plans`.
//! Dates are ISO here, whatever `date_format` says: the columns line up.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::text::pad;
use super::{Theme, pane_block};
use crate::app::AppState;
use crate::app::after_yes::{AfterYesView, lines};
use crate::domain::ProgramId;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    view: AfterYesView,
    scroll: usize,
    theme: &Theme,
) {
    // Below this many columns the tables drop what would wrap.
    let wide = area.width >= 100;
    let (title, body, cursor) = match view {
        // Refresh never opens an overlay (`plans_loaded`).
        AfterYesView::Documents | AfterYesView::Refresh => {
            let (body, row) = documents(state, scroll, wide, theme);
            (
                " Documents — a add · e edit · x remove · Esc close ".to_string(),
                body,
                row,
            )
        }
        AfterYesView::Budget => {
            let (body, row) = super::after_yes_budget::budget(state, scroll, wide, theme);
            (
                " Budget — t travel for the rotation · Esc close ".to_string(),
                body,
                row,
            )
        }
        AfterYesView::Checklist(program) => {
            let name = state.list.get(program).map_or("", |p| p.name.as_str());
            (
                if wide {
                    format!(" Checklist: {name} — Enter ticks as sent today · o decision · Esc ")
                } else {
                    format!(" {name} — Enter tick · o decision ")
                },
                checklist(state, program, scroll, wide, theme),
                Some(scroll),
            )
        }
    };
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    // The cursor stays on screen; a view without rows just scrolls.
    let offset = match cursor {
        Some(row) => (row + 2).saturating_sub(usize::from(inner.height)),
        None => scroll.min(body.len().saturating_sub(1)),
    };
    let offset = u16::try_from(offset).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(body)
            .wrap(Wrap { trim: false })
            .scroll((offset, 0)),
        inner,
    );
}

/// The shelf, a row per document with a cursor (`e`, `x` act on it), and
/// the screen row the cursor is on.
fn documents<'a>(
    state: &'a AppState,
    scroll: usize,
    wide: bool,
    theme: &Theme,
) -> (Vec<Line<'a>>, Option<usize>) {
    let plans = &state.plans;
    if plans.documents.is_empty() {
        let empty = Line::styled(
            "No documents yet: a adds one (or usce docs add \"TB test\" --obtained 2026-09-01)",
            theme.dim(),
        );
        return (vec![empty], None);
    }
    let cursor = scroll.min(plans.documents.len() - 1);
    let mut out = vec![Line::styled(
        format!(
            " {}  {}  {}  {}",
            pad("KIND", 24),
            pad("OBTAINED", 10),
            pad("EXPIRES", 11),
            if wide { "FILE" } else { "" }
        ),
        theme.title(),
    )];
    for (i, d) in plans.documents.iter().enumerate() {
        let expiry = match (d.expiry(), d.expiry_is_typed()) {
            (None, _) => "—".to_string(),
            (Some(e), true) => e.to_string(),
            (Some(e), false) => format!("{e}*"),
        };
        let lapsed = !d.valid_on(state.today);
        let obtained = d.obtained.map_or("—".to_string(), |o| o.to_string());
        let file = if wide { d.path.as_str() } else { "" };
        // The cursor has a mark of its own: the row is found without colour.
        let pointer = if i == cursor { "›" } else { " " };
        let row = format!(
            "{pointer}{}  {}  {}  {file}",
            pad(d.kind.label(), 24),
            pad(&obtained, 10),
            pad(&expiry, 11)
        );
        out.push(if i == cursor {
            Line::styled(row, theme.selected(true))
        } else if lapsed {
            Line::styled(row, theme.error())
        } else {
            Line::from(row)
        });
    }
    out.push(Line::styled(
        "* derived from the kind's default validity: check each program's own rule",
        theme.dim(),
    ));
    let warnings = plans.warnings(state.list.programs(), state.today, state.warn_days);
    out.push(Line::from(""));
    if warnings.is_empty() {
        out.push(Line::styled(
            "Nothing expires before a rotation or a deadline.",
            theme.done(),
        ));
    }
    for w in warnings {
        let program = w
            .program
            .and_then(|id| state.list.get(id))
            .map(|p| p.name.as_str());
        let text = match program {
            Some(name) => format!("⚠ {name}: {}", w.describe()),
            None => format!("⚠ {}", w.describe()),
        };
        out.push(Line::styled(text, theme.error()));
    }
    (out, Some(cursor + 1))
}

fn checklist<'a>(
    state: &'a AppState,
    program: ProgramId,
    cursor: usize,
    wide: bool,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let Some(p) = state.list.get(program) else {
        return vec![Line::styled("That program is gone.", theme.dim())];
    };
    let rows = lines(state, program);
    let mut out = Vec::new();
    if rows.is_empty() {
        out.push(Line::styled(
            "The program states no required documents: add them to its Required documents field.",
            theme.dim(),
        ));
    }
    for (i, line) in rows.iter().enumerate() {
        let mark = if line.is_done() { "[x]" } else { "[ ]" };
        let sent = line
            .item
            .and_then(|item| item.sent_on)
            .map_or(String::new(), |d| format!("sent {d}"));
        let on = if wide { "on the shelf, " } else { "" };
        let shelf = match line.on_shelf {
            Some(d) if !d.valid_on(state.today) => format!("{on}expired"),
            Some(d) => d
                .expiry()
                .map_or("on the shelf".to_string(), |e| format!("{on}until {e}")),
            None => "not on the shelf".to_string(),
        };
        // The cursor has a mark of its own: the row is found without colour.
        let pointer = if i == cursor { "›" } else { " " };
        let text = format!(
            "{pointer}{mark} {}  {}  {shelf}",
            pad(line.kind.label(), 24),
            pad(&sent, 16)
        );
        let style = if i == cursor {
            theme.selected(true)
        } else if line.is_done() {
            theme.done()
        } else {
            ratatui::style::Style::default()
        };
        out.push(Line::styled(text, style));
    }
    let done = rows.iter().filter(|l| l.is_done()).count();
    out.push(Line::from(""));
    out.push(Line::styled(
        format!("{done} of {} sent", rows.len()),
        theme.title(),
    ));
    let terms = [
        ("Deadline", &p.application.deadline),
        ("Application fee", &p.application.application_fee),
        ("Rotation fee", &p.rotation.fee),
        ("Housing", &p.application.housing),
        ("Onboarding", &p.application.onboarding_notes),
    ];
    for (label, value) in terms.into_iter().filter(|(_, v)| !v.trim().is_empty()) {
        out.push(Line::from(vec![
            Span::styled(format!("{label}: "), theme.dim()),
            Span::raw(value.replace('\n', " · ")),
        ]));
    }
    out
}
