//! The TUI's CSV import as jobs: reading and planning the file for the
//! preview, then writing it in one transaction. A national list is 15,000
//! rows; either step takes long enough to need the progress line.
//!
//! Cancelling the preview only drops its result (it writes nothing).
//! Cancelling the import is checked between chunks of rows and rolls the
//! transaction back, so the database is exactly as before.

use std::path::Path;

use super::{Job, RunParams, thousands};
use crate::app::event::{Event, ImportPreview, ImportRequest, PreviewColumn};
use crate::app::jobs::{JobKind, Progress};
use crate::domain::fields::Field as ProgramField;
use crate::import::file::{self as import_file, Input, PrepareError, Watch};
use crate::import::headers::Field;
use crate::import::mapping::{self, ImportOptions, Mapping, Outcome};
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

/// Reads and plans the file with the mapping step's choices; answered by
/// `ImportPreviewed`.
pub fn preview(services: &Services, request: ImportRequest) -> Job {
    let db = services.db_path.clone();
    let clock = services.clock;
    let start = Progress::new(format!("Reading {}", file_name(&request.path)), true);
    Job::new(JobKind::Import, start, move |params| {
        let store = Store::open(&db)
            .map_err(|e| e.to_string())?
            .with_clock(clock);
        let preview = prepare(&store, request);
        if params.cancelled() {
            return Ok(vec![Event::Done("Import preview cancelled.".into())]);
        }
        Ok(vec![preview])
    })
}

/// The input as the request reads it: the file, this time's choices.
fn input(request: &ImportRequest) -> Result<Input, PrepareError> {
    let options = ImportOptions {
        choices: request.choices.clone(),
        state: request.state,
        ..ImportOptions::default()
    };
    Ok(Input::read(&request.path, import_file::MAX_FILE_BYTES)?.with_mapping(options))
}

fn prepare(store: &Store, request: ImportRequest) -> Event {
    let path = request.path.clone();
    let read = input(&request);
    let prepared = read
        .as_ref()
        .map_err(|e| e.lines())
        .and_then(|i| import_file::prepare_input(store, i, false).map_err(|e| e.lines()));
    let mut preview = match prepared {
        Ok(p) => {
            let s = p.summary;
            let from = p.note.map(|n| format!(", from {n}")).unwrap_or_default();
            let mut preview = ImportPreview {
                summary: Some(format!(
                    "add {}, update {}, skip {}{from}",
                    s.added, s.updated, s.skipped
                )),
                problems: p.warnings,
                path,
                ..ImportPreview::default()
            };
            with_mapping(&mut preview, &p.mapping, &request);
            preview
        }
        Err(problems) => {
            let mut preview = ImportPreview {
                summary: None,
                problems,
                path,
                ..ImportPreview::default()
            };
            // The columns still show, so a wrong mapping can be fixed and
            // a missing state asked for.
            if let Ok(parsed) = read.and_then(|i| import_file::mapping_of(store, &i)) {
                with_mapping(&mut preview, &parsed.mapping, &request);
            }
            preview
        }
    };
    preview.request = request;
    Event::ImportPreviewed(Box::new(preview))
}

/// The mapping step's part of the preview: every column, and whether the
/// file lacks a state the user has not given yet.
fn with_mapping(preview: &mut ImportPreview, mapping: &Mapping, request: &ImportRequest) {
    preview.columns = mapping
        .columns
        .iter()
        .map(|(header, outcome)| PreviewColumn {
            header: header.clone(),
            target: mapping::target(outcome),
            by: mapping::origin(outcome),
        })
        .collect();
    preview.used_saved = mapping.used_saved;
    let has_state = mapping.columns.iter().any(|(_, o)| {
        matches!(
            o,
            Outcome::Read(Field::Program(ProgramField::State) | Field::Location, _)
        )
    });
    preview.needs_state = !mapping.columns.is_empty() && !has_state && request.state.is_none();
}

/// Imports the file for real; answered by `ProgramsReloaded`. A confirmed
/// import saves its mapping (see `import_file::import_input`).
pub fn apply(services: &Services, request: ImportRequest) -> Job {
    let db = services.db_path.clone();
    let clock = services.clock;
    let start = Progress::new(format!("Importing {}", file_name(&request.path)), true);
    Job::new(JobKind::Import, start, move |params| {
        let mut store = Store::open(&db)
            .map_err(|e| e.to_string())?
            .with_clock(clock);
        write(&mut store, &request, params)
    })
}

fn write(store: &mut Store, request: &ImportRequest, params: &RunParams) -> super::Outcome {
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
    let written = input(request).and_then(|i| import_file::import_input(store, &i, false, watch));
    match written {
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
