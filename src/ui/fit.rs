//! How fit shows: a badge on every program row, and in the detail view the
//! verdict with every reason. Each carries a symbol and words, so it reads
//! the same without colour (NO_COLOR).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::{clean, fit as cut};
use crate::domain::fit::{Fit, ReasonKind, Verdict};

/// Columns the widest badge takes.
pub const BADGE_WIDTH: usize = 8;

/// The badge on a program row.
pub fn badge(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Fits => "✓ fits",
        Verdict::Check => "? check",
        Verdict::NotFit => "✗ no fit",
    }
}

fn mark(kind: ReasonKind) -> &'static str {
    match kind {
        ReasonKind::Ok => "✓",
        ReasonKind::Unknown => "?",
        ReasonKind::Fails => "✗",
    }
}

fn meaning(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Fits => "you meet every requirement it states",
        Verdict::Check => "nothing fails, but some requirements are unknown: check them",
        Verdict::NotFit => "you miss a requirement it states",
    }
}

/// The verdict, every reason, and what to do about it.
fn lines(fit: &Fit, no_profile: bool, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(vec![
            Span::styled(badge(fit.verdict), theme.fit(fit.verdict)),
            Span::raw(format!(" — {}", meaning(fit.verdict))),
        ]),
        Line::from(""),
    ];
    lines.extend(fit.reasons.iter().map(|r| {
        Line::from(vec![
            Span::styled(format!("{} ", mark(r.kind)), theme.reason(r.kind)),
            Span::raw(clean(&r.text)),
        ])
    }));
    if no_profile {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "Fill in your profile (P in the list) to check against it.",
            theme.dim(),
        ));
    }
    if fit.verdict == Verdict::NotFit {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "Still want it? Your call: give it a status other than “not a fit” and say why in Notes.",
            theme.dim(),
        ));
    }
    lines
}

/// Lines the panel needs at `width` columns, border included. Counted by
/// characters, so word wrapping may need a line more; one is added.
pub fn panel_height(fit: &Fit, no_profile: bool, width: u16) -> usize {
    let width = usize::from(width).max(1);
    let text: usize = lines(fit, no_profile, &Theme::plain())
        .iter()
        .map(|l| l.width().div_ceil(width).max(1))
        .sum();
    text + 2
}

/// The fit panel of the program detail view, ruled off from the fields
/// beside it (`beside`) or above it.
pub fn panel(
    frame: &mut Frame,
    area: Rect,
    fit: &Fit,
    no_profile: bool,
    beside: bool,
    theme: &Theme,
) {
    let borders = if beside {
        Borders::TOP | Borders::LEFT
    } else {
        Borders::TOP
    };
    let block = Block::default()
        .borders(borders)
        .border_style(theme.dim())
        .title(" Fit — do you fit what it asks? ");
    frame.render_widget(
        Paragraph::new(lines(fit, no_profile, theme))
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// One line when the panel has no room: the verdict and how many
/// requirements are unknown or fail.
pub fn summary(fit: &Fit, width: usize, theme: &Theme) -> Line<'static> {
    let count = |kind| fit.reasons.iter().filter(|r| r.kind == kind).count();
    let rest = format!(
        " — {} to check, {} failing (a bigger window shows why)",
        count(ReasonKind::Unknown),
        count(ReasonKind::Fails)
    );
    let label = "Fit: ";
    let room = width.saturating_sub(label.width() + badge(fit.verdict).width());
    Line::from(vec![
        Span::styled(label, theme.dim()),
        Span::styled(badge(fit.verdict), theme.fit(fit.verdict)),
        Span::styled(cut(&rest, room), theme.dim()),
    ])
}
