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
    if all.is_empty() {
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
    let offset = (selected_line + 1).saturating_sub(inner.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}

fn plural(n: i64, word: &str) -> String {
    crate::domain::plural::count(n, word)
}
