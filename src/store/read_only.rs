//! Opening a database that cannot be written: on a read-only filesystem
//! (a mounted backup, a read-only share) or without write permission.
//! `usce list`, `export`, `backup` and the other commands that only read
//! still work; anything that writes fails with SQLite's "attempt to write
//! a readonly database".

use std::path::Path;

use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags};

use super::{Doing, Result, Store, StoreError, migrations};
use crate::clock::Clock;

impl Store {
    /// [`Store::open`], or, when the database is there but cannot be
    /// written, [`Store::open_read_only`]. For commands that only read.
    pub fn open_or_read_only(path: &Path) -> Result<Store> {
        match Store::open(path) {
            Err(e) if path.is_file() && cannot_write(&e) => {
                tracing::info!(path = %path.display(), error = %e, "opening read-only");
                Store::open_read_only(path)
            }
            other => other,
        }
    }

    /// Opens an existing database for reading only: no schema upgrade, no
    /// pragma that writes. A WAL database needs its `-shm` file to be
    /// read; where none can be created (a read-only filesystem) it is
    /// opened `immutable`, which is right there, as nothing can change it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).doing("opening the database")?;
        let conn = match migrations::read_version(&conn) {
            Ok(_) => conn,
            Err(_) => {
                let uri = immutable_uri(path)?;
                Connection::open_with_flags(uri, flags).doing("opening the database")?
            }
        };
        conn.busy_timeout(std::time::Duration::from_millis(5000))
            .doing("setting busy timeout")?;
        let found = migrations::refuse_newer(&conn)?;
        if found < migrations::latest_version() {
            return Err(StoreError::Invalid(format!(
                "{} needs an upgrade to this usce's schema, and it cannot be written; \
                 open it once where it can be, or with the usce that wrote it",
                path.display()
            )));
        }
        conn.pragma_update(None, "foreign_keys", true)
            .doing("enabling foreign keys")?;
        Ok(Store {
            conn,
            clock: Clock::from_env().unwrap_or_default(),
        })
    }

    /// Whether this store was opened read-only (see [`Store::open_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(MAIN_DB).unwrap_or(false)
    }
}

/// Errors that mean "this file cannot be written here", as opposed to a
/// broken or foreign file.
fn cannot_write(e: &StoreError) -> bool {
    match e {
        StoreError::Io { source, .. } => matches!(
            source.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
        StoreError::Sql {
            source: rusqlite::Error::SqliteFailure(err, _),
            ..
        } => matches!(
            err.code,
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied
        ),
        _ => false,
    }
}

/// `file:/abs/path?immutable=1`, with the path percent-encoded.
fn immutable_uri(path: &Path) -> Result<String> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let absolute = std::fs::canonicalize(path).map_err(io)?;
    let url = url::Url::from_file_path(&absolute).map_err(|()| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not an absolute path",
        ))
    })?;
    Ok(format!("{url}?immutable=1"))
}
