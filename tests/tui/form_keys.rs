//! Form keys (issue 15, item 6): a choice field steps back with ← as well
//! as forward with → and Enter; a notes field opens a multi-line editor
//! where Enter is a new line and the save key saves. Driven through the
//! keymap in process (`support::driver`).
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::driver::Driver;
use usce::domain::fields::Field;
use usce::domain::{Program, Tri};

fn selected_program(d: &Driver) -> Program {
    let id = d.state().list.selected_program().unwrap().id;
    d.store().get_program(id).unwrap().unwrap()
}

/// The selected program's form, opened with the cursor on `field`.
fn program_field(d: &mut Driver, field: Field) {
    let row = Field::ALL.iter().position(|f| *f == field).unwrap();
    d.keys(&format!("<Enter>{}", "j".repeat(row)));
}

#[test]
fn a_choice_field_steps_back_with_left_and_forward_with_right() {
    let mut d = Driver::new();
    program_field(&mut d, Field::AcceptsImgs);
    let start = selected_program(&d).accepts_imgs;
    let at = |t: Tri| Tri::ALL.iter().position(|v| *v == t).unwrap();
    let step = |t: Tri, by: isize| {
        let n = Tri::ALL.len() as isize;
        Tri::ALL[((at(t) as isize + by).rem_euclid(n)) as usize]
    };
    d.keys("<Right>");
    assert_eq!(selected_program(&d).accepts_imgs, step(start, 1));
    d.keys("<Left><Left>");
    assert_eq!(selected_program(&d).accepts_imgs, step(start, -1));
    d.keys("l");
    assert_eq!(
        selected_program(&d).accepts_imgs,
        start,
        "l steps forward too"
    );
    // The footer names both directions.
    let screen = d.screen(120, 36);
    assert!(screen.contains("← prev  → next"), "{screen}");
    // On a typed field the arrows change nothing and open nothing.
    d.keys("<Esc>");
    program_field(&mut d, Field::Name);
    let name = selected_program(&d).name;
    d.keys("<Left><Right>");
    assert!(d.state().input.is_none());
    assert_eq!(selected_program(&d).name, name);
}

#[test]
fn notes_are_typed_over_several_lines_and_saved_with_the_save_key() {
    let mut d = Driver::new();
    program_field(&mut d, Field::Notes);
    d.keys("<Enter>");
    let input = d.state().input.as_ref().unwrap();
    assert!(input.multi_line, "notes open the multi-line editor");
    let screen = d.screen(120, 36);
    assert!(
        screen.contains("Enter new line · Ctrl-s save · Esc cancel"),
        "{screen}"
    );
    // The editor starts at the end of what is there, so typing adds.
    d.keys("Coordinator: Dana<Enter>Prefers email");
    assert!(d.state().input.is_some(), "Enter is a new line, not save");
    d.keys("<C-s>");
    assert!(d.state().input.is_none(), "the save key saves and closes");
    let notes = selected_program(&d).notes;
    assert!(
        notes.ends_with("Coordinator: Dana\nPrefers email"),
        "{notes:?}"
    );
    // Esc leaves the notes as they were.
    d.keys("<Enter>more<Esc>");
    assert!(d.state().input.is_none());
    assert_eq!(selected_program(&d).notes, notes);
}
