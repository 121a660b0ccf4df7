use chrono::NaiveDate;

use super::*;
use crate::domain::application::Application;
use crate::domain::{RotationKind, UsState};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn program(id: i64, fee: &str, app_fee: &str, housing: &str) -> Program {
    let mut p = Program::new(format!("Program {id}"), UsState::parse("OH").unwrap());
    p.id = ProgramId(id);
    p.rotation.fee = fee.into();
    p.application.application_fee = app_fee.into();
    p.application.housing = housing.into();
    p
}

fn rotation(id: i64, program: i64, start: NaiveDate, end: NaiveDate) -> Rotation {
    let mut r = Rotation::new(ProgramId(program), RotationKind::Elective, start, end);
    r.id = RotationId(id);
    r
}

#[test]
fn a_rotation_costs_its_fees_housing_and_travel() {
    let p = program(1, "$300/week", "$75", "yes, $200/week");
    let r = rotation(1, 1, day(3, 1), day(3, 28));
    let line = rotation_line(&p, &r, Cents(45_000));
    assert_eq!(line.weeks, 4);
    assert_eq!(line.application_fee, Cents(7_500));
    assert_eq!(line.rotation_fee, Cents(120_000));
    assert_eq!(line.housing, Cents(80_000));
    assert_eq!(line.total(), Cents(7_500 + 120_000 + 80_000 + 45_000));
    assert!(line.unknown.is_empty());
}

#[test]
fn the_rotations_agreed_fee_wins_and_unstated_amounts_are_named() {
    let p = program(1, "$300/week", "", "yes");
    let mut r = rotation(1, 1, day(3, 1), day(3, 28));
    r.fee = "$1,000".into();
    let line = rotation_line(&p, &r, Cents(0));
    assert_eq!(line.rotation_fee, Cents(100_000));
    assert_eq!(line.unknown, ["application fee", "housing cost"]);
}

#[test]
fn totals_per_month_and_overall_include_unbooked_applications() {
    let programs = [
        program(1, "$1,200", "$50", "no"),
        program(2, "$250/week", "$100", ""),
        program(3, "none", "$40", ""),
    ];
    let rotations = [
        rotation(1, 1, day(3, 1), day(3, 28)),
        rotation(2, 2, day(3, 15), day(4, 11)),
        rotation(3, 1, day(6, 1), day(6, 14)),
    ];
    let applications = [
        Application::new(ProgramId(3)),
        Application::new(ProgramId(1)),
    ];
    let costs = [RotationCosts {
        rotation_id: RotationId(2),
        travel: Cents(60_000),
    }];
    let b = budget(&programs, &rotations, &applications, &costs);
    // Program 1 twice (1,250 each), program 2 (100 + 4 × 250 + 600), and
    // program 3's application fee with no rotation yet.
    assert_eq!(b.lines.len(), 4);
    assert_eq!(b.by_month["2027-03"], Cents(125_000 + 170_000));
    assert_eq!(b.by_month["2027-06"], Cents(125_000));
    assert_eq!(b.by_month["unscheduled"], Cents(4_000));
    assert_eq!(b.total, Cents(125_000 * 2 + 170_000 + 4_000));
}
