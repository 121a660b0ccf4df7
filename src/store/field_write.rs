//! Saving one field of a stored record, the way every form saves: only
//! that field's column is written, and only when the stored value is still
//! the one the form showed. Two sessions editing one record then keep
//! each other's edits, and a field changed under the user is reported
//! rather than overwritten.
//!
//! One engine ([`write_fields`]) does this for every record a form edits;
//! each record says only where its fields live ([`StoredFields`], in
//! `field_columns.rs`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Statement};

use super::convert::Stamp;
use super::{Doing, Result, Store, StoreError};
use crate::domain::fields::{FieldEdit, FieldSet};

/// What saving one field came to.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldWrite<T> {
    /// Saved; the record as stored now, with other sessions' edits to its
    /// other fields.
    Saved(T),
    /// The field no longer holds the value the form showed (another
    /// session or an import changed it); nothing was written. The record
    /// as stored now.
    Changed(T),
}

/// Where a record's form fields are stored: its table, a column per field,
/// and the rules its row must keep. Implemented in `field_columns.rs` for
/// every record a form edits; only the store can implement it.
pub trait StoredFields: FieldSet<Target: Clone> {
    /// The table, whose `id` column names the row.
    const TABLE: &'static str;
    /// What the error says we were doing ("saving contact: …").
    const DOING: &'static str;
    /// A column set to the time of every write (a program's `updated_at`).
    const STAMPED: Option<&'static str> = None;

    /// The row `target` is stored in.
    fn row_id(target: &Self::Target) -> i64;
    fn column(self) -> &'static str;
    /// Binds this field of `target` as parameter `i`.
    fn bind(
        self,
        stmt: &mut Statement<'_>,
        i: usize,
        target: &Self::Target,
    ) -> rusqlite::Result<()>;
    fn load(conn: &Connection, id: i64) -> Result<Option<Self::Target>>;
    fn not_found(id: i64) -> StoreError;

    /// Creates the row when it may be missing (the profile, before its
    /// first save).
    fn ensure_row(_conn: &Connection) -> Result<()> {
        Ok(())
    }
    /// The edited record as it will be stored, or the rule it breaks.
    fn prepared(edited: &Self::Target) -> Result<Self::Target> {
        Ok(edited.clone())
    }
    /// Rules the row as saved must keep, with other sessions' fields in it
    /// (a rotation ends on or after its start); an error rolls back.
    fn check_saved(_saved: &Self::Target) -> Result<()> {
        Ok(())
    }
    /// Writes the change implies besides its columns (a status change's
    /// history row).
    fn after_write(
        _conn: &Connection,
        _before: &Self::Target,
        _after: &Self::Target,
        _now: DateTime<Utc>,
    ) -> Result<()> {
        Ok(())
    }
}

impl Store {
    /// Saves the fields `edit` writes (its field, and any the change moved
    /// along) and nothing else, where each stored field still reads what
    /// the form showed; a stored value that already equals the new one is
    /// no conflict. Compared and written in one (immediate) transaction,
    /// so no other session can slip in between; nothing is written on
    /// `Changed` or an error.
    pub fn set_field<F: StoredFields>(
        &mut self,
        edit: &FieldEdit<F>,
    ) -> Result<FieldWrite<F::Target>> {
        let tx = self.conn.transaction().doing(F::DOING)?;
        let write = write_fields(&tx, edit, self.clock.now())?;
        tx.commit().doing(F::DOING)?;
        Ok(write)
    }
}

/// [`Store::set_field`] inside a transaction the caller commits.
pub(super) fn write_fields<F: StoredFields>(
    conn: &Connection,
    edit: &FieldEdit<F>,
    now: DateTime<Utc>,
) -> Result<FieldWrite<F::Target>> {
    let id = F::row_id(&edit.edited);
    F::ensure_row(conn)?;
    let stored = F::load(conn, id)?.ok_or_else(|| F::not_found(id))?;
    let pending: Vec<(F, &str)> = edit
        .shown
        .iter()
        .filter(|(f, _)| f.get(&stored) != f.get(&edit.edited))
        .map(|(f, shown)| (*f, shown.as_str()))
        .collect();
    if pending.is_empty() {
        return Ok(FieldWrite::Saved(stored));
    }
    if pending.iter().any(|(f, shown)| f.get(&stored) != *shown) {
        return Ok(FieldWrite::Changed(stored));
    }
    let edited = F::prepared(&edit.edited)?;
    let fields: Vec<F> = pending.iter().map(|(f, _)| *f).collect();
    let changed = update(conn, &fields, &edited, id, now).doing(F::DOING)?;
    if changed == 0 {
        return Err(F::not_found(id));
    }
    let saved = F::load(conn, id)?.ok_or_else(|| F::not_found(id))?;
    F::check_saved(&saved)?;
    F::after_write(conn, &stored, &saved, now)?;
    Ok(FieldWrite::Saved(saved))
}

/// `UPDATE table SET col = ?1, … [, stamp = ?n] WHERE id = ?m`, bound from
/// `edited`: the one statement a field edit runs.
fn update<F: StoredFields>(
    conn: &Connection,
    fields: &[F],
    edited: &F::Target,
    id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    let mut sets: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{} = ?{}", f.column(), i + 1))
        .collect();
    if let Some(stamped) = F::STAMPED {
        sets.push(format!("{stamped} = ?{}", sets.len() + 1));
    }
    let sql = format!(
        "UPDATE {} SET {} WHERE id = ?{}",
        F::TABLE,
        sets.join(", "),
        sets.len() + 1
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    for (i, f) in fields.iter().enumerate() {
        f.bind(&mut stmt, i + 1, edited)?;
    }
    if F::STAMPED.is_some() {
        stmt.raw_bind_parameter(fields.len() + 1, Stamp(now))?;
    }
    stmt.raw_bind_parameter(sets.len() + 1, id)?;
    stmt.raw_execute()
}
