//! The only module that speaks SQL. Everything the app keeps lives in one
//! SQLite file; every edit is committed at once, so a crash or a closed
//! terminal never loses more than the keystroke in flight.
//!
//! The store is blocking: call it from the runtime when an effect asks for it,
//! never from render code, and cache what you read in the app state.

mod applications;
mod checkpoint;
mod contacts;
mod convert;
mod drafts;
mod due;
mod field_columns;
mod field_write;
mod follow_ups;
mod generated;
mod import;
mod import_mappings;
mod inbound;
mod integrity;
mod interactions;
mod letters;
mod log_entry;
mod migrations;
mod next_actions;
mod outreach;
mod profile;
mod programs;
mod read_only;
mod repair;
mod rotations;
mod sample;
mod schema;
mod settings;
mod shelf;
mod states_done;
mod stats;
mod status_history;
#[cfg(test)]
mod tests;

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, TransactionBehavior, ffi};

use crate::clock::Clock;

pub use crate::domain::inbound::Proposal;
pub use checkpoint::Checkpointed;
pub use field_write::{FieldWrite, StoredFields};
pub use generated::GeneratedSummary;
pub use import::{CheckedDecision, FullExport, ImportSummary, ImportWriter, ProgramExport, RawRow};
pub use inbound::{InboundReply, LoggedReply};
pub use next_actions::ProgramActivity;
pub use outreach::{Flight, RecordedSend, SendRecord, Takeoff};
pub use repair::LoadedPrograms;
pub use sample::{ProgramWithContacts, sample_programs};
pub use shelf::ChangeMarker;

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A database call failed; `doing` says what we were attempting, so the
    /// message reads "saving program: disk I/O error".
    #[error("{doing}: {source}")]
    Sql {
        doing: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "this database was written by a newer usce (schema {found}, this build knows up to {supported}); it was left untouched — upgrade usce or use another --db"
    )]
    NewerSchema { found: i64, supported: i64 },
    /// A file SQLite can read whose schema is not one usce wrote: a
    /// negative version, or tables that clash with usce's own. `detail`
    /// says what was found, never the schema's SQL.
    #[error("not a usce database (or damaged): {path} ({detail})")]
    NotUsce { path: String, detail: String },
    #[error("cannot use {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// What was looked for, e.g. "program 42".
    #[error("{0} was not found")]
    NotFound(String),
    /// Input the store refuses, with a message meant for the user.
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    /// Wraps a rusqlite error with context. Constraint failures are the
    /// user's input rather than a broken database, so they become `Invalid`
    /// with words a user can act on.
    fn sql(doing: &'static str, source: rusqlite::Error) -> StoreError {
        if let rusqlite::Error::SqliteFailure(err, message) = &source
            && err.code == ErrorCode::ConstraintViolation
        {
            let detail = message.as_deref().unwrap_or("constraint failed");
            let why = match err.extended_code {
                ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
                    "it refers to a program or contact that does not exist".to_string()
                }
                ffi::SQLITE_CONSTRAINT_UNIQUE if detail.contains("programs.external_id") => {
                    "another program already has that program number".to_string()
                }
                ffi::SQLITE_CONSTRAINT_UNIQUE => format!("that value is already taken ({detail})"),
                // A schema trigger's RAISE says in words what it refuses.
                ffi::SQLITE_CONSTRAINT_TRIGGER => detail.to_string(),
                _ => format!("a value is missing or out of range ({detail})"),
            };
            return StoreError::Invalid(format!("{doing}: {why}"));
        }
        StoreError::Sql { doing, source }
    }
}

/// Adds "what we were doing" to a rusqlite result (slumber's `add_context`).
trait Doing<T> {
    fn doing(self, what: &'static str) -> Result<T>;
}

impl<T> Doing<T> for rusqlite::Result<T> {
    fn doing(self, what: &'static str) -> Result<T> {
        self.map_err(|e| StoreError::sql(what, e))
    }
}

pub struct Store {
    conn: Connection,
    /// Dates every stamp the store writes (created, updated, done, sent).
    clock: Clock,
}

/// Bytes per database page, for databases created from now on.
const PAGE_SIZE: i64 = 16384;

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date. A database from a newer usce is refused before
    /// anything is written to it. It stamps with the clock `USCE_TODAY`
    /// sets (the real one when unset); `with_clock` replaces it.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dirs(parent)?;
        }
        create_private_file(path)?;
        let conn = Connection::open(path).doing("opening the database")?;
        let store = Store::prepare(conn)?;
        tracing::debug!(path = %path.display(), "database opened");
        Ok(store)
    }

    /// A throwaway database, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().doing("opening an in-memory database")?;
        Store::prepare(conn)
    }

    fn prepare(mut conn: Connection) -> Result<Store> {
        // Waiting on another usce's lock writes nothing, so it comes first.
        conn.busy_timeout(Duration::from_millis(5000))
            .doing("setting busy timeout")?;
        // Every write transaction takes the write lock at BEGIN. A deferred
        // one that reads first and then writes cannot wait for another usce
        // holding the lock (SQLite answers "database is locked" at once, as
        // waiting could deadlock); an immediate one waits its busy_timeout.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        // Refuse before any pragma that writes (journal_mode=WAL rewrites the
        // header), so a newer database is left byte-for-byte as it was.
        migrations::refuse_newer(&conn)?;
        // Only a new, still empty database takes this; an existing one keeps
        // its page size and nothing is written. 16 KiB pages (SQLite's
        // default is 4) make a national list's tables a quarter as many
        // pages: importing 15,000 programs went from 129 to 118 ms at 8 KiB,
        // and a list with contact columns from 95 to 92 ms at 16 (half the
        // log frames to write), and the start-up scans read fewer pages,
        // for 16 KiB instead of 4 written per edited page (from the OS's
        // cache; the file is synced only at checkpoints).
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .doing("setting the page size")?;
        // A new file holds nothing to protect yet: writing its header and
        // schema needs none of the six fsyncs SQLite would wait for (5 ms,
        // a tenth of `usce import` into a new database). A power cut in
        // those milliseconds can leave only an empty file unreadable.
        let new_file = has_no_pages(&conn)?;
        if new_file {
            set_synchronous(&conn, "OFF")?;
        }
        // WAL lets a second usce (say, the CLI while the TUI runs) read while
        // we write; in-memory databases answer "memory" and that is fine.
        switch_to_wal(&conn)?;
        conn.pragma_update(None, "foreign_keys", true)
            .doing("enabling foreign keys")?;
        // NORMAL is durable across application crashes in WAL mode; only a
        // power loss may drop the last commit, a fair price for fast edits.
        if !new_file {
            set_synchronous(&conn, "NORMAL")?;
        }
        // SQLite's own page cache only saves a read() of a page the OS
        // already caches. The default 2 MB was a fifteenth of the TUI's
        // memory with a national list; 1 MiB still holds the indexes a
        // program's log is read through (the longest log, 212 entries on
        // scattered pages, loads in 0.3 ms instead of 0.15). Imports make
        // room for themselves.
        conn.pragma_update(None, "cache_size", -1024)
            .doing("sizing the page cache")?;
        // Room for every statement the store prepares, so none is re-parsed.
        conn.set_prepared_statement_cache_capacity(64);
        // A malformed USCE_TODAY falls back to the real clock here: the CLI
        // and the TUI refuse it before they open a store, and hand theirs in.
        let clock = Clock::from_env().unwrap_or_default();
        let mut store = Store { conn, clock };
        migrations::migrate(&mut store.conn)?;
        if new_file {
            set_synchronous(&store.conn, "NORMAL")?;
        }
        Ok(store)
    }

    /// The same store, stamping with `clock` from now on.
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    /// The clock the store stamps with (`USCE_TODAY`'s, unless replaced).
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        migrations::read_version(&self.conn)
    }
}

/// Whether the database has no pages yet: a file just created (or empty).
fn has_no_pages(conn: &Connection) -> Result<bool> {
    let pages: i64 = conn
        .pragma_query_value(None, "page_count", |row| row.get(0))
        .doing("reading the database size")?;
    Ok(pages == 0)
}

fn set_synchronous(conn: &Connection, mode: &str) -> Result<()> {
    conn.pragma_update(None, "synchronous", mode)
        .doing("setting synchronous mode")
}

/// Turns on WAL. On a brand-new file another usce may be creating the
/// schema at this very moment; SQLite then answers "busy" at once rather
/// than wait (waiting could deadlock two lock upgrades), so the switch is
/// retried for as long as the busy timeout would have waited.
fn switch_to_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let result = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0));
        match result {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                    && started.elapsed() < Duration::from_secs(5) =>
            {
                // Backing off, not synchronising: the other process finishes
                // its schema transaction in milliseconds.
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e).doing("switching to WAL journal"),
        }
    }
}

/// Creates any missing directories leading to the database, readable only by
/// the user: the file holds their outreach history. Existing directories are
/// left as they are.
fn create_private_dirs(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let io = |source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(io)
}

/// Creates the database file with mode 0600 before SQLite sees it, so there
/// is no moment when it exists with looser permissions. SQLite gives the
/// `-wal` and `-shm` files the same mode as the main file.
fn create_private_file(path: &Path) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}
