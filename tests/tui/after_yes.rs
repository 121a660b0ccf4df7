//! The after-yes overlays driven by keys against a real store: `K` shows
//! the shelf, `E` the checklist, where Enter ticks a line into the database.
#![allow(clippy::unwrap_used, clippy::panic)]

use chrono::NaiveDate;
use usce::config::Config;
use usce::domain::documents::{DocKind, Document, StandardDoc};
use usce::domain::{Program, UsState};

use crate::support::driver::Driver;

fn prepared() -> Driver {
    Driver::with(
        |store| {
            let mut p = Program::new("Lakeside IM", UsState::parse("IL").unwrap());
            p.application.required_docs = vec!["TB test".into(), "BLS".into()];
            store.insert_program(&p).unwrap();
            let mut tb = Document::new(DocKind::Standard(StandardDoc::TbTest));
            tb.obtained = NaiveDate::from_ymd_opt(2026, 9, 1);
            store.insert_document(&tb).unwrap();
        },
        Config::default(),
    )
}

#[test]
fn k_shows_the_shelf_and_e_ticks_the_checklist_into_the_store() {
    let mut d = prepared();
    d.resize(120, 36);
    d.keys("K");
    let screen = d.screen(120, 36);
    assert!(screen.contains("Documents"), "{screen}");
    assert!(screen.contains("TB test"), "{screen}");
    // `a` over the shelf adds a document, typed on one line.
    d.keys("aBLS, 2026-01-10<Enter>");
    let shelf = d.store().list_documents().unwrap();
    assert_eq!(shelf.len(), 2, "{shelf:?}");
    assert!(d.screen(120, 36).contains("2028-01-10*"), "BLS: two years");
    d.keys("<Esc>E");
    let screen = d.screen(120, 36);
    assert!(screen.contains("Checklist: Lakeside IM"), "{screen}");
    assert!(screen.contains("0 of 2 sent"), "{screen}");
    assert!(screen.contains("until 2028-01-10"), "{screen}");
    d.keys("<Enter>");
    let apps = d.store().list_applications().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(
        apps[0].items[0].kind,
        DocKind::Standard(StandardDoc::TbTest)
    );
    assert!(
        apps[0].items[0].document.is_some(),
        "attached from the shelf"
    );
    assert!(d.screen(120, 36).contains("1 of 2 sent"));
}

#[test]
fn e_and_x_edit_and_remove_a_shelf_document_in_the_store() {
    let mut d = prepared();
    d.resize(120, 36);
    d.keys("K");
    // `e` offers the document as typed; retyping it changes the store.
    d.keys("eTB test, 09/15/2026, 2027-06-30<Enter>");
    let shelf = d.store().list_documents().unwrap();
    assert_eq!(shelf.len(), 1);
    assert_eq!(shelf[0].obtained, NaiveDate::from_ymd_opt(2026, 9, 15));
    assert_eq!(shelf[0].expires, NaiveDate::from_ymd_opt(2027, 6, 30));
    assert!(
        d.screen(120, 36).contains("2027-06-30"),
        "the overlay reloads"
    );
    // `x` asks first: no keeps it, yes removes it.
    d.keys("xn");
    assert_eq!(d.store().list_documents().unwrap().len(), 1);
    d.keys("xy");
    assert!(d.store().list_documents().unwrap().is_empty());
    let screen = d.screen(120, 36);
    assert!(screen.contains("No documents yet"), "{screen}");
}

#[test]
fn o_in_the_checklist_saves_submitted_on_and_the_decision() {
    let mut d = prepared();
    d.resize(120, 36);
    d.keys("E");
    d.keys("o2026-11-20, accepted, Dec 1, 2026<Enter>");
    let apps = d.store().list_applications().unwrap();
    assert_eq!(apps.len(), 1, "the application is made on the way");
    assert_eq!(apps[0].submitted_on, NaiveDate::from_ymd_opt(2026, 11, 20));
    assert_eq!(
        apps[0].decision,
        usce::domain::application::Decision::Accepted
    );
    assert_eq!(apps[0].decided_on, NaiveDate::from_ymd_opt(2026, 12, 1));
    // Reopened, the prompt holds what is stored.
    d.keys("o");
    assert!(
        d.screen(120, 36)
            .contains("2026-11-20, accepted, 2026-12-01")
    );
}

#[test]
fn t_in_the_budget_saves_the_rotations_travel() {
    let mut d = Driver::with(
        |store| {
            let p = Program::new("Lakeside IM", UsState::parse("IL").unwrap());
            let p = store.insert_program(&p).unwrap();
            let r = usce::domain::Rotation::new(
                p.id,
                usce::domain::RotationKind::Elective,
                NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
                NaiveDate::from_ymd_opt(2027, 3, 26).unwrap(),
            );
            store.insert_rotation(&r).unwrap();
        },
        Config::default(),
    );
    d.resize(120, 36);
    d.keys("$");
    d.keys("t450.25<Enter>");
    let costs = d.store().list_rotation_costs().unwrap();
    assert_eq!(costs.len(), 1);
    assert_eq!(costs[0].travel, usce::domain::costs::Cents(45_025));
    assert!(d.screen(120, 36).contains("$450.25"), "the budget reloads");
}
