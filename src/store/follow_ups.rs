//! Reminders to chase a program on a given day.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::contacts::check_contact_belongs;
use super::convert::{Day, FOLLOW_UP_COLUMNS, bind_follow_up};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{FollowUp, FollowUpId, ProgramId};

impl Store {
    /// A program's follow-ups, soonest due first, done ones included.
    pub fn list_follow_ups(&self, program: ProgramId) -> Result<Vec<FollowUp>> {
        const DOING: &str = "loading follow-ups";
        let sql = format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE program_id = ?1 ORDER BY due, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([program], |row| FollowUp::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// Open follow-ups of every program due on or before `day`, soonest
    /// first: the "what do I chase today" list.
    pub fn list_due_follow_ups(&self, day: NaiveDate) -> Result<Vec<FollowUp>> {
        const DOING: &str = "loading due follow-ups";
        let sql = format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE done_at IS NULL AND due <= ?1 \
             ORDER BY due, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([Day(day)], |row| FollowUp::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// Adds a follow-up; `f.id` is ignored. A named contact must belong to
    /// the same program.
    pub fn insert_follow_up(&mut self, f: &FollowUp) -> Result<FollowUp> {
        const DOING: &str = "adding follow-up";
        let tx = self.conn.transaction().doing(DOING)?;
        check_contact_belongs(&tx, f.contact_id, f.program_id)?;
        let sql = format!(
            "INSERT INTO follow_ups ({FOLLOW_UP_COLUMNS}) VALUES (NULL, :program_id, \
             :contact_id, :due, :note, :done_at, :snoozed_from)"
        );
        {
            let mut stmt = tx.prepare_cached(&sql).doing(DOING)?;
            bind_follow_up(&mut stmt, f).doing(DOING)?;
            stmt.raw_bind_parameter(":program_id", f.program_id)
                .doing(DOING)?;
            stmt.raw_execute().doing(DOING)?;
        }
        let id = FollowUpId(tx.last_insert_rowid());
        tx.commit().doing(DOING)?;
        Ok(FollowUp { id, ..f.clone() })
    }

    /// Saves every field but `id` and `program_id` (marking done, snoozing).
    pub fn update_follow_up(&mut self, f: &FollowUp) -> Result<FollowUp> {
        const DOING: &str = "saving follow-up";
        let tx = self.conn.transaction().doing(DOING)?;
        let stored = get_follow_up(&tx, f.id)?.ok_or_else(|| follow_up_not_found(f.id))?;
        check_contact_belongs(&tx, f.contact_id, stored.program_id)?;
        {
            let sql = "UPDATE follow_ups SET contact_id = :contact_id, due = :due, note = :note, \
                done_at = :done_at, snoozed_from = :snoozed_from WHERE id = :id";
            let mut stmt = tx.prepare_cached(sql).doing(DOING)?;
            bind_follow_up(&mut stmt, f).doing(DOING)?;
            stmt.raw_bind_parameter(":id", f.id).doing(DOING)?;
            stmt.raw_execute().doing(DOING)?;
        }
        tx.commit().doing(DOING)?;
        Ok(FollowUp {
            program_id: stored.program_id,
            ..f.clone()
        })
    }

    pub fn delete_follow_up(&mut self, id: FollowUpId) -> Result<()> {
        const DOING: &str = "deleting follow-up";
        let changed = self
            .conn
            .prepare_cached("DELETE FROM follow_ups WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        match changed {
            0 => Err(follow_up_not_found(id)),
            _ => Ok(()),
        }
    }
}

fn get_follow_up(conn: &Connection, id: FollowUpId) -> Result<Option<FollowUp>> {
    const DOING: &str = "loading follow-up";
    let sql = format!("SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE id = ?1");
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row([id], |row| FollowUp::try_from(row))
        .optional()
        .doing(DOING)
}

fn follow_up_not_found(id: FollowUpId) -> StoreError {
    StoreError::NotFound(format!("follow-up {}", id.0))
}
