//! The `?` overlay, generated from the live key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, pane_block};
use crate::app::keymap::Keymap;

pub fn lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for ctx in keymap.contexts() {
        lines.push(Line::styled(ctx.title().to_string(), theme.title()));
        for b in keymap.bindings(ctx) {
            let keys = b
                .keys
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme.key()),
                Span::raw(b.describe()),
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
