//! The start-up checkpoint: `usce import` commits without copying its
//! pages from the write-ahead log into the database file (the command
//! returns sooner; `store/checkpoint.rs`). Left alone, the TUI's first
//! edit after it would do that copy, two fsyncs, on the UI thread; this
//! job does it on a worker first. It reports nothing: with nothing to
//! copy it is a look at the log's header, and when it cannot run (a
//! read-only database, another usce holding the lock) SQLite makes the
//! copy later on its own, so that is only logged.

use std::path::PathBuf;

use super::Job;
use crate::app::jobs::{JobKind, Progress};
use crate::store::Store;

pub fn job(db: PathBuf) -> Job {
    let start = Progress::new("Bringing the database file up to date", false);
    Job::new(JobKind::Checkpoint, start, move |_params| {
        match Store::open(&db).and_then(|store| store.checkpoint()) {
            Ok(done) => {
                tracing::debug!(logged = done.logged, copied = done.copied, "checkpoint");
            }
            Err(e) => tracing::info!(error = %e, "start-up checkpoint not made"),
        }
        Ok(Vec::new())
    })
}
