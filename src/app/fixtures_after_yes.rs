//! A state with plans (issue 19): the seven fixture programs, Cumberland
//! (program 7) requiring four documents with a January rotation, a shelf
//! whose TB test lapses mid-rotation, and an application with BLS sent.

use chrono::NaiveDate;

use super::AppState;
use super::fixtures;
use crate::domain::application::{Application, ApplicationId, ChecklistItem};
use crate::domain::budget::RotationCosts;
use crate::domain::costs::Cents;
use crate::domain::documents::{DocKind, Document, DocumentId, StandardDoc};
use crate::domain::readiness::Plans;
use crate::domain::{ProgramId, Rotation, RotationId, RotationKind};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn doc(id: i64, kind: StandardDoc, obtained: NaiveDate, path: &str) -> Document {
    Document {
        id: DocumentId(id),
        obtained: Some(obtained),
        path: path.into(),
        ..Document::new(DocKind::Standard(kind))
    }
}

/// The fixture programs with Cumberland (7) stating its documents, fees
/// and terms, and another (3) its application fee.
pub fn plan_programs() -> Vec<crate::domain::Program> {
    let mut programs = fixtures::programs();
    for p in &mut programs {
        if p.id == ProgramId(7) {
            p.application.required_docs = vec![
                "TB test".into(),
                "BLS".into(),
                "CV".into(),
                "letter of good standing".into(),
            ];
            p.application.application_fee = "$75".into();
            p.application.housing = "yes, $200/week".into();
            p.application.deadline = "apply 2 months ahead".into();
            p.application.onboarding_notes = "Badge photo on day one".into();
            p.rotation.fee = "$300/week".into();
        }
        if p.id == ProgramId(3) {
            p.application.application_fee = "$40".into();
        }
    }
    programs
}

pub fn plans() -> Plans {
    let mut rotation = Rotation::new(
        ProgramId(7),
        RotationKind::Elective,
        day(2027, 1, 4),
        day(2027, 1, 29),
    );
    rotation.id = RotationId(1);
    let mut passport = Document::new(DocKind::Standard(StandardDoc::Passport));
    passport.id = DocumentId(4);
    passport.expires = Some(day(2031, 5, 1));
    let app = Application {
        id: ApplicationId(1),
        items: vec![ChecklistItem {
            kind: DocKind::Standard(StandardDoc::Bls),
            sent_on: Some(day(2026, 11, 20)),
            document: Some(DocumentId(2)),
        }],
        ..Application::new(ProgramId(7))
    };
    Plans {
        rotations: vec![rotation],
        applications: vec![app, Application::new(ProgramId(3))],
        documents: vec![
            doc(
                1,
                StandardDoc::TbTest,
                day(2026, 1, 15),
                "~/docs/tb-quantiferon.pdf",
            ),
            doc(2, StandardDoc::Bls, day(2025, 6, 1), "~/docs/bls-card.pdf"),
            doc(3, StandardDoc::Cv, day(2026, 10, 1), "~/docs/cv.pdf"),
            passport,
        ],
        costs: vec![RotationCosts {
            rotation_id: RotationId(1),
            travel: Cents(65_000),
        }],
    }
}

/// The fixture state with the plans loaded, Cumberland selected.
pub fn state() -> AppState {
    let mut state = fixtures::state();
    state.plans = plans();
    state.rotations = state.plans.rotations.clone();
    // The list holds the same programs, terms and all, as after a load.
    let selected = state.list.selected_program().map(|p| p.id);
    state.list =
        super::list::ProgramList::new(plan_programs(), crate::domain::UsState::parse("OH"));
    if let Some(id) = selected {
        state.list.select_program(id);
    }
    state.currency = "USD".into();
    state.warn_days = 30;
    state
}
