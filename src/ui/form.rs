//! The form view: every field of a program, contact, log entry or the
//! profile, one per line, editable in place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, pad};
use super::{Theme, pane_block};
use crate::app::AppState;
use crate::app::forms::{self, Form, FormTarget};

const LABEL_WIDTH: usize = 24;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, form: Form, theme: &Theme) {
    let Some((title, rows)) = forms::rows(state, form.target) else {
        return;
    };
    let title = format!(
        " {} — Enter edits, Esc closes ",
        fit(&title, (area.width as usize).saturating_sub(30))
    );
    let block = pane_block(Line::from(title), state.popup.is_none(), theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    // Keep the selected field visible on short terminals.
    let offset = (form.selected + 1).saturating_sub(height);
    let value_w = (inner.width as usize).saturating_sub(LABEL_WIDTH + 1);
    let status = match form.target {
        FormTarget::Program(id) => state
            .list
            .programs()
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.status),
        _ => None,
    };
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let mut value = if row.value.is_empty() {
                "—".to_string()
            } else {
                row.value.clone()
            };
            if row.choice {
                value.push_str("  ⟳");
            }
            let style = match (row.label, status) {
                ("Status", Some(s)) => theme.status(s),
                _ => Default::default(),
            };
            let line = Line::from(vec![
                Span::styled(pad(row.label, LABEL_WIDTH), theme.dim()),
                Span::raw(" "),
                Span::styled(fit(&value, value_w), style),
            ]);
            if i == form.selected {
                line.style(theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
