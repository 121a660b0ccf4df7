//! The pipeline board: a column per status with counts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::{fit, pad, wrap};
use super::{Theme, pane_block};
use crate::app::AppState;
use crate::app::board::columns;
use crate::domain::{Program, Status};

/// Lines a card takes.
const CARD_LINES: usize = 2;
/// The narrowest a column with cards gets.
const COLUMN: u16 = 12;
/// An empty column that is not selected holds nothing to read: it keeps
/// its symbol and count ("✗ 0 no…") and gives its width to the others.
const EMPTY_COLUMN: u16 = 7;

fn is_narrow(cols: &[Vec<usize>], c: usize, selected: usize) -> bool {
    c != selected && cols[c].is_empty()
}

/// The columns that fit in `width`: the selected one, then its
/// neighbours, one to the right and one to the left in turn, as long as
/// each still gets its least width.
fn window(cols: &[Vec<usize>], selected: usize, width: u16) -> std::ops::Range<usize> {
    let least = |c: usize| {
        if is_narrow(cols, c, selected) {
            EMPTY_COLUMN
        } else {
            COLUMN
        }
    };
    let selected = selected.min(cols.len().saturating_sub(1));
    let (mut first, mut end) = (selected, selected + 1);
    let mut used = least(selected);
    loop {
        let mut grew = false;
        if end < cols.len() && used + 1 + least(end) <= width {
            used += 1 + least(end);
            end += 1;
            grew = true;
        }
        if first > 0 && used + 1 + least(first - 1) <= width {
            used += 1 + least(first - 1);
            first -= 1;
            grew = true;
        }
        if !grew {
            return first..end;
        }
    }
}

/// A card: the name's start on the first line, the state and the rest of
/// the name (cut) on the second.
fn card(p: &Program, width: usize) -> Vec<Line<'static>> {
    let lines = wrap(&p.name, width);
    let first = lines.first().cloned().unwrap_or_default();
    let rest = lines.get(1..).map(|l| l.join(" ")).unwrap_or_default();
    let code = p.state.code();
    let second = fit(&format!("{code} {rest}"), width);
    vec![
        Line::from(pad(&first, width)),
        Line::from(pad(&second, width)),
    ]
}

/// The bottom border: the selected program in full, with where to read more.
fn selected_line(p: &Program, width: usize) -> String {
    let mut text = format!(" {} · {}", p.state.code(), p.name);
    for part in [&p.city, &p.specialty] {
        if !part.is_empty() {
            text.push_str(" · ");
            text.push_str(part);
        }
    }
    text.push_str(" · Enter opens it ");
    fit(&text, width.saturating_sub(2))
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    column: usize,
    row: usize,
    theme: &Theme,
) {
    let title = " Pipeline — h/l column · j/k program · </> move status · Enter open · Esc close ";
    let cols = columns(state);
    let mut block = pane_block(Line::from(title), true, theme);
    let chosen = cols.get(column).and_then(|c| c.get(row));
    if let Some(p) = chosen.map(|&i| &state.list.programs()[i]) {
        block = block.title_bottom(Line::from(selected_line(p, area.width as usize)));
    }
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let shown = window(&cols, column, inner.width);
    let widths = shown.clone().map(|c| {
        if is_narrow(&cols, c, column) {
            Constraint::Length(EMPTY_COLUMN)
        } else {
            Constraint::Fill(1)
        }
    });
    let areas = Layout::horizontal(widths).spacing(1).split(inner);
    for (slot, c) in shown.enumerate() {
        let status = Status::ALL[c];
        let focused = c == column;
        let head = format!("{} {} {}", status.symbol(), cols[c].len(), status.label());
        let head = fit(&head, areas[slot].width as usize);
        let b = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.border(focused))
            .title(Line::styled(head, theme.status(status)));
        let area = areas[slot];
        let body = b.inner(area);
        frame.render_widget(b, area);
        let height = body.height as usize;
        let width = body.width as usize;
        // Two lines a card: a name keeps 20-odd characters in a column of
        // 12 (more once empty columns give up their width), and the
        // selected card is spelled out in full below.
        let cards = height / CARD_LINES;
        let offset = if focused {
            (row + 1).saturating_sub(cards)
        } else {
            0
        };
        let lines: Vec<Line> = cols[c]
            .iter()
            .enumerate()
            .skip(offset)
            .take(cards)
            .flat_map(|(r, &i)| {
                let p = &state.list.programs()[i];
                let style = if focused && r == row {
                    theme.selected(true)
                } else {
                    Style::new()
                };
                card(p, width)
                    .into_iter()
                    .map(move |l| l.patch_style(style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }
}
