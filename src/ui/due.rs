//! The Due view: follow-ups grouped as overdue, today, the next 7 days and
//! later, with what to do about each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::text::{fit, pad};
use super::{Theme, pane_block};
use crate::app::AppState;
use crate::app::due::{DueRow, rows};
use crate::domain::cadence::short_date;
use crate::domain::due::{Bucket, days_until};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, selected: usize, theme: &Theme) {
    let title = " Due — Enter open · c compose nudge · x done · z snooze · Esc close ";
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let all = rows(state);
    let windows = upcoming_windows(state, inner.width as usize, theme);
    if all.is_empty() && windows.is_empty() {
        let msg = "Nothing to chase. F on a program schedules a follow-up; sending an email schedules one too.";
        frame.render_widget(Paragraph::new(msg).style(theme.dim()), inner);
        return;
    }
    let width = inner.width as usize;
    let mut lines = Vec::with_capacity(all.len());
    let mut item = 0;
    let mut selected_line = 0;
    for row in all {
        match row {
            DueRow::Heading(b, n) => {
                let style = if b == Bucket::Overdue {
                    theme.error()
                } else {
                    theme.group_header()
                };
                lines.push(Line::styled(format!("{} ({n})", b.label()), style));
            }
            DueRow::Item(i) => {
                let o = &state.due[i];
                let days = days_until(o.follow_up.due, state.today);
                let when = match days {
                    0 => "today".to_string(),
                    d if d < 0 => format!("{} late", plural(-d, "day")),
                    _ => short_date(o.follow_up.due, state.today),
                };
                let head = format!("  {}  {}  ", pad(&when, 11), o.state.code());
                let rest = width.saturating_sub(head.chars().count());
                let text = format!("{} — {}", o.program_name, o.follow_up.note);
                let mut line = Line::from(vec![
                    Span::styled(head, theme.dim()),
                    Span::raw(fit(&text, rest)),
                ]);
                if item == selected {
                    line = line.style(theme.selected(true));
                    selected_line = lines.len();
                }
                item += 1;
                lines.push(line);
            }
        }
    }
    lines.extend(windows);
    let offset = (selected_line + 1).saturating_sub(inner.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}

fn plural(n: i64, word: &str) -> String {
    crate::domain::plural::count(n, word)
}

/// "Upcoming windows" (issue 19): applications opening in the next 30
/// days, deadlines in the next 14, rotations within 30 days whose
/// documents are not ready. Not selectable: the follow-ups are.
fn upcoming_windows<'a>(state: &AppState, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    use crate::domain::readiness::Window;
    let windows = state.plans.windows(state.list.programs(), state.today);
    if windows.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled(
        format!("Upcoming windows ({})", windows.len()),
        theme.group_header(),
    )];
    for w in &windows {
        let name = state.list.get(w.program()).map_or("?", |p| p.name.as_str());
        let (what, style) = match w {
            Window::Opens { .. } => (format!("applications open · {name}"), theme.info()),
            Window::Closes { .. } => (format!("deadline · {name}"), theme.error()),
            Window::NotReady { problem, .. } => (
                format!("rotation starts · {name}: {problem}"),
                theme.error(),
            ),
        };
        let head = format!("  {}  ", pad(&short_date(w.day(), state.today), 11));
        let rest = width.saturating_sub(head.chars().count());
        lines.push(Line::from(vec![
            Span::styled(head, theme.dim()),
            Span::styled(fit(&what, rest), style),
        ]));
    }
    lines
}
