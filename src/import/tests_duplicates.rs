//! Issue 16 item 6: duplicates are judged by ACGME number when present,
//! then NRMP code, then name + institution + state, and never by name +
//! state alone when the rows have institutions or numbers.

use super::tests_plan::{kinds, program, rows_of, stored};
use super::*;

fn at(name: &str, institution: &str, id: Option<&str>) -> Program {
    let mut p = program(name, "NY");
    p.institution = institution.into();
    p.external_id = id.map(str::to_string);
    p
}

#[test]
fn same_name_and_state_at_different_institutions_are_two_programs() {
    let rows = rows_of(vec![
        at("Internal Medicine", "Cedar Hospital", None),
        at("Internal Medicine", "Birch Hospital", None),
    ]);
    assert_eq!(
        kinds(&plan(&[], rows, false)),
        ["add Internal Medicine", "add Internal Medicine"]
    );
    // Against the stored list too, and with --update (nothing merged).
    let existing = [stored(1, at("Internal Medicine", "Cedar Hospital", None))];
    let rows = rows_of(vec![at("Internal Medicine", "Birch Hospital", None)]);
    assert_eq!(
        kinds(&plan(&existing, rows, true)),
        ["add Internal Medicine"]
    );
}

#[test]
fn same_name_institution_and_state_is_a_duplicate_when_one_side_has_no_number() {
    let rows = rows_of(vec![
        at("Internal Medicine", "Cedar Hospital", Some("0140521105")),
        at("internal medicine", "CEDAR hospital", None),
    ]);
    let decisions = plan(&[], rows, false);
    assert_eq!(kinds(&decisions), ["add Internal Medicine", "skip Line(2)"]);
    let Decision::Skip { reason, .. } = &decisions[1] else {
        panic!("{decisions:?}")
    };
    assert!(reason.starts_with("same name and state"), "{reason}");
    // The number on the row, none on the stored program: still the one.
    let existing = [stored(7, at("Internal Medicine", "Cedar Hospital", None))];
    let rows = rows_of(vec![at(
        "Internal Medicine",
        "Cedar Hospital",
        Some("0140521105"),
    )]);
    assert_eq!(kinds(&plan(&existing, rows, true)), ["update 7"]);
    // Different numbers at the same institution: two programs.
    let rows = rows_of(vec![
        at("Internal Medicine", "Cedar Hospital", Some("1")),
        at("Internal Medicine", "Cedar Hospital", Some("2")),
    ]);
    assert_eq!(
        kinds(&plan(&[], rows, false)),
        ["add Internal Medicine", "add Internal Medicine"]
    );
}

#[test]
fn one_side_without_an_institution_is_not_matched_by_name_and_state_alone() {
    let existing = [stored(1, at("Internal Medicine", "", None))];
    let rows = rows_of(vec![
        at("Internal Medicine", "Cedar Hospital", None),
        at("Internal Medicine", "", Some("0140521105")),
    ]);
    assert_eq!(
        kinds(&plan(&existing, rows, false)),
        ["add Internal Medicine", "add Internal Medicine"]
    );
}

#[test]
fn a_file_without_institutions_or_numbers_still_matches_by_name_and_state() {
    let existing = [stored(3, at("Pediatrics", "", None))];
    let rows = rows_of(vec![
        at("PEDIATRICS", "", None),
        at("Internal Medicine", "", None),
        at("internal-medicine", "", None),
    ]);
    assert_eq!(
        kinds(&plan(&existing, rows, false)),
        [
            "skip Existing(ProgramId(3))",
            "add Internal Medicine",
            "skip Line(3)"
        ]
    );
}
