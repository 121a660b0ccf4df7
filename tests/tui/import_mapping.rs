//! The TUI's mapping step (issue 16 items 3 and 4), in process through the
//! keymap, the real runtime and job runner: the preview lists every source
//! column with what it maps to, `m` opens a field picker for the selected
//! one, the preview re-runs with the pick, `y` imports and saves it, and a
//! second import of the same file shows the saved mapping reused. A file
//! with no state column asks for one state for every row, read by the
//! shared state parser (with its did-you-mean). Invented programs only.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;
use std::time::Duration;

use chrono::{TimeZone, Utc};

use crate::support;

use support::driver::Driver;
use usce::app::import_review::{ImportReview, picker_entries};
use usce::config::Config;
use usce::domain::UsState;

const DEADLINE: Duration = Duration::from_secs(60);

/// A scrape-style list whose main phone sits under a header usce does not
/// know ("Switchboard"): ignored until the user maps it.
const LIST: &str = "program_name,institution_name,state,Switchboard\n\
Brisas Family Medicine,Brisas Hospital,FL,3055550101\n\
Cedar Internal Medicine,Cedar Hospital,GA,4045550102\n";

fn driver() -> Driver {
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 14, 0, 0).unwrap();
    Driver::at(at, |_| {}, Config::default())
}

fn write(d: &Driver, name: &str, text: &str) -> std::path::PathBuf {
    let path = d.dir().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `i`, the path, Enter, and the preview job run to its end.
fn preview(d: &mut Driver, path: &Path) {
    d.keys("i")
        .keys("<C-u>")
        .keys(&path.display().to_string())
        .keys("<Enter>");
    assert!(d.settle(DEADLINE), "the preview never ended");
}

fn review(d: &Driver) -> &ImportReview {
    match d.state().reviewing() {
        Some(review) => review,
        None => panic!("no mapping step: {:?} / {}", d.state().popup, d.status()),
    }
}

fn target_of<'a>(review: &'a ImportReview, header: &str) -> (&'a str, &'static str) {
    let column = review
        .preview
        .columns
        .iter()
        .find(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header}: {:?}", review.preview.columns));
    (column.target.as_str(), column.by)
}

#[test]
fn change_one_mapping_confirm_import_and_the_reimport_reuses_it() {
    let mut d = driver();
    let path = write(&d, "scrape.csv", LIST);
    preview(&mut d, &path);
    let first = review(&d);
    assert_eq!(first.preview.columns.len(), 4, "every source column listed");
    assert_eq!(target_of(first, "program_name").0, "name (Name)");
    assert!(
        target_of(first, "Switchboard").0.starts_with("ignored"),
        "{:?}",
        first.preview.columns
    );
    assert!(!first.preview.used_saved);

    // Select Switchboard (the fourth column), open the picker, go to
    // main_phone and pick it: the preview runs again with the choice.
    d.keys("jjj").keys("m");
    assert_eq!(review(&d).picking, Some(0), "the picker opens on ignored");
    let main_phone = picker_entries()
        .iter()
        .position(|e| e == "main_phone")
        .unwrap();
    d.keys(&"j".repeat(main_phone)).keys("<Enter>");
    assert!(d.settle(DEADLINE), "the second preview never ended");
    let second = review(&d);
    assert_eq!(
        target_of(second, "Switchboard"),
        ("main_phone (Main phone)", "chosen")
    );
    assert!(
        second
            .preview
            .summary
            .as_deref()
            .unwrap()
            .starts_with("add 2")
    );

    // y imports, with the choice.
    d.keys("y");
    assert!(d.settle(DEADLINE), "the import never ended");
    assert!(d.status().contains("added 2"), "{}", d.status());
    let brisas = d
        .store()
        .list_programs()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Brisas Family Medicine")
        .unwrap();
    assert_eq!(brisas.main_phone, "3055550101");

    // The same file again: the saved mapping is applied and shown as such.
    preview(&mut d, &path);
    let again = review(&d);
    assert!(again.preview.used_saved, "{:?}", again.preview);
    assert_eq!(
        target_of(again, "Switchboard"),
        ("main_phone (Main phone)", "saved")
    );
    assert!(
        again.preview.summary.as_deref().unwrap().contains("skip 2"),
        "{:?}",
        again.preview.summary
    );
    let screen = d.screen(120, 36);
    assert!(screen.contains("Using the mapping saved"), "{screen}");
    assert!(screen.contains("(saved)"), "{screen}");
    // Esc leaves it; nothing more is written.
    d.keys("<Esc>");
    assert!(d.state().popup.is_none());
}

#[test]
fn esc_in_the_picker_goes_back_to_the_columns_without_changing_anything() {
    let mut d = driver();
    let path = write(&d, "scrape.csv", LIST);
    preview(&mut d, &path);
    d.keys("m").keys("jj").keys("<Esc>");
    let back = review(&d);
    assert_eq!(back.picking, None);
    assert!(back.preview.request.choices.is_empty());
    assert_eq!(target_of(back, "program_name").0, "name (Name)");
}

#[test]
fn a_file_without_a_state_column_asks_for_one_state_for_every_row() {
    let mut d = driver();
    let path = write(
        &d,
        "florida.csv",
        "Program Name,Institution,City\nBrisas Family Medicine,Brisas Hospital,Miami\n\
         Palmetto Pediatrics,Palmetto Hospital,Tampa\n",
    );
    preview(&mut d, &path);
    let Some(input) = &d.state().input else {
        panic!("no state prompt: {:?}", d.state().popup)
    };
    assert!(input.label.contains("no state column"), "{}", input.label);
    // A misspelling is refused with the shared parser's suggestion.
    d.keys("Floridda<Enter>");
    let refused = d.state().input.as_ref().and_then(|i| i.error.clone());
    assert!(
        refused
            .as_deref()
            .is_some_and(|e| e.contains("Florida (FL)")),
        "{refused:?}"
    );
    d.keys("<C-u>fl<Enter>");
    assert!(d.settle(DEADLINE));
    let review = review(&d);
    assert_eq!(review.preview.request.state, UsState::parse("FL"));
    assert!(
        review
            .preview
            .summary
            .as_deref()
            .unwrap()
            .starts_with("add 2")
    );
    assert!(
        d.screen(120, 36)
            .contains("Every row's state: Florida (FL)")
    );
    d.keys("y");
    assert!(d.settle(DEADLINE));
    let fl = UsState::parse("FL").unwrap();
    let programs = d.store().list_programs().unwrap();
    for name in ["Brisas Family Medicine", "Palmetto Pediatrics"] {
        let p = programs.iter().find(|p| p.name == name).unwrap();
        assert_eq!(p.state, fl, "{name}");
    }
}

#[test]
fn the_mapping_step_at_120x36_and_80x24() {
    let mut d = driver();
    let path = write(&d, "scrape.csv", LIST);
    preview(&mut d, &path);
    d.keys("jjj");
    for (w, h) in [(120, 36), (80, 24)] {
        insta::assert_snapshot!(format!("mapping_step_{w}x{h}"), d.screen(w, h));
    }
    d.keys("m");
    insta::assert_snapshot!("mapping_picker_80x24", d.screen(80, 24));
}

#[test]
fn a_refused_file_is_fixed_in_the_mapping_step_and_imported() {
    let mut d = driver();
    // The name sits under a header usce does not know: refused as it is.
    let path = write(
        &d,
        "listing.csv",
        "Listing,state\nWillow Bend Cardiology,GA\nPalmetto Pediatrics,FL\n",
    );
    preview(&mut d, &path);
    let refused = review(&d);
    assert!(refused.preview.summary.is_none());
    assert!(!refused.preview.problems.is_empty());
    assert!(target_of(refused, "Listing").0.starts_with("ignored"));
    let screen = d.screen(80, 24);
    assert!(screen.contains("Nothing can be imported yet"), "{screen}");
    insta::assert_snapshot!("refused_file_80x24", screen);
    // y has nothing to import; m maps Listing to the name.
    d.keys("y");
    assert!(d.state().reviewing().is_some());
    // Esc leaves the plain list of problems (it scrolls); i again is back.
    d.keys("<Esc>");
    assert!(d.state().reviewing().is_none());
    assert!(matches!(
        d.state().popup,
        Some(usce::app::Popup::Info { .. })
    ));
    d.keys("<Esc>");
    assert!(d.state().popup.is_none());
    preview(&mut d, &path);
    let name = picker_entries().iter().position(|e| e == "name").unwrap();
    d.keys("m").keys(&"j".repeat(name)).keys("<Enter>");
    assert!(d.settle(DEADLINE));
    let fixed = review(&d);
    assert_eq!(target_of(fixed, "Listing"), ("name (Name)", "chosen"));
    assert!(
        fixed
            .preview
            .summary
            .as_deref()
            .unwrap()
            .starts_with("add 2")
    );
    d.keys("y");
    assert!(d.settle(DEADLINE));
    let programs = d.store().list_programs().unwrap();
    assert!(programs.iter().any(|p| p.name == "Willow Bend Cardiology"));
    assert!(d.status().contains("added 2"), "{}", d.status());
}

/// The picker offers a second person of each role: a list whose second
/// coordinator's email sits under a header usce does not know gets it
/// mapped to `coordinator_email_2`, and the program keeps both people.
#[test]
fn a_column_can_be_mapped_to_a_second_coordinator() {
    let mut d = driver();
    let path = write(
        &d,
        "two_coordinators.csv",
        "program_name,state,coordinator_name,coordinator_email,Helper Email\n\
         Brisas Family Medicine,FL,Dana Ruiz,dana@brisas.example.org,sam@brisas.example.org\n",
    );
    preview(&mut d, &path);
    assert!(
        target_of(review(&d), "Helper Email")
            .0
            .starts_with("ignored")
    );
    let second = picker_entries()
        .iter()
        .position(|e| e == "coordinator_email_2")
        .expect("the picker offers a second coordinator");
    // G goes to the picker's end, where the second people are listed.
    d.keys("jjjj").keys("m").keys("G");
    let last = picker_entries().len() - 1;
    assert_eq!(review(&d).picking, Some(last));
    d.keys(&"k".repeat(last - second)).keys("<Enter>");
    assert!(d.settle(DEADLINE), "the second preview never ended");
    assert_eq!(
        target_of(review(&d), "Helper Email").1,
        "chosen",
        "{:?}",
        review(&d).preview.columns
    );
    d.keys("y");
    assert!(d.settle(DEADLINE), "the import never ended");
    let brisas = d
        .store()
        .list_programs()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Brisas Family Medicine")
        .unwrap()
        .id;
    let emails: Vec<String> = d
        .store()
        .list_contacts(brisas)
        .unwrap()
        .into_iter()
        .map(|c| c.email)
        .collect();
    assert!(
        emails.contains(&"dana@brisas.example.org".to_string())
            && emails.contains(&"sam@brisas.example.org".to_string()),
        "{emails:?}"
    );
}
