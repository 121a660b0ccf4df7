//! Reducer scenarios: actions in, state and effects out. No terminal, no DB.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use super::effect::Effect;
use super::event::{Event, ProgramLoaded};
use super::fixtures;
use super::list::Row;
use super::msg::UserInput;
use super::update::update;
use super::{AppState, Pane, Popup};
use crate::domain::{Draft, DraftId, ProgramId, Status, UsState, fields::Field};

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn type_text(state: &mut AppState, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| update(state, UserInput::InputKey(key(c))))
        .collect()
}

fn selected_name(state: &AppState) -> Option<String> {
    state.list.selected_program().map(|p| p.name.clone())
}

#[test]
fn home_state_sorts_first_and_selection_starts_on_a_program() {
    let state = fixtures::state();
    assert_eq!(
        state.list.rows()[0],
        Row::Header(UsState::parse("OH").unwrap())
    );
    assert_eq!(
        selected_name(&state).as_deref(),
        Some("Buckeye Community Psychiatry")
    );
}

#[test]
fn moving_the_selection_loads_the_new_program_once() {
    let mut state = fixtures::state();
    let effects = update(&mut state, Command::Down);
    assert_eq!(
        selected_name(&state).as_deref(),
        Some("Lakeshore Pediatrics")
    );
    assert_eq!(effects, vec![Effect::LoadProgram(ProgramId(3))]);
    // Moving onto a header row loads nothing.
    update(&mut state, Command::Down);
    let effects = update(&mut state, Command::Down);
    assert_eq!(
        state.list.selected_row(),
        Some(Row::Header(UsState::parse("KY").unwrap()))
    );
    assert!(effects.is_empty());
}

#[test]
fn top_bottom_and_paging_stay_in_bounds() {
    let mut state = fixtures::state();
    update(&mut state, Command::Bottom);
    assert_eq!(
        selected_name(&state).as_deref(),
        Some("Hospital Ceiba Alta — Medicina Interna")
    );
    update(&mut state, Command::Down);
    assert_eq!(state.list.selected_index(), state.list.rows().len() - 1);
    state.list.viewport.set(4);
    update(&mut state, Command::PageUp);
    assert_eq!(state.list.selected_index(), state.list.rows().len() - 5);
    update(&mut state, Command::Top);
    assert_eq!(state.list.selected_index(), 0);
    update(&mut state, Command::Up);
    assert_eq!(state.list.selected_index(), 0);
}

#[test]
fn folding_a_state_hides_its_programs_but_keeps_counts() {
    let mut state = fixtures::state();
    let ky = UsState::parse("KY").unwrap();
    let before = state.list.rows().len();
    state.list.select_program(ProgramId(1));
    update(&mut state, Command::ToggleGroup);
    assert_eq!(state.list.rows().len(), before - 3);
    assert!(state.list.is_collapsed(ky));
    assert_eq!(state.list.selected_row(), Some(Row::Header(ky)));
    let counts = state.list.counts(ky);
    assert_eq!(
        (counts.programs, counts.contacted, counts.replied),
        (3, 2, 1)
    );
    update(&mut state, Command::ToggleGroup);
    assert_eq!(state.list.rows().len(), before);
    update(&mut state, Command::ToggleAllGroups);
    assert_eq!(state.list.rows().len(), 3, "only headers remain");
    update(&mut state, Command::ToggleAllGroups);
    assert_eq!(state.list.rows().len(), before);
}

#[test]
fn filter_narrows_as_you_type_and_escape_restores() {
    let mut state = fixtures::state();
    update(&mut state, Command::Filter);
    type_text(&mut state, "internal");
    assert_eq!(state.list.matched_len(), 3);
    assert!(state.list.rows().iter().all(|r| match r {
        Row::Program(i) => {
            let p = state.list.program(*i);
            (p.name.clone() + &p.specialty)
                .to_lowercase()
                .contains("internal")
        }
        Row::Header(_) => true,
    }));
    // Typing "q" in the filter is text, not quit.
    let effects = type_text(&mut state, " q");
    assert!(!state.quitting && !effects.contains(&Effect::Quit));
    assert_eq!(state.list.matched_len(), 0);
    update(&mut state, Command::Cancel);
    assert!(state.input.is_none());
    assert_eq!(state.list.matched_len(), 7);
}

/// Ctrl-U in a search empties it up to the cursor, as in a shell (the
/// text area's own Ctrl-U is undo, which took back one letter), and the
/// list widens at once.
#[test]
fn ctrl_u_clears_the_search_and_the_list_widens() {
    let mut state = fixtures::state();
    update(&mut state, Command::Filter);
    type_text(&mut state, "internal");
    assert_eq!(state.list.matched_len(), 3);
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let action = state.keymap.resolve(&ctrl_u, state.key_context());
    assert_eq!(action, Some(Command::ClearInput.into()));
    update(&mut state, Command::ClearInput);
    assert_eq!(state.input.as_ref().map(|i| i.value()), Some(String::new()));
    assert_eq!(state.list.matched_len(), 7);
    type_text(&mut state, "internal");
    assert_eq!(state.list.matched_len(), 3);
}

#[test]
fn filter_kept_on_enter_and_counts_follow_the_filtered_set() {
    let mut state = fixtures::state();
    update(&mut state, Command::Filter);
    type_text(&mut state, "family");
    update(&mut state, Command::Submit);
    assert!(state.input.is_none());
    assert_eq!(state.list.filter(), "family");
    assert_eq!(state.list.counts(UsState::parse("KY").unwrap()).programs, 1);
    assert_eq!(state.list.counts(UsState::parse("PR").unwrap()).programs, 0);
    update(&mut state, Command::Cancel);
    assert_eq!(state.list.filter(), "");
}

#[test]
fn status_picker_emits_set_status_and_saved_program_updates_counts() {
    let mut state = fixtures::state();
    state.list.select_program(ProgramId(2));
    update(&mut state, Command::SetStatus);
    assert!(matches!(
        state.popup,
        Some(Popup::StatusPicker { selected: 0, .. })
    ));
    update(&mut state, Command::Down);
    update(&mut state, Command::Down);
    update(&mut state, Command::Down);
    let effects = update(&mut state, Command::Submit);
    assert_eq!(
        effects,
        vec![Effect::SetStatus(ProgramId(2), Status::Contacted)]
    );
    assert!(state.popup.is_none());
    let mut saved = state.list.selected_program().unwrap().clone();
    saved.status = Status::Contacted;
    update(&mut state, Event::ProgramSaved(Box::new(saved)));
    assert_eq!(
        state.list.counts(UsState::parse("KY").unwrap()).contacted,
        3
    );
}

#[test]
fn delete_asks_first_and_only_confirm_emits_the_effect() {
    let mut state = fixtures::state();
    let id = state.list.selected_program().unwrap().id;
    assert!(update(&mut state, Command::Delete).is_empty());
    assert!(matches!(state.popup, Some(Popup::Confirm { .. })));
    assert!(update(&mut state, Command::Cancel).is_empty());
    assert!(state.popup.is_none());
    update(&mut state, Command::Delete);
    assert_eq!(
        update(&mut state, Command::Confirm),
        vec![Effect::DeleteProgram(id)]
    );
    update(&mut state, Event::ProgramDeleted(id));
    assert_eq!(state.list.programs().len(), 6);
}

#[test]
fn detail_view_edits_text_fields_and_cycles_choices() {
    let mut state = fixtures::state();
    update(&mut state, Command::OpenDetail);
    let detail = state.form.expect("detail open");
    // City is a text field: Enter opens an input prefilled with the value.
    let city = Field::ALL.iter().position(|f| *f == Field::City).unwrap();
    for _ in 0..city {
        update(&mut state, Command::Down);
    }
    update(&mut state, Command::Submit);
    let input = state.input.as_ref().expect("input open");
    assert_eq!(input.value(), "Dayton");
    for _ in 0..6 {
        update(
            &mut state,
            UserInput::InputKey(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        );
    }
    type_text(&mut state, "Akron");
    let effects = update(&mut state, Command::Submit);
    let [
        Effect::SetProgramField {
            field: Field::City,
            edited: changed,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(changed.city, "Akron");
    assert_eq!(super::forms::FormTarget::Program(changed.id), detail.target);
    // A choice field cycles without an input.
    let visa = Field::ALL.iter().position(|f| *f == Field::Visa).unwrap();
    state.form = Some(super::forms::Form {
        selected: visa,
        ..detail
    });
    let effects = update(&mut state, Command::Submit);
    assert!(
        matches!(effects.as_slice(), [Effect::SetProgramField { field: Field::Visa, edited: p, .. }] if p.visa != state.list.selected_program().unwrap().visa)
    );
    assert!(state.input.is_none());
}

#[test]
fn invalid_field_text_keeps_the_input_open_with_an_error() {
    let mut state = fixtures::state();
    update(&mut state, Command::OpenDetail);
    let pct = Field::ALL
        .iter()
        .position(|f| *f == Field::ImgPercent)
        .unwrap();
    state.form.as_mut().unwrap().selected = pct;
    update(&mut state, Command::Submit);
    type_text(&mut state, "250");
    assert!(update(&mut state, Command::Submit).is_empty());
    assert!(state.input.is_some());
    assert!(
        state
            .status
            .as_ref()
            .is_some_and(|s| s.is_error && s.text.contains("100"))
    );
}

#[test]
fn adding_a_program_asks_name_then_state_and_opens_it() {
    let mut state = fixtures::state();
    update(&mut state, Command::AddProgram);
    type_text(&mut state, "New Hope Internal Medicine");
    update(&mut state, Command::Submit);
    // The state prompt is prefilled with the selected group's state.
    assert_eq!(state.input.as_ref().unwrap().value(), "OH");
    for _ in 0..2 {
        update(
            &mut state,
            UserInput::InputKey(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        );
    }
    type_text(&mut state, "Narnia");
    assert!(
        update(&mut state, Command::Submit).is_empty(),
        "bad state refused"
    );
    for _ in 0..6 {
        update(
            &mut state,
            UserInput::InputKey(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        );
    }
    type_text(&mut state, "Tennessee");
    let effects = update(&mut state, Command::Submit);
    let [Effect::InsertProgram(p)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (p.name.as_str(), p.state.code()),
        ("New Hope Internal Medicine", "TN")
    );
    let mut saved = (**p).clone();
    saved.id = ProgramId(99);
    update(&mut state, Event::ProgramAdded(Box::new(saved)));
    assert_eq!(
        state.form.and_then(|d| d.target.program()),
        Some(ProgramId(99))
    );
    assert_eq!(
        state.list.selected_program().map(|p| p.id),
        Some(ProgramId(99))
    );
}

#[test]
fn editor_keys_autosave_the_draft_of_the_loaded_program() {
    let mut state = fixtures::state();
    // Keys before the program's rows arrive are ignored, not misfiled.
    let effects = update(&mut state, Command::Down);
    let [Effect::LoadProgram(id)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let id = *id;
    assert!(update(&mut state, UserInput::EditorKey(key('x'))).is_empty());
    update(
        &mut state,
        Event::ProgramLoaded(Box::new(ProgramLoaded {
            program: id,
            ..Default::default()
        })),
    );
    update(&mut state, Command::FocusNext);
    update(&mut state, Command::FocusNext);
    assert_eq!(state.focus, Pane::Draft);
    // Until typing starts, letters are commands, not text.
    assert_eq!(state.key_context(), super::keymap::KeyContext::Draft);
    update(&mut state, Command::EditDraft);
    assert_eq!(state.key_context(), super::keymap::KeyContext::Editor);
    let effects = update(&mut state, UserInput::EditorKey(key('H')));
    let [Effect::SaveDraft(d)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((d.body.as_str(), d.program_id), ("H", id));
    update(
        &mut state,
        Event::DraftSaved(Box::new(Draft {
            id: DraftId(5),
            ..(**d).clone()
        })),
    );
    let effects = update(&mut state, UserInput::EditorKey(key('i')));
    let [Effect::SaveDraft(d)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((d.body.as_str(), d.id), ("Hi", DraftId(5)));
    // Cursor movement changes nothing and saves nothing.
    assert!(
        update(
            &mut state,
            UserInput::EditorKey(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE))
        )
        .is_empty()
    );
}

#[test]
fn errors_show_in_the_status_line_and_clear_on_the_next_key() {
    let mut state = fixtures::state();
    update(&mut state, Event::Failed("database is locked".into()));
    assert!(state.status.as_ref().is_some_and(|s| s.is_error));
    update(&mut state, Command::Down);
    assert!(state.status.is_none());
}

#[test]
fn remove_samples_confirms_with_the_count() {
    let mut state = fixtures::state();
    let mut sample = state.list.programs()[0].clone();
    sample.is_sample = true;
    state.list.upsert(sample);
    update(&mut state, Command::RemoveSamples);
    let Some(Popup::Confirm { message, effect }) = &state.popup else {
        panic!()
    };
    assert!(message.contains("1 sample"));
    assert_eq!(*effect, Effect::RemoveSamples);
    update(&mut state, Command::Confirm);
    update(&mut state, Event::SamplesRemoved(1));
    assert_eq!(state.list.programs().len(), 6);
}

#[test]
fn quit_emits_quit() {
    let mut state = fixtures::state();
    assert_eq!(update(&mut state, Command::Quit), vec![Effect::Quit]);
    assert!(state.quitting);
}

#[test]
fn filter_bar_steps_values_and_esc_in_the_list_clears_everything() {
    let mut state = fixtures::state();
    update(&mut state, Command::FilterBar);
    assert!(matches!(
        state.popup,
        Some(Popup::FilterBar { selected: 0 })
    ));
    update(&mut state, Command::NextValue);
    // States step in code order among those present: KY first.
    assert_eq!(state.list.filters().state.map(|s| s.code()), Some("KY"));
    assert_eq!(state.list.matched_len(), 3);
    update(&mut state, Command::Down);
    update(&mut state, Command::NextValue);
    assert_eq!(
        state.list.filters().specialty.as_deref(),
        Some("Family Medicine")
    );
    assert_eq!(state.list.matched_len(), 1);
    update(&mut state, Command::ClearValue);
    assert_eq!(state.list.matched_len(), 3);
    update(&mut state, Command::Cancel);
    assert!(state.popup.is_none());
    assert_eq!(state.list.filters().describe(), "KY");
    update(&mut state, Command::Filter);
    type_text(&mut state, "lex");
    update(&mut state, Command::Submit);
    assert_eq!(state.list.matched_len(), 1);
    update(&mut state, Command::Cancel);
    assert_eq!(
        (state.list.matched_len(), state.list.filters().is_empty()),
        (7, true)
    );
}

#[test]
fn fuzzy_search_ranks_within_state_groups() {
    let mut state = fixtures::state();
    update(&mut state, Command::Filter);
    type_text(&mut state, "fam med");
    let names: Vec<String> = state
        .list
        .rows()
        .iter()
        .filter_map(|r| match r {
            Row::Program(i) => Some(state.list.program(*i).name.clone()),
            Row::Header(_) => None,
        })
        .collect();
    assert_eq!(
        names,
        vec![
            "東京 Friendship Clinic Family Medicine",
            "Ohio Valley Family Medicine"
        ]
    );
}

#[test]
fn import_asks_for_a_path_previews_and_only_confirm_writes() {
    use super::event::ImportPreview;
    use std::path::PathBuf;
    let mut state = fixtures::state();
    update(&mut state, Command::Import);
    type_text(&mut state, "lists/ky.csv");
    let effects = update(&mut state, Command::Submit);
    assert_eq!(
        effects,
        vec![Effect::PreviewImport(PathBuf::from("lists/ky.csv"))]
    );
    let preview = ImportPreview {
        path: PathBuf::from("lists/ky.csv"),
        summary: Some("add 3, update 0, skip 1".into()),
        problems: vec!["ignored columns: Fax".into()],
        ..Default::default()
    };
    assert!(update(&mut state, Event::ImportPreviewed(Box::new(preview))).is_empty());
    let Some(Popup::Confirm { message, effect }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert!(
        message.contains("add 3, update 0, skip 1") && message.contains("Fax"),
        "{message}"
    );
    assert_eq!(*effect, Effect::ApplyImport(PathBuf::from("lists/ky.csv")));
    assert_eq!(
        update(&mut state, Command::Confirm),
        vec![Effect::ApplyImport(PathBuf::from("lists/ky.csv"))]
    );
    let mut programs = fixtures::programs();
    programs.push(crate::domain::Program {
        id: ProgramId(50),
        ..crate::domain::Program::new("Imported", UsState::parse("KY").unwrap())
    });
    update(
        &mut state,
        Event::ProgramsReloaded(programs, "Imported: added 1".into()),
    );
    assert_eq!(state.list.programs().len(), 8);
    assert!(
        state
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("added 1"))
    );
}

#[test]
fn an_invalid_import_shows_every_problem_and_offers_nothing_to_confirm() {
    use super::event::ImportPreview;
    let mut state = fixtures::state();
    let preview = ImportPreview {
        path: "bad.csv".into(),
        summary: None,
        problems: vec!["bad.csv:3: Program Name: a program name is required".into()],
        ..Default::default()
    };
    assert!(update(&mut state, Event::ImportPreviewed(Box::new(preview))).is_empty());
    let Some(Popup::Info { lines, .. }) = &state.popup else {
        panic!()
    };
    assert_eq!(
        lines[0],
        "bad.csv:3: Program Name: a program name is required"
    );
    assert!(update(&mut state, Command::Confirm).is_empty());
    update(&mut state, Command::Cancel);
    assert!(state.popup.is_none());
}

fn with_coordinator(state: &mut AppState) -> ProgramId {
    use crate::domain::{Contact, ContactId, Role};
    let program = state.log.program.unwrap();
    let contact = Contact {
        id: ContactId(7),
        program_id: program,
        role: Role::Coordinator,
        name: "Program Coordinator".into(),
        email: "coord@example.org".into(),
        ..Contact::default()
    };
    update(state, Event::ContactSaved(Box::new(contact), false));
    state.templates = vec!["request_rotation".into(), "follow_up".into()];
    program
}

#[test]
fn compose_picks_contact_then_template_and_asks_for_a_render() {
    let mut state = fixtures::state();
    let program = with_coordinator(&mut state);
    update(&mut state, Command::FocusNext);
    update(&mut state, Command::FocusNext);
    assert_eq!(state.key_context(), super::keymap::KeyContext::Draft);
    update(&mut state, Command::Compose);
    assert_eq!(
        super::compose::choices(&state)[0],
        "coordinator: Program Coordinator <coord@example.org>"
    );
    assert!(update(&mut state, Command::Submit).is_empty());
    assert_eq!(
        super::compose::choices(&state),
        vec!["request_rotation", "follow_up"]
    );
    update(&mut state, Command::Down);
    let effects = update(&mut state, Command::Submit);
    assert_eq!(
        effects,
        vec![Effect::Compose {
            program,
            contact: Some(crate::domain::ContactId(7)),
            template: "follow_up".into(),
            answers: None,
        }]
    );
    assert!(state.popup.is_none());
    // The composed draft arrives: the form holds the headers, the editor
    // only the body, open for typing with the cursor on its first line.
    let draft = Draft {
        id: DraftId(3),
        program_id: program,
        to: "coord@example.org".into(),
        subject: "Following up".into(),
        body: "Dear Program Coordinator,".into(),
        template: Some("follow_up".into()),
        ..Draft::default()
    };
    update(&mut state, Event::DraftComposed(Box::new(draft)));
    assert!(state.draft.editing);
    assert_eq!(state.draft.draft.to, "coord@example.org");
    assert_eq!(state.draft.editor.lines()[0], "Dear Program Coordinator,");
    assert_eq!(state.draft.editor.cursor(), (0, 0));
}

#[test]
fn sending_asks_first_and_refuses_a_draft_without_an_address() {
    let mut state = fixtures::state();
    let program = with_coordinator(&mut state);
    state.focus = Pane::Draft;
    update(&mut state, Command::SendDraft);
    assert!(state.popup.is_none(), "nothing composed yet");
    let mut draft = Draft {
        id: DraftId(3),
        program_id: program,
        subject: "Hi".into(),
        template: Some("x".into()),
        ..Draft::default()
    };
    update(&mut state, Event::DraftComposed(Box::new(draft.clone())));
    update(&mut state, Command::StopEditing);
    update(&mut state, Command::SendDraft);
    assert!(
        state
            .status
            .as_ref()
            .is_some_and(|s| s.is_error && s.text.contains("To:"))
    );
    draft.to = "coord@example.org".into();
    update(&mut state, Event::DraftComposed(Box::new(draft)));
    update(&mut state, Command::StopEditing);
    assert!(update(&mut state, Command::SendDraft).is_empty());
    let Some(Popup::Confirm { message, effect }) = &state.popup else {
        panic!()
    };
    assert!(message.contains("coord@example.org"));
    assert_eq!(*effect, Effect::SendDraft(DraftId(3)));
    assert_eq!(
        update(&mut state, Command::Confirm),
        vec![Effect::SendDraft(DraftId(3))]
    );
}

#[test]
fn mailto_copy_ready_and_external_editor_produce_their_effects() {
    let mut state = fixtures::state();
    let program = with_coordinator(&mut state);
    let draft = Draft {
        id: DraftId(3),
        program_id: program,
        to: "coord@example.org".into(),
        subject: "Rotation request".into(),
        body: "Dear coordinator".into(),
        template: Some("x".into()),
        ..Draft::default()
    };
    update(&mut state, Event::DraftComposed(Box::new(draft)));
    update(&mut state, Command::StopEditing);
    let effects = update(&mut state, Command::MailTo);
    let [Effect::OpenUrl(url)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        url.starts_with("mailto:coord@example.org?") && url.contains("Rotation%20request"),
        "{url}"
    );
    assert_eq!(
        update(&mut state, Command::CopyDraft),
        vec![Effect::CopyText("Dear coordinator".into())]
    );
    let effects = update(&mut state, Command::ToggleReady);
    let [Effect::SaveDraft(d)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(d.status, crate::domain::DraftStatus::Ready);
    let effects = update(&mut state, Command::ExternalEditor);
    let [Effect::EditExternally(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        text, "Dear coordinator",
        "the body only: headers are the form's"
    );
    let edited = text.replace("Dear coordinator", "Dear Dr. Rivera") + "\n";
    let effects = update(&mut state, Event::EditorClosed(edited));
    let [Effect::SaveDraft(d)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(d.body, "Dear Dr. Rivera");
    assert_eq!(
        (d.to.as_str(), d.template.as_deref()),
        ("coord@example.org", Some("x"))
    );
    assert_eq!(
        state.draft.editor.lines().last().unwrap(),
        "Dear Dr. Rivera"
    );
}

#[test]
fn export_eml_suggests_a_file_named_after_the_program() {
    let mut state = fixtures::state();
    let program = with_coordinator(&mut state);
    let draft = Draft {
        id: DraftId(3),
        program_id: program,
        template: Some("x".into()),
        ..Draft::default()
    };
    update(&mut state, Event::DraftComposed(Box::new(draft)));
    update(&mut state, Command::StopEditing);
    update(&mut state, Command::ExportEml);
    assert_eq!(
        state.input.as_ref().unwrap().value(),
        "~/buckeye-community-psychiatry.eml"
    );
    let effects = update(&mut state, Command::Submit);
    let [Effect::ExportEml { draft, path }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(*draft, DraftId(3));
    assert!(path.ends_with("buckeye-community-psychiatry.eml"));
}
