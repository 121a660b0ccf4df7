//! Documents, applications with their checklists, and rotation costs
//! (issue 19).

use super::*;
use crate::domain::Rotation;
use crate::domain::application::{Application, ChecklistItem, Decision, checklist};
use crate::domain::budget::budget;
use crate::domain::costs::Cents;
use crate::domain::documents::{DocKind, Document, StandardDoc};
use crate::domain::readiness::{Problem, rotation_warnings};
use crate::store::StoreError;

fn tb(obtained: NaiveDate) -> Document {
    let mut d = Document::new(DocKind::Standard(StandardDoc::TbTest));
    d.obtained = Some(obtained);
    d.path = "/docs/tb.pdf".into();
    d
}

#[test]
fn documents_round_trip_with_custom_kinds_and_derived_expiry() {
    let mut s = store();
    let saved = s.insert_document(&tb(day(2026, 4, 1))).unwrap();
    let mut custom = Document::new(DocKind::Custom("COVID card".into()));
    custom.expires = Some(day(2027, 1, 1));
    custom.notes = "booster in Oct".into();
    let custom = s.insert_document(&custom).unwrap();
    let shelf = s.list_documents().unwrap();
    assert_eq!(shelf.len(), 2);
    let back = s.get_document(saved.id).unwrap().unwrap();
    assert_eq!(back, saved);
    assert_eq!(back.expiry(), Some(day(2027, 4, 1)));
    assert_eq!(s.get_document(custom.id).unwrap().unwrap(), custom);

    let mut edited = back.clone();
    edited.expires = Some(day(2027, 2, 1));
    s.update_document(&edited).unwrap();
    assert_eq!(
        s.get_document(saved.id).unwrap().unwrap().expiry(),
        Some(day(2027, 2, 1))
    );
    s.delete_document(custom.id).unwrap();
    assert_eq!(s.list_documents().unwrap().len(), 1);
    assert!(matches!(
        s.delete_document(custom.id),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn a_document_cannot_expire_before_it_was_obtained() {
    let mut s = store();
    let mut bad = tb(day(2026, 4, 1));
    bad.expires = Some(day(2026, 3, 1));
    assert!(matches!(
        s.insert_document(&bad),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn program_requirements_are_stored_in_their_columns() {
    let mut s = store();
    let mut p = Program::new("Lakeside IM", state("IL"));
    p.application.required_docs = vec!["TB test".into(), "BLS".into()];
    p.application.application_fee = "$75".into();
    p.application.housing = "yes, $200/week".into();
    p.application.deadline = "apply 3 months ahead".into();
    p.application.onboarding_notes = "badge photo\nparking".into();
    let saved = s.insert_program(&p).unwrap();
    let back = s.get_program(saved.id).unwrap().unwrap();
    assert_eq!(back.application, p.application);
}

#[test]
fn a_checklist_ticks_by_date_or_shelf_document_and_survives_the_document() {
    let mut s = store();
    let mut p = Program::new("Lakeside IM", state("IL"));
    p.application.required_docs = vec!["TB test".into(), "BLS".into(), "CV".into()];
    let p = s.insert_program(&p).unwrap();
    let doc = s.insert_document(&tb(day(2026, 4, 1))).unwrap();
    let app = s.open_application(p.id).unwrap();
    assert_eq!(
        s.open_application(p.id).unwrap().id,
        app.id,
        "one per program"
    );
    let tb_kind = DocKind::Standard(StandardDoc::TbTest);
    s.tick(
        app.id,
        &ChecklistItem {
            kind: tb_kind.clone(),
            sent_on: None,
            document: Some(doc.id),
        },
    )
    .unwrap();
    s.tick(
        app.id,
        &ChecklistItem {
            kind: DocKind::Standard(StandardDoc::Bls),
            sent_on: Some(day(2026, 12, 1)),
            document: None,
        },
    )
    .unwrap();
    let empty = ChecklistItem {
        kind: DocKind::Standard(StandardDoc::Cv),
        sent_on: None,
        document: None,
    };
    assert!(matches!(
        s.tick(app.id, &empty),
        Err(StoreError::Invalid(_))
    ));

    let app = s.application_for(p.id).unwrap().unwrap();
    let shelf = s.list_documents().unwrap();
    let done: Vec<bool> = checklist(&p, &app, &shelf)
        .iter()
        .map(|l| l.is_done())
        .collect();
    assert_eq!(done, [true, true, false]);

    // The document goes; the tick loses its link, so the line is open again.
    s.delete_document(doc.id).unwrap();
    let app = s.application_for(p.id).unwrap().unwrap();
    assert_eq!(app.item(&tb_kind).unwrap().document, None);
    s.untick(app.id, &DocKind::Standard(StandardDoc::Bls))
        .unwrap();
    assert_eq!(s.application_for(p.id).unwrap().unwrap().items.len(), 1);

    let mut decided = app.clone();
    decided.submitted_on = Some(day(2026, 12, 2));
    decided.decision = Decision::Accepted;
    decided.decided_on = Some(day(2027, 1, 10));
    s.update_application(&decided).unwrap();
    let back = s.application_for(p.id).unwrap().unwrap();
    assert_eq!(back.decision, Decision::Accepted);
    assert_eq!(back.decided_on, Some(day(2027, 1, 10)));
}

#[test]
fn a_stored_tb_test_expiring_mid_rotation_warns_and_the_budget_adds_up() {
    let mut s = store();
    let mut p = Program::new("Lakeside IM", state("IL"));
    p.application.required_docs = vec!["TB test".into()];
    p.application.application_fee = "$100".into();
    p.rotation.fee = "$300/week".into();
    let p = s.insert_program(&p).unwrap();
    s.insert_document(&tb(day(2026, 3, 15))).unwrap();
    let r = s
        .insert_rotation(&Rotation::new(
            p.id,
            RotationKind::Elective,
            day(2027, 3, 1),
            day(2027, 3, 28),
        ))
        .unwrap();
    s.set_travel(r.id, Cents(50_000)).unwrap();
    assert!(matches!(
        s.set_travel(r.id, Cents(-1)),
        Err(StoreError::Invalid(_))
    ));
    let shelf = s.list_documents().unwrap();
    let warnings = rotation_warnings(&p, &r, &shelf);
    assert_eq!(
        warnings[0].problem,
        Problem::ExpiresDuring {
            rotation: r.id,
            on: day(2027, 3, 15)
        }
    );
    let b = budget(
        &s.list_programs().unwrap(),
        &s.list_all_rotations().unwrap(),
        &s.list_applications().unwrap(),
        &s.list_rotation_costs().unwrap(),
    );
    assert_eq!(b.total, Cents(10_000 + 120_000 + 50_000));
    // A deleted rotation takes its costs along.
    s.delete_rotation(r.id).unwrap();
    assert!(s.list_rotation_costs().unwrap().is_empty());
}

#[test]
fn applications_go_with_their_program() {
    let mut s = store();
    let p = s
        .insert_program(&Program::new("Gone IM", state("OH")))
        .unwrap();
    s.insert_application(&Application::new(p.id)).unwrap();
    s.delete_program(p.id).unwrap();
    assert!(s.list_applications().unwrap().is_empty());
}
