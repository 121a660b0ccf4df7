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
use crate::domain::budget::BudgetLine;

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
        AfterYesView::Documents | AfterYesView::Refresh => (
            " Documents — a add · j/k scroll · Esc close ".to_string(),
            documents(state, wide, theme),
            None,
        ),
        AfterYesView::Budget => (
            " Budget — j/k scroll · Esc close (usce budget --travel ID=AMOUNT) ".to_string(),
            budget(state, wide, theme),
            None,
        ),
        AfterYesView::Checklist(program) => {
            let name = state.plans.program(program).map_or("", |p| p.name.as_str());
            (
                if wide {
                    format!(" Checklist: {name} — Enter ticks as sent today · Esc close ")
                } else {
                    format!(" {name} — Enter ticks · Esc ")
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
    // The checklist keeps its cursor on screen; the others scroll.
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

fn documents<'a>(state: &'a AppState, wide: bool, theme: &Theme) -> Vec<Line<'a>> {
    let plans = &state.plans;
    if plans.documents.is_empty() {
        return vec![Line::styled(
            "No documents yet. Add one: usce docs add \"TB test\" --obtained 2026-09-01",
            theme.dim(),
        )];
    }
    let mut out = vec![Line::styled(
        format!(
            "{}  {}  {}  {}",
            pad("KIND", 24),
            pad("OBTAINED", 10),
            pad("EXPIRES", 11),
            if wide { "FILE" } else { "" }
        ),
        theme.title(),
    )];
    for d in &plans.documents {
        let expiry = match (d.expiry(), d.expiry_is_typed()) {
            (None, _) => "—".to_string(),
            (Some(e), true) => e.to_string(),
            (Some(e), false) => format!("{e}*"),
        };
        let lapsed = !d.valid_on(state.today);
        let obtained = d.obtained.map_or("—".to_string(), |o| o.to_string());
        let file = if wide { d.path.as_str() } else { "" };
        let row = format!(
            "{}  {}  {}  {file}",
            pad(d.kind.label(), 24),
            pad(&obtained, 10),
            pad(&expiry, 11)
        );
        out.push(if lapsed {
            Line::styled(row, theme.error())
        } else {
            Line::from(row)
        });
    }
    out.push(Line::styled(
        "* derived from the kind's default validity: check each program's own rule",
        theme.dim(),
    ));
    let warnings = plans.warnings(state.today, state.warn_days);
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
            .and_then(|id| plans.program(id))
            .map(|p| p.name.as_str());
        let text = match program {
            Some(name) => format!("⚠ {name}: {}", w.describe()),
            None => format!("⚠ {}", w.describe()),
        };
        out.push(Line::styled(text, theme.error()));
    }
    out
}

fn checklist<'a>(
    state: &'a AppState,
    program: ProgramId,
    cursor: usize,
    wide: bool,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let plans = &state.plans;
    let Some(p) = plans.program(program) else {
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

fn budget<'a>(state: &'a AppState, wide: bool, theme: &Theme) -> Vec<Line<'a>> {
    let plans = &state.plans;
    let b = plans.budget();
    if b.lines.is_empty() {
        return vec![Line::styled(
            "Nothing planned yet: record a rotation (L) or mark a program applied.",
            theme.dim(),
        )];
    }
    let cur = match state.currency.as_str() {
        "" => "USD",
        code => code,
    };
    if !wide {
        return narrow_budget(state, &b, cur, theme);
    }
    let mut out = vec![Line::styled(
        format!(
            "{}  {}  {:>5}  {:>9}  {:>9}  {:>9}  {:>9}  {:>10}",
            pad("PROGRAM", 26),
            pad("START", 10),
            "WEEKS",
            "APPLY",
            "FEE",
            "HOUSING",
            "TRAVEL",
            "TOTAL"
        ),
        theme.title(),
    )];
    for line in &b.lines {
        out.extend(budget_line(state, line, cur, theme));
    }
    out.push(Line::from(""));
    for (month, total) in &b.by_month {
        out.push(Line::from(format!(
            "{}  {:>10}",
            pad(month, 11),
            total.show(cur)
        )));
    }
    out.push(Line::styled(
        format!("{}  {:>10}", pad("total", 11), b.total.show(cur)),
        theme.title(),
    ));
    out
}

fn budget_line<'a>(state: &AppState, line: &BudgetLine, cur: &str, theme: &Theme) -> Vec<Line<'a>> {
    let name = state
        .plans
        .program(line.program_id)
        .map_or("?", |p| p.name.as_str());
    let start = line
        .start
        .map_or("not booked".to_string(), |d| d.to_string());
    let mut out = vec![Line::from(format!(
        "{}  {}  {:>5}  {:>9}  {:>9}  {:>9}  {:>9}  {:>10}",
        pad(name, 26),
        pad(&start, 10),
        line.weeks,
        line.application_fee.show(cur),
        line.rotation_fee.show(cur),
        line.housing.show(cur),
        line.travel.show(cur),
        line.total().show(cur)
    ))];
    if !line.unknown.is_empty() {
        out.push(Line::styled(
            format!("    not stated: {}", line.unknown.join(", ")),
            theme.dim(),
        ));
    }
    out
}

/// The budget in 80 columns: a line per rotation with its total, the
/// parts on the line below.
fn narrow_budget<'a>(
    state: &AppState,
    b: &crate::domain::budget::Budget,
    cur: &str,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut out = vec![Line::styled(
        format!(
            "{}  {}  {:>10}",
            pad("PROGRAM", 40),
            pad("START", 10),
            "TOTAL"
        ),
        theme.title(),
    )];
    for line in &b.lines {
        let name = state
            .plans
            .program(line.program_id)
            .map_or("?", |p| p.name.as_str());
        let start = line
            .start
            .map_or("not booked".to_string(), |d| d.to_string());
        out.push(Line::from(format!(
            "{}  {}  {:>10}",
            pad(name, 40),
            pad(&start, 10),
            line.total().show(cur)
        )));
        let mut parts = format!(
            "    {} wk · apply {} · fee {} · housing {} · travel {}",
            line.weeks,
            line.application_fee.show(cur),
            line.rotation_fee.show(cur),
            line.housing.show(cur),
            line.travel.show(cur)
        );
        if !line.unknown.is_empty() {
            parts.push_str(&format!(" · not stated: {}", line.unknown.join(", ")));
        }
        out.push(Line::styled(parts, theme.dim()));
    }
    out.push(Line::from(""));
    for (month, total) in &b.by_month {
        out.push(Line::from(format!(
            "{}  {:>10}",
            pad(month, 11),
            total.show(cur)
        )));
    }
    out.push(Line::styled(
        format!("{}  {:>10}", pad("total", 11), b.total.show(cur)),
        theme.title(),
    ));
    out
}
