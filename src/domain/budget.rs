//! The budget: what each planned or booked rotation costs (application
//! fee, rotation fee × weeks or a total, housing, travel), then totals
//! per month of the start and overall. Amounts the program does not state
//! count as nothing and are named, so a total never looks surer than it is.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::application::Application;
use super::costs::{Cents, Housing, Price, parse_amount};
use super::{Program, ProgramId, Rotation, RotationId};

/// What the applicant adds to a rotation beyond the program's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct RotationCosts {
    pub rotation_id: RotationId,
    /// Flights, trains, visas: one number the user types.
    pub travel: Cents,
}

/// One rotation's costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetLine {
    pub program_id: ProgramId,
    pub rotation_id: Option<RotationId>,
    /// The rotation's first day (none for an application not yet booked).
    pub start: Option<NaiveDate>,
    pub weeks: u32,
    pub application_fee: Cents,
    pub rotation_fee: Cents,
    pub housing: Cents,
    pub travel: Cents,
    /// What the program did not state ("rotation fee", "housing cost").
    pub unknown: Vec<&'static str>,
}

impl BudgetLine {
    pub fn total(&self) -> Cents {
        self.application_fee + self.rotation_fee + self.housing + self.travel
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Budget {
    pub lines: Vec<BudgetLine>,
    /// "2027-03" → the total of rotations starting that month.
    pub by_month: BTreeMap<String, Cents>,
    pub total: Cents,
}

/// Weeks of a rotation: as recorded, else its days rounded up to weeks.
pub fn rotation_weeks(r: &Rotation) -> u32 {
    r.weeks
        .map(u32::from)
        .unwrap_or_else(|| rotation_days(r).div_ceil(7))
}

fn rotation_days(r: &Rotation) -> u32 {
    u32::try_from((r.end - r.start).num_days() + 1).unwrap_or(1)
}

/// One rotation's line: the rotation's agreed fee if it reads as money,
/// else the program's; housing from the program.
pub fn rotation_line(program: &Program, r: &Rotation, travel: Cents) -> BudgetLine {
    let weeks = rotation_weeks(r);
    let days = rotation_days(r);
    let mut unknown = Vec::new();
    let application_fee = parse_amount(&program.application.application_fee).unwrap_or_else(|| {
        unknown.push("application fee");
        Cents(0)
    });
    let rotation_fee = Price::parse(&r.fee)
        .or_else(|| Price::parse(&program.rotation.fee))
        .map(|p| p.over(weeks, days))
        .unwrap_or_else(|| {
            unknown.push("rotation fee");
            Cents(0)
        });
    let housing = match Housing::parse(&program.application.housing) {
        Housing::Yes(Some(price)) => price.over(weeks, days),
        Housing::Yes(None) => {
            unknown.push("housing cost");
            Cents(0)
        }
        Housing::No | Housing::NotStated => Cents(0),
    };
    BudgetLine {
        program_id: program.id,
        rotation_id: Some(r.id),
        start: Some(r.start),
        weeks,
        application_fee,
        rotation_fee,
        housing,
        travel,
        unknown,
    }
}

/// The budget over `rotations`, plus the application fees of applications
/// not (yet) linked to a rotation. A rotation whose program is missing
/// from `programs` is left out.
pub fn budget(
    programs: &[Program],
    rotations: &[Rotation],
    applications: &[Application],
    costs: &[RotationCosts],
) -> Budget {
    let program = |id: ProgramId| programs.iter().find(|p| p.id == id);
    let mut lines: Vec<BudgetLine> = rotations
        .iter()
        .filter_map(|r| {
            let travel = costs
                .iter()
                .find(|c| c.rotation_id == r.id)
                .map_or(Cents(0), |c| c.travel);
            Some(rotation_line(program(r.program_id)?, r, travel))
        })
        .collect();
    let booked = |a: &Application| {
        a.rotation_id
            .is_some_and(|id| rotations.iter().any(|r| r.id == id))
            || rotations.iter().any(|r| r.program_id == a.program_id)
    };
    for a in applications.iter().filter(|a| !booked(a)) {
        let Some(p) = program(a.program_id) else {
            continue;
        };
        let mut unknown = Vec::new();
        let fee = parse_amount(&p.application.application_fee).unwrap_or_else(|| {
            unknown.push("application fee");
            Cents(0)
        });
        lines.push(BudgetLine {
            program_id: p.id,
            rotation_id: None,
            start: None,
            weeks: 0,
            application_fee: fee,
            rotation_fee: Cents(0),
            housing: Cents(0),
            travel: Cents(0),
            unknown,
        });
    }
    let mut by_month: BTreeMap<String, Cents> = BTreeMap::new();
    for line in &lines {
        let month = line.start.map_or_else(
            || "unscheduled".to_string(),
            |d| d.format("%Y-%m").to_string(),
        );
        *by_month.entry(month).or_default() += line.total();
    }
    let total = lines.iter().map(BudgetLine::total).sum();
    Budget {
        lines,
        by_month,
        total,
    }
}

#[cfg(test)]
#[path = "tests_budget.rs"]
mod tests;
