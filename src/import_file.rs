//! Reading a CSV file and planning it against the database: shared by
//! `usce import` and the TUI's import prompt, so both accept and refuse
//! exactly the same files.

use std::path::{Path, PathBuf};

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use crate::import::{
    Decision, ImportIssue, ImportRow, ParseReport, Planner, Sink, parse_csv, parse_into, plan,
};
use crate::store::{ImportSummary, Store, StoreError};

/// A file read, validated and planned, ready to apply.
#[derive(Debug)]
pub struct Prepared {
    pub path: PathBuf,
    pub decisions: Vec<Decision>,
    pub warnings: Vec<String>,
    pub summary: ImportSummary,
}

#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Every problem in the file; nothing was written.
    #[error("{} problem{} in {}; nothing was imported", .issues.len(), if .issues.len() == 1 { "" } else { "s" }, .path.display())]
    Invalid {
        path: PathBuf,
        issues: Vec<ImportIssue>,
        warnings: Vec<String>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PrepareError {
    /// Each problem as `FILE:LINE: column: message`.
    pub fn lines(&self) -> Vec<String> {
        match self {
            PrepareError::Invalid { path, issues, .. } => issues
                .iter()
                .map(|i| format!("{}:{i}", path.display()))
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

/// What [`import`] wrote.
#[derive(Debug)]
pub struct Imported {
    pub summary: ImportSummary,
    pub warnings: Vec<String>,
}

/// Reads, validates, plans and writes the file in one transaction that is
/// kept only when every row is valid: the same result as [`prepare`] then
/// [`Store::apply_import`], in about half the time. The file is parsed on a
/// second thread while this one plans each row and writes it. With
/// `update` a later row may still change an earlier decision, so that case
/// plans the whole file first.
pub fn import(store: &mut Store, path: &Path, update: bool) -> Result<Imported, PrepareError> {
    if update {
        let prepared = prepare(store, path, update)?;
        let summary = store.apply_import(&prepared.decisions)?;
        return Ok(Imported {
            summary,
            warnings: prepared.warnings,
        });
    }
    let bytes = read(path)?;
    let mut report = ParseReport::default();
    let written = std::thread::scope(|scope| {
        let (sender, chunks) = sync_channel(CHUNKS_AHEAD);
        let parser = scope.spawn(|| {
            let mut sink = ChunkSink::new(sender);
            // Err only when the writer below has stopped taking rows.
            let report = parse_into(&bytes, &mut sink).ok();
            sink.flush();
            report
        });
        store.import_with(|writer| {
            let existing = writer.stored_programs()?;
            let lines = memchr::memchr_iter(b'\n', &bytes).count();
            write_as_parsed(writer, &existing, lines, chunks)?;
            report = match parser.join() {
                Ok(r) => r.unwrap_or_default(),
                // parse_into never panics; if it did, it is a bug to show.
                Err(panic) => std::panic::resume_unwind(panic),
            };
            tracing::info!(
                file = %path.display(),
                problems = report.errors.len(),
                "import file read"
            );
            Ok(report.errors.is_empty())
        })
    })?;
    match written {
        Some(summary) => Ok(Imported {
            summary,
            warnings: report.warnings,
        }),
        None => Err(PrepareError::Invalid {
            path: path.to_path_buf(),
            issues: report.errors,
            warnings: report.warnings,
        }),
    }
}

/// Rows travel between the threads in chunks: one hand-over per row woke
/// the writer 15,000 times for a national list.
const CHUNK: usize = 64;
/// Chunks the parser may read ahead of the writer.
const CHUNKS_AHEAD: usize = 16;

struct ChunkSink {
    chunk: Vec<ImportRow>,
    sender: SyncSender<Vec<ImportRow>>,
}

/// The writer has stopped (it failed); parsing can stop too.
struct WriterGone;

impl ChunkSink {
    fn new(sender: SyncSender<Vec<ImportRow>>) -> ChunkSink {
        ChunkSink {
            chunk: Vec::with_capacity(CHUNK),
            sender,
        }
    }

    fn flush(&mut self) {
        if !self.chunk.is_empty() {
            // A writer that has gone needs no more rows.
            let _ = self.sender.send(std::mem::take(&mut self.chunk));
        }
    }
}

impl Sink for ChunkSink {
    type Error = WriterGone;

    fn push(&mut self, row: ImportRow) -> Result<(), WriterGone> {
        self.chunk.push(row);
        if self.chunk.len() == CHUNK {
            let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
            self.sender.send(full).map_err(|_| WriterGone)?;
        }
        Ok(())
    }
}

/// Plans each row as it arrives and writes its decision at once: without
/// `update` a decision never changes after it is made.
fn write_as_parsed(
    writer: &mut crate::store::ImportWriter<'_>,
    existing: &[crate::domain::Program],
    expected_rows: usize,
    chunks: Receiver<Vec<ImportRow>>,
) -> Result<(), StoreError> {
    let mut planner = Planner::new(existing, expected_rows, false);
    for chunk in chunks {
        for row in chunk {
            writer.write(planner.push(row))?;
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, PrepareError> {
    std::fs::read(path).map_err(|source| PrepareError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads and validates the whole file, then plans it against the programs
/// already stored. Writes nothing.
pub fn prepare(store: &Store, path: &Path, update: bool) -> Result<Prepared, PrepareError> {
    let bytes = std::fs::read(path).map_err(|source| PrepareError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let t0 = std::time::Instant::now();
    let parsed = parse_csv(&bytes);
    eprintln!("parse {:?}", t0.elapsed());
    if !parsed.errors.is_empty() {
        return Err(PrepareError::Invalid {
            path: path.to_path_buf(),
            issues: parsed.errors,
            warnings: parsed.warnings,
        });
    }
    let existing = store.list_programs()?;
    let decisions = plan(&existing, parsed.rows, update);
    let summary = ImportSummary::of(&decisions);
    Ok(Prepared {
        path: path.to_path_buf(),
        decisions,
        warnings: parsed.warnings,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::domain::{Program, UsState};

    fn fixtures() -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(files.len() >= 10, "{files:?}");
        files
    }

    /// A store already holding the file's first program (when it has a
    /// valid one), so rows meet a stored duplicate as well as each other.
    fn store_with_first_of(file: &Path) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let parsed = crate::import::parse_csv(&std::fs::read(file).unwrap());
        let first = parsed.rows.first().map_or_else(
            || Program::new("Somewhere Else", UsState::parse("KY").unwrap()),
            |row| row.program.clone(),
        );
        store.insert_program(&first).unwrap();
        store
    }

    /// Everything an import writes, without ids' creation times.
    fn contents(store: &Store) -> Vec<(Program, Vec<crate::domain::Contact>)> {
        store
            .programs_with_contacts()
            .unwrap()
            .into_iter()
            .map(|(p, c)| {
                let p = Program {
                    created_at: Default::default(),
                    updated_at: Default::default(),
                    ..p
                };
                (p, c)
            })
            .collect()
    }

    /// The streamed import is an optimisation of prepare-then-apply: on
    /// every fixture, good or bad, both must write the same rows (or
    /// refuse with the same problems and write nothing).
    #[test]
    fn streaming_writes_exactly_what_prepare_and_apply_write() {
        for file in fixtures() {
            for update in [false, true] {
                let mut streamed = store_with_first_of(&file);
                let mut planned = store_with_first_of(&file);
                let a = import(&mut streamed, &file, update);
                let b = prepare(&planned, &file, update)
                    .and_then(|p| Ok((planned.apply_import(&p.decisions)?, p.warnings)));
                match (a, b) {
                    (Ok(a), Ok((summary, warnings))) => {
                        assert_eq!(a.summary, summary, "{file:?}");
                        assert_eq!(a.warnings, warnings, "{file:?}");
                    }
                    (
                        Err(PrepareError::Invalid {
                            issues: a,
                            warnings: aw,
                            ..
                        }),
                        Err(PrepareError::Invalid {
                            issues: b,
                            warnings: bw,
                            ..
                        }),
                    ) => {
                        assert_eq!(a, b, "{file:?}");
                        assert_eq!(aw, bw, "{file:?}");
                        assert_eq!(contents(&streamed).len(), 1, "{file:?} wrote rows");
                    }
                    (a, b) => panic!("{file:?}: streamed {a:?}, planned {b:?}"),
                }
                assert_eq!(contents(&streamed), contents(&planned), "{file:?}");
            }
        }
    }

    #[test]
    fn a_bad_file_is_refused_with_every_problem_and_writes_nothing() {
        let file = fixtures()
            .into_iter()
            .find(|f| f.ends_with("bad.csv"))
            .unwrap();
        let mut store = store_with_first_of(&file);
        let Err(PrepareError::Invalid { issues, .. }) = import(&mut store, &file, false) else {
            panic!("bad.csv was accepted");
        };
        assert!(issues.len() > 1, "{issues:?}");
        assert_eq!(store.count_programs().unwrap(), 1);
    }

    #[test]
    fn a_large_file_streams_through_many_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("many.csv");
        let mut text = String::from("Program Name,State,Program ID\n");
        let rows = CHUNK * CHUNKS_AHEAD * 3 + 7;
        for i in 0..rows {
            text.push_str(&format!("Program {i},KY,{}\n", 1_000_000_000 + i));
        }
        // A duplicate of the first row, far from it: still caught.
        text.push_str("Program 0,KY,1000000000\n");
        std::fs::write(&csv, text).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let imported = import(&mut store, &csv, false).unwrap();
        assert_eq!(imported.summary.added, rows);
        assert_eq!(imported.summary.skipped, 1);
        assert_eq!(store.count_programs().unwrap(), rows);
    }

    #[test]
    fn the_parser_stops_when_the_writer_has_gone() {
        let (sender, receiver) = sync_channel(CHUNKS_AHEAD);
        drop(receiver);
        let mut sink = ChunkSink::new(sender);
        let row = || ImportRow {
            line: 2,
            program: Program::new("A", UsState::parse("KY").unwrap()),
            contacts: Vec::new(),
        };
        for _ in 1..CHUNK {
            assert!(sink.push(row()).is_ok(), "a chunk is sent only when full");
        }
        assert!(sink.push(row()).is_err());
    }
}
