//! Two sessions on one database file, for every record a form edits
//! besides programs (`two_sessions.rs`): contacts, log entries, rotations,
//! letters and the profile. Each form save writes only the fields it
//! edited, so another session's edit to another field stays; a field
//! changed under it is reported, and nothing is overwritten.

use chrono::NaiveDate;

use super::{add_contact, add_program, instant, interaction};
use crate::domain::fields::{FieldEdit, FieldSet};
use crate::domain::record_fields::{ContactField, InteractionField, ProfileField};
use crate::domain::tracking_fields::{LetterField, RotationField};
use crate::domain::{Letter, ProgramId, Role, Rotation, RotationKind};
use crate::store::{FieldWrite, Store, StoreError, StoredFields};

fn two_sessions() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    let a = Store::open(&path).unwrap();
    let b = Store::open(&path).unwrap();
    (dir, a, b)
}

/// The edit a form makes when `text` is typed into `field` of `shown`.
fn edit<F: FieldSet<Target: Clone>>(shown: &F::Target, field: F, text: &str) -> FieldEdit<F> {
    let mut edited = shown.clone();
    field.set(&mut edited, text).unwrap();
    FieldEdit::new(field, shown, edited)
}

/// A shows `shown`; B (with its own fresh copy) sets `theirs`, then A,
/// from its stale copy, sets `mine`. Both edits are in the file and in
/// what A gets back.
fn both_edits_land<F: StoredFields<Target: PartialEq + std::fmt::Debug>>(
    (a, b): (&mut Store, &mut Store),
    load: impl Fn(&Store) -> F::Target,
    theirs: (F, &str),
    mine: (F, &str),
) {
    let shown = load(a);
    let their_edit = edit(&load(b), theirs.0, theirs.1);
    let outcome = b.set_field(&their_edit).unwrap();
    assert!(matches!(outcome, FieldWrite::Saved(_)), "{outcome:?}");
    let my_edit = edit(&shown, mine.0, mine.1);
    let FieldWrite::Saved(saved) = a.set_field(&my_edit).unwrap() else {
        panic!("A's edit to another field was refused")
    };
    assert_eq!(theirs.0.get(&saved), theirs.0.get(&their_edit.edited));
    assert_eq!(mine.0.get(&saved), mine.0.get(&my_edit.edited));
    assert_eq!(load(b), saved, "the file holds what A was given back");
}

/// B sets `field` to `theirs` while A's form still shows the old value;
/// A's `mine` is reported as a change, writes nothing, and goes through
/// when made again over the value it was told about.
fn a_changed_field_is_reported<F: StoredFields<Target: PartialEq + std::fmt::Debug>>(
    (a, b): (&mut Store, &mut Store),
    load: impl Fn(&Store) -> F::Target,
    field: F,
    (theirs, mine): (&str, &str),
) {
    let shown = load(a);
    b.set_field(&edit(&load(b), field, theirs)).unwrap();
    let stored_by_b = load(b);
    let my_edit = edit(&shown, field, mine);
    let FieldWrite::Changed(now) = a.set_field(&my_edit).unwrap() else {
        panic!("A overwrote B's {field:?}")
    };
    assert_eq!(now, stored_by_b, "A is told what is stored");
    assert_eq!(load(b), stored_by_b, "nothing overwritten");
    let FieldWrite::Saved(saved) = a.set_field(&my_edit.over(&now)).unwrap() else {
        panic!("the retry over the stored value was refused")
    };
    assert_eq!(field.get(&saved), field.get(&my_edit.edited));
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn a_rotation(store: &mut Store, program: ProgramId) -> Rotation {
    let r = Rotation::new(
        program,
        RotationKind::Elective,
        day("2027-06-01"),
        day("2027-06-28"),
    );
    store.insert_rotation(&r).unwrap()
}

fn a_letter(store: &mut Store, program: ProgramId) -> Letter {
    store
        .insert_letter(&Letter {
            program_id: Some(program),
            writer: "Dr. Avery".into(),
            ..Letter::default()
        })
        .unwrap()
}

#[test]
fn a_contact_edit_keeps_another_sessions_edit_to_another_field() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Internal Medicine", "OH");
    let id = add_contact(&mut a, p.id, Role::Coordinator, "Dana").id;
    let load = |s: &Store| s.get_contact(id).unwrap().unwrap();
    both_edits_land(
        (&mut a, &mut b),
        load,
        (ContactField::Phone, "+1 937 555 0101"),
        (ContactField::Email, "gme2@example.org"),
    );
}

#[test]
fn a_contact_field_changed_in_another_session_is_reported_not_overwritten() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Internal Medicine", "OH");
    let id = add_contact(&mut a, p.id, Role::Coordinator, "Dana").id;
    let load = |s: &Store| s.get_contact(id).unwrap().unwrap();
    a_changed_field_is_reported(
        (&mut a, &mut b),
        load,
        ContactField::Name,
        ("Dana Ruiz", "Dana R."),
    );
}

#[test]
fn a_log_entry_edit_keeps_another_sessions_edit_to_another_field() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Surgery", "KY");
    let entry = interaction(
        p.id,
        instant(2026, 11, 2, 9, 0, 0),
        "Emailed the coordinator",
    );
    a.insert_interaction(&entry).unwrap();
    let load = |s: &Store| s.list_interactions(p.id).unwrap().remove(0);
    both_edits_land(
        (&mut a, &mut b),
        load,
        (InteractionField::Summary, "Emailed the coordinator twice"),
        (InteractionField::When, "2026-11-20 14:30"),
    );
}

#[test]
fn a_log_entry_field_changed_in_another_session_is_reported_not_overwritten() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Surgery", "KY");
    let entry = interaction(
        p.id,
        instant(2026, 11, 2, 9, 0, 0),
        "Emailed the coordinator",
    );
    a.insert_interaction(&entry).unwrap();
    let load = |s: &Store| s.list_interactions(p.id).unwrap().remove(0);
    a_changed_field_is_reported(
        (&mut a, &mut b),
        load,
        InteractionField::Summary,
        ("Phoned, left voicemail", "Emailed, no answer"),
    );
}

#[test]
fn a_rotation_edit_keeps_another_sessions_edit_to_another_field() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Pediatrics", "TX");
    let id = a_rotation(&mut a, p.id).id;
    let load = |s: &Store| s.get_rotation(id).unwrap().unwrap();
    both_edits_land(
        (&mut a, &mut b),
        load,
        (RotationField::Specialty, "Cardiology"),
        (RotationField::Fee, "$300"),
    );
}

#[test]
fn a_rotation_field_changed_in_another_session_is_reported_not_overwritten() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Pediatrics", "TX");
    let id = a_rotation(&mut a, p.id).id;
    let load = |s: &Store| s.get_rotation(id).unwrap().unwrap();
    a_changed_field_is_reported((&mut a, &mut b), load, RotationField::Weeks, ("4", "6"));
}

#[test]
fn a_start_that_moves_the_end_along_is_refused_when_the_end_changed_elsewhere() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Pediatrics", "TX");
    let shown = a_rotation(&mut a, p.id);
    // B shortens the rotation; A, still showing the old end, moves the
    // start past it, which moves the end along too.
    let in_b = b.get_rotation(shown.id).unwrap().unwrap();
    b.set_field(&edit(&in_b, RotationField::End, "2027-06-14"))
        .unwrap();
    let moved = edit(&shown, RotationField::Start, "2027-08-02");
    assert_eq!(moved.fields().count(), 2, "start and end");
    let outcome = a.set_field(&moved).unwrap();
    assert!(matches!(outcome, FieldWrite::Changed(_)), "{outcome:?}");
    let stored = b.get_rotation(shown.id).unwrap().unwrap();
    assert_eq!(
        (stored.start, stored.end),
        (day("2027-06-01"), day("2027-06-14"))
    );
}

#[test]
fn a_field_save_that_breaks_the_row_as_stored_now_is_refused_and_rolled_back() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Pediatrics", "TX");
    let shown = a_rotation(&mut a, p.id);
    // B moves the start late; A, from its copy, pulls the end early. Each
    // was valid alone; together the rotation would end before it starts.
    let in_b = b.get_rotation(shown.id).unwrap().unwrap();
    b.set_field(&edit(&in_b, RotationField::Start, "2027-06-20"))
        .unwrap();
    let err = a
        .set_field(&edit(&shown, RotationField::End, "2027-06-10"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let stored = b.get_rotation(shown.id).unwrap().unwrap();
    assert_eq!(
        (stored.start, stored.end),
        (day("2027-06-20"), day("2027-06-28"))
    );
}

#[test]
fn a_letter_edit_keeps_another_sessions_edit_to_another_field() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Family Medicine", "NY");
    let id = a_letter(&mut a, p.id).id;
    let load = |s: &Store| s.get_letter(id).unwrap().unwrap();
    both_edits_land(
        (&mut a, &mut b),
        load,
        (LetterField::Received, "2027-07-01"),
        (LetterField::Notes, "Ask about the SLOE format"),
    );
}

#[test]
fn a_letter_field_changed_in_another_session_is_reported_not_overwritten() {
    let (_dir, mut a, mut b) = two_sessions();
    let p = add_program(&mut a, "Family Medicine", "NY");
    let id = a_letter(&mut a, p.id).id;
    let load = |s: &Store| s.get_letter(id).unwrap().unwrap();
    a_changed_field_is_reported(
        (&mut a, &mut b),
        load,
        LetterField::Writer,
        ("Dr. Avery Chen", "Dr. A. Chen"),
    );
}

#[test]
fn a_profile_edit_keeps_another_sessions_edit_to_another_field() {
    let (_dir, mut a, mut b) = two_sessions();
    let load = |s: &Store| s.profile().unwrap();
    // Neither session has saved a profile yet: the first field save makes
    // the row.
    both_edits_land(
        (&mut a, &mut b),
        load,
        (ProfileField::MedicalSchool, "Universidad Central"),
        (ProfileField::Step2, "245"),
    );
}

#[test]
fn a_profile_field_changed_in_another_session_is_reported_not_overwritten() {
    let (_dir, mut a, mut b) = two_sessions();
    let load = |s: &Store| s.profile().unwrap();
    a_changed_field_is_reported(
        (&mut a, &mut b),
        load,
        ProfileField::FullName,
        ("Ana María Pérez", "Ana Perez"),
    );
}
