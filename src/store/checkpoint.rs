//! When the write-ahead log is copied into the database file.
//!
//! Every commit goes to `usce.db-wal` first; a *checkpoint* copies those
//! pages into `usce.db` and syncs both files, which for a national import
//! (9.5 MB of pages) is two fsyncs and a fifth of the import's time.
//! SQLite does it on the committing connection once the log passes 1,000
//! pages, and again when the last connection closes. `usce import` leaves
//! its own pages for the next usce to copy (its close, or the TUI's
//! start-up job), so the command returns as soon as its transaction is
//! committed: a kill or a crash of usce after that loses nothing, and the
//! pages are read from the log meanwhile. A power cut before the OS has
//! written the log out (seconds) may drop the import, as it may the last
//! commit of any edit: that is `synchronous=NORMAL`, the store's stance
//! (`store/mod.rs`); the copy on close used to sync it. Until the copy,
//! `usce.db` alone lacks the import: the database is the file with its
//! `-wal` (README, "Backups"). What an earlier import left is copied
//! before a new one starts, so the log holds one import, two at most
//! while another usce's read keeps the checkpoint from finishing.

use rusqlite::config::DbConfig;

use super::{Doing, Result, Store};

/// A log longer than this is copied before an import adds to it. Smaller
/// logs (a new database's schema, a day of edits) are left to SQLite.
const COPY_FIRST_BYTES: u64 = 4 * 1024 * 1024;

/// What one checkpoint did, in pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpointed {
    /// Pages in the log.
    pub logged: i64,
    /// Pages of it now in the database file.
    pub copied: i64,
}

impl Store {
    /// Copies what the log holds into the database file, without waiting
    /// for anyone: pages a reader still needs are left for later
    /// (`wal_checkpoint(PASSIVE)`). Run off the UI thread; it syncs.
    pub fn checkpoint(&self) -> Result<Checkpointed> {
        const DOING: &str = "copying the log into the database";
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
                Ok(Checkpointed {
                    logged: row.get(1)?,
                    copied: row.get(2)?,
                })
            })
            .doing(DOING)
    }

    /// From now on this connection never copies the log into the database
    /// file, neither when a commit makes it long nor when it closes: the
    /// next usce to open the database does (see the module's note). A log
    /// an earlier import left is copied first.
    pub fn leave_checkpoints_to_next_usce(&mut self) -> Result<()> {
        self.leave_checkpoints_copying_over(COPY_FIRST_BYTES)
    }

    /// [`Store::leave_checkpoints_to_next_usce`], copying first a log
    /// longer than `copy_first` bytes.
    pub(super) fn leave_checkpoints_copying_over(&mut self, copy_first: u64) -> Result<()> {
        const DOING: &str = "leaving the checkpoint for later";
        if self.log_bytes() > copy_first {
            self.checkpoint()?;
        }
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 0)
            .doing(DOING)?;
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .doing(DOING)?;
        Ok(())
    }

    /// The size of the log file: at least what it holds that is not yet
    /// copied (SQLite reuses the file from its start after a checkpoint).
    fn log_bytes(&self) -> u64 {
        let Some(db) = self.conn.path().filter(|p| !p.is_empty()) else {
            return 0;
        };
        std::fs::metadata(format!("{db}-wal")).map_or(0, |m| m.len())
    }
}
