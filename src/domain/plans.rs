//! Everything issue 19's views read, in one value: the budget, the
//! warnings and the season's windows are worked out from it.

use chrono::NaiveDate;

use super::application::Application;
use super::documents::Document;
use super::readiness::{Warning, Window, all_warnings, upcoming_windows};
use super::{Program, ProgramId, Rotation};

/// Everything issue 19's views read beside the programs, loaded
/// together: rotations, applications, the shelf and the rotations' costs.
/// The programs are not in it: the TUI has them in its list already (a
/// second copy of a national list was 14 MB), and each use is handed the
/// programs it reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plans {
    pub rotations: Vec<Rotation>,
    pub applications: Vec<Application>,
    pub documents: Vec<Document>,
    pub costs: Vec<super::budget::RotationCosts>,
}

impl Plans {
    pub fn warnings(&self, programs: &[Program], today: NaiveDate, warn_days: u32) -> Vec<Warning> {
        all_warnings(
            programs,
            &self.rotations,
            &self.applications,
            &self.documents,
            today,
            warn_days,
        )
    }

    pub fn budget(&self, programs: &[Program]) -> super::budget::Budget {
        super::budget::budget(programs, &self.rotations, &self.applications, &self.costs)
    }

    pub fn windows(&self, programs: &[Program], today: NaiveDate) -> Vec<Window> {
        upcoming_windows(
            programs,
            &self.rotations,
            &self.applications,
            &self.documents,
            today,
        )
    }
}

/// The program `id` among `programs`.
pub fn program_by_id(programs: &[Program], id: ProgramId) -> Option<&Program> {
    programs.iter().find(|p| p.id == id)
}
