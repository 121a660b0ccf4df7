//! The program detail view: every field, one per line, editable in place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, pad};
use super::{Theme, pane_block};
use crate::app::{AppState, Detail};
use crate::domain::fields::Field;

const LABEL_WIDTH: usize = 24;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, detail: Detail, theme: &Theme) {
    let Some(p) = state
        .list
        .programs()
        .iter()
        .find(|p| p.id == detail.program)
    else {
        return;
    };
    let title = format!(
        " {} — Enter edits, Esc closes ",
        fit(&p.name, (area.width as usize).saturating_sub(30))
    );
    let block = pane_block(Line::from(title), state.popup.is_none(), theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    // Keep the selected field visible on short terminals.
    let offset = (detail.selected + 1).saturating_sub(height);
    let value_w = (inner.width as usize).saturating_sub(LABEL_WIDTH + 1);
    let lines: Vec<Line> = Field::ALL
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, field)| {
            let mut value = field.get(p);
            if value.is_empty() {
                value = "—".to_string();
            }
            if field.is_choice() {
                value.push_str("  ⟳");
            }
            let style = if *field == Field::Status {
                theme.status(p.status)
            } else {
                Default::default()
            };
            let line = Line::from(vec![
                Span::styled(pad(field.label(), LABEL_WIDTH), theme.dim()),
                Span::raw(" "),
                Span::styled(fit(&value, value_w), style),
            ]);
            if i == detail.selected {
                line.style(theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
