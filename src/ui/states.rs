//! The states overview (`T`): how far the applicant got in each state,
//! which are done, and where to go next. Home first, as the guides advise.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, pad};
use super::{Theme, centered, pane_block};
use crate::app::AppState;
use crate::domain::UsState;
use crate::domain::states_overview::StateRow;

/// (heading, width) of the count columns, each right-aligned.
const COLUMNS: [(&str, usize); 5] = [
    ("Listed", 6),
    ("Reviewed", 8),
    ("Fits", 4),
    ("Contacted", 9),
    ("Replied", 7),
];
const DONE_WIDTH: usize = 6;
/// Columns besides the state's name: counts and done, two spaces apart.
const FIXED_WIDTH: usize = 6 + 8 + 4 + 9 + 7 + DONE_WIDTH + 2 * 6 + 1;
const NAME_WIDTH: usize = 30;
const NAME_MIN_WIDTH: usize = 7;
/// Lines that are not state rows: heading, blank, next, border.
const CHROME: usize = 5;

pub fn render(
    frame: &mut Frame,
    screen: Rect,
    state: &AppState,
    selected: usize,
    rows: &[StateRow],
    next: &[UsState],
    theme: &Theme,
) {
    let height = (rows.len() + CHROME).min(screen.height as usize) as u16;
    let area = centered(screen, 90, 100);
    let width = (FIXED_WIDTH + NAME_WIDTH + 2).min(area.width as usize) as u16;
    let area = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    let inner_w = area.width.saturating_sub(2) as usize;
    let name_w = inner_w
        .saturating_sub(FIXED_WIDTH)
        .clamp(NAME_MIN_WIDTH, NAME_WIDTH);
    let visible = (height as usize).saturating_sub(CHROME);
    let offset = (selected + 1).saturating_sub(visible);
    let home = state.profile.home_state;

    let mut heading = format!(" {}", pad("State", name_w));
    for (label, w) in COLUMNS {
        heading.push_str(&format!("  {label:>w$}"));
    }
    heading.push_str(&format!("  {:<DONE_WIDTH$}", "Done"));
    let mut lines = vec![Line::styled(heading, theme.title())];
    lines.extend(
        rows.iter()
            .enumerate()
            .skip(offset)
            .take(visible)
            .map(|(i, row)| {
                let line = row_line(row, Some(row.state) == home, state, name_w, theme);
                if i == selected {
                    line.style(theme.selected(true))
                } else {
                    line
                }
            }),
    );
    lines.push(Line::from(""));
    lines.push(next_line(next, inner_w, theme));

    let done = rows
        .iter()
        .filter(|r| state.states_done.contains(&r.state))
        .count();
    let title = format!(
        " States — {done} of {} done · x done · Enter go · Esc close ",
        rows.len()
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(Line::from(title), true, theme)),
        area,
    );
}

fn row_line(
    row: &StateRow,
    is_home: bool,
    state: &AppState,
    name_w: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut name = format!("{} {}", row.state.code(), row.state.name());
    if is_home {
        name.push_str(" · home");
    }
    let counts = [
        row.listed,
        row.reviewed,
        row.fits,
        row.contacted,
        row.replied,
    ];
    let mut text = format!(" {}", pad(&name, name_w));
    for ((_, w), n) in COLUMNS.iter().zip(counts) {
        text.push_str(&format!("  {n:>w$}"));
    }
    let mut spans = vec![Span::raw(text), Span::raw("  ")];
    if state.states_done.contains(&row.state) {
        spans.push(Span::styled(pad("✓ done", DONE_WIDTH), theme.done()));
    } else {
        spans.push(Span::raw(" ".repeat(DONE_WIDTH)));
    }
    Line::from(spans)
}

fn next_line(next: &[UsState], width: usize, theme: &Theme) -> Line<'static> {
    let text = if next.is_empty() {
        "Every state with programs is done.".to_string()
    } else {
        let codes: Vec<&str> = next.iter().map(|s| s.code()).collect();
        format!("Next: {}", codes.join(", "))
    };
    Line::styled(fit(&format!(" {text}"), width), theme.key())
}
