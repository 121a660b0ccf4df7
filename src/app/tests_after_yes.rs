//! The after-yes overlays: what opens them, and a checklist's ticks.

use super::after_yes::AfterYesView;
use super::command::Command;
use super::effect::Effect;
use super::event::Event;
use super::fixtures_after_yes::{plans, state};
use super::update::update;
use super::{Popup, route::Layer};
use crate::domain::ProgramId;
use crate::domain::documents::{DocKind, DocumentId, StandardDoc};

#[test]
fn the_documents_and_budget_keys_load_the_plans_then_open_their_overlay() {
    let mut s = state();
    assert_eq!(
        update(&mut s, Command::Documents),
        [Effect::LoadPlans(AfterYesView::Documents)]
    );
    update(
        &mut s,
        Event::PlansLoaded(Box::new(plans()), AfterYesView::Documents),
    );
    assert!(matches!(
        s.popup,
        Some(Popup::AfterYes {
            view: AfterYesView::Documents,
            scroll: 0
        })
    ));
    assert_eq!(s.layer(), Layer::Help);
    update(&mut s, Command::Cancel);
    assert!(s.popup.is_none());
    assert_eq!(
        update(&mut s, Command::Budget),
        [Effect::LoadPlans(AfterYesView::Budget)]
    );
}

#[test]
fn marking_a_program_applied_opens_its_checklist() {
    let mut s = state();
    let program = s.list.selected_program().unwrap().id;
    update(&mut s, Command::SetStatus);
    let applied = crate::domain::Status::ALL
        .iter()
        .position(|st| *st == crate::domain::Status::Applied)
        .unwrap();
    if let Some(Popup::StatusPicker { selected, .. }) = &mut s.popup {
        *selected = applied;
    } else {
        panic!("no status picker: {:?}", s.popup);
    }
    let effects = update(&mut s, Command::Submit);
    assert_eq!(
        effects,
        [
            Effect::SetStatus(program, crate::domain::Status::Applied),
            Effect::LoadPlans(AfterYesView::Checklist(program)),
        ]
    );
}

#[test]
fn enter_ticks_an_open_line_as_sent_today_and_unticks_a_ticked_one() {
    let mut s = state();
    let cumberland = AfterYesView::Checklist(ProgramId(7));
    update(&mut s, Event::PlansLoaded(Box::new(plans()), cumberland));
    // Line 0: TB test, not ticked, on the shelf as document 1.
    assert_eq!(
        update(&mut s, Command::Submit),
        [Effect::TickChecklist {
            program: ProgramId(7),
            kind: DocKind::Standard(StandardDoc::TbTest),
            on: s.today,
            document: Some(DocumentId(1)),
        }]
    );
    update(&mut s, Command::Down);
    // Line 1: BLS, sent already: Enter unticks it.
    assert_eq!(
        update(&mut s, Command::Submit),
        [Effect::UntickChecklist {
            program: ProgramId(7),
            kind: DocKind::Standard(StandardDoc::Bls),
        }]
    );
    // Reloaded plans keep the cursor where it was.
    update(&mut s, Event::PlansLoaded(Box::new(plans()), cumberland));
    assert!(matches!(s.popup, Some(Popup::AfterYes { scroll: 1, .. })));
}

#[test]
fn the_checklist_key_needs_a_selected_program() {
    let mut s = state();
    let program = s.list.selected_program().unwrap().id;
    assert_eq!(
        update(&mut s, Command::Checklist),
        [Effect::LoadPlans(AfterYesView::Checklist(program))]
    );
}

#[test]
fn the_due_view_refreshes_the_plans_its_windows_read() {
    let mut s = state();
    update(&mut s, Command::Due);
    assert_eq!(
        update(&mut s, Event::DueLoaded(Vec::new())),
        [Effect::LoadPlans(AfterYesView::Refresh)]
    );
    // A refresh keeps the Due view open.
    update(
        &mut s,
        Event::PlansLoaded(Box::new(plans()), AfterYesView::Refresh),
    );
    assert!(matches!(s.popup, Some(Popup::Due { .. })));
}

#[test]
fn a_typed_document_line_becomes_a_document_or_says_why_not() {
    let mut effects = Vec::new();
    super::after_yes::document_typed("passport, , 2031-05-01", &mut effects).unwrap();
    let [Effect::InsertDocument(doc)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(doc.kind, DocKind::Standard(StandardDoc::Passport));
    assert_eq!(doc.obtained, None);
    assert_eq!(doc.expires, chrono::NaiveDate::from_ymd_opt(2031, 5, 1));
    let mut none = Vec::new();
    let why = super::after_yes::document_typed("TB test, 1 Sept", &mut none).unwrap_err();
    assert!(why.contains("not a date"), "{why}");
    assert!(none.is_empty());
    assert!(super::after_yes::document_typed("", &mut none).is_err());
}

#[test]
fn a_over_the_documents_asks_for_one() {
    let mut s = state();
    update(
        &mut s,
        Event::PlansLoaded(Box::new(plans()), AfterYesView::Documents),
    );
    update(&mut s, Command::AddDocument);
    assert_eq!(
        s.input.as_ref().map(|i| i.purpose.clone()),
        Some(super::InputPurpose::NewDocument)
    );
}
