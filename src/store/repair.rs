//! Reading programs row by row, so one row that does not convert (a state
//! code usce does not know, tags that are not a JSON list) is set aside
//! with its reason instead of failing the whole load. The row stays in
//! the file as it is; the JSON export writes it raw.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use super::convert::{PROFILE_COLUMNS, program_fields};
use super::{Doing, Result, Store};
use crate::domain::repair::{NeedsRepair, RowKind};
use crate::domain::{Profile, Program};

/// The programs that read, and the rows that did not.
#[derive(Debug, Default)]
pub struct LoadedPrograms {
    pub programs: Vec<Program>,
    pub needs_repair: Vec<NeedsRepair>,
}

impl Store {
    /// Every program that reads (ordered as [`Store::list_programs`]), and
    /// every row that does not, with its reason.
    pub fn load_programs(&self) -> Result<LoadedPrograms> {
        super::programs::load_programs(&self.conn)
    }

    /// The program rows that cannot be read, with their reasons.
    pub fn programs_needing_repair(&self) -> Result<Vec<NeedsRepair>> {
        Ok(self.load_programs()?.needs_repair)
    }

    /// The saved profile (an empty one when none was saved), or, when its
    /// row cannot be read, an empty one and why: the app goes on, and the
    /// row stays as stored.
    pub fn read_profile(&self) -> Result<(Profile, Option<NeedsRepair>)> {
        const DOING: &str = "loading profile";
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM profile WHERE id = 1");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let read = stmt
            .query_row([], |row| Ok(Profile::try_from(row)))
            .optional();
        match read.doing(DOING)? {
            None => Ok((Profile::default(), None)),
            Some(Ok(profile)) => Ok((profile, None)),
            Some(Err(e)) => {
                let columns: Vec<&str> = PROFILE_COLUMNS.split(',').map(str::trim).collect();
                let bad = NeedsRepair {
                    kind: RowKind::Profile,
                    id: 1,
                    name: String::new(),
                    reason: reason(&e, &columns),
                };
                Ok((Profile::default(), Some(bad)))
            }
        }
    }
}

/// The rows of a query across programs (open follow-ups, activity for
/// the statistics) that convert: one whose program's columns do not (a
/// state `ZZ`) is left out, as that program is, and named by
/// [`Store::load_programs`]. Any other error is still an error.
pub(super) fn readable<T>(
    rows: impl Iterator<Item = rusqlite::Result<T>>,
) -> rusqlite::Result<Vec<T>> {
    let mut kept = Vec::new();
    for row in rows {
        match row {
            Ok(value) => kept.push(value),
            Err(
                rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::IntegralValueOutOfRange(..),
            ) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(kept)
}

/// The program in `row`, or why it is not one.
pub(super) fn read_program(
    row: &Row<'_>,
) -> rusqlite::Result<std::result::Result<Program, NeedsRepair>> {
    match Program::try_from(row) {
        Ok(p) => Ok(Ok(p)),
        Err(e) => Ok(Err(NeedsRepair {
            kind: RowKind::Program,
            id: row.get(0)?,
            name: row
                .get::<_, String>(position_of("name"))
                .unwrap_or_default(),
            reason: reason(&e, program_fields()),
        })),
    }
}

fn position_of(column: &str) -> usize {
    program_fields()
        .iter()
        .position(|c| *c == column)
        .unwrap_or(0)
}

/// The column (of `columns`, the SELECT's) and what is wrong with its
/// value, in words.
fn reason(e: &rusqlite::Error, columns: &[&str]) -> String {
    let column = |i: usize| columns.get(i).copied().unwrap_or("?");
    match e {
        rusqlite::Error::FromSqlConversionFailure(i, _, cause) => {
            format!("{}: {cause}", column(*i))
        }
        rusqlite::Error::InvalidColumnType(i, _, found) => {
            format!(
                "{}: a {found} value where usce expects another kind",
                column(*i)
            )
        }
        rusqlite::Error::IntegralValueOutOfRange(i, value) => {
            format!("{}: {value} is out of range", column(*i))
        }
        other => other.to_string(),
    }
}

/// The row of `table` ("programs", "profile") with this id, every column
/// as stored: what the JSON export writes for a row that needs repair.
pub(super) fn raw_row(conn: &Connection, table: &str, id: i64) -> Result<Map<String, Value>> {
    const DOING: &str = "exporting a row that needs repair";
    let mut stmt = conn
        .prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))
        .doing(DOING)?;
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    stmt.query_row([id], |row| {
        let mut raw = Map::new();
        for (i, name) in names.iter().enumerate() {
            raw.insert(name.clone(), json_of(row.get_ref(i)?));
        }
        Ok(raw)
    })
    .doing(DOING)
}

/// A stored value as JSON: text as text (invalid UTF-8 replaced), blobs
/// as lowercase hex.
fn json_of(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::from(n),
        ValueRef::Real(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
        ValueRef::Text(bytes) => Value::from(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(bytes) => {
            Value::from(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
        }
    }
}
