//! The pipeline board: a column per status with counts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::text::fit;
use super::{Theme, pane_block};
use crate::app::AppState;
use crate::app::board::columns;
use crate::domain::Status;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    column: usize,
    row: usize,
    theme: &Theme,
) {
    let title = " Pipeline — h/l column · j/k program · </> move status · Enter open · Esc close ";
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let cols = columns(state);
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
        let offset = if focused {
            (row + 1).saturating_sub(height)
        } else {
            0
        };
        let width = body.width as usize;
        let lines: Vec<Line> = cols[c]
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(r, &i)| {
                let p = &state.list.programs()[i];
                // Columns are narrow: readiness goes before the name, where
                // it is not cut off ("KY docs 2/4 · TB expires… Cumberland").
                let card = match crate::app::after_yes::readiness_line(state, p) {
                    Some(ready) => format!("{} {ready} · {}", p.state.code(), p.name),
                    None => format!("{} {}", p.state.code(), p.name),
                };
                let line = Line::from(fit(&card, width));
                if focused && r == row {
                    line.style(theme.selected(true))
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }
}
