//! Mail to review (`R`): one line per message from a program's domain,
//! with the keys that settle it in the title.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Theme, popup, text};
use crate::domain::inbound::Proposal;

pub fn render(frame: &mut Frame, area: Rect, items: &[Proposal], selected: usize, theme: &Theme) {
    let lines: Vec<String> = items
        .iter()
        .map(|p| {
            let snippet: String = p.snippet.chars().take(60).collect();
            text::clean(&format!(
                "{} · {} · {} — {snippet}",
                p.program_name, p.from, p.subject
            ))
        })
        .collect();
    let title = " Mail to review — a logs it as the program's reply, x ignores, Esc closes ";
    popup::choice_list(frame, area, title, &lines, selected, theme);
}
