//! The import preview's mapping step: the summary, every source column
//! with what it maps to (and which came from a saved mapping or a pick),
//! the warnings under them, and the field picker on top when it is open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::text::{clean, wrap};
use super::{Theme, pane_block, popup};
use crate::app::import_review::{ImportReview, picker_entries};
use crate::import::mapping::{Choice, describe, parse_field};

pub fn render(frame: &mut Frame, area: Rect, review: &ImportReview, theme: &Theme) {
    let preview = &review.preview;
    let name = preview.path.file_name().map_or_else(
        || preview.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let summary = preview.summary.as_deref().unwrap_or_default();
    // The confirmation's own title: the question is the same one. A
    // refused file keeps the title of the list of its problems.
    let refused = preview.summary.is_none();
    let (title, first) = if refused {
        (
            format!(" Nothing imported: fix these lines in {} ", clean(&name)),
            " Nothing can be imported yet: fix the file, or a column's mapping (m)".to_string(),
        )
    } else {
        (
            " Are you sure? ".to_string(),
            format!(" Import {}: {}?", clean(&name), clean(summary)),
        )
    };
    let inner = usize::from(area.width.saturating_sub(2));
    let mut lines = vec![Line::from(first)];
    if preview.used_saved {
        lines.push(Line::styled(
            " Using the mapping saved for these headers (marked saved).",
            theme.info(),
        ));
    }
    if let Some(state) = preview.request.state {
        lines.push(Line::styled(
            format!(" Every row's state: {} ({})", state.name(), state.code()),
            theme.info(),
        ));
    }
    let header_width = preview
        .columns
        .iter()
        .map(|c| clean(&c.header).width() + 2)
        .max()
        .unwrap_or(0)
        .min(inner / 3);
    // Borders, the keys' line and two lines of warnings stay on screen.
    let visible_columns = usize::from(area.height.saturating_sub(5))
        .saturating_sub(lines.len())
        .max(1);
    let offset = (review.selected + 1).saturating_sub(visible_columns);
    let in_view = preview.columns.iter().enumerate().skip(offset);
    for (i, column) in in_view.take(visible_columns) {
        let style = if i == review.selected {
            theme.selected(true)
        } else {
            Style::new()
        };
        let header = cut(&format!("{:?}", clean(&column.header)), header_width);
        let pad = header_width.saturating_sub(header.width());
        let mark = if i == review.selected { "▸" } else { " " };
        let mut spans = vec![
            Span::raw(format!("{mark}{header}{} → ", " ".repeat(pad))),
            Span::raw(clean(&column.target)),
        ];
        if !column.by.is_empty() {
            spans.push(Span::styled(format!("  ({})", column.by), theme.info()));
        }
        lines.push(Line::from(spans).style(style));
    }
    let mut keys = vec![
        Span::raw(" "),
        Span::styled("m", theme.key()),
        Span::raw(" change the selected column's mapping   "),
    ];
    if !refused {
        keys.extend([Span::styled("y", theme.key()), Span::raw(" import   ")]);
    }
    keys.extend([Span::styled("n", theme.key()), Span::raw(" cancel")]);
    lines.push(Line::from(keys));
    lines.push(Line::from(""));
    // Warnings, or why nothing can be imported: last, as many as fit.
    let (lead, style) = if refused {
        (" ", theme.error())
    } else {
        (" Warning: ", theme.dim())
    };
    // The title names the file: its lines need not repeat the folder.
    let folder_path = preview.path.display().to_string();
    let mut said = Vec::new();
    for problem in &preview.problems {
        let problem = problem.replace(&folder_path, &name);
        let parts = wrap(&clean(&problem), inner.saturating_sub(lead.width() + 1));
        for (n, part) in parts.into_iter().enumerate() {
            let lead = if n == 0 {
                lead.to_string()
            } else {
                " ".repeat(lead.width())
            };
            said.push(Line::styled(format!("{lead}{part}"), style));
        }
    }
    let room = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len());
    if said.len() > room && refused {
        // The whole list scrolls in the plain view Esc leaves open.
        said.truncate(room.saturating_sub(1));
        said.push(Line::styled(
            " … more: Esc lists every problem (scrollable)",
            theme.dim(),
        ));
    }
    lines.extend(said);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(Line::from(title), true, theme)),
        area,
    );
    if let Some(picked) = review.picking {
        let header = preview
            .columns
            .get(review.selected)
            .map(|c| clean(&c.header))
            .unwrap_or_default();
        let title = format!(" Map {header:?} to… (Enter picks, Esc back) ");
        let entries: Vec<String> = picker_entries().iter().map(|e| shown(e)).collect();
        popup::choice_list(frame, area, &title, &entries, picked, theme);
    }
}

/// A picker entry as the columns show fields: "main_phone (Main phone)".
fn shown(entry: &str) -> String {
    match parse_field(entry) {
        Ok(Choice::Field(field)) => describe(field),
        _ => entry.to_string(),
    }
}

/// `text` cut to `width` columns, with an ellipsis when cut.
fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
