//! Everything issue 19's views read, in one value: the budget, the
//! warnings and the season's windows are worked out from it.

use chrono::NaiveDate;

use super::application::Application;
use super::documents::Document;
use super::readiness::{Warning, Window, all_warnings, upcoming_windows};
use super::{Program, ProgramId, Rotation};

/// Everything issue 19's views read, loaded together: programs,
/// rotations, applications, the shelf and the rotations' costs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plans {
    pub programs: Vec<Program>,
    pub rotations: Vec<Rotation>,
    pub applications: Vec<Application>,
    pub documents: Vec<Document>,
    pub costs: Vec<super::budget::RotationCosts>,
}

impl Plans {
    pub fn warnings(&self, today: NaiveDate, warn_days: u32) -> Vec<Warning> {
        all_warnings(
            &self.programs,
            &self.rotations,
            &self.applications,
            &self.documents,
            today,
            warn_days,
        )
    }

    pub fn budget(&self) -> super::budget::Budget {
        super::budget::budget(
            &self.programs,
            &self.rotations,
            &self.applications,
            &self.costs,
        )
    }

    pub fn windows(&self, today: NaiveDate) -> Vec<Window> {
        upcoming_windows(
            &self.programs,
            &self.rotations,
            &self.applications,
            &self.documents,
            today,
        )
    }

    pub fn program(&self, id: ProgramId) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }
}
