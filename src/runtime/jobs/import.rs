//! The TUI's CSV import as jobs: reading and planning the file for the
//! preview, then writing it in one transaction. A national list is 15,000
//! rows; either step takes long enough to need the progress line.
//!
//! Cancelling the preview only drops its result (it writes nothing).
//! Cancelling the import is checked between chunks of rows and rolls the
//! transaction back, so the database is exactly as before.

use std::path::{Path, PathBuf};

use super::{Job, RunParams, thousands};
use crate::app::event::{Event, ImportPreview};
use crate::app::jobs::{JobKind, Progress};
use crate::import::file::{self as import_file, PrepareError, Watch};
use crate::runtime::Services;
use crate::store::{Store, StoreError};

/// A progress line at most this often (in rows), so a national list sends
/// a few dozen reports rather than a few hundred.
const REPORT_EVERY: usize = 500;

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads and plans the file; answered by `ImportPreviewed`.
pub fn preview(services: &Services, path: PathBuf) -> Job {
    let db = services.db_path.clone();
    let clock = services.clock;
    let start = Progress::new(format!("Reading {}", file_name(&path)), true);
    Job::new(JobKind::Import, start, move |params| {
        let store = Store::open(&db)
            .map_err(|e| e.to_string())?
            .with_clock(clock);
        let preview = prepare(&store, path);
        if params.cancelled() {
            return Ok(vec![Event::Done("Import preview cancelled.".into())]);
        }
        Ok(vec![preview])
    })
}

fn prepare(store: &Store, path: PathBuf) -> Event {
    let preview = match import_file::prepare(store, &path, false) {
        Ok(p) => {
            let s = p.summary;
            let from = p.note.map(|n| format!(", from {n}")).unwrap_or_default();
            ImportPreview {
                summary: Some(format!(
                    "add {}, update {}, skip {}{from}",
                    s.added, s.updated, s.skipped
                )),
                problems: p.warnings,
                path,
            }
        }
        Err(e) => ImportPreview {
            summary: None,
            problems: e.lines(),
            path,
        },
    };
    Event::ImportPreviewed(Box::new(preview))
}

/// Imports the file for real; answered by `ProgramsReloaded`.
pub fn apply(services: &Services, path: PathBuf) -> Job {
    let db = services.db_path.clone();
    let clock = services.clock;
    let start = Progress::new(format!("Importing {}", file_name(&path)), true);
    Job::new(JobKind::Import, start, move |params| {
        let mut store = Store::open(&db)
            .map_err(|e| e.to_string())?
            .with_clock(clock);
        write(&mut store, &path, params)
    })
}

fn write(store: &mut Store, path: &Path, params: &RunParams) -> super::Outcome {
    let mut reported = 0;
    let mut progress = |done: usize, total: usize| {
        if done - reported >= REPORT_EVERY || done == total {
            reported = done;
            let line = format!("Importing {} / {}", thousands(done), thousands(total));
            params.report(line, true);
        }
    };
    let cancelled = || params.cancelled();
    let watch = Watch {
        progress: &mut progress,
        cancelled: &cancelled,
    };
    match import_file::import_watched(store, path, false, import_file::MAX_FILE_BYTES, watch) {
        Ok(imported) => {
            let s = imported.summary;
            let message = format!(
                "Imported: added {}, updated {}, skipped {}.",
                s.added, s.updated, s.skipped
            );
            let programs = store.list_programs().map_err(|e| e.to_string())?;
            Ok(vec![Event::ProgramsReloaded(programs, message)])
        }
        Err(PrepareError::Cancelled) => Ok(vec![Event::Done(
            "Import cancelled; nothing was written.".into(),
        )]),
        // Said as the store says it, as before the import moved here.
        Err(e) => Err(StoreError::Invalid(e.to_string()).to_string()),
    }
}
