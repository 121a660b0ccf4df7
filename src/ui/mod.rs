//! Rendering only: every function here draws from borrowed state and
//! never changes what the app means (only scroll offsets move).

pub mod draft;
pub mod footer;
pub mod form;
pub mod help;
pub mod log;
pub mod popup;
pub mod programs;
pub mod text;
pub mod theme;

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::{AppState, Pane, Popup};
pub use theme::Theme;

/// Smallest terminal the layout is designed for.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// Below this width only the focused pane is shown.
const SIDE_BY_SIDE_WIDTH: u16 = 80;

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!(
            "Terminal too small: usce needs at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{}). Enlarge the window or press q to quit.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, body, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(area);
    render_header(frame, header, state, theme);
    render_body(frame, body, state, theme);
    footer::render(frame, footer_area, state, theme);

    if let Some(form) = state.form {
        form::render(frame, centered(body, 90, 100), state, form, theme);
    }
    match &state.popup {
        Some(Popup::Info {
            title,
            lines,
            scroll,
        }) => popup::info(frame, centered(area, 80, 60), title, lines, *scroll, theme),
        Some(Popup::Help { scroll }) => {
            help::render(frame, centered(area, 90, 90), &state.keymap, *scroll, theme)
        }
        Some(Popup::Confirm { message, .. }) => {
            popup::confirm(frame, centered(area, 60, 30), message, theme)
        }
        Some(Popup::StatusPicker { selected, .. }) => {
            popup::status_picker(frame, area, *selected, theme)
        }
        Some(Popup::FilterBar { selected }) => {
            let shown = state.list.matched_len();
            popup::filter_bar(frame, area, state.list.filters(), *selected, shown, theme)
        }
        None => {}
    }
}

fn render_header(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let programs = state.list.programs();
    let mut spans = vec![
        Span::styled(" usce ", theme.title()),
        Span::styled("· ", theme.dim()),
        Span::raw(format!(
            "{} programs in {} states",
            programs.len(),
            // Counted once per change, not sorted out of 15,000 each frame.
            state.list.state_count()
        )),
    ];
    if !state.list.filter().is_empty() {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::raw(format!(
            "filter “{}”: {} shown",
            text::clean(state.list.filter()),
            state.list.matched_len()
        )));
    }
    frame.render_widget(Line::from(spans), area);
}

fn render_body(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    if area.width < SIDE_BY_SIDE_WIDTH {
        // Narrow terminal: the focused pane gets the whole body.
        match state.focus {
            Pane::Programs => programs::render(frame, area, state, theme),
            Pane::Log => log::render(frame, area, state, theme),
            Pane::Draft => draft::render(frame, area, state, theme),
        }
        return;
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(right);
    programs::render(frame, left, state, theme);
    log::render(frame, top, state, theme);
    draft::render(frame, bottom, state, theme);
}

/// A bordered block whose border shows whether the pane has focus.
pub fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title)
}

/// A rectangle `pct_x`% × `pct_y`% of `area`, centred.
pub fn centered(area: Rect, pct_x: u16, pct_y: u16) -> Rect {
    let w = (area.width * pct_x / 100).max(MIN_WIDTH.min(area.width));
    let h = (area.height * pct_y / 100).max(5.min(area.height));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
