//! `usce import` without `--update`: the input is read first, with no lock
//! held; then, in one transaction kept only when every row was valid, it
//! is parsed and planned on a second thread while this one writes each
//! decision. Writing is the slower half, so everything else happens on the
//! other core.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use super::{Input, MAX_FILE_BYTES, PrepareError, prepare_input, save_mapping, with_saved};
use crate::domain::Program;
use crate::import::mapping::{ImportOptions, Mapping};
use crate::import::source::Format;
use crate::import::{ImportRow, ParseReport, Sink, StreamPlanner, parse_source_into};
use crate::store::{CheckedDecision, ImportSummary, ImportWriter, Store, StoreError};

/// What [`import`] wrote.
#[derive(Debug)]
pub struct Imported {
    pub summary: ImportSummary,
    pub warnings: Vec<String>,
    /// Which field each column went to (saved for these headers when the
    /// user chose any).
    pub mapping: Mapping,
    /// What was read when the input held a choice (a workbook's sheet).
    pub note: Option<String>,
}

/// Someone looking on while an import writes: the TUI's progress line and
/// its cancel key.
pub struct Watch<'a> {
    /// Rows written so far, and the rows the file holds (counted from its
    /// lines, so a quoted line break makes it a little high; 0 until the
    /// file has been read). Called after each chunk.
    pub progress: &'a mut dyn FnMut(usize, usize),
    /// Asked between chunks; `true` stops the import and rolls it back.
    pub cancelled: &'a dyn Fn() -> bool,
}

/// Reads, validates, plans and writes the file in one transaction that is
/// kept only when every row is valid: the same result as [`prepare`] then
/// [`Store::apply_import`], in about half the time. With `update` a later
/// row may still change an earlier decision, so that case plans the whole
/// file first.
pub fn import(store: &mut Store, path: &Path, update: bool) -> Result<Imported, PrepareError> {
    import_at_most(store, path, update, MAX_FILE_BYTES)
}

/// [`import`] with a file size limit other than [`MAX_FILE_BYTES`].
pub fn import_at_most(
    store: &mut Store,
    path: &Path,
    update: bool,
    max_bytes: u64,
) -> Result<Imported, PrepareError> {
    let mut quiet = |_, _| {};
    let watch = Watch {
        progress: &mut quiet,
        cancelled: &|| false,
    };
    import_watched(store, path, update, max_bytes, watch)
}

/// [`import_at_most`], reporting progress to `watch` and stopping when it
/// says so: a cancelled import returns [`PrepareError::Cancelled`] and its
/// transaction is rolled back, leaving the database as it was.
pub fn import_watched(
    store: &mut Store,
    path: &Path,
    update: bool,
    max_bytes: u64,
    watch: Watch<'_>,
) -> Result<Imported, PrepareError> {
    import_input(store, &Input::read(path, max_bytes)?, update, watch)
}

/// [`import_watched`] with the user's choices (and the mappings saved for
/// the file's headers).
pub fn import_watched_with(
    store: &mut Store,
    path: &Path,
    update: bool,
    max_bytes: u64,
    options: &ImportOptions,
    watch: Watch<'_>,
) -> Result<Imported, PrepareError> {
    let input = Input::read(path, max_bytes)?.with_mapping(options.clone());
    import_input(store, &input, update, watch)
}

/// [`import_watched`] for an input already read. Only now is the write
/// lock taken: reading never keeps another usce from writing. A mapping
/// with choices in it is saved once the import is written: the import
/// confirmed it.
pub fn import_input(
    store: &mut Store,
    input: &Input,
    update: bool,
    watch: Watch<'_>,
) -> Result<Imported, PrepareError> {
    let imported = write_input(store, input, update, watch)?;
    save_mapping(store, &imported.mapping)?;
    Ok(imported)
}

fn write_input(
    store: &mut Store,
    input: &Input,
    update: bool,
    watch: Watch<'_>,
) -> Result<Imported, PrepareError> {
    if update {
        let prepared = prepare_input(store, input, update)?;
        if (watch.cancelled)() {
            return Err(PrepareError::Cancelled);
        }
        let summary = store.apply_import(&prepared.decisions)?;
        return Ok(Imported {
            summary,
            warnings: prepared.warnings,
            mapping: prepared.mapping,
            note: prepared.note,
        });
    }
    let options = with_saved(store, &input.mapping)?;
    let mut outcome: Result<ParseReport, PrepareError> = Ok(ParseReport::default());
    let written = store.import_with(|writer| {
        // Read in the transaction: a program added meanwhile by another
        // usce is seen, and duplicates of it are skipped.
        let existing = writer.stored_programs()?;
        outcome = parse_and_write(input, &options, &existing, writer, watch);
        Ok(outcome.as_ref().is_ok_and(|r| r.errors.is_empty()))
    })?;
    let report = outcome?;
    tracing::info!(
        file = %input.path.display(),
        problems = report.errors.len(),
        "import file read"
    );
    match written {
        Some(summary) => Ok(Imported {
            summary,
            warnings: report.warnings,
            mapping: report.mapping,
            note: report.note,
        }),
        None => Err(PrepareError::Invalid {
            path: input.path.clone(),
            issues: report.errors,
            warnings: report.warnings,
            place: report.place,
        }),
    }
}

/// Runs the parsing thread and writes what it sends. A store error is
/// returned at once; the parser then finds the channel closed and stops.
fn parse_and_write(
    input: &Input,
    options: &ImportOptions,
    existing: &[Program],
    writer: &mut ImportWriter<'_>,
    watch: Watch<'_>,
) -> Result<ParseReport, PrepareError> {
    let bytes = &input.bytes[..];
    let rows = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (sender, decisions) = sync_channel(CHUNKS_AHEAD);
        let (give_back, spent) = channel();
        let rows = &rows;
        let parser = scope.spawn(move || -> ParseReport {
            // Counted here, not on the writing thread, which is the slower.
            let lines = rows_to_come(bytes, input.name());
            rows.store(lines, Ordering::Relaxed);
            let planner = StreamPlanner::new(existing, lines);
            let mut sink = ChunkSink::new(planner, sender).with_spent(spent);
            // Err only when the writer has stopped taking rows, and then
            // its own error is the one to report.
            let report = parse_source_into(bytes, input.name(), &input.options, options, &mut sink)
                .unwrap_or_default();
            sink.finish();
            report
        });
        write_all(writer, decisions, &give_back, watch, rows)?;
        drop(give_back);
        match parser.join() {
            Ok(report) => Ok(report),
            // parse_source_into never panics; if it did, it is a bug to show.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Rows to come, for the progress line: a text file's lines (the header
/// is not a row; a last line without a newline is). A workbook or JSON
/// says only as it goes (0).
fn rows_to_come(bytes: &[u8], name: Option<&str>) -> usize {
    if Format::detect(bytes, name) != Format::Delimited {
        return 0;
    }
    let lines = memchr::memchr_iter(b'\n', bytes).count();
    let ends_open = bytes.last().is_some_and(|b| *b != b'\n');
    (lines + usize::from(ends_open)).saturating_sub(1)
}

/// Writes every chunk the reader sends, checking for a cancel between
/// chunks, and hands each written chunk back to be freed. Returning early
/// drops the receiver, which stops the reader.
fn write_all(
    writer: &mut ImportWriter<'_>,
    decisions: Receiver<Vec<Checked>>,
    give_back: &Sender<Vec<Checked>>,
    watch: Watch<'_>,
    rows: &AtomicUsize,
) -> Result<(), PrepareError> {
    let mut done = 0;
    for chunk in decisions {
        if (watch.cancelled)() {
            return Err(PrepareError::Cancelled);
        }
        let written = write_chunk(writer, &chunk)?;
        if written < chunk.len() {
            return match chunk.into_iter().nth(written) {
                Some(Err(refused)) => Err(refused.into()),
                _ => Ok(()),
            };
        }
        done += chunk.len();
        // Freed by the reader, which allocated it: freeing 60,000 strings
        // here took a tenth of the writer's time, and the writer is the
        // slower half. A reader that has gone leaves it to be freed here.
        let _ = give_back.send(chunk);
        let total = rows.load(Ordering::Relaxed);
        (watch.progress)(done, total.max(done));
    }
    Ok(())
}

/// Writes the chunk's decisions up to the first the store's rules refused;
/// returns how many it wrote.
fn write_chunk(writer: &mut ImportWriter<'_>, chunk: &[Checked]) -> Result<usize, StoreError> {
    for (written, checked) in chunk.iter().enumerate() {
        match checked {
            Ok(decision) => writer.write_checked(decision)?,
            Err(_) => return Ok(written),
        }
    }
    Ok(chunk.len())
}

/// Decisions travel between the threads in chunks: one hand-over per row
/// woke the writer 15,000 times for a national list.
pub(super) const CHUNK: usize = 64;
/// Chunks the reader may run ahead of the writer.
pub(super) const CHUNKS_AHEAD: usize = 16;

/// A decision with the store's rules checked on it here, or why they
/// refuse it (which stops the import when the writer reaches it, as
/// writing it would have).
pub(super) type Checked = Result<CheckedDecision, StoreError>;

/// Plans each row as the parser pushes it, checks the store's rules on
/// the decision, and sends the decisions on.
pub(super) struct ChunkSink<'e> {
    planner: StreamPlanner<'e>,
    chunk: Vec<Checked>,
    sender: SyncSender<Vec<Checked>>,
    /// Chunks the writer has written, to be emptied (freed) here and
    /// filled again.
    spent: Option<Receiver<Vec<Checked>>>,
}

/// The writer has stopped (it failed); reading can stop too.
#[derive(Debug)]
pub(super) struct WriterGone;

impl<'e> ChunkSink<'e> {
    pub(super) fn new(planner: StreamPlanner<'e>, sender: SyncSender<Vec<Checked>>) -> Self {
        ChunkSink {
            planner,
            chunk: Vec::with_capacity(CHUNK),
            sender,
            spent: None,
        }
    }

    /// Takes back the chunks the writer is done with through `spent`.
    pub(super) fn with_spent(mut self, spent: Receiver<Vec<Checked>>) -> Self {
        self.spent = Some(spent);
        self
    }

    fn flush(&mut self) {
        if !self.chunk.is_empty() {
            // A writer that has gone needs no more rows.
            let _ = self.sender.send(std::mem::take(&mut self.chunk));
        }
    }

    /// Sends the last chunk, tells the writer no more come (by dropping
    /// the sender), then frees each chunk it hands back until it is done.
    pub(super) fn finish(mut self) {
        self.flush();
        let spent = self.spent.take();
        drop(self);
        if let Some(spent) = spent {
            for chunk in spent {
                drop(chunk);
            }
        }
    }

    /// An empty chunk: a written one emptied here when there is one.
    fn next_chunk(&mut self) -> Vec<Checked> {
        match self.spent.as_ref().and_then(|s| s.try_recv().ok()) {
            Some(mut written) => {
                written.clear();
                written
            }
            None => Vec::with_capacity(CHUNK),
        }
    }
}

impl Sink for ChunkSink<'_> {
    type Error = WriterGone;

    fn push(&mut self, row: ImportRow) -> Result<(), WriterGone> {
        self.chunk
            .push(CheckedDecision::check(self.planner.decide(row)));
        if self.chunk.len() == CHUNK {
            let next = self.next_chunk();
            let full = std::mem::replace(&mut self.chunk, next);
            self.sender.send(full).map_err(|_| WriterGone)?;
        }
        Ok(())
    }
}
