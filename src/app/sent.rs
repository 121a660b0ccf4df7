//! Sent email in the app: the question when a person already has a live
//! draft, sends a killed usce left in flight, a sent email opened from the
//! contact log, "send again", and what the draft pane says about whom a
//! draft is for. Pure: each returns the effects to run.

use super::effect::Effect;
use super::event::InterruptedSends;
use super::{AppState, Popup};
use crate::domain::sent::short_time;
use crate::domain::{
    ContactId, Direction, Draft, DraftStatus, FollowUpId, InteractionId, SentMessage, Status,
};

/// Composing found a live draft for the person: open it, replace it or
/// leave it (one live draft per person).
pub fn draft_exists(
    state: &mut AppState,
    existing: Draft,
    template: String,
    answers: Option<FollowUpId>,
) {
    let who = person(state, existing.contact_id);
    let what = existing
        .template
        .clone()
        .unwrap_or_else(|| "typed by hand".into());
    let saved = existing
        .updated_at
        .map(|at| format!(", saved {}", short_time(at)))
        .unwrap_or_default();
    let replace = Effect::ReplaceDraft {
        old: existing.id,
        program: existing.program_id,
        contact: existing.contact_id,
        template: template.clone(),
        answers,
    };
    state.popup = Some(Popup::Choose {
        title: format!("{who} already has a draft"),
        lines: vec![
            format!(
                "{who} has an unsent draft ({what}{saved}): “{}”.",
                existing.subject
            ),
            "Each person has one draft at a time, so nothing is sent twice by mistake.".into(),
        ],
        options: vec![
            (
                format!("Open it ({what})"),
                Some(Effect::OpenDraft {
                    draft: existing.id,
                    answers,
                }),
            ),
            (
                format!("Replace it with a new “{template}” (its text is discarded)"),
                Some(replace),
            ),
            ("Cancel: keep it as it is".into(), None),
        ],
        selected: 0,
    });
}

/// Sends found in flight: say what was recorded or cleared, and ask about
/// the first one nobody can vouch for (answering settles the next).
pub fn interrupted(state: &mut AppState, found: InterruptedSends, effects: &mut Vec<Effect>) {
    let mut said: Vec<String> = Vec::new();
    for e in &found.recorded {
        said.push(format!(
            "Recorded “{}” {}: usce stopped before writing it down, but the server had taken it.",
            e.subject,
            e.to_and_when()
        ));
    }
    for e in &found.cleared {
        said.push(format!(
            "“{}” {} never reached the server; the draft is still unsent.",
            e.subject,
            e.to_and_when()
        ));
    }
    if !found.recorded.is_empty() || !found.cleared.is_empty() {
        effects.push(Effect::ReloadPrograms);
    }
    let Some(first) = found.unknown.first() else {
        if !said.is_empty() {
            state.popup = Some(Popup::Info {
                title: "Interrupted sends settled".into(),
                lines: said,
                scroll: 0,
            });
        }
        return;
    };
    let mut lines = vec![
        format!(
            "usce stopped while sending “{}” {}.",
            first.subject,
            first.to_and_when()
        ),
        "The server may or may not have it: look in your mail app's Sent folder (or for a reply)."
            .into(),
        "usce will not send it again until you say.".into(),
    ];
    if found.unknown.len() > 1 {
        lines.push(format!(
            "{} more are waiting; usce asks about each.",
            found.unknown.len() - 1
        ));
    }
    if !said.is_empty() {
        lines.push(String::new());
        lines.extend(said);
    }
    let answer = |went_out| {
        Some(Effect::AnswerInterrupted {
            send: first.id,
            went_out,
        })
    };
    state.popup = Some(Popup::Choose {
        title: "Did this email go out?".into(),
        lines,
        options: vec![
            ("It went out: record it as sent".into(), answer(true)),
            (
                "It did not go out: it may be sent again".into(),
                answer(false),
            ),
            ("Decide later (usce asks at the next start)".into(), None),
        ],
        selected: 0,
    });
}

/// The sent email a log entry belongs to, if it is one.
pub fn message_for(state: &AppState, entry: InteractionId) -> Option<&SentMessage> {
    state.log.sent.iter().find(|s| s.log_entry == Some(entry))
}

/// Enter on a sent email's log entry: the whole message.
pub fn open(state: &mut AppState, sent: SentMessage) {
    state.popup = Some(Popup::Info {
        title: format!("Sent email — {}", sent.draft.subject),
        lines: sent.lines(),
        scroll: 0,
    });
}

/// `s` on a sent email (or on the empty pane after one): "send again",
/// naming when it went out.
pub fn ask_send_again(state: &mut AppState, sent: &Draft) {
    let when = sent
        .sent_at
        .map(|at| format!(" on {}", short_time(at)))
        .unwrap_or_default();
    state.popup = Some(Popup::Confirm {
        message: format!(
            "Sent to {}{when} — send again? (“{}”: a new copy goes out; the sent one stays as it went.)",
            sent.to, sent.subject
        ),
        effect: Effect::ResendSent(sent.id),
    });
}

/// What the send confirmation adds so that writing to a program a batch
/// would skip is never silent: its status, a reply not yet answered.
pub fn send_notes(state: &AppState) -> String {
    let mut notes = Vec::new();
    if let Some(p) = state.list.selected_program()
        && p.status.rank() >= Status::Replied.rank()
    {
        notes.push(format!("{} is already {}.", p.name, p.status.label()));
    }
    let last = |direction| {
        state
            .log
            .interactions
            .iter()
            .filter(|i| i.direction == direction)
            .map(|i| i.at)
            .max()
    };
    if let Some(reply) = last(Direction::In)
        && last(Direction::Out).is_none_or(|out| reply > out)
    {
        notes.push(format!(
            "They wrote on {}, after your last email.",
            short_time(reply)
        ));
    }
    notes
        .iter()
        .map(|n| format!("\n\nNote: {n}"))
        .collect::<String>()
}

/// Whom and what the pane's draft is for: "to Dana (coordinator) ·
/// request_rotation", or "sent 1 Dec 14:05" once it went out.
pub fn heading(state: &AppState) -> String {
    let d = &state.draft.draft;
    if !d.is_email() {
        return String::new();
    }
    let who = match d.contact_id {
        Some(_) => person(state, d.contact_id),
        None if d.to.trim().is_empty() => "nobody yet".into(),
        None => d.to.trim().to_string(),
    };
    let what = d.template.as_deref().unwrap_or("typed by hand");
    let state_word = match (d.status, d.sent_at) {
        (DraftStatus::Sent, Some(at)) => format!(" · sent {}", short_time(at)),
        (DraftStatus::Sent, None) => " · sent".into(),
        _ => String::new(),
    };
    format!("to {who} · {what}{state_word}")
}

/// "Dana (coordinator)" for a contact on file, else "this program".
fn person(state: &AppState, contact: Option<ContactId>) -> String {
    match contact.and_then(|id| state.log.contacts.iter().find(|c| c.id == id)) {
        Some(c) if c.name.trim().is_empty() => c.role.label().to_string(),
        Some(c) => format!("{} ({})", c.name.trim(), c.role.label()),
        None => "This program".into(),
    }
}
