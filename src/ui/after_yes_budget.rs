//! The budget overlay (`$`): a row per planned or booked rotation with
//! its fees, housing and travel, a cursor for `t` (travel), then the
//! totals per month and overall. Split from `after_yes` for length.

use ratatui::text::Line;

use super::Theme;
use super::text::pad;
use crate::app::AppState;
use crate::domain::budget::{Budget, BudgetLine};

/// The budget, a row per rotation with a cursor (`t` types its travel),
/// and the screen row the cursor is on.
pub fn budget<'a>(
    state: &'a AppState,
    scroll: usize,
    wide: bool,
    theme: &Theme,
) -> (Vec<Line<'a>>, Option<usize>) {
    let plans = &state.plans;
    let b = plans.budget(state.list.programs());
    if b.lines.is_empty() {
        let empty = Line::styled(
            "Nothing planned yet: record a rotation (L) or mark a program applied.",
            theme.dim(),
        );
        return (vec![empty], None);
    }
    let cursor = scroll.min(b.lines.len() - 1);
    let cur = match state.currency.as_str() {
        "" => "USD",
        code => code,
    };
    if !wide {
        return narrow_budget(state, &b, cursor, cur, theme);
    }
    let mut out = vec![Line::styled(
        format!(
            " {}  {}  {:>5}  {:>9}  {:>9}  {:>9}  {:>9}  {:>10}",
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
    let mut row = None;
    for (i, line) in b.lines.iter().enumerate() {
        if i == cursor {
            row = Some(out.len());
        }
        out.extend(budget_line(state, line, i == cursor, cur, theme));
    }
    out.extend(totals(&b, cur, theme));
    (out, row)
}

fn budget_line<'a>(
    state: &AppState,
    line: &BudgetLine,
    selected: bool,
    cur: &str,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let name = state
        .list
        .get(line.program_id)
        .map_or("?", |p| p.name.as_str());
    let start = line
        .start
        .map_or("not booked".to_string(), |d| d.to_string());
    let text = format!(
        "{}{}  {}  {:>5}  {:>9}  {:>9}  {:>9}  {:>9}  {:>10}",
        pointer(selected),
        pad(name, 26),
        pad(&start, 10),
        line.weeks,
        line.application_fee.show(cur),
        line.rotation_fee.show(cur),
        line.housing.show(cur),
        line.travel.show(cur),
        line.total().show(cur)
    );
    let mut out = vec![row_line(text, selected, theme)];
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
    b: &Budget,
    cursor: usize,
    cur: &str,
    theme: &Theme,
) -> (Vec<Line<'a>>, Option<usize>) {
    let mut out = vec![Line::styled(
        format!(
            " {}  {}  {:>10}",
            pad("PROGRAM", 40),
            pad("START", 10),
            "TOTAL"
        ),
        theme.title(),
    )];
    let mut row = None;
    for (i, line) in b.lines.iter().enumerate() {
        if i == cursor {
            row = Some(out.len());
        }
        let name = state
            .list
            .get(line.program_id)
            .map_or("?", |p| p.name.as_str());
        let start = line
            .start
            .map_or("not booked".to_string(), |d| d.to_string());
        let text = format!(
            "{}{}  {}  {:>10}",
            pointer(i == cursor),
            pad(name, 40),
            pad(&start, 10),
            line.total().show(cur)
        );
        out.push(row_line(text, i == cursor, theme));
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
    out.extend(totals(b, cur, theme));
    (out, row)
}

/// The totals under the rotations, per month then overall: the same in
/// the wide and the narrow layout.
fn totals<'a>(b: &Budget, cur: &str, theme: &Theme) -> Vec<Line<'a>> {
    let mut out = vec![Line::from("")];
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

/// The cursor has a mark of its own: the row is found without colour.
fn pointer(selected: bool) -> &'static str {
    if selected { "›" } else { " " }
}

fn row_line<'a>(text: String, selected: bool, theme: &Theme) -> Line<'a> {
    if selected {
        Line::styled(text, theme.selected(true))
    } else {
        Line::from(text)
    }
}
