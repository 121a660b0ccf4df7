//! Letters of recommendation and progress toward the three the Match asks
//! for.

use rusqlite::{Connection, OptionalExtension};

use super::convert::{LETTER_COLUMNS, bind_letter};
use super::rotations::{get_rotation, rotation_not_found};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{Letter, LetterId, LettersProgress, ProgramId};

impl Store {
    /// Every letter, in the order they were added.
    pub fn list_letters(&self) -> Result<Vec<Letter>> {
        const DOING: &str = "loading letters";
        let sql = format!("SELECT {LETTER_COLUMNS} FROM letters ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([], |row| Letter::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// Letters linked to one program.
    pub fn list_program_letters(&self, program: ProgramId) -> Result<Vec<Letter>> {
        const DOING: &str = "loading letters";
        let sql = format!("SELECT {LETTER_COLUMNS} FROM letters WHERE program_id = ?1 ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([program], |row| Letter::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    pub fn get_letter(&self, id: LetterId) -> Result<Option<Letter>> {
        get_letter(&self.conn, id)
    }

    /// Adds a letter; `l.id` is ignored. A letter from a rotation takes that
    /// rotation's program when none is given, and may not name another.
    pub fn insert_letter(&mut self, l: &Letter) -> Result<Letter> {
        const DOING: &str = "adding letter";
        let tx = self.conn.transaction().doing(DOING)?;
        let l = linked(&tx, l)?;
        let sql = format!(
            "INSERT INTO letters ({LETTER_COLUMNS}) VALUES (NULL, :program_id, :rotation_id, \
             :writer, :writer_is_us_physician, :requested_on, :received_on, :uploaded_to_eras, \
             :notes)"
        );
        {
            let mut stmt = tx.prepare_cached(&sql).doing(DOING)?;
            bind_letter(&mut stmt, &l).doing(DOING)?;
            stmt.raw_execute().doing(DOING)?;
        }
        let id = LetterId(tx.last_insert_rowid());
        tx.commit().doing(DOING)?;
        Ok(Letter { id, ..l })
    }

    /// Saves every field but `id`, with the same rotation rule as insert.
    pub fn update_letter(&mut self, l: &Letter) -> Result<Letter> {
        const DOING: &str = "saving letter";
        let tx = self.conn.transaction().doing(DOING)?;
        let l = linked(&tx, l)?;
        {
            let sql = "UPDATE letters SET program_id = :program_id, rotation_id = :rotation_id, \
                writer = :writer, writer_is_us_physician = :writer_is_us_physician, \
                requested_on = :requested_on, received_on = :received_on, \
                uploaded_to_eras = :uploaded_to_eras, notes = :notes WHERE id = :id";
            let mut stmt = tx.prepare_cached(sql).doing(DOING)?;
            bind_letter(&mut stmt, &l).doing(DOING)?;
            stmt.raw_bind_parameter(":id", l.id).doing(DOING)?;
            if stmt.raw_execute().doing(DOING)? == 0 {
                return Err(letter_not_found(l.id));
            }
        }
        tx.commit().doing(DOING)?;
        Ok(l)
    }

    pub fn delete_letter(&mut self, id: LetterId) -> Result<()> {
        const DOING: &str = "deleting letter";
        let changed = self
            .conn
            .prepare_cached("DELETE FROM letters WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        match changed {
            0 => Err(letter_not_found(id)),
            _ => Ok(()),
        }
    }

    /// Progress toward the three letters from U.S. physicians.
    pub fn letters_progress(&self) -> Result<LettersProgress> {
        Ok(LettersProgress::of(
            &self.list_letters()?,
            self.clock.today(),
        ))
    }
}

/// Validates the letter and settles its program from its rotation.
fn linked(conn: &Connection, l: &Letter) -> Result<Letter> {
    l.validate().map_err(StoreError::Invalid)?;
    let mut l = l.clone();
    if let Some(rotation_id) = l.rotation_id {
        let rotation =
            get_rotation(conn, rotation_id)?.ok_or_else(|| rotation_not_found(rotation_id))?;
        match l.program_id {
            None => l.program_id = Some(rotation.program_id),
            Some(p) if p == rotation.program_id => {}
            Some(_) => {
                return Err(StoreError::Invalid(format!(
                    "rotation {} belongs to another program",
                    rotation_id.0
                )));
            }
        }
    }
    Ok(l)
}

pub(super) fn get_letter(conn: &Connection, id: LetterId) -> Result<Option<Letter>> {
    const DOING: &str = "loading letter";
    let sql = format!("SELECT {LETTER_COLUMNS} FROM letters WHERE id = ?1");
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row([id], |row| Letter::try_from(row))
        .optional()
        .doing(DOING)
}

pub(super) fn letter_not_found(id: LetterId) -> StoreError {
    StoreError::NotFound(format!("letter {}", id.0))
}
