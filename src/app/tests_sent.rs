//! Reducer tests for one live draft per person, sent email (the pane, the
//! log, send again) and interrupted sends.

use chrono::{TimeZone, Utc};

use super::command::Command;
use super::effect::Effect;
use super::event::{Event, InterruptedSends, ProgramLoaded};
use super::fixtures;
use super::update::update;
use super::{AppState, Pane, Popup};
use crate::domain::{
    Channel, Contact, ContactId, Direction, Draft, DraftId, DraftStatus, Interaction,
    InteractionId, LedgerEntry, LedgerId, ProgramId, Role, SendState, SentMessage, Status,
    sent::short_time,
};

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 12, 1, 14, 5, 0).unwrap()
}

fn dana(program: ProgramId) -> Contact {
    Contact {
        id: ContactId(7),
        program_id: program,
        role: Role::Coordinator,
        name: "Dana Ode".into(),
        email: "dana@example.edu".into(),
        ..Contact::default()
    }
}

fn live(program: ProgramId) -> Draft {
    Draft {
        id: DraftId(3),
        program_id: program,
        contact_id: Some(ContactId(7)),
        template: Some("request_rotation".into()),
        to: "dana@example.edu".into(),
        subject: "Rotation request".into(),
        body: "Dear Dana,".into(),
        updated_at: Some(at()),
        ..Draft::default()
    }
}

fn sent(program: ProgramId) -> SentMessage {
    SentMessage {
        draft: Draft {
            id: DraftId(2),
            status: DraftStatus::Sent,
            message_id: Some("<2@example.org>".into()),
            sent_at: Some(at()),
            ..live(program)
        },
        log_entry: Some(InteractionId(9)),
        again: false,
    }
}

/// The fixture with Dana at the selected program, its sent email and
/// its log entry loaded, and no live draft.
fn after_a_send() -> (AppState, ProgramId) {
    let mut state = fixtures::state();
    let program = state.log.program.unwrap();
    update(
        &mut state,
        Event::ProgramLoaded(Box::new(ProgramLoaded {
            program,
            contacts: vec![dana(program)],
            interactions: vec![Interaction {
                id: InteractionId(9),
                program_id: program,
                contact_id: Some(ContactId(7)),
                at: at(),
                channel: Channel::Email,
                direction: Direction::Out,
                summary: "Sent: Rotation request".into(),
                eml_path: Some("/sent/x.eml".into()),
            }],
            sent: vec![sent(program)],
            ..Default::default()
        })),
    );
    (state, program)
}

#[test]
fn a_person_with_a_live_draft_is_asked_open_replace_or_cancel() {
    let (mut state, program) = after_a_send();
    update(
        &mut state,
        Event::DraftExists {
            existing: Box::new(live(program)),
            template: "express_interest".into(),
            answers: None,
        },
    );
    let Some(Popup::Choose { title, options, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert_eq!(title, "Dana Ode (coordinator) already has a draft");
    let labels: Vec<&str> = options.iter().map(|(l, _)| l.as_str()).collect();
    assert!(labels[0].starts_with("Open it"), "{labels:?}");
    assert!(labels[1].starts_with("Replace it"), "{labels:?}");
    assert!(labels[2].starts_with("Cancel"), "{labels:?}");
    // Enter on the first: open it.
    assert_eq!(
        update(&mut state, Command::Submit),
        [Effect::OpenDraft {
            draft: DraftId(3),
            answers: None
        }]
    );
    assert!(state.popup.is_none());

    update(
        &mut state,
        Event::DraftExists {
            existing: Box::new(live(program)),
            template: "express_interest".into(),
            answers: Some(crate::domain::FollowUpId(4)),
        },
    );
    update(&mut state, Command::Down);
    assert_eq!(
        update(&mut state, Command::Submit),
        [Effect::ReplaceDraft {
            old: DraftId(3),
            program,
            contact: Some(ContactId(7)),
            template: "express_interest".into(),
            answers: Some(crate::domain::FollowUpId(4)),
        }]
    );
    update(
        &mut state,
        Event::DraftExists {
            existing: Box::new(live(program)),
            template: "express_interest".into(),
            answers: Some(crate::domain::FollowUpId(4)),
        },
    );
    assert!(update(&mut state, Command::Cancel).is_empty());
    assert!(state.popup.is_none());
}

#[test]
fn the_pane_names_whom_and_which_template_and_opens_a_draft_for_typing() {
    let (mut state, program) = after_a_send();
    update(&mut state, Event::DraftOpened(Box::new(live(program))));
    assert_eq!(state.focus, Pane::Draft);
    assert!(state.draft.editing);
    assert_eq!(
        super::sent::heading(&state),
        "to Dana Ode (coordinator) · request_rotation"
    );
    state.draft.draft = sent(program).draft;
    assert_eq!(
        super::sent::heading(&state),
        format!(
            "to Dana Ode (coordinator) · request_rotation · sent {}",
            short_time(at())
        )
    );
}

#[test]
fn s_after_a_send_offers_it_again_naming_when_it_went_out() {
    let (mut state, _) = after_a_send();
    state.focus = Pane::Draft;
    assert_eq!(state.draft.draft.id, DraftId(0), "the pane emptied");
    assert!(update(&mut state, Command::SendDraft).is_empty());
    let Some(Popup::Confirm { message, effect }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert!(
        message.starts_with(&format!(
            "Sent to dana@example.edu on {} — send again?",
            short_time(at())
        )),
        "{message}"
    );
    assert_eq!(*effect, Effect::ResendSent(DraftId(2)));
    assert_eq!(
        update(&mut state, Command::Confirm),
        [Effect::ResendSent(DraftId(2))]
    );
}

#[test]
fn a_sent_email_in_the_pane_cannot_be_typed_into_and_s_offers_send_again() {
    let (mut state, program) = after_a_send();
    state.focus = Pane::Draft;
    state.draft.draft = sent(program).draft;
    update(&mut state, Command::EditDraft);
    assert!(!state.draft.editing);
    assert!(state.status.as_ref().unwrap().text.contains("went out"));
    update(&mut state, Command::SendDraft);
    assert!(matches!(
        &state.popup,
        Some(Popup::Confirm {
            effect: Effect::ResendSent(DraftId(2)),
            ..
        })
    ));
}

#[test]
fn enter_on_a_sent_emails_log_entry_shows_the_whole_message() {
    let (mut state, _) = after_a_send();
    state.focus = Pane::Log;
    // The cursor runs over the contact (Dana), then the entry.
    update(&mut state, Command::Down);
    update(&mut state, Command::OpenDetail);
    let Some(Popup::Info { title, lines, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert_eq!(title, "Sent email — Rotation request");
    assert!(lines.contains(&"To: dana@example.edu".to_string()));
    assert!(lines.contains(&"Message-ID: <2@example.org>".to_string()));
    assert!(lines.contains(&"Template: request_rotation".to_string()));
    assert_eq!(lines.last().unwrap(), "Dear Dana,");
    assert!(state.form.is_none(), "not the entry's form");
}

#[test]
fn sending_to_a_program_a_batch_would_skip_says_why_before_it_goes() {
    let (mut state, program) = after_a_send();
    let mut reply = state.log.interactions[0].clone();
    reply.id = InteractionId(10);
    reply.direction = Direction::In;
    reply.at = at() + chrono::Duration::days(1);
    state.log.interactions.insert(0, reply);
    let mut p = state.list.selected_program().unwrap().clone();
    p.status = Status::Accepted;
    update(&mut state, Event::ProgramSaved(Box::new(p)));
    state.popup = None; // "Record the rotation now?": not this test's
    update(&mut state, Event::DraftOpened(Box::new(live(program))));
    update(&mut state, Command::StopEditing);
    update(&mut state, Command::SendDraft);
    let Some(Popup::Confirm { message, effect }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert!(message.contains("is already accepted"), "{message}");
    assert!(message.contains("after your last email"), "{message}");
    assert_eq!(*effect, Effect::SendDraft(DraftId(3)));
}

fn entry(id: i64, subject: &str) -> LedgerEntry {
    LedgerEntry {
        id: LedgerId(id),
        program_id: ProgramId(1),
        contact_id: None,
        template: Some("request_rotation".into()),
        draft_id: Some(DraftId(id)),
        interaction_id: None,
        state: SendState::InFlight,
        again: false,
        message_id: format!("<{id}@x>"),
        started_at: Some(at()),
        sent_at: None,
        eml_path: None,
        to: "dana@example.edu".into(),
        subject: subject.into(),
    }
}

#[test]
fn an_interrupted_send_nobody_can_vouch_for_is_asked_about() {
    let mut state = fixtures::state();
    let effects = update(
        &mut state,
        Event::InterruptedSends(Box::new(InterruptedSends {
            recorded: vec![entry(1, "Recorded one")],
            unknown: vec![entry(2, "Unknown one"), entry(3, "Another")],
            ..Default::default()
        })),
    );
    assert_eq!(effects, [Effect::ReloadPrograms]);
    let Some(Popup::Choose { title, lines, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert_eq!(title, "Did this email go out?");
    assert!(lines[0].contains("“Unknown one”"), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("1 more")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("Recorded “Recorded one”")));
    assert_eq!(
        update(&mut state, Command::Submit),
        [Effect::AnswerInterrupted {
            send: LedgerId(2),
            went_out: true
        }]
    );
    // "Decide later" does nothing now.
    update(
        &mut state,
        Event::InterruptedSends(Box::new(InterruptedSends {
            unknown: vec![entry(2, "Unknown one")],
            ..Default::default()
        })),
    );
    update(&mut state, Command::Down);
    assert_eq!(
        update(&mut state, Command::Submit),
        [Effect::AnswerInterrupted {
            send: LedgerId(2),
            went_out: false
        }]
    );
    update(
        &mut state,
        Event::InterruptedSends(Box::new(InterruptedSends {
            unknown: vec![entry(2, "Unknown one")],
            ..Default::default()
        })),
    );
    update(&mut state, Command::Bottom);
    assert!(update(&mut state, Command::Submit).is_empty());
}
