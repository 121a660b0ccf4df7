//! The form view: every field of a program, contact, log entry or the
//! profile, one per line, editable in place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, pad};
use super::{Theme, pane_block};
use crate::app::forms::{self, Form, FormTarget};
use crate::app::{AppState, InputPurpose};
use crate::domain::Profile;
use crate::domain::fit::Fit;

const LABEL_WIDTH: usize = 24;
/// From this inner width the fit panel sits beside the fields.
const SIDE_PANEL_WIDTH: u16 = 96;

/// Where the fit panel goes: beside the fields, below them when the form
/// has lines to spare, else only a summary line under them.
enum FitPlace {
    Beside(Rect),
    Below(Rect),
    Summary(Rect),
}

fn place_fit(inner: Rect, fields: usize, fit: &Fit, no_profile: bool) -> (Rect, FitPlace) {
    if inner.width >= SIDE_PANEL_WIDTH {
        let [fields, _, panel] = Layout::horizontal([
            Constraint::Percentage(60),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        return (fields, FitPlace::Beside(panel));
    }
    let needed = super::fit::panel_height(fit, no_profile, inner.width);
    let spare = usize::from(inner.height).saturating_sub(fields);
    let below = if spare >= needed {
        Constraint::Length(needed as u16)
    } else {
        Constraint::Length(1)
    };
    let [fields, rest] = Layout::vertical([Constraint::Fill(1), below]).areas(inner);
    let place = if spare >= needed {
        FitPlace::Below(rest)
    } else {
        FitPlace::Summary(rest)
    };
    (fields, place)
}

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, form: Form, theme: &Theme) {
    let Some((title, rows)) = forms::rows(state, form.target) else {
        return;
    };
    let title = format!(
        " {} — Enter edits, Esc closes ",
        fit(&title, (area.width as usize).saturating_sub(30))
    );
    let block = pane_block(Line::from(title), state.popup.is_none(), theme);
    let mut inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if let FormTarget::Program(id) = form.target {
        let program = state.list.get(id);
        if let Some(fit) = program.map(|p| state.list.fit_of(p)) {
            let no_profile = state.profile == Profile::default();
            let (fields, place) = place_fit(inner, rows.len(), &fit, no_profile);
            inner = fields;
            match place {
                FitPlace::Beside(area) => {
                    super::fit::panel(frame, area, &fit, no_profile, true, theme)
                }
                FitPlace::Below(area) => {
                    super::fit::panel(frame, area, &fit, no_profile, false, theme)
                }
                FitPlace::Summary(area) => {
                    frame.render_widget(super::fit::summary(&fit, area.width as usize, theme), area)
                }
            }
        }
    }
    let height = inner.height as usize;
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
    let editing = editing_input(state, form);
    let mut lines: Vec<Line> = Vec::with_capacity(rows.len() + 2);
    // The last line that belongs to the selected field (its error too).
    let mut selected_end = 0;
    for (i, row) in rows.iter().enumerate() {
        let typed = editing.filter(|_| i == form.selected);
        let mut value = match typed {
            // The field being typed shows the text as it stands.
            Some(input) => format!("{}▏", input.value()),
            None if row.value.is_empty() => "—".to_string(),
            None => row.value.clone(),
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
        lines.push(if i == form.selected {
            line.style(theme.selected(true))
        } else {
            line
        });
        if i == form.selected {
            if let Some(why) = typed.and_then(|input| input.error.as_deref()) {
                lines.extend(refusal_lines(why, inner.width as usize, theme));
            }
            selected_end = lines.len();
        }
    }
    // Keep the selected field (and its error) visible on short terminals.
    let offset = selected_end.saturating_sub(height);
    let lines: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The open input when it is typing the selected field of this form.
fn editing_input(state: &AppState, form: Form) -> Option<&crate::app::Input> {
    state.input.as_ref().filter(|input| {
        matches!(input.purpose, InputPurpose::EditField { target, index }
            if target == form.target && index == form.selected)
    })
}

/// Why the typed text was refused, under the field, indented to its value
/// and wrapped (at most three lines).
fn refusal_lines(why: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let indent = " ".repeat(LABEL_WIDTH + 1);
    let text_w = width.saturating_sub(LABEL_WIDTH + 3).max(10);
    let mut out = Vec::new();
    let mut current = String::new();
    for word in super::text::clean(why).split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > text_w {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
    out.truncate(3);
    out.into_iter()
        .enumerate()
        .map(|(i, text)| {
            let mark = if i == 0 { "✗ " } else { "  " };
            Line::from(vec![
                Span::raw(indent.clone()),
                Span::styled(format!("{mark}{text}"), theme.error()),
            ])
        })
        .collect()
}
