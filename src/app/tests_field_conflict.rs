//! The field-conflict question for records other than programs (the
//! program case is in `field_conflict.rs`): the same message, the stored
//! record shown, and yes saving the same edit over the stored value.

use super::command::Command;
use super::effect::Effect;
use super::event::{Event, ProgramLoaded};
use super::field_conflict::{Conflict, RecordConflict, RecordEdit};
use super::forms::{self, FormTarget};
use super::update::update;
use super::{AppState, Popup, fixtures};
use crate::domain::fields::FieldEdit;
use crate::domain::fields::FieldSet;
use crate::domain::record_fields::{ContactField, ProfileField};
use crate::domain::tracking_fields::RotationField;
use crate::domain::{Contact, ContactId, Role, Rotation, RotationKind};

fn with_contact() -> (AppState, Contact) {
    let mut state = fixtures::state();
    let program = state.list.selected_program().unwrap().id;
    let contact = Contact {
        id: ContactId(7),
        program_id: program,
        role: Role::Coordinator,
        name: "Dana".into(),
        ..Contact::default()
    };
    update(
        &mut state,
        Event::ProgramLoaded(Box::new(ProgramLoaded {
            program,
            contacts: vec![contact.clone()],
            ..Default::default()
        })),
    );
    (state, contact)
}

#[test]
fn a_contact_form_edit_saves_that_field_only_over_what_it_showed() {
    let (state, contact) = with_contact();
    let name_row = ContactField::ALL
        .iter()
        .position(|f| *f == ContactField::Name)
        .unwrap();
    let effect = forms::apply_text(
        &state,
        FormTarget::Contact(contact.id),
        name_row,
        "Dana Ruiz",
    )
    .unwrap()
    .unwrap();
    let Effect::SetField(RecordEdit::Contact(edit)) = effect else {
        panic!("{effect:?}")
    };
    assert_eq!(edit.shown, [(ContactField::Name, "Dana".to_string())]);
    assert_eq!(edit.edited.name, "Dana Ruiz");
}

#[test]
fn a_contact_field_changed_elsewhere_shows_both_values_and_yes_saves_over_the_new_one() {
    let (mut state, contact) = with_contact();
    let mut wanted = contact.clone();
    wanted.name = "Dana R.".into();
    let edit = FieldEdit::new(ContactField::Name, &contact, wanted);
    let mut stored = contact.clone();
    stored.name = "Dana Ruiz".into();
    stored.phone = "+1 937 555 0101".into();
    update(
        &mut state,
        Event::FieldChanged(RecordConflict::Contact(Conflict {
            edit: edit.clone(),
            stored: Box::new(stored.clone()),
        })),
    );
    let Some(Popup::Confirm { message, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert!(
        message.contains("Dana Ruiz") && message.contains("Dana R."),
        "{message}"
    );
    assert_eq!(
        state.log.contacts,
        [stored.clone()],
        "the form shows what is stored"
    );
    let effects = update(&mut state, Command::Confirm);
    assert_eq!(
        effects,
        [Effect::SetField(RecordEdit::Contact(edit.over(&stored)))]
    );
}

#[test]
fn the_question_names_the_field_that_changed_even_one_moved_along() {
    let mut state = fixtures::state();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2027, 6, d).unwrap();
    let program = state.list.selected_program().unwrap().id;
    let shown = Rotation::new(program, RotationKind::Elective, day(1), day(28));
    let mut wanted = shown.clone();
    RotationField::Start.set(&mut wanted, "2027-06-30").unwrap();
    let mut stored = shown.clone();
    stored.end = day(14);
    update(
        &mut state,
        Event::FieldChanged(RecordConflict::Rotation(Conflict {
            edit: FieldEdit::new(RotationField::Start, &shown, wanted),
            stored: Box::new(stored),
        })),
    );
    let Some(Popup::Confirm { message, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert!(
        message.starts_with("Ends (last day) changed meanwhile to"),
        "{message}"
    );
    assert!(
        message.contains("2027-06-14") && message.contains("2027-07-27"),
        "{message}"
    );
}

#[test]
fn a_profile_changed_elsewhere_is_shown_and_no_keeps_it() {
    let mut state = fixtures::state();
    let shown = state.profile.clone();
    let mut wanted = shown.clone();
    wanted.full_name = "Ana Perez".into();
    let mut stored = shown.clone();
    stored.full_name = "Ana M. Pérez".into();
    update(
        &mut state,
        Event::FieldChanged(RecordConflict::Profile(Conflict {
            edit: FieldEdit::new(ProfileField::FullName, &shown, wanted),
            stored: Box::new(stored),
        })),
    );
    let effects = update(&mut state, Command::Cancel);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(state.popup.is_none());
    assert_eq!(state.profile.full_name, "Ana M. Pérez");
}
