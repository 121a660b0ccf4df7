use super::*;
use crate::domain::application::Application;
use crate::domain::documents::StandardDoc;
use crate::domain::{RotationKind, UsState};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn doc(kind: StandardDoc, obtained: NaiveDate) -> Document {
    let mut d = Document::new(DocKind::Standard(kind));
    d.obtained = Some(obtained);
    d
}

fn program(required: &[&str]) -> Program {
    let mut p = Program::new("Lakeside IM", UsState::parse("IL").unwrap());
    p.id = ProgramId(1);
    p.application.required_docs = required.iter().map(|s| s.to_string()).collect();
    p
}

fn rotation(start: NaiveDate, end: NaiveDate) -> Rotation {
    let mut r = Rotation::new(ProgramId(1), RotationKind::Elective, start, end);
    r.id = RotationId(7);
    r
}

#[test]
fn a_document_expiring_mid_rotation_is_flagged_as_such() {
    // TB obtained 2026-03-15 lapses 2027-03-15, inside a March rotation.
    let shelf = [
        doc(
            StandardDoc::TbTest,
            NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
        ),
        doc(StandardDoc::Bls, day(1, 1)),
    ];
    let p = program(&["TB test", "BLS"]);
    let r = rotation(day(3, 1), day(3, 28));
    let warnings = rotation_warnings(&p, &r, &shelf);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].problem,
        Problem::ExpiresDuring {
            rotation: RotationId(7),
            on: day(3, 15)
        }
    );
    assert_eq!(
        warnings[0].describe(),
        "TB expires mid-rotation (2027-03-15)"
    );
}

#[test]
fn a_document_expiring_before_start_and_a_missing_one_are_flagged() {
    let shelf = [doc(
        StandardDoc::TbTest,
        NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
    )];
    let p = program(&["TB test", "BLS"]);
    let r = rotation(day(3, 1), day(3, 28));
    let problems: Vec<Problem> = rotation_warnings(&p, &r, &shelf)
        .into_iter()
        .map(|w| w.problem)
        .collect();
    assert_eq!(
        problems,
        [
            Problem::ExpiresBeforeStart {
                rotation: RotationId(7),
                on: day(1, 10)
            },
            Problem::Missing
        ]
    );
    let ready = readiness(&p, &[r], &shelf, day(2, 1)).unwrap();
    assert_eq!(
        ready.line(),
        "docs 0/2 · TB expires before start (2027-01-10)"
    );
}

#[test]
fn a_document_valid_through_the_last_day_is_ready() {
    let shelf = [doc(
        StandardDoc::TbTest,
        NaiveDate::from_ymd_opt(2026, 3, 28).unwrap(),
    )];
    let p = program(&["TB test"]);
    let r = rotation(day(3, 1), day(3, 28));
    assert!(rotation_warnings(&p, &r, &shelf).is_empty());
    assert_eq!(
        readiness(&p, &[r], &shelf, day(2, 1)).unwrap().line(),
        "docs 1/1"
    );
    assert_eq!(readiness(&program(&[]), &[], &shelf, day(2, 1)), None);
}

#[test]
fn deadlines_and_the_warning_window_catch_lapsing_documents() {
    let mut p = program(&["BLS"]);
    p.application.deadline = "2027-05-01".into();
    let bls = doc(
        StandardDoc::Bls,
        NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
    );
    let shelf = [bls];
    let apps = [Application::new(ProgramId(1))];
    let all = all_warnings(&[p.clone()], &[], &apps, &shelf, day(2, 1), 30);
    assert_eq!(
        all.iter().map(Warning::describe).collect::<Vec<_>>(),
        ["BLS expires before the deadline (2027-04-01)"]
    );
    let later = all_warnings(&[p], &[], &apps, &shelf, day(3, 10), 30);
    assert_eq!(later.len(), 2, "{later:?}");
    assert_eq!(expiring(&shelf, day(3, 1), 30).len(), 0);
    assert_eq!(expiring(&shelf, day(3, 2), 30).len(), 1);
}

#[test]
fn upcoming_windows_list_openings_deadlines_and_unready_rotations() {
    let mut opening = program(&[]);
    opening.status = crate::domain::Status::Shortlisted;
    opening.rotation.applications_open = Some(day(2, 20));
    let mut ignored = opening.clone();
    ignored.id = ProgramId(9);
    ignored.status = crate::domain::Status::Researching;
    let mut closing = program(&[]);
    closing.id = ProgramId(2);
    closing.status = crate::domain::Status::Contacted;
    closing.application.deadline = "apply 2 months ahead".into();
    let mut starting = program(&["TB test"]);
    starting.id = ProgramId(3);
    starting.status = crate::domain::Status::Accepted;
    let mut late = Rotation::new(ProgramId(2), RotationKind::Elective, day(4, 5), day(4, 30));
    late.id = RotationId(1);
    let mut soon = Rotation::new(ProgramId(3), RotationKind::Elective, day(2, 25), day(3, 20));
    soon.id = RotationId(2);
    let windows = upcoming_windows(
        &[opening, closing, starting, ignored],
        &[late, soon],
        &[],
        &[],
        day(2, 1),
    );
    assert_eq!(
        windows,
        [
            Window::Closes {
                program: ProgramId(2),
                on: day(2, 4)
            },
            Window::Opens {
                program: ProgramId(1),
                on: day(2, 20)
            },
            Window::NotReady {
                program: ProgramId(3),
                rotation: RotationId(2),
                start: day(2, 25),
                problem: "TB missing".into()
            },
        ]
    );
}
