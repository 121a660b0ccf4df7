//! A new database gets the whole schema in one batch (`schema.sql`): what
//! every step of `migrations.rs` makes, written out. Running the steps one
//! by one re-reads the schema after each table change, which was 4 of the
//! 6 ms a new database took to open (and of every test that opens one).
//! `store/tests/schema.rs` holds the file to what the steps make; after a
//! new step, `USCE_WRITE_SCHEMA=1 cargo test --lib schema` rewrites it.

use rusqlite::Connection;

use super::{Doing, Result};

/// The schema at the newest version, as the steps leave it.
pub(super) const SCHEMA: &str = include_str!("schema.sql");

/// Whether the database has no tables, indexes or triggers at all.
pub(super) fn is_blank(conn: &Connection) -> Result<bool> {
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .doing("reading the schema")?;
    Ok(objects == 0)
}

/// The schema `conn` holds, as SQL that makes it again: every object's
/// statement in the order it was made, SQLite's own tables left out.
#[cfg(test)]
pub(super) fn dump(conn: &Connection) -> Result<String> {
    const DOING: &str = "reading the schema";
    let mut stmt = conn
        .prepare(
            "SELECT sql FROM sqlite_schema \
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
             ORDER BY rowid",
        )
        .doing(DOING)?;
    let statements = stmt
        .query_map([], |row| row.get::<_, String>(0))
        .doing(DOING)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .doing(DOING)?;
    let mut sql = String::from(
        "-- Written by `USCE_WRITE_SCHEMA=1 cargo test --lib schema` from the\n\
         -- steps in migrations.rs; do not edit by hand.\n",
    );
    for statement in statements {
        sql.push('\n');
        sql.push_str(&statement);
        sql.push_str(";\n");
    }
    Ok(sql)
}
