//! Two lines at the bottom: the message or the open input (after the
//! running job's spinner and progress, if one runs), then the keys that
//! work right now (from the key map, so rebinding shows here too).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::clean;
use crate::app::AppState;
use crate::app::command::Command;
use crate::app::keymap::NO_KEY;

/// Two lines, and up to three more while an open prompt says why its
/// text was refused (wrapped at `width`).
pub fn height(state: &AppState, width: u16) -> u16 {
    // The notes editor shows its own refusal, in its box.
    let one_line = state.input.as_ref().filter(|i| !i.multi_line);
    match one_line.and_then(|i| i.error.as_ref()) {
        Some(why) => {
            let chars = why.chars().count() + 4;
            let lines = chars.div_ceil(usize::from(width.max(1))).clamp(1, 3);
            2 + lines as u16
        }
        None => 2,
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let [message, refusal, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(height(state, area.width).saturating_sub(2)),
        Constraint::Length(1),
    ])
    .areas(area);
    if long_error(state, message.width) {
        // An error's reason and remedy come after what failed: rather than
        // cut them off, the error takes the key line too until the next key.
        let text = state
            .status
            .as_ref()
            .map(|s| clean(&s.text))
            .unwrap_or_default();
        let wrapped = Paragraph::new(text)
            .style(theme.error())
            .wrap(Wrap { trim: true });
        frame.render_widget(wrapped, area);
        return;
    }
    if let Some(input) = state.input.as_ref().filter(|i| i.multi_line) {
        let line = Line::from(vec![
            Span::styled(format!("{}: ", input.label), theme.key()),
            Span::styled("typing in the editor above", theme.dim()),
        ]);
        frame.render_widget(line, message);
    } else if let Some(input) = &state.input {
        if let Some(why) = &input.error {
            let line = Line::from(Span::styled(format!("  ✗ {}", clean(why)), theme.error()));
            frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), refusal);
        }
        let label = format!("{}: ", input.label);
        let [l, r] = Layout::horizontal([
            Constraint::Length(label.chars().count() as u16),
            Constraint::Min(1),
        ])
        .areas(message);
        frame.render_widget(Span::styled(label, theme.key()), l);
        frame.render_widget(&input.text, r);
    } else {
        let mut spans = job_line(state, theme);
        if let Some(status) = &state.status {
            let style = if status.is_error {
                theme.error()
            } else {
                theme.info()
            };
            if !spans.is_empty() {
                spans.push(Span::styled(" · ", theme.dim()));
            }
            spans.push(Span::styled(clean(&status.text), style));
        }
        frame.render_widget(Line::from(spans), message);
    }
    let mut spans = Vec::new();
    // The mapping key belongs to the import preview, not every question.
    let reviewing = state.reviewing().is_some();
    for b in state.keymap.footer(state.key_context()) {
        if b.command == Command::ChangeMapping && !reviewing {
            continue;
        }
        if let Some(first) = b.keys.first() {
            spans.push(Span::styled(first.to_string(), theme.key()));
            spans.push(Span::raw(format!(" {}  ", b.short())));
        }
    }
    frame.render_widget(Line::from(spans), keys);
}

/// Whether an error is too long for its line (and nothing else claims
/// the footer: a prompt or a running job keep the usual two lines).
fn long_error(state: &AppState, width: u16) -> bool {
    state.input.is_none()
        && state.jobs.current().is_none()
        && state
            .status
            .as_ref()
            .is_some_and(|s| s.is_error && clean(&s.text).width() > usize::from(width))
}

/// "⠙ Importing 4,000 / 15,000… (C cancels)" while a job runs.
fn job_line(state: &AppState, theme: &Theme) -> Vec<Span<'static>> {
    let Some(job) = state.jobs.current() else {
        return Vec::new();
    };
    let mut spans = vec![
        Span::styled(format!("{} ", state.jobs.spinner_frame()), theme.key()),
        Span::styled(format!("{}…", clean(&job.progress.text)), theme.info()),
    ];
    let key = state
        .keymap
        .key_for(state.key_context(), &Command::CancelJob);
    let hint = if job.cancelling {
        Some(" (cancelling)".to_owned())
    } else if job.progress.cancellable && key != NO_KEY {
        Some(format!(" ({key} cancels)"))
    } else {
        None
    };
    spans.extend(hint.map(|h| Span::styled(h, theme.dim())));
    spans
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::app::AppState;
    use crate::app::jobs::{JobEvent, JobId, JobKind, Progress, handle};
    use crate::ui::Theme;

    fn footer(state: &AppState) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 2)).unwrap();
        terminal
            .draw(|f| super::render(f, f.area(), state, &Theme::plain()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..buffer.area.width)
            .map(|x| buffer[(x, 0)].symbol())
            .collect()
    }

    #[test]
    fn a_refused_prompt_says_why_on_the_line_under_it() {
        use crate::app::{Input, InputPurpose};
        let mut state = AppState::default();
        let why = "\"Kentuky\" is not a U.S. state or territory — did you mean Kentucky (KY)?";
        let input = Input::continuing(InputPurpose::NewProgramName, "State", "Kentuky");
        state.input = Some(input.refused(why));
        assert_eq!(super::height(&state, 80), 3, "one line more");
        assert_eq!(super::height(&state, 40), 4, "wrapped at a narrow width");
        let mut terminal = Terminal::new(TestBackend::new(80, 3)).unwrap();
        terminal
            .draw(|f| super::render(f, f.area(), &state, &Theme::plain()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let row = |y| -> String { (0..80).map(|x| buffer[(x, y)].symbol()).collect() };
        assert!(row(0).starts_with("State: Kentuky"), "{}", row(0));
        assert!(
            row(1).starts_with("  ✗ \"Kentuky\" is not a U.S. state"),
            "{}",
            row(1)
        );
        state.input = None;
        assert_eq!(super::height(&state, 80), 2);
    }

    #[test]
    fn a_running_job_shows_a_spinner_its_progress_and_the_cancel_key() {
        let mut state = AppState::default();
        handle(
            &mut state,
            JobEvent::Started {
                id: JobId(1),
                kind: JobKind::Import,
                progress: Progress::new("Importing 4,000 / 15,000", true),
            },
        );
        state.info("Reloaded.");
        let line = footer(&state);
        assert!(
            line.contains("Importing 4,000 / 15,000… (C cancels) · Reloaded."),
            "{line}"
        );
        let before = line.chars().next();
        handle(&mut state, JobEvent::Tick);
        assert_ne!(footer(&state).chars().next(), before, "the spinner turned");
        // Past the point of no return, no cancel is offered.
        handle(
            &mut state,
            JobEvent::Progress {
                id: JobId(1),
                progress: Progress::new("Sending to a@b.org (sending)", false),
            },
        );
        let line = footer(&state);
        assert!(line.contains("(sending)…"), "{line}");
        assert!(!line.contains("cancels"), "{line}");
        handle(&mut state, JobEvent::Finished { id: JobId(1) });
        assert!(footer(&state).starts_with("Reloaded."));
    }
}
