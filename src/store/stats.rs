//! Reads the one-row-per-program facts that `domain::stats` adds up.

use chrono::NaiveDate;

use super::convert::PROGRAM_ACTIVITY_SQL;
use super::{Doing, Result, Store};
use crate::domain::Direction;
use crate::domain::stats::{ProgramActivity, Stats, outreach_stats};

impl Store {
    /// Outreach statistics per state and overall, as of `today`.
    pub fn outreach_stats(&self, today: NaiveDate) -> Result<Stats> {
        Ok(outreach_stats(&self.program_activity()?, today))
    }

    /// One row per program: state, status, first outbound, first reply and
    /// open follow-up dates. Each subquery walks one program's rows through
    /// the `(program_id, …)` indexes.
    pub fn program_activity(&self) -> Result<Vec<ProgramActivity>> {
        const DOING: &str = "reading outreach activity";
        let mut stmt = self
            .conn
            .prepare_cached(PROGRAM_ACTIVITY_SQL)
            .doing(DOING)?;
        let rows = stmt
            .query_map([Direction::Out, Direction::In], |row| {
                ProgramActivity::try_from(row)
            })
            .doing(DOING)?;
        super::repair::readable(rows).doing(DOING)
    }
}
