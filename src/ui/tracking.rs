//! Rotations and letters of recommendation, with progress toward the
//! three letters from U.S. physicians the Match asks for.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::text::fit;
use super::{Theme, pane_block};
use crate::app::AppState;
use crate::app::tracking::{TrackRow, progress, rows};
use crate::domain::letter::LETTERS_NEEDED;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, selected: usize, theme: &Theme) {
    let p = progress(state);
    let title = format!(
        " Rotations & letters — {}/{LETTERS_NEEDED} letters from U.S. physicians · r rotation · a letter · Enter edit · d delete · Esc ",
        p.received_from_us_physicians
    );
    let block = pane_block(Line::from(title), state.form.is_none(), theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let name = |id| {
        state
            .list
            .programs()
            .iter()
            .find(|p| Some(p.id) == id)
            .map_or("", |p| p.name.as_str())
    };
    let mut lines = vec![Line::styled("Rotations", theme.title())];
    if state.rotations.is_empty() {
        lines.push(Line::styled(
            "  none yet — select a program in the list, then r",
            theme.dim(),
        ));
    }
    let mut letters_heading_done = false;
    for (i, row) in rows(state).into_iter().enumerate() {
        let text = match row {
            TrackRow::Rotation(r) => {
                let r = &state.rotations[r];
                format!(
                    "  {} → {}  {:<13} {}  {}",
                    r.start,
                    r.end,
                    r.kind.label(),
                    if r.hands_on { "hands-on" } else { "observing" },
                    name(Some(r.program_id))
                )
            }
            TrackRow::Letter(l) => {
                if !letters_heading_done {
                    lines.push(Line::styled("Letters of recommendation", theme.title()));
                    letters_heading_done = true;
                }
                let l = &state.letters[l];
                let status = match (l.received_on, l.uploaded_to_eras) {
                    (_, true) => "uploaded to ERAS".to_string(),
                    (Some(d), false) => format!("received {d}"),
                    (None, false) => l
                        .requested_on
                        .map_or("to ask".into(), |d| format!("requested {d}")),
                };
                let us = if l.writer_is_us_physician {
                    "U.S."
                } else {
                    "non-U.S."
                };
                format!(
                    "  {:<28} {us:<8} {status:<20} {}",
                    fit(&l.writer, 28),
                    name(l.program_id)
                )
            }
        };
        let line = Line::from(fit(&text, width));
        lines.push(if i == selected {
            line.style(theme.selected(state.form.is_none()))
        } else {
            line
        });
    }
    if !letters_heading_done {
        lines.push(Line::styled("Letters of recommendation", theme.title()));
        lines.push(Line::styled(
            "  none yet — a adds one (the Match needs three from U.S. physicians)",
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
