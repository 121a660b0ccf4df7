//! Two sessions on one database, the first the whole app in process (keys
//! through the keymap, effects on the real store), the second a plain
//! `Store` on the same file standing in for another TUI or a CLI edit.
//! A form saves only the field it edited, so the other session's edit to
//! another field stays; a field changed under the form is asked about,
//! showing both values, and never overwritten silently.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::app::db_path;
use support::driver::Driver;
use usce::app::Popup;
use usce::app::keymap::KeyContext;
use usce::domain::fields::FieldEdit;
use usce::domain::record_fields::{ContactField, InteractionField, ProfileField};
use usce::domain::tracking_fields::{LetterField, RotationField};
use usce::domain::{
    Channel, Contact, Direction, Interaction, Letter, Profile, Program, Role, Rotation,
    RotationKind, UsState,
};
use usce::store::Store;

/// The other session: its own `Store` on the app's database file.
fn other_session(d: &Driver) -> Store {
    Store::open(&db_path(d.dir())).unwrap()
}

/// `field` of the record `other` holds set to `text`, saved by `other`.
fn edit_elsewhere<F: usce::store::StoredFields>(
    other: &mut Store,
    now: &F::Target,
    field: F,
    text: &str,
) {
    let mut edited = now.clone();
    field.set(&mut edited, text).unwrap();
    other
        .set_field(&FieldEdit::new(field, now, edited))
        .unwrap();
}

fn with_profile(store: &mut Store) {
    store
        .save_profile(&Profile {
            full_name: "Ana Pérez".into(),
            email: "ana@example.org".into(),
            ..Profile::default()
        })
        .unwrap();
}

fn confirm_message(d: &Driver) -> String {
    match &d.state().popup {
        Some(Popup::Confirm { message, .. }) => message.clone(),
        other => panic!("expected a question, got {other:?}"),
    }
}

#[test]
fn a_profile_field_saved_in_the_tui_keeps_another_sessions_edit_to_another_field() {
    let mut d = Driver::with(with_profile, Default::default());
    // The form is open, showing the profile as it was at start.
    d.keys("P");
    assert_eq!(d.state().key_context(), KeyContext::Form);
    let mut other = other_session(&d);
    let now = other.profile().unwrap();
    edit_elsewhere(
        &mut other,
        &now,
        ProfileField::MedicalSchool,
        "Universidad Central",
    );
    // The first row is the full name.
    d.keys("<Enter><C-u>Ana María Pérez<Enter>");
    let stored = other.profile().unwrap();
    assert_eq!(stored.full_name, "Ana María Pérez");
    assert_eq!(stored.medical_school, "Universidad Central", "kept");
    assert_eq!(d.state().profile.medical_school, "Universidad Central");
}

#[test]
fn a_profile_field_changed_in_another_session_is_asked_about_in_the_tui() {
    let mut d = Driver::with(with_profile, Default::default());
    d.keys("P");
    let mut other = other_session(&d);
    let now = other.profile().unwrap();
    edit_elsewhere(&mut other, &now, ProfileField::FullName, "Ana M. Pérez");
    d.keys("<Enter><C-u>Ana Perez<Enter>");
    let message = confirm_message(&d);
    assert!(message.contains("Ana M. Pérez"), "{message}");
    assert!(message.contains("Ana Perez"), "{message}");
    assert_eq!(
        other.profile().unwrap().full_name,
        "Ana M. Pérez",
        "not overwritten"
    );
    assert_eq!(
        d.state().profile.full_name,
        "Ana M. Pérez",
        "the form shows it"
    );
    d.keys("y");
    assert_eq!(other.profile().unwrap().full_name, "Ana Perez");
}

fn with_contact(store: &mut Store) {
    let program = store
        .insert_program(&Program::new(
            "Internal Medicine",
            UsState::parse("OH").unwrap(),
        ))
        .unwrap();
    store
        .insert_contact(&Contact {
            program_id: program.id,
            role: Role::Coordinator,
            name: "Dana".into(),
            email: "gme@example.org".into(),
            ..Contact::default()
        })
        .unwrap();
}

#[test]
fn a_contact_field_changed_in_another_session_is_asked_about_and_no_keeps_it() {
    let mut d = Driver::with(with_contact, Default::default());
    // The contact log, then the coordinator's form.
    d.keys("<Tab><Enter>");
    assert_eq!(d.state().key_context(), KeyContext::Form);
    let mut other = other_session(&d);
    let id = d.state().log.contacts[0].id;
    let now = other.get_contact(id).unwrap().unwrap();
    edit_elsewhere(&mut other, &now, ContactField::Name, "Dana Ruiz");
    let now = other.get_contact(id).unwrap().unwrap();
    edit_elsewhere(&mut other, &now, ContactField::Phone, "+1 937 555 0101");
    // The second row is the name.
    d.keys("j<Enter><C-u>Dana R.<Enter>");
    let message = confirm_message(&d);
    assert!(
        message.contains("Dana Ruiz") && message.contains("Dana R."),
        "{message}"
    );
    d.keys("n");
    let stored = other.get_contact(id).unwrap().unwrap();
    assert_eq!(
        (stored.name.as_str(), stored.phone.as_str()),
        ("Dana Ruiz", "+1 937 555 0101")
    );
    let shown = &d.state().log.contacts[0];
    assert_eq!(
        (shown.name.as_str(), shown.phone.as_str()),
        ("Dana Ruiz", "+1 937 555 0101")
    );
}

fn with_rotation_and_letter(store: &mut Store) {
    let program = store
        .insert_program(&Program::new("Pediatrics", UsState::parse("TX").unwrap()))
        .unwrap();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2027, 6, d).unwrap();
    store
        .insert_rotation(&Rotation::new(
            program.id,
            RotationKind::Elective,
            day(1),
            day(28),
        ))
        .unwrap();
    store
        .insert_letter(&Letter {
            program_id: Some(program.id),
            writer: "Dr. Avery".into(),
            ..Letter::default()
        })
        .unwrap();
}

#[test]
fn a_rotation_field_saved_in_the_tui_keeps_another_sessions_edit_to_another_field() {
    let mut d = Driver::with(with_rotation_and_letter, Default::default());
    // Rotations and letters, then the rotation's form.
    d.keys("L<Enter>");
    assert_eq!(d.state().key_context(), KeyContext::Form);
    let mut other = other_session(&d);
    let id = d.state().rotations[0].id;
    let now = other.get_rotation(id).unwrap().unwrap();
    edit_elsewhere(&mut other, &now, RotationField::Fee, "$300");
    // The fifth row is the specialty.
    d.keys("jjjj<Enter><C-u>Cardiology<Enter>");
    let stored = other.get_rotation(id).unwrap().unwrap();
    assert_eq!(
        (stored.specialty.as_str(), stored.fee.as_str()),
        ("Cardiology", "$300")
    );
    assert_eq!(d.state().rotations[0].fee, "$300");
}

#[test]
fn a_letter_field_changed_in_another_session_is_asked_about_and_yes_replaces_it() {
    let mut d = Driver::with(with_rotation_and_letter, Default::default());
    // The letter is the second line, after the rotation.
    d.keys("Lj<Enter>");
    assert_eq!(d.state().key_context(), KeyContext::Form);
    let mut other = other_session(&d);
    let id = d.state().letters[0].id;
    let now = other.get_letter(id).unwrap().unwrap();
    edit_elsewhere(&mut other, &now, LetterField::Writer, "Dr. Avery Chen");
    d.keys("<Enter><C-u>Dr. A. Chen<Enter>");
    let message = confirm_message(&d);
    assert!(
        message.contains("Dr. Avery Chen") && message.contains("Dr. A. Chen"),
        "{message}"
    );
    assert_eq!(
        other.get_letter(id).unwrap().unwrap().writer,
        "Dr. Avery Chen"
    );
    d.keys("y");
    assert_eq!(other.get_letter(id).unwrap().unwrap().writer, "Dr. A. Chen");
}

#[test]
fn a_log_entry_field_changed_in_another_session_is_asked_about_and_not_overwritten() {
    let mut d = Driver::with(
        |store| {
            let program = store
                .insert_program(&Program::new("Surgery", UsState::parse("KY").unwrap()))
                .unwrap();
            store
                .insert_interaction(&Interaction {
                    id: Default::default(),
                    program_id: program.id,
                    contact_id: None,
                    at: chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 2, 9, 0, 0)
                        .unwrap(),
                    channel: Channel::Email,
                    direction: Direction::Out,
                    summary: "Emailed the coordinator".into(),
                    eml_path: None,
                })
                .unwrap();
        },
        Default::default(),
    );
    // The contact log; with no contacts its first line is the entry.
    d.keys("<Tab><Enter>");
    assert_eq!(d.state().key_context(), KeyContext::Form);
    let mut other = other_session(&d);
    let program = d.state().log.program.unwrap();
    let now = other.list_interactions(program).unwrap().remove(0);
    edit_elsewhere(
        &mut other,
        &now,
        InteractionField::Summary,
        "Phoned, left voicemail",
    );
    // The fourth row is the summary, typed in the notes editor (Enter is
    // a new line there; Ctrl-S saves).
    d.keys("jjj<Enter>, no answer<C-s>");
    let message = confirm_message(&d);
    assert!(message.contains("Phoned, left voicemail"), "{message}");
    let stored = other.list_interactions(program).unwrap().remove(0);
    assert_eq!(stored.summary, "Phoned, left voicemail", "not overwritten");
}
