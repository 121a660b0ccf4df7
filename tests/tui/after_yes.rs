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
