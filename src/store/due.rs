//! Follow-ups across every program: the "who do I chase" list.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::convert::{OPEN_FOLLOW_UP_SELECT, Stamp};
use super::programs::{get_program, program_not_found};
use super::{Doing, Result, Store};
use crate::domain::{OpenFollowUp, ProgramId};

impl Store {
    /// Every open follow-up with its program's name and state, soonest due
    /// first (ties by id, the order they were added).
    pub fn list_open_follow_ups(&self) -> Result<Vec<OpenFollowUp>> {
        const DOING: &str = "loading open follow-ups";
        let sql = format!("{OPEN_FOLLOW_UP_SELECT} WHERE f.done_at IS NULL ORDER BY f.due, f.id");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([], |row| OpenFollowUp::try_from(row))
            .doing(DOING)?;
        super::repair::readable(rows).doing(DOING)
    }

    /// Marks every open follow-up of a program done at `at`, returning how
    /// many there were: an inbound reply answers them all at once.
    pub fn complete_open_follow_ups(
        &mut self,
        program: ProgramId,
        at: DateTime<Utc>,
    ) -> Result<usize> {
        const DOING: &str = "completing follow-ups";
        let tx = self.conn.transaction().doing(DOING)?;
        if get_program(&tx, program)?.is_none() {
            return Err(program_not_found(program));
        }
        let n = tx
            .prepare_cached(
                "UPDATE follow_ups SET done_at = ?2 WHERE program_id = ?1 AND done_at IS NULL",
            )
            .doing(DOING)?
            .execute(params![program, Stamp(at)])
            .doing(DOING)?;
        tx.commit().doing(DOING)?;
        Ok(n)
    }
}
