//! The draft editor for the selected program. Text autosaves as it is
//! typed; the title says so, so nobody hunts for a save key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::text::fit;
use super::{Theme, pane_block};
use crate::app::command::Command;
use crate::app::keymap::KeyContext;
use crate::app::mouse::PaneArea;
use crate::app::{AppState, Pane};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Draft && state.form.is_none();
    let pane = &state.draft;
    let program = state.list.selected_program();
    let sent = pane.draft.status == crate::domain::DraftStatus::Sent;
    let saved = match (pane.editing, pane.draft.id.0 > 0) {
        // A sent email is history: never "draft · autosaved".
        (_, true) if sent => "went out · s sends again".to_string(),
        (true, _) => "typing · Esc stops".to_string(),
        (false, true) => format!("{} · autosaved", pane.draft.status.label()),
        (false, false) => "autosaves as you type".to_string(),
    };
    let title = match program {
        Some(p) => {
            let name = fit(&p.name, (area.width as usize).saturating_sub(40));
            // Whom and what it is for ("to Dana (coordinator) ·
            // request_rotation"), where the title has room for it.
            let used = [" Draft — ", &name, " · ", &saved, " "]
                .iter()
                .map(|part| unicode_width::UnicodeWidthStr::width(*part))
                .sum::<usize>();
            let room = (area.width as usize).saturating_sub(used + 2 + 3);
            let heading = crate::app::sent::heading(state);
            let heading = if heading.is_empty() || room < 12 {
                String::new()
            } else {
                format!("{} · ", fit(&heading, room))
            };
            format!(" Draft — {name} · {heading}{saved} ")
        }
        None => " Draft ".to_string(),
    };
    let block = pane_block(Line::from(title), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    state.areas.draft.set(PaneArea {
        outer: area,
        rows: inner,
        offset: 0,
    });
    if program.is_none() || pane.program.is_none() {
        frame.render_widget(
            Paragraph::new("Select a program to write its draft.").style(theme.dim()),
            inner,
        );
        return;
    }
    if !pane.editing && pane.editor.is_empty() {
        let key = |command| state.keymap.key_for(KeyContext::Draft, &command);
        let mut hint = format!(
            "Empty. {} here, then {} to type notes or an email draft (it saves as you type), \
             or {} to compose one from a template.",
            key(Command::FocusNext),
            key(Command::EditDraft),
            key(Command::Compose)
        );
        // After a send the pane empties; it says what went and what next.
        if let Some(last) = state.log.sent.first() {
            let when = last
                .draft
                .sent_at
                .map(|at| format!(" on {}", crate::domain::sent::short_time(at)))
                .unwrap_or_default();
            hint = format!(
                "Sent “{}” to {}{when} (Enter on it in the contact log shows it). \
                 {} composes the next email; {} sends that one again.",
                last.draft.subject,
                last.draft.to,
                key(Command::Compose),
                key(Command::SendDraft)
            );
        }
        frame.render_widget(
            Paragraph::new(hint)
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    frame.render_widget(&pane.editor, inner);
}
