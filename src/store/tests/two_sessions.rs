//! Two sessions on one database file, each with its own `Store`: a form
//! saves only the field it edited, and a field changed under it is
//! reported rather than overwritten.

use super::state;
use crate::domain::fields::Field;
use crate::domain::{Program, Status, Tri};
use crate::store::{FieldWrite, Store};

fn two_sessions() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    let a = Store::open(&path).unwrap();
    let b = Store::open(&path).unwrap();
    (dir, a, b)
}

/// `field` of `p` set from `text`, as the form does.
fn with(p: &Program, field: Field, text: &str) -> Program {
    let mut edited = p.clone();
    field.set(&mut edited, text).unwrap();
    edited
}

#[test]
fn an_edit_in_one_session_keeps_another_sessions_edit_to_another_field() {
    let (_dir, mut a, mut b) = two_sessions();
    let mut p = Program::new("Internal Medicine", state("OH"));
    p.city = "Dayton".into();
    let shown = a.insert_program(&p).unwrap();
    // B changes the city while A's form still shows "Dayton".
    let in_b = b.get_program(shown.id).unwrap().unwrap();
    let b_saved = b.set_program_field(Field::City, &with(&in_b, Field::City, "Akron"), "Dayton");
    assert!(matches!(b_saved, Ok(FieldWrite::Saved(_))), "{b_saved:?}");
    // A, from its stale copy, changes the institution.
    let edited = with(&shown, Field::Institution, "Wright State");
    let saved = a
        .set_program_field(Field::Institution, &edited, "")
        .unwrap();
    let FieldWrite::Saved(saved) = saved else {
        panic!("{saved:?}")
    };
    // What A gets back carries B's edit as well, and so does the file.
    assert_eq!(
        (saved.city.as_str(), saved.institution.as_str()),
        ("Akron", "Wright State")
    );
    let stored = b.get_program(shown.id).unwrap().unwrap();
    assert_eq!(stored, saved);
}

#[test]
fn a_field_changed_in_another_session_is_reported_and_not_overwritten() {
    let (_dir, mut a, mut b) = two_sessions();
    let shown = a
        .insert_program(&Program::new("Surgery", state("KY")))
        .unwrap();
    let in_b = b.get_program(shown.id).unwrap().unwrap();
    let b_value = with(&in_b, Field::AcceptsImgs, "yes");
    b.set_program_field(Field::AcceptsImgs, &b_value, &Field::AcceptsImgs.get(&in_b))
        .unwrap();
    // A's form still shows the old value and sets another one.
    let a_value = with(&shown, Field::AcceptsImgs, "no");
    let outcome = a
        .set_program_field(
            Field::AcceptsImgs,
            &a_value,
            &Field::AcceptsImgs.get(&shown),
        )
        .unwrap();
    let FieldWrite::Changed(now) = outcome else {
        panic!("expected a conflict, got {outcome:?}")
    };
    assert_eq!(now.accepts_imgs, Tri::Yes);
    assert_eq!(
        b.get_program(shown.id).unwrap().unwrap().accepts_imgs,
        Tri::Yes,
        "nothing overwritten"
    );
    // Asked and answered yes: A retries against the value it was told.
    let retried = a
        .set_program_field(Field::AcceptsImgs, &a_value, &Field::AcceptsImgs.get(&now))
        .unwrap();
    assert!(matches!(retried, FieldWrite::Saved(p) if p.accepts_imgs == Tri::No));
}

#[test]
fn a_field_already_holding_the_new_value_is_no_conflict() {
    let (_dir, mut a, mut b) = two_sessions();
    let shown = a
        .insert_program(&Program::new("Pediatrics", state("TX")))
        .unwrap();
    let edited = with(&shown, Field::City, "Austin");
    b.set_program_field(Field::City, &edited, "").unwrap();
    let outcome = a.set_program_field(Field::City, &edited, "").unwrap();
    assert!(
        matches!(outcome, FieldWrite::Saved(ref p) if p.city == "Austin"),
        "{outcome:?}"
    );
}

#[test]
fn a_status_saved_by_field_is_recorded_and_leaves_other_fields() {
    let (_dir, mut a, mut b) = two_sessions();
    let shown = a
        .insert_program(&Program::new("Neurology", state("NY")))
        .unwrap();
    let in_b = b.get_program(shown.id).unwrap().unwrap();
    b.set_program_field(Field::City, &with(&in_b, Field::City, "Albany"), "")
        .unwrap();
    let mut edited = shown.clone();
    edited.status = Status::Contacted;
    let saved = a
        .set_program_field(Field::Status, &edited, &Field::Status.get(&shown))
        .unwrap();
    let FieldWrite::Saved(saved) = saved else {
        panic!("{saved:?}")
    };
    assert_eq!(
        (saved.status, saved.city.as_str()),
        (Status::Contacted, "Albany")
    );
    let history = a.list_status_changes(shown.id).unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
}
