//! The import preview's mapping step in the reducer: picks accumulate and
//! travel with the preview and the import, and the step belongs only to
//! the confirmation that imports its file.

use std::path::PathBuf;

use super::command::Command;
use super::effect::Effect;
use super::event::{Event, ImportPreview, ImportRequest, PreviewColumn};
use super::import_review::picker_entries;
use super::update::update;
use super::{Popup, fixtures};
use crate::domain::ProgramId;
use crate::import::headers::Field;
use crate::import::mapping::Choice;

fn preview(choices: Vec<(String, Choice)>) -> ImportPreview {
    let column = |header: &str, target: &str| PreviewColumn {
        header: header.into(),
        target: target.into(),
        by: "",
    };
    ImportPreview {
        path: PathBuf::from("list.csv"),
        summary: Some("add 2, update 0, skip 0".into()),
        columns: vec![
            column("Name", "name (Name)"),
            column("Tel", "ignored (not recognised)"),
            column("Fax", "ignored (not recognised)"),
        ],
        request: ImportRequest {
            path: PathBuf::from("list.csv"),
            choices,
            state: None,
        },
        ..ImportPreview::default()
    }
}

fn pick(state: &mut super::AppState, entry: &str) -> Vec<Effect> {
    update(state, Command::ChangeMapping);
    let at = picker_entries().iter().position(|e| e == entry).unwrap();
    for _ in 0..at {
        update(state, Command::Down);
    }
    update(state, Command::Confirm)
}

#[test]
fn picks_accumulate_and_the_confirmation_imports_with_them() {
    let mut state = fixtures::state();
    update(
        &mut state,
        Event::ImportPreviewed(Box::new(preview(vec![]))),
    );
    assert!(state.reviewing().is_some());
    update(&mut state, Command::Down);
    let effects = pick(&mut state, "main_phone");
    let Some(Effect::PreviewImportWith(request)) = effects.first() else {
        panic!("{effects:?}")
    };
    let phone = Choice::Field(Field::Program(crate::domain::fields::Field::MainPhone));
    assert_eq!(request.choices, [("Tel".to_string(), phone)]);
    assert!(state.popup.is_none(), "the preview runs again");

    // The second preview comes back with that pick; ignoring Fax keeps it.
    let again = preview(request.choices.clone());
    update(&mut state, Event::ImportPreviewed(Box::new(again)));
    update(&mut state, Command::Down);
    update(&mut state, Command::Down);
    let effects = pick(&mut state, "ignored");
    let Some(Effect::PreviewImportWith(request)) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        request.choices,
        [
            ("Tel".to_string(), phone),
            ("Fax".to_string(), Choice::Ignore)
        ]
    );
    let last = preview(request.choices.clone());
    update(&mut state, Event::ImportPreviewed(Box::new(last)));
    let effects = update(&mut state, Command::Confirm);
    let Some(Effect::ApplyImportWith(request)) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(request.path, PathBuf::from("list.csv"));
    assert_eq!(request.choices.len(), 2);
    assert!(state.reviewing().is_none() && state.popup.is_none());
}

#[test]
fn the_step_belongs_only_to_the_confirmation_that_imports_its_file() {
    let mut state = fixtures::state();
    update(
        &mut state,
        Event::ImportPreviewed(Box::new(preview(vec![]))),
    );
    assert!(state.reviewing().is_some());
    // Another question replaces it (say, a delete): the step is not shown
    // and m does nothing there.
    state.popup = Some(Popup::Confirm {
        message: "Delete?".into(),
        effect: Effect::DeleteProgram(ProgramId(1)),
    });
    assert!(state.reviewing().is_none());
    assert!(update(&mut state, Command::ChangeMapping).is_empty());
    assert_eq!(
        update(&mut state, Command::Confirm),
        [Effect::DeleteProgram(ProgramId(1))]
    );
}
