//! Rendering only: every function here draws from borrowed state and
//! never changes what the app means (only scroll offsets move).

pub mod after_yes;
mod after_yes_budget;
pub mod board;
pub mod draft;
pub mod due;
pub mod fit;
pub mod footer;
pub mod form;
pub mod help;
pub mod import_review;
pub mod log;
pub mod notes;
pub mod popup;
pub mod programs;
pub mod review;
pub mod states;
pub mod stats;
pub mod text;
pub mod theme;
pub mod tracking;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_after_yes;
#[cfg(test)]
mod tests_config;
#[cfg(test)]
mod tests_draft;
#[cfg(test)]
mod tests_due;
#[cfg(test)]
mod tests_fit;
#[cfg(test)]
mod tests_mouse;
#[cfg(test)]
mod tests_readme_keys;
#[cfg(test)]
mod tests_tracking;
#[cfg(test)]
mod tests_words;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::{AppState, Pane, Popup};
use crate::domain::plural::count;
pub use theme::Theme;

/// Smallest terminal the layout is designed for (the app decides, so
/// the keys it drops and the screen it draws agree).
pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};
/// Below this width only the focused pane is shown.
const SIDE_BY_SIDE_WIDTH: u16 = 80;

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let area = frame.area();
    state.areas.clear();
    if crate::app::too_small(area.width, area.height) {
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
        Constraint::Length(footer::height(state, area.width)),
    ])
    .areas(area);
    render_header(frame, header, state, theme);
    render_body(frame, body, state, theme);
    footer::render(frame, footer_area, state, theme);

    // A form is drawn once, by its owner: the Rotations and letters overlay
    // draws its own form on top of its list, so the body must not draw the
    // same form underneath it as well.
    if let Some(form) = state.form.filter(|_| !tracking_owns_the_form(state)) {
        form::render(frame, centered(body, 90, 100), state, form, theme);
    }
    match &state.popup {
        Some(Popup::Info { .. }) if state.reviewing().is_some() => {
            if let Some(review) = state.reviewing() {
                import_review::render(frame, centered(area, 90, 85), review, theme)
            }
        }
        Some(Popup::Info {
            title,
            lines,
            scroll,
        }) => popup::info(frame, centered(area, 80, 60), title, lines, *scroll, theme),
        Some(Popup::Review { items, selected }) => {
            review::render(frame, area, items, *selected, theme)
        }
        Some(Popup::Help { scroll }) => {
            help::render(frame, centered(area, 90, 90), &state.keymap, *scroll, theme)
        }
        Some(Popup::Confirm { .. }) if state.reviewing().is_some() => {
            if let Some(review) = state.reviewing() {
                import_review::render(frame, centered(area, 90, 85), review, theme)
            }
        }
        Some(Popup::Confirm { message, .. }) => {
            popup::confirm(frame, centered(area, 60, 30), message, theme)
        }
        Some(Popup::StatusPicker { selected, .. }) => {
            popup::status_picker(frame, area, *selected, theme)
        }
        Some(Popup::Compose {
            contact, selected, ..
        }) => {
            let title = if contact.is_none() {
                " Compose — write to whom? "
            } else {
                " Compose — which template? "
            };
            let choices = crate::app::compose::choices(state);
            popup::choice_list(frame, area, title, &choices, *selected, theme)
        }
        Some(Popup::Due { selected }) => {
            due::render(frame, centered(area, 90, 90), state, *selected, theme)
        }
        Some(Popup::FollowUp {
            snoozing, selected, ..
        }) => {
            let title = if snoozing.is_some() {
                " Snooze until… "
            } else {
                " Follow up… "
            };
            popup::choice_list(
                frame,
                area,
                title,
                &crate::app::due::choices(),
                *selected,
                theme,
            )
        }
        Some(Popup::Tracking { selected }) => {
            tracking::render(frame, centered(area, 90, 80), state, *selected, theme);
            // A rotation or letter being edited sits on top of the list.
            if let Some(form) = state.form {
                form::render(frame, centered(area, 80, 60), state, form, theme);
            }
        }
        Some(Popup::Board { column, row }) => {
            board::render(frame, centered(area, 100, 90), state, *column, *row, theme)
        }
        Some(Popup::Stats { stats, scroll }) => {
            stats::render(frame, centered(area, 90, 90), stats, *scroll, theme)
        }
        Some(Popup::AfterYes { view, scroll }) => {
            after_yes::render(frame, centered(area, 96, 90), state, *view, *scroll, theme)
        }
        Some(Popup::Welcome { selected }) => {
            let choices = crate::app::onboarding::choices(state);
            let title = " Welcome to usce — Enter picks a step, Esc closes (W reopens) ";
            popup::choice_list(frame, area, title, &choices, *selected, theme)
        }
        Some(Popup::BatchTemplate { selected }) => {
            let title = format!(
                " Email all {} listed programs — which template? ",
                state.list.matched_len()
            );
            popup::choice_list(frame, area, &title, &state.templates, *selected, theme)
        }
        Some(Popup::Choose {
            title,
            lines,
            options,
            selected,
        }) => popup::choose(frame, area, title, lines, options, *selected, theme),
        Some(Popup::FilterBar { selected }) => {
            let shown = state.list.matched_len();
            popup::filter_bar(frame, area, state.list.filters(), *selected, shown, theme)
        }
        Some(Popup::States {
            selected,
            rows,
            next,
        }) => states::render(frame, area, state, *selected, rows, next, theme),
        None => {}
    }
    // A notes field being typed sits above everything it was opened from.
    if let Some(input) = state.input.as_ref().filter(|i| i.multi_line) {
        notes::render(frame, centered(body, 80, 70), state, input, theme);
    }
}

/// Whether the open form is the Rotations and letters overlay's to draw.
fn tracking_owns_the_form(state: &AppState) -> bool {
    matches!(state.popup, Some(Popup::Tracking { .. }))
}

fn render_header(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let programs = state.list.programs();
    let mut spans = vec![
        Span::styled(" usce ", theme.title()),
        Span::styled("· ", theme.dim()),
        Span::raw(format!(
            "{} in {}",
            count(programs.len(), "program"),
            // Counted once per change, not sorted out of 15,000 each frame.
            count(state.list.state_count(), "state")
        )),
    ];
    let due_now = crate::app::due::due_now(state);
    let letters = crate::app::tracking::progress(state);
    if letters.total > 0 {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::raw(format!(
            "letters {}/{} (L)",
            letters.received_from_us_physicians,
            crate::domain::letter::LETTERS_NEEDED
        )));
    }
    if due_now > 0 {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::styled(format!("⏰ {due_now} due (D)"), theme.error()));
    }
    let syncing = state
        .jobs
        .running
        .iter()
        .any(|j| j.kind == crate::app::jobs::JobKind::Sync);
    if let Some(mail) = state.mail_sync.header(state.now, syncing) {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::raw(mail));
    }
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
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area);
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
