//! A cell and a form field read the same text the same way: both call
//! the parser of the field's kind (`domain::fields::parse`), so what an
//! import accepts the form accepts, with the same value.

use super::values::read_into;
use crate::domain::fields::Field;
use crate::domain::{Program, UsState};

/// The program after an import cell and after the form, or the two refusals.
fn both(field: Field, text: &str) -> (Result<Program, String>, Result<Program, String>) {
    let start = Program::new("Internal Medicine", UsState::parse("OH").unwrap());
    let mut imported = start.clone();
    let cell = read_into(&field.spec().value, &mut imported, text).map(|()| imported);
    let mut typed = start;
    let form = field.set(&mut typed, text).map(|()| typed);
    (cell, form)
}

const ACCEPTED: &[(Field, &str)] = &[
    (Field::State, "Kentucky"),
    (Field::State, "ky"),
    (Field::Weeks, "4-8 weeks"),
    (Field::Weeks, "4–8 weeks"),
    (Field::Weeks, "1 month"),
    (Field::ApplicationsOpen, "March 5, 2027"),
    (Field::ApplicationsOpen, "03/05/2027"),
    (Field::ApplicationsOpen, "5 Mar 2027"),
    (Field::ApplicationsOpen, "2027-03-05"),
    (Field::RotationKinds, "core, observer"),
    (Field::ImgPercent, "35.5%"),
    (Field::ImgPercent, "35 percent"),
    (Field::MinStep2Score, "230+"),
    (Field::AcceptsImgs, "y"),
    (Field::Route, "VSAS"),
];

#[test]
fn the_importer_and_the_form_accept_the_same_text_with_the_same_value() {
    for &(field, text) in ACCEPTED {
        let (cell, form) = both(field, text);
        assert!(cell.is_ok(), "{field:?} {text:?}: {cell:?}");
        assert_eq!(cell, form, "{field:?} {text:?}");
    }
}

#[test]
fn the_importer_and_the_form_refuse_the_same_text_for_the_same_reason() {
    for (field, text) in [
        (Field::State, "Kentuky"),
        (Field::State, "KYky"),
        (Field::ImgPercent, "forty"),
        (Field::Weeks, "a few"),
        (Field::RotationKinds, "core, vacation"),
        (Field::AcceptsImgs, "maybe"),
    ] {
        let (Err(cell), Err(form)) = both(field, text) else {
            panic!("{field:?} {text:?} was accepted");
        };
        // The form adds what is wanted and an example to the same reason.
        assert!(form.starts_with(&cell), "{field:?}: {cell:?} vs {form:?}");
    }
    let (_, Err(form)) = both(Field::State, "Kentuky") else {
        panic!()
    };
    assert!(form.contains("did you mean Kentucky (KY)?"), "{form}");
    let (_, Err(form)) = both(Field::ImgPercent, "forty") else {
        panic!()
    };
    assert!(form.contains("like 35 or 35%"), "{form}");
}
