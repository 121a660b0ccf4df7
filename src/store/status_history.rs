//! When each program's status changed. Rows are written by `set_status` and
//! `update_program` inside their own transaction, so the history never
//! disagrees with the status it leads to.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::convert::{STATUS_CHANGE_COLUMNS, Stamp};
use super::{Doing, Result, Store};
use crate::domain::{ProgramId, Status, StatusChange};

impl Store {
    /// A program's status changes, oldest first.
    pub fn list_status_changes(&self, program: ProgramId) -> Result<Vec<StatusChange>> {
        const DOING: &str = "loading status history";
        let sql = format!(
            "SELECT {STATUS_CHANGE_COLUMNS} FROM status_changes WHERE program_id = ?1 \
             ORDER BY at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([program], |row| StatusChange::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }
}

/// The stored status, or `None` when there is no such program.
pub(super) fn current_status(conn: &Connection, id: ProgramId) -> Result<Option<Status>> {
    const DOING: &str = "reading program status";
    conn.prepare_cached("SELECT status FROM programs WHERE id = ?1")
        .doing(DOING)?
        .query_row([id], |row| row.get(0))
        .optional()
        .doing(DOING)
}

/// Records `from → to` at `at`; does nothing when the status did not move.
pub(super) fn record_status_change(
    conn: &Connection,
    program: ProgramId,
    from: Status,
    to: Status,
    at: DateTime<Utc>,
) -> Result<()> {
    const DOING: &str = "recording status change";
    if from == to {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO status_changes (program_id, at, from_status, to_status) \
         VALUES (?1, ?2, ?3, ?4)",
    )
    .doing(DOING)?
    .execute(params![program, Stamp(at), from, to])
    .doing(DOING)?;
    Ok(())
}
