//! What makes one send safe to repeat a command for: an "in flight" ledger
//! row written before the message goes to the server, and the archive copy
//! (`.eml`) that proves the server took it.
//!
//! The copy is written as `NAME.eml.part` before the SMTP conversation and
//! renamed to `NAME.eml` only after the server's 250; the process holds a
//! lock on it the whole time. So at the next start an in-flight row reads
//! plainly (see `super::interrupted`): the file is locked → another usce
//! is sending it now; `NAME.eml` → the server took it, record it;
//! `NAME.eml.part` → unknown, ask the user; neither → it never got that
//! far, clear it. Nothing here ever sends a second time.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::SendDraftError;
use crate::domain::{Draft, LedgerId};
use crate::paths;
use crate::store::{Flight, Store, Takeoff};

/// Test-only switch: the process aborts right after the server's 250 and
/// the copy's rename, before the database records the send, as a kill at
/// the worst moment would. Read only at that point of a send.
pub const KILL_AFTER_250_ENV: &str = "USCE_TEST_KILL_AFTER_250";

/// A send cleared by the ledger, with its copy written and locked.
pub(super) struct InFlight {
    pub ledger: LedgerId,
    /// The copy's final name (`….eml`).
    pub eml_path: PathBuf,
    /// Held until the send is recorded or abandoned.
    lock: File,
}

/// The name the copy has until the server has taken the message.
pub fn part_path(eml_path: &Path) -> PathBuf {
    let mut name = eml_path.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// Locks the copy's file, asks the ledger, then writes the message into
/// the copy. A refusal removes the file and changes nothing.
#[allow(clippy::too_many_arguments)]
pub(super) fn take_off(
    store: &mut Store,
    draft: &Draft,
    message_id: &str,
    eml: &[u8],
    eml_path: PathBuf,
    attachments: Vec<String>,
    again: bool,
    now: DateTime<Utc>,
) -> Result<InFlight, SendDraftError> {
    let part = part_path(&eml_path);
    let io_error = |source| SendDraftError::Io {
        path: part.clone(),
        source,
    };
    // The lock comes before the ledger row, so no other usce can find the
    // row without its file and take the send for one that never started.
    let mut lock = open_locked(&part).map_err(io_error)?;
    let takeoff = store.begin_send(&Flight {
        draft: draft.id,
        message_id: message_id.to_owned(),
        started_at: now,
        eml_path: eml_path.to_string_lossy().into_owned(),
        again,
        attachments,
        built_from: draft.updated_at,
    });
    let ledger = match takeoff {
        Ok(Takeoff::Cleared(id)) => id,
        refused => {
            drop(lock);
            let _ = fs::remove_file(&part);
            return Err(match refused {
                Ok(Takeoff::AlreadySent(_)) => SendDraftError::TemplateAlreadySent {
                    template: draft.template.clone().unwrap_or_default(),
                },
                Ok(Takeoff::InFlight(entry)) => SendDraftError::InFlight(Box::new(entry)),
                Err(e) => e.into(),
                Ok(Takeoff::Cleared(_)) => SendDraftError::AlreadySent,
            });
        }
    };
    if let Err(source) = lock.write_all(eml).and_then(|()| lock.sync_all()) {
        InFlight {
            ledger,
            eml_path,
            lock,
        }
        .abandon(store);
        return Err(io_error(source));
    }
    Ok(InFlight {
        ledger,
        eml_path,
        lock,
    })
}

impl InFlight {
    /// Nothing went out (refused, cancelled, unreachable): no copy stays
    /// and the ledger forgets the attempt.
    pub(super) fn abandon(self, store: &mut Store) {
        let _ = fs::remove_file(part_path(&self.eml_path));
        if let Err(e) = store.abandon_send(self.ledger) {
            // The row stays in flight with no file: the next start clears it.
            tracing::warn!(error = %e, "could not clear an unsent send from the ledger");
        }
        drop(self.lock);
    }

    /// The server said 250: the copy takes its final name, which is what
    /// tells a later start that this message went out. Returns where the
    /// copy is (still the `.part` name if the rename failed: the mail went
    /// out all the same, and recording that comes first).
    pub(super) fn landed(&self) -> PathBuf {
        let part = part_path(&self.eml_path);
        let copy = match fs::rename(&part, &self.eml_path) {
            Ok(()) => {
                if let Some(dir) = self.eml_path.parent()
                    && let Ok(dir) = File::open(dir)
                {
                    // The rename must survive a power cut as well as a kill.
                    let _ = dir.sync_all();
                }
                self.eml_path.clone()
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not rename the sent copy");
                part
            }
        };
        if std::env::var_os(KILL_AFTER_250_ENV).is_some() {
            // Test-only (see KILL_AFTER_250_ENV): as abrupt as a kill.
            std::process::abort();
        }
        copy
    }

    /// Recorded: the lock goes with the file handle.
    pub(super) fn done(self) {
        drop(self.lock);
    }
}

/// Opens (creating, 0600) and locks `path` without truncating it first, so
/// a file another usce holds is never emptied under it.
fn open_locked(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        paths::create_private_dir(dir)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    file.try_lock().map_err(|e| match e {
        fs::TryLockError::WouldBlock => io::Error::new(
            io::ErrorKind::WouldBlock,
            "another usce is sending this email right now",
        ),
        fs::TryLockError::Error(e) => e,
    })?;
    file.set_len(0)?;
    Ok(file)
}

/// Whether another process holds the copy's lock (it is sending it now).
pub fn held_elsewhere(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
}
