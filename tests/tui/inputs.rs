//! Every input answers (issue 15): keys do nothing unseen behind the
//! "Terminal too small" screen, Ctrl-C always quits, pre-filled prompts
//! replace, and Esc on a new record's form discards it. Driven through the
//! keymap in process (`support::driver`).
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::driver::Driver;
use usce::app::Popup;

#[test]
fn keys_behind_the_too_small_screen_do_nothing_but_quit() {
    let mut d = Driver::new();
    let programs = d.store().count_programs().unwrap();
    let selected = d.state().list.selected_index();
    d.resize(30, 10);
    assert!(d.screen(30, 10).contains("Terminal too small"));
    // At 30×10 these once deleted a program unseen and moved the cursor.
    d.keys("dyj");
    assert_eq!(d.store().count_programs().unwrap(), programs);
    assert_eq!(d.state().list.selected_index(), selected);
    assert!(d.state().popup.is_none(), "{:?}", d.state().popup);
    // Back at a size the app fits, the same keys act again.
    d.resize(40, 12);
    d.keys("d");
    assert!(matches!(d.state().popup, Some(Popup::Confirm { .. })));
    d.keys("n");
    // Too small with a prompt open: q quits, as the screen says, rather
    // than typing into the prompt no one can see.
    d.keys("/");
    d.resize(39, 30);
    d.keys("q");
    assert!(d.state().quitting);
}

/// The open prompt's text.
fn prompt(d: &Driver) -> String {
    d.state().input.as_ref().map(|i| i.value()).unwrap()
}

#[test]
fn a_pre_filled_state_is_replaced_by_typing_and_kept_by_cursor_keys() {
    let mut d = Driver::new();
    d.keys("aZanzibar Clinic<Enter>");
    let guess = prompt(&d);
    assert_eq!(guess.len(), 2, "the state prompt offers the list's state");
    // Typing replaces the offered value: once "KYky".
    d.keys("ky");
    assert_eq!(prompt(&d), "ky");
    d.keys("<Esc>aZanzibar Clinic<Enter>");
    // Home keeps it and moves the cursor; typing then inserts there.
    d.keys("<Home>x");
    assert_eq!(prompt(&d), format!("x{guess}"));
    d.keys("<Esc>aZanzibar Clinic<Enter>");
    // End (already at the end) keeps it too; typing then appends.
    d.keys("<End>x");
    assert_eq!(prompt(&d), format!("{guess}x"));
    d.keys("<C-u>KY<Enter>");
    assert!(d.status().starts_with("Program added"), "{}", d.status());
}

#[test]
fn a_pre_filled_follow_up_date_is_replaced_by_the_date_typed() {
    let mut d = Driver::new();
    // F, then the menu's last choice: a date of one's own.
    d.keys("Fjjjjjjjjjjjj<Enter>");
    let suggestion = prompt(&d);
    assert_eq!(suggestion.len(), "2026-12-08".len(), "{suggestion}");
    // Once "2026-12-082027-01-15".
    d.keys("2027-01-15");
    assert_eq!(prompt(&d), "2027-01-15");
    // Left moves the cursor before the 5; Backspace takes the 1 before it.
    d.keys("<Left><BS>2");
    assert_eq!(prompt(&d), "2027-01-25", "Left keeps the text");
    d.keys("<Enter>");
    assert!(d.state().input.is_none(), "{}", d.status());
}

fn contacts(d: &Driver) -> Vec<usce::domain::Contact> {
    let program = d.state().list.selected_program().unwrap().id;
    d.store().list_contacts(program).unwrap()
}

fn rotations(d: &Driver) -> usize {
    d.store().list_all_rotations().unwrap().len()
}

#[test]
fn esc_on_a_new_contacts_form_discards_it_and_a_confirmed_field_keeps_it() {
    let mut d = Driver::new();
    let before = contacts(&d).len();
    // The contact log, p: a blank contact's form. Esc: nothing saved.
    d.keys("<Tab>p");
    assert!(d.state().form.is_some());
    // Opening a field and backing out of it confirms nothing either.
    d.keys("j<Enter><Esc><Esc>");
    assert!(d.state().form.is_none());
    assert_eq!(
        contacts(&d).len(),
        before,
        "once a blank “(no name)” contact"
    );
    assert_eq!(d.state().log.contacts.len(), before);
    assert!(d.status().contains("discarded"), "{}", d.status());
    // Quitting from the untouched form discards it as well.
    d.keys("p");
    d.keys("<C-c>");
    assert!(d.state().quitting);
    assert_eq!(contacts(&d).len(), before);
}

#[test]
fn a_new_contact_with_a_confirmed_field_survives_esc() {
    let mut d = Driver::new();
    let before = contacts(&d).len();
    d.keys("<Tab>pj<Enter>Dr. Ada Lovelace<Enter><Esc>");
    assert!(d.state().form.is_none());
    let now = contacts(&d);
    assert_eq!(now.len(), before + 1);
    assert!(now.iter().any(|c| c.name == "Dr. Ada Lovelace"));
}

#[test]
fn esc_on_a_new_rotations_form_discards_it_and_a_confirmed_one_stays() {
    let mut d = Driver::new();
    let before = rotations(&d);
    // L, r: a rotation with placeholder dates. Esc: nothing saved.
    d.keys("Lr");
    assert!(d.state().form.is_some());
    d.keys("<Esc>");
    assert!(d.state().form.is_none());
    assert_eq!(
        rotations(&d),
        before,
        "once a rotation with placeholder dates"
    );
    assert!(d.state().rotations.len() == before);
    assert!(matches!(d.state().popup, Some(Popup::Tracking { .. })));
    // Enter on the start date and Enter again accepts the offered date:
    // that confirms the form, and Esc then only closes it.
    d.keys("r<Enter><Enter><Esc>");
    assert!(d.state().form.is_none());
    assert_eq!(rotations(&d), before + 1);
    // A choice cycled (Type, the third field) confirms too.
    d.keys("rjj<Enter><Esc>");
    assert!(d.state().form.is_none());
    assert_eq!(rotations(&d), before + 2);
}

#[test]
fn esc_on_a_new_letters_form_discards_it() {
    let mut d = Driver::new();
    let before = d.store().list_letters().unwrap().len();
    // L, a: a letter from "New letter writer". Esc: nothing saved.
    d.keys("La");
    assert!(d.state().form.is_some());
    d.keys("<Esc>");
    assert_eq!(d.store().list_letters().unwrap().len(), before);
    assert_eq!(d.state().letters.len(), before);
    // The writer's name typed and confirmed: Esc keeps it.
    d.keys("a<Enter>Dr. Grace Hopper<Enter><Esc>");
    let letters = d.store().list_letters().unwrap();
    assert_eq!(letters.len(), before + 1);
    assert!(letters.iter().any(|l| l.writer == "Dr. Grace Hopper"));
}
