use std::fs;

use rusqlite::Connection;

use super::{add_program, store};
use crate::store::{Store, StoreError, migrations};

fn schema_dump(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn migrating_an_empty_database_reaches_the_latest_version() {
    let mut conn = Connection::open_in_memory().unwrap();
    assert_eq!(migrations::read_version(&conn).unwrap(), 0);
    migrations::migrate(&mut conn).unwrap();
    assert_eq!(
        migrations::read_version(&conn).unwrap(),
        migrations::latest_version()
    );
    assert!(migrations::latest_version() >= 1);
    assert!(schema_dump(&conn).iter().any(|s| s.contains("programs")));
}

#[test]
fn migrating_twice_is_a_no_op() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrations::migrate(&mut conn).unwrap();
    let schema = schema_dump(&conn);
    let changes = conn.total_changes();
    migrations::migrate(&mut conn).unwrap();
    assert_eq!(schema_dump(&conn), schema);
    assert_eq!(conn.total_changes(), changes);
    assert_eq!(
        migrations::read_version(&conn).unwrap(),
        migrations::latest_version()
    );
}

#[test]
fn open_in_memory_reports_the_latest_schema() {
    assert_eq!(
        store().schema_version().unwrap(),
        migrations::latest_version()
    );
}

#[test]
fn pragmas_are_set_on_a_file_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("usce.db")).unwrap();
    let pragma = |name: &str| -> String {
        store
            .conn
            .pragma_query_value(None, name, |row| row.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert!(
        pragma("journal_mode").contains("wal"),
        "{}",
        pragma("journal_mode")
    );
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(pragma("busy_timeout"), "Integer(5000)");
    // NORMAL is 1 (OFF 0, FULL 2).
    assert_eq!(pragma("synchronous"), "Integer(1)");
    assert_eq!(pragma("page_size"), "Integer(16384)");
    // Negative: KiB rather than pages.
    assert_eq!(pragma("cache_size"), "Integer(-1024)");
}

/// The page size is chosen when a database is created; one made with
/// SQLite's default keeps it, rows and all.
#[test]
fn an_existing_database_keeps_its_page_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "page_size", 4096).unwrap();
        conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    add_program(&mut store, "Kept", "KY");
    drop(store);
    let store = Store::open(&path).unwrap();
    let size: i64 = store
        .conn
        .pragma_query_value(None, "page_size", |row| row.get(0))
        .unwrap();
    assert_eq!(size, 4096);
    assert_eq!(store.count_programs().unwrap(), 1);
}

#[test]
fn a_reopened_database_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    let id = {
        let mut store = Store::open(&path).unwrap();
        add_program(&mut store, "Kept", "KY").id
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.get_program(id).unwrap().unwrap().name, "Kept");
}

#[test]
fn a_newer_schema_is_refused_and_the_file_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('hi');")
            .unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = fs::read(&path).unwrap();

    let err = Store::open(&path).err().unwrap();

    assert!(
        matches!(
            err,
            StoreError::NewerSchema {
                found: 999,
                supported
            } if supported == migrations::latest_version()
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("schema 999"), "{message}");
    assert!(message.contains("left untouched"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before);
    let wal = dir.path().join("future.db-wal");
    assert!(!wal.exists(), "opening must not switch the file to WAL");
}

#[test]
fn a_file_that_is_not_a_database_gives_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    fs::write(
        &path,
        "this is not sqlite, just some words long enough for a header",
    )
    .unwrap();
    assert!(matches!(Store::open(&path), Err(StoreError::Sql { .. })));
}

#[test]
fn a_directory_in_the_way_gives_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "x").unwrap();
    let err = Store::open(&blocker.join("usce.db")).err().unwrap();
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
}

#[cfg(unix)]
#[test]
fn created_file_is_0600_and_created_dirs_are_0700() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path().join("config");
    let inner = outer.join("usce");
    let path = inner.join("usce.db");
    let _store = Store::open(&path).unwrap();

    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&inner), 0o700);
    assert_eq!(mode(&outer), 0o700);
}

#[test]
fn a_read_only_store_reads_refuses_writes_and_never_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .insert_program(&crate::domain::Program::new(
                "Bluegrass",
                crate::domain::UsState::from_code("KY").unwrap(),
            ))
            .unwrap();
    }
    assert!(!Store::open_or_read_only(&path).unwrap().is_read_only());
    let mut store = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.count_programs().unwrap(), 1);
    let err = store
        .insert_program(&crate::domain::Program::new(
            "Other",
            crate::domain::UsState::from_code("KY").unwrap(),
        ))
        .unwrap_err();
    assert!(err.to_string().contains("readonly"), "{err}");
    drop(store);
    // A database at an older schema would need writing to upgrade.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    drop(conn);
    let err = Store::open_read_only(&path).err().unwrap();
    assert!(err.to_string().contains("needs an upgrade"), "{err}");
}

/// Step 6 adds the program's main phone. A database written before it
/// keeps its programs, each with an empty main phone that can then be set.
#[test]
fn a_version_5_database_gains_an_empty_main_phone_and_keeps_its_programs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    {
        let conn = Connection::open(&path).unwrap();
        for step in &migrations::STEPS[..5] {
            conn.execute_batch(step).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO programs (name, state, website, accepts_imgs, visa, \
             step1_pass_required, takes_graduates, hands_on, status, created_at, updated_at) \
             VALUES ('Kept', 'KY', 'https://kept.example.org', 'unknown', 'unknown', \
             'unknown', 'unknown', 'unknown', 'researching', \
             '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z'); \
             PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert!(migrations::latest_version() >= 6);
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::latest_version()
    );
    let mut kept = store.list_programs().unwrap().remove(0);
    assert_eq!(
        (
            kept.name.as_str(),
            kept.website.as_str(),
            kept.main_phone.as_str()
        ),
        ("Kept", "https://kept.example.org", "")
    );
    kept.main_phone = "(859) 555-0100".into();
    store.update_program(&kept).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.get_program(kept.id).unwrap().unwrap().main_phone,
        "(859) 555-0100"
    );
}
