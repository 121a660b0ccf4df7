//! The start-up checkpoint: `usce import` commits without copying its
//! pages from the write-ahead log into the database file (the command
//! returns sooner; `store/checkpoint.rs`). Left alone, the TUI's first
//! edit after it would do that copy, two fsyncs, on the UI thread; this
//! job does it on a worker first. It reports nothing: with nothing to
//! copy it is a look at the log's header.

use std::path::PathBuf;

use super::Job;
use crate::app::jobs::{JobKind, Progress};
use crate::store::Store;

pub fn job(db: PathBuf) -> Job {
    let start = Progress::new("Bringing the database file up to date", false);
    Job::new(JobKind::Checkpoint, start, move |_params| {
        let store = Store::open(&db).map_err(|e| e.to_string())?;
        let done = store.checkpoint().map_err(|e| e.to_string())?;
        tracing::debug!(logged = done.logged, copied = done.copied, "checkpoint");
        Ok(Vec::new())
    })
}
