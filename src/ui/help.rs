//! The `?` overlay, generated from the live key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block};
use crate::app::keymap::Keymap;

/// Width of the keys column; longer key lists push their words right but
/// always keep two spaces before them.
const KEYS_WIDTH: usize = 16;

/// One context's heading and its bindings, as the overlay lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: &'static str,
    /// Each binding's keys as the screen spells them ("Ctrl-r", "↓"), and
    /// what it does.
    pub rows: Vec<(Vec<String>, &'static str)>,
}

/// What the overlay lists: every context with bindings, in table order.
/// README's key tables are checked against this (`tests_readme_keys`).
pub fn sections(keymap: &Keymap) -> Vec<Section> {
    keymap
        .contexts()
        .into_iter()
        .map(|ctx| Section {
            title: ctx.title(),
            rows: keymap
                .bindings(ctx)
                .map(|b| (b.keys.iter().map(|k| k.to_string()).collect(), b.describe()))
                .collect(),
        })
        .collect()
}

pub fn lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for section in sections(keymap) {
        lines.push(Line::styled(section.title.to_string(), theme.title()));
        for (keys, does) in section.rows {
            let keys = keys.join(" ");
            let gap = KEYS_WIDTH.saturating_sub(keys.width()).max(2);
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys}{}", " ".repeat(gap)), theme.key()),
                Span::raw(does),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines
}

pub fn render(frame: &mut Frame, area: Rect, keymap: &Keymap, scroll: usize, theme: &Theme) {
    let all = lines(keymap, theme);
    let visible = area.height.saturating_sub(2) as usize;
    let scroll = scroll.min(all.len().saturating_sub(visible));
    let block = pane_block(Line::from(" Keys — Esc closes, j/k scroll "), true, theme);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(all).scroll((scroll as u16, 0)).block(block),
        area,
    );
}
