//! Rotations the applicant has booked or done.

use rusqlite::{Connection, OptionalExtension};

use super::convert::{ROTATION_COLUMNS, bind_rotation};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{ProgramId, Rotation, RotationId};

impl Store {
    /// A program's rotations, earliest start first.
    pub fn list_rotations(&self, program: ProgramId) -> Result<Vec<Rotation>> {
        const DOING: &str = "loading rotations";
        let sql = format!(
            "SELECT {ROTATION_COLUMNS} FROM rotations WHERE program_id = ?1 \
             ORDER BY start_day, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([program], |row| Rotation::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// Every rotation, earliest start first: the applicant's calendar.
    pub fn list_all_rotations(&self) -> Result<Vec<Rotation>> {
        const DOING: &str = "loading rotations";
        let sql = format!("SELECT {ROTATION_COLUMNS} FROM rotations ORDER BY start_day, id");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([], |row| Rotation::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    pub fn get_rotation(&self, id: RotationId) -> Result<Option<Rotation>> {
        get_rotation(&self.conn, id)
    }

    /// Adds a rotation to `r.program_id`; `r.id` is ignored.
    pub fn insert_rotation(&mut self, r: &Rotation) -> Result<Rotation> {
        const DOING: &str = "adding rotation";
        r.validate().map_err(StoreError::Invalid)?;
        let sql = format!(
            "INSERT INTO rotations ({ROTATION_COLUMNS}) VALUES (NULL, :program_id, :start_day, \
             :end_day, :specialty, :kind, :hands_on, :weeks, :fee)"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        bind_rotation(&mut stmt, r).doing(DOING)?;
        stmt.raw_bind_parameter(":program_id", r.program_id)
            .doing(DOING)?;
        stmt.raw_execute().doing(DOING)?;
        Ok(Rotation {
            id: RotationId(self.conn.last_insert_rowid()),
            ..r.clone()
        })
    }

    /// Saves every field but `id` and `program_id`.
    pub fn update_rotation(&mut self, r: &Rotation) -> Result<Rotation> {
        const DOING: &str = "saving rotation";
        r.validate().map_err(StoreError::Invalid)?;
        let tx = self.conn.transaction().doing(DOING)?;
        {
            let sql = "UPDATE rotations SET start_day = :start_day, end_day = :end_day, \
                specialty = :specialty, kind = :kind, hands_on = :hands_on, weeks = :weeks, \
                fee = :fee WHERE id = :id";
            let mut stmt = tx.prepare_cached(sql).doing(DOING)?;
            bind_rotation(&mut stmt, r).doing(DOING)?;
            stmt.raw_bind_parameter(":id", r.id).doing(DOING)?;
            if stmt.raw_execute().doing(DOING)? == 0 {
                return Err(rotation_not_found(r.id));
            }
        }
        let saved = get_rotation(&tx, r.id)?.ok_or_else(|| rotation_not_found(r.id))?;
        tx.commit().doing(DOING)?;
        Ok(saved)
    }

    /// Deletes the rotation; letters from it stay, no longer linked to it.
    pub fn delete_rotation(&mut self, id: RotationId) -> Result<()> {
        const DOING: &str = "deleting rotation";
        let changed = self
            .conn
            .prepare_cached("DELETE FROM rotations WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        match changed {
            0 => Err(rotation_not_found(id)),
            _ => Ok(()),
        }
    }
}

pub(super) fn get_rotation(conn: &Connection, id: RotationId) -> Result<Option<Rotation>> {
    const DOING: &str = "loading rotation";
    let sql = format!("SELECT {ROTATION_COLUMNS} FROM rotations WHERE id = ?1");
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row([id], |row| Rotation::try_from(row))
        .optional()
        .doing(DOING)
}

pub(super) fn rotation_not_found(id: RotationId) -> StoreError {
    StoreError::NotFound(format!("rotation {}", id.0))
}
