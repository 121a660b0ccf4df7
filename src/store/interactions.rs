//! The contact log: every email, call or visit, newest first.

use rusqlite::Connection;

use super::contacts::check_contact_belongs;
use super::convert::{INTERACTION_COLUMNS, bind_interaction};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{Interaction, InteractionId, ProgramId};

/// Served by the `interactions_by_program_at` index: rows come out of the
/// index already in order (ties on `at` fall back to the rowid the index
/// carries), so the query costs the program's entries, not the whole table.
pub(super) fn list_interactions_sql() -> String {
    format!(
        "SELECT {INTERACTION_COLUMNS} FROM interactions WHERE program_id = ?1 \
         ORDER BY at DESC, id DESC"
    )
}

impl Store {
    /// When someone at the program last wrote, if that came after the last
    /// email (or call, or visit) to them, or nothing went to them at all:
    /// the conversation is theirs to be answered, not a new request.
    pub fn reply_after_last_email(
        &self,
        program: ProgramId,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        const DOING: &str = "reading the contact log";
        let at: Option<super::convert::Stamp> = self
            .conn
            .prepare_cached(
                "SELECT max(at) FROM interactions WHERE program_id = ?1 AND direction = 'in' \
                 AND at > ifnull((SELECT max(at) FROM interactions \
                                  WHERE program_id = ?1 AND direction = 'out'), '')",
            )
            .doing(DOING)?
            .query_row([program], |row| row.get(0))
            .doing(DOING)?;
        Ok(at.map(|s| s.0))
    }

    /// A program's log, newest first.
    pub fn list_interactions(&self, program: ProgramId) -> Result<Vec<Interaction>> {
        const DOING: &str = "loading the contact log";
        let sql = list_interactions_sql();
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([program], |row| Interaction::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// Logs an entry; `i.id` is ignored. A named contact must belong to the
    /// same program.
    pub fn insert_interaction(&mut self, i: &Interaction) -> Result<Interaction> {
        let tx = self.conn.transaction().doing("logging interaction")?;
        let saved = insert_interaction(&tx, i)?;
        tx.commit().doing("logging interaction")?;
        Ok(saved)
    }

    pub fn delete_interaction(&mut self, id: InteractionId) -> Result<()> {
        const DOING: &str = "deleting log entry";
        let changed = self
            .conn
            .prepare_cached("DELETE FROM interactions WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        match changed {
            0 => Err(StoreError::NotFound(format!("log entry {}", id.0))),
            _ => Ok(()),
        }
    }
}

/// Inserts on any connection, so a caller can pair it with other writes in
/// one transaction. Returns the entry with its new id.
pub(super) fn insert_interaction(conn: &Connection, i: &Interaction) -> Result<Interaction> {
    const DOING: &str = "logging interaction";
    check_contact_belongs(conn, i.contact_id, i.program_id)?;
    let sql = format!(
        "INSERT INTO interactions ({INTERACTION_COLUMNS}) VALUES (NULL, :program_id, \
         :contact_id, :at, :channel, :direction, :summary, :eml_path)"
    );
    let mut stmt = conn.prepare_cached(&sql).doing(DOING)?;
    bind_interaction(&mut stmt, i).doing(DOING)?;
    stmt.raw_execute().doing(DOING)?;
    Ok(Interaction {
        id: InteractionId(conn.last_insert_rowid()),
        ..i.clone()
    })
}
