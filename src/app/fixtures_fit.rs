//! Fixtures for fit: an applicant profile and programs whose requirements
//! make the fit verdicts differ.

use chrono::{DateTime, NaiveDate, Utc};

use super::command::Command;
use super::event::Event;
use super::update::update;
use super::{AppState, fixtures};
use crate::domain::{Profile, StepResult, Tri, UsState};

fn us(code: &str) -> UsState {
    UsState::parse(code).unwrap()
}

/// Noon UTC on a `YYYY-MM-DD` day: the same date in any local time zone
/// within ±11 hours.
pub fn at(date: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("{date}T12:00:00Z"))
        .unwrap()
        .to_utc()
}

/// The `YYYY-MM-DD` day itself.
pub fn day(date: &str) -> NaiveDate {
    at(date).date_naive()
}

/// A graduate of 2022 with Step 1 passed and Step 2 CK 230, needing a
/// visa, aiming at internal medicine (family medicine related), home OH.
pub fn applicant() -> Profile {
    Profile {
        graduation_year: Some(2022),
        step1: StepResult::Pass,
        step2_score: Some(230),
        needs_visa: true,
        target_specialty: "Internal Medicine".into(),
        related_specialties: vec!["family medicine".into()],
        home_state: Some(us("OH")),
        ..Profile::default()
    }
}

/// The fixture programs with requirements that make the verdicts differ.
/// Every fixture program accepts IMGs and sponsors J-1; with `applicant()`:
/// - OH: Lakeshore Pediatrics fits (IMG 70 %), Buckeye Psychiatry fits
///   (IMG 60 %), 東京 Friendship Family Medicine takes no IMGs: not a fit.
/// - KY: Cumberland Internal Medicine fits (graduated ≤ 5 years), Bluegrass
///   Internal Medicine does not say whether it takes graduates: check, Ohio
///   Valley Family Medicine asks Step 2 CK ≥ 240: not a fit.
/// - PR: Ceiba Alta Internal Medicine: check.
pub fn state() -> AppState {
    let mut state = fixtures::state();
    state.now = at("2026-06-01");
    state.today = day("2026-06-01");
    let mut programs = state.list.programs().to_vec();
    for p in &mut programs {
        match p.id.0 {
            2 => {
                p.requirements.takes_graduates = Tri::Yes;
                p.requirements.min_step2_score = Some(240);
            }
            3 => {
                p.requirements.takes_graduates = Tri::Yes;
                p.img_percent = Some(70);
            }
            4 => {
                p.requirements.takes_graduates = Tri::Yes;
                p.img_percent = Some(60);
            }
            6 => p.accepts_imgs = Tri::No,
            7 => {
                p.requirements.takes_graduates = Tri::Yes;
                p.requirements.grad_within_years = Some(5);
            }
            _ => continue,
        }
        update(&mut state, Event::ProgramSaved(Box::new(p.clone())));
    }
    update(&mut state, Command::Top);
    state
}

pub fn with_profile() -> AppState {
    let mut state = state();
    update(&mut state, Event::ProfileSaved(Box::new(applicant())));
    state
}
