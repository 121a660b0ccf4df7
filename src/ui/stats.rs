//! Outreach statistics: which states answer. A bar chart of replies per
//! state above a table of every figure.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Paragraph};

use super::{Theme, pane_block};
use crate::domain::stats::{Stats, Tally};

pub fn render(frame: &mut Frame, area: Rect, stats: &Stats, scroll: usize, theme: &Theme) {
    let block = pane_block(
        Line::from(" Outreach by state — j/k scroll · Esc close "),
        true,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if stats.by_state.is_empty() {
        frame.render_widget(Paragraph::new("No programs yet.").style(theme.dim()), inner);
        return;
    }
    let chart_h = if inner.height >= 16 {
        inner.height / 2
    } else {
        0
    };
    let [chart_area, table_area] =
        Layout::vertical([Constraint::Length(chart_h), Constraint::Min(1)]).areas(inner);
    if chart_h > 0 {
        let bars: Vec<Bar> = stats
            .by_state
            .iter()
            .map(|s| {
                Bar::default()
                    .label(Line::from(s.state.code()))
                    .value(s.tally.contacted as u64)
                    .text_value(format!("{}/{}", s.tally.replied, s.tally.contacted))
            })
            .collect();
        let chart = BarChart::default()
            .block(ratatui::widgets::Block::default().title(" replied / contacted per state "))
            .data(BarGroup::default().bars(&bars))
            .bar_width(5)
            .bar_gap(1)
            .bar_style(theme.key())
            .value_style(theme.title());
        frame.render_widget(chart, chart_area);
    }
    let mut lines = vec![Line::styled(
        "state  programs  contacted  replied  accepted  reply rate  median days  overdue",
        theme.title(),
    )];
    for s in &stats.by_state {
        lines.push(Line::from(row(s.state.code(), &s.tally)));
    }
    lines.push(Line::styled(row("ALL", &stats.overall), theme.title()));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), table_area);
}

fn row(label: &str, t: &Tally) -> String {
    let rate = t
        .reply_rate
        .map_or("—".to_string(), |r| format!("{:.0}%", r * 100.0));
    let median = t
        .median_days_to_reply
        .map_or("—".to_string(), |d| format!("{d:.1}"));
    format!(
        "{label:<5}  {:>8}  {:>9}  {:>7}  {:>8}  {rate:>10}  {median:>11}  {:>7}",
        t.programs, t.contacted, t.replied, t.accepted, t.follow_ups_overdue
    )
}
