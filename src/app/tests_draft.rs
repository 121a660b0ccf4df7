//! The draft as an email: a header form above a body-only editor. Typing
//! after compose lands in the body; headers change only through their
//! fields, checked; undo and redo work; attached files are checked when
//! composed, typed and saved in the profile.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use super::effect::{AttachCheck, Effect};
use super::event::Event;
use super::fixtures;
use super::keymap::{KeyContext, Keymap};
use super::msg::{Msg, UserInput};
use super::update::update;
use super::{AppState, InputPurpose, Popup};
use crate::domain::{Draft, DraftHeader, DraftId, Profile};

const TEMPLATE: &str = "request_rotation";

fn profile() -> Profile {
    Profile {
        cv_path: "~/cv.pdf".into(),
        scores_path: "~/usmle.pdf".into(),
        ..Profile::default()
    }
}

/// A request just composed for the selected program, open for typing.
fn composed() -> (AppState, Vec<Effect>) {
    let mut state = fixtures::state();
    state.profile = profile();
    let program = state.log.program.unwrap();
    let draft = Draft {
        id: DraftId(3),
        program_id: program,
        to: "coord@example.org".into(),
        subject: "Elective rotation request".into(),
        body: "Dear Program Coordinator,\n\nI am writing to ask…".into(),
        template: Some(TEMPLATE.into()),
        attach_from_profile: true,
        ..Draft::default()
    };
    let effects = update(&mut state, Event::DraftComposed(Box::new(draft)));
    (state, effects)
}

fn press(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    update(state, UserInput::EditorKey(KeyEvent::from(code)))
}

/// The draft of the last save among `effects`.
fn last_saved(effects: &[Effect]) -> Draft {
    effects
        .iter()
        .rev()
        .find_map(|e| match e {
            Effect::SaveDraft(d) => Some((**d).clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no save in {effects:?}"))
}

fn typed_into_input(state: &mut AppState, text: &str) -> Vec<Effect> {
    update(state, Command::ClearInput);
    for c in text.chars() {
        update(state, UserInput::InputKey(KeyEvent::from(KeyCode::Char(c))));
    }
    update(state, Command::Submit)
}

#[test]
fn typing_right_after_compose_lands_at_the_start_of_the_body() {
    let (mut state, _) = composed();
    assert!(state.draft.editing);
    assert_eq!(state.draft.editor.cursor(), (0, 0));
    let effects = press(&mut state, KeyCode::Char('X'));
    let saved = last_saved(&effects);
    assert!(
        saved.body.starts_with("XDear Program Coordinator,"),
        "{saved:?}"
    );
    assert_eq!(saved.to, "coord@example.org");
    assert_eq!(saved.subject, "Elective rotation request");
}

#[test]
fn editing_the_top_line_never_loses_the_template() {
    // Issue 14's double send began here: one character typed at the very
    // top and deleted turned the draft into a note without its template.
    let (mut state, _) = composed();
    press(&mut state, KeyCode::Char('x'));
    let effects = press(&mut state, KeyCode::Backspace);
    let saved = last_saved(&effects);
    assert_eq!(saved.template.as_deref(), Some(TEMPLATE));
    assert_eq!(saved.to, "coord@example.org");
    assert!(saved.attach_from_profile);
    assert_eq!(
        saved.body,
        "Dear Program Coordinator,\n\nI am writing to ask…"
    );
    // Even emptying the whole body leaves an email with its template.
    for _ in 0..60 {
        press(&mut state, KeyCode::Delete);
    }
    let effects = press(&mut state, KeyCode::Char('a'));
    let saved = last_saved(&effects);
    assert_eq!(
        (saved.body.as_str(), saved.template.as_deref()),
        ("a", Some(TEMPLATE))
    );
}

#[test]
fn ctrl_z_and_ctrl_y_undo_and_redo_in_the_body_and_save() {
    let km = Keymap::default();
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(
        km.resolve(&ctrl('z'), KeyContext::Editor),
        Some(Command::Undo.into())
    );
    assert_eq!(
        km.resolve(&ctrl('y'), KeyContext::Editor),
        Some(Command::Redo.into())
    );
    // Nothing else of the app's is bound while typing but Esc and Tab:
    // letters and the text widget's own keys reach the text.
    let bound: Vec<Command> = km.bindings(KeyContext::Editor).map(|b| b.command).collect();
    assert_eq!(
        bound,
        [
            Command::StopEditing,
            Command::FocusNext,
            Command::FocusPrev,
            Command::Undo,
            Command::Redo
        ]
    );
    for c in ['q', 's', 'u', 'r'] {
        let plain = KeyEvent::from(KeyCode::Char(c));
        assert_eq!(
            km.resolve(&plain, KeyContext::Editor),
            Some(Msg::Input(UserInput::EditorKey(plain)))
        );
    }
    let (mut state, _) = composed();
    press(&mut state, KeyCode::Char('A'));
    let undone = last_saved(&update(&mut state, Command::Undo));
    assert!(undone.body.starts_with("Dear"), "{undone:?}");
    let redone = last_saved(&update(&mut state, Command::Redo));
    assert!(redone.body.starts_with("ADear"), "{redone:?}");
    assert!(
        update(&mut state, Command::Redo).is_empty(),
        "nothing to redo, nothing saved"
    );
}

#[test]
fn up_and_down_walk_the_header_form_and_enter_edits_the_field() {
    let (mut state, _) = composed();
    update(&mut state, Command::StopEditing);
    assert_eq!(state.draft.header, None, "the body is selected");
    update(&mut state, Command::Up);
    assert_eq!(state.draft.header, Some(DraftHeader::Attach));
    for _ in 0..5 {
        update(&mut state, Command::Up);
    }
    assert_eq!(
        state.draft.header,
        Some(DraftHeader::To),
        "stops at the top"
    );
    update(&mut state, Command::EditDraft);
    let input = state.input.as_ref().unwrap();
    assert_eq!(input.purpose, InputPurpose::DraftHeader(DraftHeader::To));
    assert_eq!(input.value(), "coord@example.org");
    assert!(!state.draft.editing, "Enter on a header edits the header");

    assert!(typed_into_input(&mut state, "gme@example").is_empty());
    assert!(state.status.as_ref().is_some_and(|s| s.is_error));
    assert!(state.input.is_some(), "a bad address keeps the input open");
    let saved = last_saved(&typed_into_input(&mut state, "GME <gme@example.edu>"));
    assert_eq!(saved.to, "GME <gme@example.edu>");
    assert_eq!(saved.template.as_deref(), Some(TEMPLATE));
    assert!(state.input.is_none());

    for _ in 0..4 {
        update(&mut state, Command::Down);
    }
    assert_eq!(state.draft.header, None);
    update(&mut state, Command::EditDraft);
    assert!(state.draft.editing, "Enter on the body types in it");
}

#[test]
fn typed_attachments_are_kept_only_when_every_file_is_there() {
    let (mut state, _) = composed();
    let program = state.draft.program.unwrap();
    update(&mut state, Command::StopEditing);
    update(&mut state, Command::Up);
    update(&mut state, Command::EditDraft);
    assert_eq!(
        state.input.as_ref().unwrap().value(),
        "",
        "follows the profile"
    );
    let effects = typed_into_input(&mut state, "~/cv-2026.pdf, ~/gone.pdf");
    let why = AttachCheck::Typed {
        program,
        text: "~/cv-2026.pdf, ~/gone.pdf".into(),
    };
    assert_eq!(
        effects,
        [Effect::CheckAttachments {
            paths: vec!["~/cv-2026.pdf".into(), "~/gone.pdf".into()],
            why: why.clone(),
        }]
    );
    assert!(
        state.draft.draft.attach_from_profile,
        "unchanged until checked"
    );

    let missing = Event::AttachmentsChecked {
        missing: vec!["~/gone.pdf".into()],
        why: why.clone(),
    };
    assert!(update(&mut state, missing).is_empty());
    let status = state.status.clone().unwrap();
    assert!(
        status.is_error && status.text.contains("~/gone.pdf"),
        "{status:?}"
    );
    let input = state.input.as_ref().expect("reopened to fix the path");
    assert_eq!(input.value(), "~/cv-2026.pdf, ~/gone.pdf");

    state.input = None;
    let found = Event::AttachmentsChecked {
        missing: Vec::new(),
        why,
    };
    let saved = last_saved(&update(&mut state, found));
    assert!(!saved.attach_from_profile);
    assert_eq!(saved.attachments, ["~/cv-2026.pdf", "~/gone.pdf"]);

    // Emptying the field follows the profile again, with nothing to check.
    update(&mut state, Command::EditDraft);
    let saved = last_saved(&typed_into_input(&mut state, ""));
    assert!(saved.attach_from_profile && saved.attachments.is_empty());
}

#[test]
fn a_missing_attachment_is_named_when_the_draft_is_composed() {
    let (mut state, effects) = composed();
    let program = state.draft.program.unwrap();
    let why = AttachCheck::Composed(program);
    assert_eq!(
        effects,
        [Effect::CheckAttachments {
            paths: vec!["~/cv.pdf".into(), "~/usmle.pdf".into()],
            why: why.clone(),
        }]
    );
    update(
        &mut state,
        Event::AttachmentsChecked {
            missing: Vec::new(),
            why: why.clone(),
        },
    );
    assert!(state.status.as_ref().is_some_and(|s| !s.is_error));
    update(
        &mut state,
        Event::AttachmentsChecked {
            missing: vec!["~/usmle.pdf".into()],
            why,
        },
    );
    let status = state.status.clone().unwrap();
    assert!(
        status.is_error && status.text.contains("~/usmle.pdf"),
        "{status:?}"
    );
    assert!(!status.text.contains("~/cv.pdf"), "{status:?}");
}

#[test]
fn a_missing_attachment_is_named_when_the_profile_is_saved() {
    let mut state = fixtures::state();
    state.profile = profile();
    let checks = |effects: Vec<Effect>| -> Vec<Effect> {
        effects
            .into_iter()
            .filter(|e| matches!(e, Effect::CheckAttachments { .. }))
            .collect()
    };
    let same = update(&mut state, Event::ProfileSaved(Box::new(profile())));
    assert!(checks(same).is_empty(), "paths unchanged: nothing to check");
    let moved = Profile {
        cv_path: "~/Documents/cv.pdf".into(),
        ..profile()
    };
    let effects = update(&mut state, Event::ProfileSaved(Box::new(moved.clone())));
    assert_eq!(
        checks(effects),
        [Effect::CheckAttachments {
            paths: vec!["~/Documents/cv.pdf".into(), "~/usmle.pdf".into()],
            why: AttachCheck::ProfileSaved,
        }]
    );
    assert_eq!(state.profile, moved);
    update(
        &mut state,
        Event::AttachmentsChecked {
            missing: vec!["~/Documents/cv.pdf".into()],
            why: AttachCheck::ProfileSaved,
        },
    );
    let status = state.status.clone().unwrap();
    assert!(
        status.is_error && status.text.contains("~/Documents/cv.pdf"),
        "{status:?}"
    );
}

#[test]
fn the_send_question_counts_the_profiles_files() {
    let (mut state, _) = composed();
    update(&mut state, Command::StopEditing);
    update(&mut state, Command::SendDraft);
    let Some(Popup::Confirm { message, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert!(message.contains("with 2 attachments"), "{message}");
}
