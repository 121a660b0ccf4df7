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
    // On narrow screens show the selected column with its neighbours.
    let fit_cols = (inner.width / 12).clamp(1, Status::ALL.len() as u16) as usize;
    let first = column
        .saturating_sub(fit_cols / 2)
        .min(Status::ALL.len() - fit_cols);
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, fit_cols as u32); fit_cols])
        .spacing(1)
        .split(inner);
    for (slot, c) in (first..first + fit_cols).enumerate() {
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
        // 12, and the selected card is spelled out in full below.
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
