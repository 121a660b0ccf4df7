//! Small, fixed data for reducer and rendering tests.

use super::effect::Effect;
use super::event::{Event, ProgramLoaded};
use super::list::ProgramList;
use super::{AppState, update};
use crate::domain::{Program, ProgramId, Status, Tri, UsState, Visa};

fn program(
    id: i64,
    name: &str,
    state: &str,
    city: &str,
    specialty: &str,
    status: Status,
) -> Program {
    Program {
        id: ProgramId(id),
        city: city.into(),
        specialty: specialty.into(),
        institution: format!("{city} Medical Center"),
        status,
        accepts_imgs: Tri::Yes,
        visa: Visa::J1,
        ..Program::new(name, UsState::parse(state).unwrap())
    }
}

/// Seven programs in three states, with a wide-character name.
pub fn programs() -> Vec<Program> {
    vec![
        program(
            1,
            "Bluegrass Regional Internal Medicine",
            "KY",
            "Lexington",
            "Internal Medicine",
            Status::Contacted,
        ),
        program(
            2,
            "Ohio Valley Family Medicine",
            "KY",
            "Paducah",
            "Family Medicine",
            Status::Researching,
        ),
        program(
            3,
            "Lakeshore Pediatrics",
            "OH",
            "Toledo",
            "Pediatrics",
            Status::Replied,
        ),
        program(
            4,
            "Buckeye Community Psychiatry",
            "OH",
            "Dayton",
            "Psychiatry",
            Status::Shortlisted,
        ),
        program(
            5,
            "Hospital Ceiba Alta — Medicina Interna",
            "PR",
            "Caguas",
            "Internal Medicine",
            Status::Researching,
        ),
        program(
            6,
            "東京 Friendship Clinic Family Medicine",
            "OH",
            "Columbus",
            "Family Medicine",
            Status::NotAFit,
        ),
        program(
            7,
            "Cumberland Rural Health Internal Medicine",
            "KY",
            "Hazard",
            "Internal Medicine",
            Status::Accepted,
        ),
    ]
}

/// A state as the runtime leaves it after start-up: the first program's
/// (empty) rows are loaded.
pub fn state() -> AppState {
    let mut state = AppState::new(ProgramList::new(programs(), UsState::parse("OH")));
    state.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    for effect in update::init(&mut state) {
        if let Effect::LoadProgram(program) = effect {
            update::update(
                &mut state,
                Event::ProgramLoaded(Box::new(ProgramLoaded {
                    program,
                    ..Default::default()
                })),
            );
        }
    }
    state
}
