//! Key sequences through the whole app in process (`support::driver`): the
//! keymap in each context, the reducer, the effects on a real database.
//! Each test checks what the user would see and what the database holds.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::driver::Driver;
use usce::app::keymap::KeyContext;
use usce::app::{Pane, Popup};
use usce::domain::{Program, ProgramId};

fn selected(d: &Driver) -> Program {
    d.state().list.selected_program().unwrap().clone()
}

fn stored(d: &Driver, id: ProgramId) -> Option<Program> {
    d.store().get_program(id).unwrap()
}

#[test]
fn a_program_added_by_keys_is_stored_selected_and_opened() {
    let mut d = Driver::new();
    let before = d.store().count_programs().unwrap();
    d.keys("a");
    assert_eq!(d.state().key_context(), KeyContext::Input);
    // The state prompt starts on the selected program's state.
    d.keys("Zanzibar Clinic<Enter><C-u>KY<Enter>");
    assert!(d.status().starts_with("Program added"), "{}", d.status());
    assert_eq!(d.state().key_context(), KeyContext::Form);

    assert_eq!(d.store().count_programs().unwrap(), before + 1);
    let added = selected(&d);
    assert_eq!(added.name, "Zanzibar Clinic");
    let row = stored(&d, added.id).unwrap();
    assert_eq!(
        (row.name.as_str(), row.state.code()),
        ("Zanzibar Clinic", "KY")
    );
    d.keys("<Esc>");
    assert_eq!(d.state().key_context(), KeyContext::Programs);
    assert!(d.screen(120, 36).contains("Zanzibar Clinic"));
}

#[test]
fn a_field_edited_in_the_detail_view_is_saved_at_once() {
    let mut d = Driver::new();
    d.keys("j");
    let program = selected(&d);
    // Enter opens the detail view; the fifth row is the city.
    d.keys("<Enter>jjjj<Enter>");
    assert!(d.screen(120, 36).contains("City: "));
    d.keys("<C-u>Zanzibar City<Enter>");
    assert_eq!(stored(&d, program.id).unwrap().city, "Zanzibar City");
    assert_eq!(selected(&d).city, "Zanzibar City");
    assert_eq!(d.state().key_context(), KeyContext::Form);
    d.keys("<Esc>");
    assert_eq!(d.state().key_context(), KeyContext::Programs);
    assert_eq!(selected(&d).id, program.id);
}

#[test]
fn search_narrows_the_list_with_each_letter_and_esc_restores_it() {
    let mut d = Driver::new();
    let everything = d.state().list.matched_len();
    // A leading ' asks for an exact (not fuzzy) match.
    d.keys("/'ped");
    let after_three = d.state().list.matched_len();
    d.keys("iatrics");
    let list = &d.state().list;
    let matched = list.matched_ids();
    assert!(!matched.is_empty() && matched.len() <= after_three);
    assert!(after_three < everything, "{after_three} of {everything}");
    for id in &matched {
        let p = list.programs().iter().find(|p| p.id == *id).unwrap();
        let text = format!("{} {}", p.name, p.specialty).to_lowercase();
        assert!(text.contains("pediatrics"), "{} matched", p.name);
    }
    d.keys("<Esc>");
    assert_eq!(d.state().list.filter(), "");
    assert_eq!(d.state().list.matched_len(), everything);
}

#[test]
fn delete_asks_first_keeps_the_program_on_n_and_deletes_it_on_y() {
    let mut d = Driver::new();
    let program = selected(&d);
    let before = d.store().count_programs().unwrap();
    d.keys("d");
    assert!(matches!(d.state().popup, Some(Popup::Confirm { .. })));
    d.keys("n");
    assert!(d.state().popup.is_none(), "{:?}", d.state().popup);
    assert!(stored(&d, program.id).is_some());

    d.keys("dy");
    assert!(stored(&d, program.id).is_none());
    assert_eq!(d.store().count_programs().unwrap(), before - 1);
    let listed = d.state().list.programs().iter().any(|p| p.id == program.id);
    assert!(!listed, "{} still listed", program.name);
}

#[test]
fn text_typed_in_the_draft_pane_is_in_the_database_before_esc() {
    let mut d = Driver::new();
    let program = selected(&d);
    d.keys("<Tab><Tab>");
    assert_eq!(d.state().focus, Pane::Draft);
    d.keys("<Enter>");
    assert_eq!(d.state().key_context(), KeyContext::Editor);
    d.keys("Dear coordinator,<Enter>may I visit?");
    let draft = d.store().current_draft(program.id).unwrap().unwrap();
    assert_eq!(draft.body, "Dear coordinator,\nmay I visit?");
    d.keys("<Esc>");
    assert_eq!(d.state().key_context(), KeyContext::Draft);
}

#[test]
fn the_key_notation_reads_characters_capitals_names_and_modifiers() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use support::driver::parse_keys;
    let key = |code, mods| KeyEvent::new(code, mods);
    assert_eq!(
        parse_keys("jG<Enter><C-u><S-Tab><BS><lt><Space>>"),
        vec![
            key(KeyCode::Char('j'), KeyModifiers::NONE),
            key(KeyCode::Char('G'), KeyModifiers::SHIFT),
            key(KeyCode::Enter, KeyModifiers::NONE),
            key(KeyCode::Char('u'), KeyModifiers::CONTROL),
            key(KeyCode::BackTab, KeyModifiers::NONE),
            key(KeyCode::Backspace, KeyModifiers::NONE),
            key(KeyCode::Char('<'), KeyModifiers::NONE),
            key(KeyCode::Char(' '), KeyModifiers::NONE),
            key(KeyCode::Char('>'), KeyModifiers::NONE),
        ]
    );
}
