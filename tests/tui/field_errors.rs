//! Text a form or prompt refuses says why under the field and stays there
//! to be fixed; the forms the importer reads ("4-8 weeks", "March 5,
//! 2027", "Kentucky") are accepted (issue 15, item 1). Driven through the
//! keymap in process (`support::driver`).
#![allow(clippy::unwrap_used, clippy::panic)]

use chrono::Days;

use crate::support;

use support::driver::Driver;
use usce::domain::fields::Field;
use usce::domain::record_fields::ProfileField;

/// The open prompt's text and the reason it was refused.
fn refused(d: &Driver) -> (String, String) {
    let input = d.state().input.as_ref().expect("the prompt stays open");
    let why = input.error.clone().expect("with the reason under it");
    (input.value(), why)
}

/// `j` pressed until the form's cursor is on field `index`.
fn down_to(index: usize) -> String {
    "j".repeat(index)
}

#[test]
fn a_misspelt_home_state_is_refused_under_the_field_with_a_suggestion() {
    let mut d = Driver::new();
    let row = ProfileField::ALL
        .iter()
        .position(|f| *f == ProfileField::HomeState)
        .unwrap();
    d.keys(&format!("P{}<Enter><C-u>Kentuky<Enter>", down_to(row)));
    let (text, why) = refused(&d);
    assert_eq!(text, "Kentuky", "the text is kept to be fixed");
    assert!(why.contains("did you mean Kentucky (KY)?"), "{why}");
    // Drawn in the form, under the field, not only in the status line.
    let screen = d.screen(120, 36);
    let lines: Vec<&str> = screen.lines().collect();
    let field = lines
        .iter()
        .position(|l| l.contains("Home state") && l.contains("Kentuky"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        lines[field + 1].contains("✗ \"Kentuky\" is not a U.S. state"),
        "{screen}"
    );
    // A full name in any case is one of the accepted forms.
    d.keys("<C-u>kentucky<Enter>");
    assert!(d.state().input.is_none());
    assert_eq!(d.state().profile.home_state.map(|s| s.code()), Some("KY"));
    assert!(!d.screen(120, 36).contains('✗'));
}

/// The selected program's form, opened with the cursor on `field`.
fn program_field(d: &mut Driver, field: Field) {
    let row = Field::ALL.iter().position(|f| *f == field).unwrap();
    d.keys(&format!("<Enter>{}", down_to(row)));
}

fn selected_program(d: &Driver) -> usce::domain::Program {
    let id = d.state().list.selected_program().unwrap().id;
    d.store().get_program(id).unwrap().unwrap()
}

#[test]
fn program_fields_take_what_the_importer_takes_and_explain_the_rest() {
    let mut d = Driver::new();
    program_field(&mut d, Field::Weeks);
    d.keys("<Enter><C-u>4-8 weeks<Enter>");
    assert!(d.state().input.is_none(), "{:?}", d.state().input);
    assert_eq!(selected_program(&d).rotation.weeks, Some(4));

    d.keys("<Esc>");
    program_field(&mut d, Field::ApplicationsOpen);
    d.keys("<Enter><C-u>March 5, 2027<Enter>");
    assert!(d.state().input.is_none(), "{:?}", d.state().input);
    let open = selected_program(&d)
        .rotation
        .applications_open
        .map(|d| d.to_string());
    assert_eq!(open.as_deref(), Some("2027-03-05"));
    d.keys("<Enter><C-u>03/06/2027<Enter>");
    let open = selected_program(&d)
        .rotation
        .applications_open
        .map(|d| d.to_string());
    assert_eq!(open.as_deref(), Some("2027-03-06"));
    d.keys("<Enter><C-u>next spring<Enter>");
    let (_, why) = refused(&d);
    assert!(
        why.contains("like 2027-03-05, 03/05/2027 or March 5, 2027"),
        "{why}"
    );

    d.keys("<Esc><Esc>");
    program_field(&mut d, Field::ImgPercent);
    d.keys("<Enter><C-u>forty<Enter>");
    let (text, why) = refused(&d);
    assert_eq!(text, "forty");
    assert!(why.contains("like 35 or 35%"), "{why}");

    d.keys("<Esc><Esc>");
    program_field(&mut d, Field::RotationKinds);
    d.keys("<Enter><C-u>core, observer<Enter>");
    assert!(d.state().input.is_none(), "{:?}", d.state().input);
    let kinds = selected_program(&d).rotation.kinds;
    assert_eq!(kinds.len(), 2, "{kinds:?}");
}

#[test]
fn a_follow_up_date_takes_us_dates_and_refuses_the_past_under_the_prompt() {
    let mut d = Driver::new();
    let today = d.state().today;
    let on_a_date = "j".repeat(usce::app::due::choices().len() - 1);
    d.keys(&format!("F{on_a_date}<Enter>"));
    let past = today.checked_sub_days(Days::new(6)).unwrap();
    d.keys(&format!("{}<Enter>", past.format("%Y-%m-%d")));
    let (_, why) = refused(&d);
    assert!(why.contains("is in the past"), "{why}");
    assert!(d.screen(120, 36).contains("✗"), "shown under the prompt");
    let later = today.checked_add_days(Days::new(4)).unwrap();
    d.keys(&format!("<C-u>{}<Enter>", later.format("%m/%d/%Y")));
    assert!(d.state().input.is_none(), "{:?}", d.state().input);
    let id = d.state().list.selected_program().unwrap().id;
    let due: Vec<_> = d
        .store()
        .list_follow_ups(id)
        .unwrap()
        .into_iter()
        .map(|f| f.due)
        .collect();
    assert!(due.contains(&later), "{due:?}");
}

#[test]
fn a_new_programs_state_and_a_contacts_email_say_what_is_wanted() {
    let mut d = Driver::new();
    d.keys("aZanzibar Clinic<Enter><C-u>Kentuky<Enter>");
    let (_, why) = refused(&d);
    assert!(why.contains("did you mean Kentucky (KY)?"), "{why}");
    d.keys("<C-u>Kentucky<Enter>");
    assert!(d.status().starts_with("Program added"), "{}", d.status());

    // The new program's form is open; close it and add a contact.
    d.keys("<Esc><Tab>p");
    assert!(
        d.state().form.is_some(),
        "{:?} {}",
        d.state().focus,
        d.status()
    );
    let row = usce::domain::record_fields::ContactField::ALL
        .iter()
        .position(|f| *f == usce::domain::record_fields::ContactField::Email)
        .unwrap();
    d.keys(&format!("{}<Enter>not an email<Enter>", down_to(row)));
    let (text, why) = refused(&d);
    assert_eq!(text, "not an email");
    assert!(why.contains("like coordinator@hospital.org"), "{why}");
}
