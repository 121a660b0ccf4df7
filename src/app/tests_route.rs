//! Routing: a command goes to the innermost open layer, the same key does
//! that layer's thing, every binding reaches a handler, and whether the
//! status line clears follows from the kind of message.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use super::effect::Effect;
use super::event::{Event, ProgramLoaded};
use super::forms::{Form, FormTarget};
use super::keymap::{KeyContext, Keymap};
use super::msg::{Msg, UserInput};
use super::route::{Handled, Layer, route};
use super::update::update;
use super::{AppState, Input, InputPurpose, Pane, Popup, fixtures};
use crate::domain::{
    Contact, ContactId, FollowUp, FollowUpId, OpenFollowUp, ProgramId, Rotation, RotationId,
    RotationKind, UsState,
};

/// A key pressed as the event loop presses it: resolved in the context
/// the state is in, then applied.
fn press(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    match state.keymap.resolve(&key, state.key_context()) {
        Some(msg) => update(state, msg),
        None => Vec::new(),
    }
}

fn day(d: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
}

fn follow_up(id: i64, program: i64) -> OpenFollowUp {
    OpenFollowUp {
        follow_up: FollowUp {
            id: FollowUpId(id),
            program_id: ProgramId(program),
            contact_id: None,
            due: day("2026-11-20"),
            note: "Follow up".into(),
            done_at: None,
            snoozed_from: vec![],
        },
        program_name: format!("Program {program}"),
        state: UsState::parse("KY").unwrap(),
        contact_name: None,
    }
}

fn rotation(id: i64, program: i64) -> Rotation {
    let mut r = Rotation::new(
        ProgramId(program),
        RotationKind::Elective,
        day("2027-03-01"),
        day("2027-03-28"),
    );
    r.id = RotationId(id);
    r
}

/// The fixture with `layer` open on top.
fn in_layer(layer: Layer) -> AppState {
    let mut s = fixtures::state();
    s.templates = vec!["follow_up".into()];
    let program = s.list.selected_program().unwrap().id;
    let popup = |s: &mut AppState, p: Popup| s.popup = Some(p);
    match layer {
        Layer::Input => s.input = Some(Input::new(InputPurpose::Filter, "Filter", "")),
        Layer::Help => popup(&mut s, Popup::Help { scroll: 0 }),
        Layer::Confirm => popup(
            &mut s,
            Popup::Confirm {
                message: "Sure?".into(),
                effect: Effect::RemoveSamples,
            },
        ),
        Layer::StatusPicker => popup(
            &mut s,
            Popup::StatusPicker {
                program,
                selected: 0,
            },
        ),
        Layer::ComposePicker => popup(
            &mut s,
            Popup::Compose {
                program,
                contact: None,
                selected: 0,
            },
        ),
        Layer::BatchPicker => popup(&mut s, Popup::BatchTemplate { selected: 0 }),
        Layer::FollowUpPicker => popup(
            &mut s,
            Popup::FollowUp {
                program,
                contact: None,
                snoozing: None,
                selected: 0,
            },
        ),
        Layer::Choose => popup(
            &mut s,
            Popup::Choose {
                title: "Which?".into(),
                lines: Vec::new(),
                options: vec![("Remove".into(), Some(Effect::RemoveSamples))],
                selected: 0,
            },
        ),
        Layer::ImportReview => {
            let preview = super::event::ImportPreview {
                path: "list.csv".into(),
                summary: Some("add 1, update 0, skip 0".into()),
                columns: vec![super::event::PreviewColumn::default()],
                ..Default::default()
            };
            update(&mut s, Event::ImportPreviewed(Box::new(preview)));
        }
        Layer::Welcome => popup(&mut s, Popup::Welcome { selected: 0 }),
        Layer::Review => popup(
            &mut s,
            Popup::Review {
                items: vec![crate::domain::inbound::Proposal {
                    message_id: "<p@x>".into(),
                    program,
                    program_name: "Mercy".into(),
                    from: "a@mercy.org".into(),
                    at: chrono::Utc::now(),
                    subject: "Hi".into(),
                    snippet: String::new(),
                }],
                selected: 0,
            },
        ),
        Layer::FilterBar => popup(&mut s, Popup::FilterBar { selected: 0 }),
        Layer::Due => popup(&mut s, Popup::Due { selected: 0 }),
        Layer::Board => popup(&mut s, Popup::Board { column: 0, row: 0 }),
        Layer::Tracking => popup(&mut s, Popup::Tracking { selected: 0 }),
        Layer::States => {
            update(&mut s, Command::StatesOverview);
        }
        Layer::Form => {
            s.form = Some(Form {
                target: FormTarget::Program(program),
                selected: 0,
            })
        }
        Layer::Programs => {}
        Layer::Log => s.focus = Pane::Log,
        Layer::Draft => s.focus = Pane::Draft,
        Layer::Editor => {
            s.focus = Pane::Draft;
            s.draft.editing = true;
        }
    }
    s
}

#[test]
fn every_default_binding_is_answered_in_its_context() {
    let km = Keymap::default();
    for layer in Layer::ALL {
        let context = layer.key_context();
        let mut bindings: Vec<_> = km.bindings(context).collect();
        if matches!(layer, Layer::Programs | Layer::Log | Layer::Draft) {
            bindings.extend(km.bindings(KeyContext::Global));
        }
        for b in bindings {
            let mut state = in_layer(layer);
            assert_eq!(state.layer(), layer);
            assert_eq!(state.key_context(), context);
            let answered = route(&mut state, b.command, &mut Vec::new());
            assert_eq!(answered, Handled::Consumed, "{layer:?}: {:?}", b.command);
        }
    }
}

#[test]
fn a_command_the_open_layer_does_not_own_is_dropped_but_global_ones_work_anywhere() {
    let mut state = in_layer(Layer::Due);
    let answered = route(&mut state, Command::AddProgram, &mut Vec::new());
    assert_eq!(answered, Handled::Ignored);
    assert!(
        state.input.is_none(),
        "no program-name prompt over the Due view"
    );
    // Bound there by a user's config, quit still quits.
    let mut effects = Vec::new();
    assert_eq!(
        route(&mut state, Command::Quit, &mut effects),
        Handled::Consumed
    );
    assert!(state.quitting && effects == [Effect::Quit]);
}

#[test]
fn enter_in_the_due_view_shows_the_program_and_on_the_board_opens_its_form() {
    let mut state = fixtures::state();
    update(&mut state, Command::Due);
    update(&mut state, Event::DueLoaded(vec![follow_up(1, 3)]));
    let effects = press(&mut state, KeyCode::Enter);
    assert!(state.popup.is_none());
    assert_eq!(state.list.selected_program().unwrap().id, ProgramId(3));
    assert_eq!(state.focus, Pane::Programs);
    assert!(state.form.is_none(), "the Due view only shows the program");
    assert_eq!(effects, [Effect::LoadProgram(ProgramId(3))]);

    let mut state = fixtures::state();
    let selected = state.list.selected_program().unwrap().id;
    update(&mut state, Command::Board);
    press(&mut state, KeyCode::Enter);
    assert!(state.popup.is_none());
    assert_eq!(
        state.form,
        Some(Form {
            target: FormTarget::Program(selected),
            selected: 0,
        })
    );
}

#[test]
fn d_asks_to_delete_what_the_context_shows() {
    let confirmed = |state: &AppState| match &state.popup {
        Some(Popup::Confirm { effect, .. }) => Some(effect.clone()),
        _ => None,
    };
    // The tracking screen: the rotation under the cursor.
    let mut state = fixtures::state();
    update(&mut state, Command::Tracking);
    update(
        &mut state,
        Event::TrackingLoaded(vec![rotation(9, 1)], vec![]),
    );
    press(&mut state, KeyCode::Char('d'));
    assert_eq!(
        confirmed(&state),
        Some(Effect::DeleteRotation(RotationId(9)))
    );
    // The program list: the selected program.
    let mut state = fixtures::state();
    let program = state.list.selected_program().unwrap().id;
    press(&mut state, KeyCode::Char('d'));
    assert_eq!(confirmed(&state), Some(Effect::DeleteProgram(program)));
    // The contact log: the contact under the cursor.
    let mut state = fixtures::state();
    let contact = Contact {
        id: ContactId(5),
        program_id: program,
        name: "Dr. Ortiz".into(),
        ..Contact::default()
    };
    update(
        &mut state,
        Event::ProgramLoaded(Box::new(ProgramLoaded {
            program,
            contacts: vec![contact],
            ..Default::default()
        })),
    );
    state.focus = Pane::Log;
    press(&mut state, KeyCode::Char('d'));
    assert_eq!(confirmed(&state), Some(Effect::DeleteContact(ContactId(5))));
}

#[test]
fn the_same_esc_closes_the_innermost_thing_only() {
    let mut state = fixtures::state();
    let program = state.list.selected_program().unwrap().id;
    update(&mut state, Command::OpenDetail);
    update(&mut state, Command::Help);
    assert_eq!(state.layer(), Layer::Help);
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.layer(), Layer::Form, "help closed, the form stays");
    assert_eq!(
        state.form.map(|f| f.target),
        Some(FormTarget::Program(program))
    );
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.layer(), Layer::Programs);
}

const OLD: &str = "Could not save: disk full";

fn with_message() -> AppState {
    let mut state = fixtures::state();
    state.error(OLD);
    state
}

fn message(state: &AppState) -> Option<&str> {
    state.status.as_ref().map(|s| s.text.as_str())
}

#[test]
fn every_command_clears_the_status_line_except_editing_the_text() {
    for cmd in Command::all() {
        let mut state = with_message();
        update(&mut state, cmd);
        if cmd.edits_text() {
            assert_eq!(message(&state), Some(OLD), "{cmd:?}");
        } else {
            assert_ne!(message(&state), Some(OLD), "{cmd:?} kept the old message");
        }
    }
    // Ctrl-U in an open input edits the text, as typing does.
    let mut state = with_message();
    state.input = Some(Input::new(InputPurpose::Filter, "Filter", "cardio"));
    update(&mut state, Command::ClearInput);
    assert_eq!(message(&state), Some(OLD));
    assert_eq!(state.input.as_ref().map(|i| i.value()), Some(String::new()));
}

#[test]
fn events_and_typed_keys_leave_the_status_line_and_clicks_clear_it() {
    let program = fixtures::state().list.selected_program().unwrap().id;
    let events = [
        Event::ProgramLoaded(Box::new(ProgramLoaded {
            program,
            ..Default::default()
        })),
        Event::DueLoaded(vec![follow_up(1, 3)]),
        Event::NextActionsLoaded(Default::default()),
        Event::TrackingLoaded(vec![], vec![]),
        Event::DayChanged(day("2026-11-27")),
        Event::ContactDeleted(ContactId(99)),
        Event::PathCompleted("x.csv".into()),
    ];
    for event in events {
        let mut state = with_message();
        update(&mut state, event.clone());
        assert_eq!(message(&state), Some(OLD), "{event:?}");
    }
    let key = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    let mut state = with_message();
    state.input = Some(Input::new(InputPurpose::Filter, "Filter", ""));
    update(&mut state, UserInput::InputKey(key));
    assert_eq!(message(&state), Some(OLD));
    let mut state = with_message();
    update(&mut state, UserInput::EditorKey(key));
    assert_eq!(message(&state), Some(OLD));
    for click in [
        UserInput::Click { column: 0, row: 0 },
        UserInput::Scroll {
            up: true,
            column: 0,
            row: 0,
        },
    ] {
        let mut state = with_message();
        update(&mut state, click);
        assert_eq!(message(&state), None, "{click:?}");
        assert!(Msg::from(click).clears_status());
    }
}

#[test]
fn ctrl_c_quits_from_every_layer_with_quit_unbound() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for layer in Layer::ALL {
        let mut state = in_layer(layer);
        let unbind_quit = super::keymap::Override {
            context: KeyContext::Global,
            command: Command::Quit,
            keys: vec![],
            line: 1,
        };
        state.keymap = Keymap::default().with_overrides(&[unbind_quit]).0;
        let msg = state.keymap.resolve(&ctrl_c, state.key_context());
        let effects = msg.map(|m| update(&mut state, m)).unwrap_or_default();
        assert!(state.quitting, "{layer:?}");
        assert!(effects.contains(&Effect::Quit), "{layer:?}");
    }
}

#[test]
fn deleting_a_rotation_in_the_tracking_view_keeps_the_view_open() {
    let mut state = fixtures::state();
    update(&mut state, Command::Tracking);
    update(
        &mut state,
        Event::TrackingLoaded(vec![rotation(9, 1), rotation(10, 1)], vec![]),
    );
    // Declining keeps the view too.
    update(&mut state, Command::Delete);
    update(&mut state, Command::Cancel);
    assert!(matches!(state.popup, Some(Popup::Tracking { .. })));
    update(&mut state, Command::Delete);
    let effects = update(&mut state, Command::Confirm);
    assert_eq!(effects, vec![Effect::DeleteRotation(RotationId(9))]);
    update(&mut state, Event::RotationDeleted(RotationId(9)));
    assert!(
        matches!(state.popup, Some(Popup::Tracking { selected: 0 })),
        "{:?}",
        state.popup
    );
    assert_eq!(state.rotations.len(), 1);
}
