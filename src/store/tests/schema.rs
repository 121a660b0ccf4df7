//! `schema.sql`, which a new database is made from, is exactly what every
//! migration step makes, so a new database and an upgraded one are alike.

use super::super::migrations::{STEPS, latest_version};
use super::super::schema::{SCHEMA, dump};
use super::*;

/// A database made by running every step, as an old one is upgraded.
fn stepped() -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    for step in STEPS {
        conn.execute_batch(step).unwrap();
    }
    conn
}

#[test]
fn the_schema_file_is_what_every_step_makes() {
    let made = dump(&stepped()).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/store/schema.sql");
    if std::env::var_os("USCE_WRITE_SCHEMA").is_some() {
        std::fs::write(path, &made).unwrap();
        return;
    }
    assert!(
        made == SCHEMA,
        "src/store/schema.sql is not what the migration steps make: run \
         `USCE_WRITE_SCHEMA=1 cargo test --lib schema` and commit the file"
    );
}

/// Every object's type, name, table and statement, by name.
fn objects(conn: &rusqlite::Connection) -> Vec<(String, String, String, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_new_database_has_the_schema_an_upgraded_one_has() {
    let new = store();
    assert_eq!(objects(&new.conn), objects(&stepped()));
    assert_eq!(new.schema_version().unwrap(), latest_version());
}
