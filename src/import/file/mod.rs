//! Reading an import's input and planning it against the database: shared
//! by `usce import` and the TUI's import prompt, so both accept and refuse
//! exactly the same files.
//!
//! The input is read whole, before the database is asked for anything: a
//! slow standard input (or a network drive) never holds the write lock,
//! so another usce writing meanwhile never waits on it.

use std::io::Read;
use std::path::{Path, PathBuf};

mod stream;

pub use stream::{
    Imported, Watch, import, import_at_most, import_input, import_watched, import_watched_with,
};

use crate::import::mapping::{ImportOptions, Mapping, saved_from_json};
use crate::import::source::{Place, SourceOptions};
use crate::import::{Decision, ImportIssue, Parsed, parse_source_with, plan};
use crate::paths::{self, ReadError};
use crate::store::{ImportSummary, Store, StoreError};

/// A file read, validated and planned, ready to apply.
#[derive(Debug)]
pub struct Prepared {
    pub path: PathBuf,
    pub decisions: Vec<Decision>,
    /// The file line each decision's row starts on, in the same order.
    pub lines: Vec<u64>,
    pub warnings: Vec<String>,
    pub summary: ImportSummary,
    /// Which field each column goes to.
    pub mapping: Mapping,
    /// What `lines` count: lines, sheet rows or JSON items.
    pub place: Place,
    /// What was read when the input held a choice (a workbook's sheet).
    pub note: Option<String>,
}

/// An import's input, read whole: a file, or standard input (`usce
/// import -`), with how to read it.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file's path, or `-` for standard input (shown in messages).
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub options: SourceOptions,
    /// The user's mapping choices (`--map`, `--ignore`, `--state`,
    /// `--strict`); mappings saved in the database are added when read.
    pub mapping: ImportOptions,
}

impl Input {
    /// Reads the file at `path`, refusing anything but a regular file of
    /// at most `max_bytes` (see [`paths::read_regular_file`]).
    pub fn read(path: &Path, max_bytes: u64) -> Result<Input, PrepareError> {
        Ok(Input {
            path: path.to_path_buf(),
            bytes: read(path, max_bytes)?,
            options: SourceOptions::default(),
            mapping: ImportOptions::default(),
        })
    }

    /// Reads `stream` (standard input) to its end, at most `max_bytes`:
    /// `-` is the explicit way to import from a pipe.
    pub fn stream(stream: impl Read, max_bytes: u64) -> Result<Input, PrepareError> {
        let path = PathBuf::from("-");
        let mut bytes = Vec::new();
        stream
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|source| PrepareError::Read {
                path: path.clone(),
                source,
            })?;
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if size > max_bytes {
            return Err(PrepareError::TooLarge {
                path,
                size,
                limit: max_bytes,
            });
        }
        Ok(Input {
            path,
            bytes,
            options: SourceOptions::default(),
            mapping: ImportOptions::default(),
        })
    }

    /// With `--sheet`: which sheet of a workbook to read.
    pub fn with_sheet(mut self, sheet: Option<String>) -> Input {
        self.options.sheet = sheet;
        self
    }

    /// With the user's mapping choices.
    pub fn with_mapping(mut self, mapping: ImportOptions) -> Input {
        self.mapping = mapping;
        self
    }

    /// The file's name, which breaks a tie when the content alone does not
    /// tell its format.
    pub(crate) fn name(&self) -> Option<&str> {
        self.path.file_name()?.to_str()
    }

    /// Parses the input with the user's choices and the mappings saved
    /// in `store`.
    pub(crate) fn parse(&self, store: &Store) -> Result<Parsed, PrepareError> {
        let mapping = with_saved(store, &self.mapping)?;
        Ok(parse_source_with(
            &self.bytes,
            self.name(),
            &self.options,
            &mapping,
        ))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Every problem in the file; nothing was written.
    #[error("{} in {}; nothing was imported", crate::domain::plural::count(.issues.len(), "problem"), .path.display())]
    Invalid {
        path: PathBuf,
        issues: Vec<ImportIssue>,
        warnings: Vec<String>,
        /// What the issues' numbers count.
        place: Place,
    },
    /// A FIFO, a device or a directory: reading one could wait for a
    /// writer forever (a FIFO) or never end (`/dev/zero`).
    #[error("cannot import {}: it is {kind}, not a regular file; save the list to a file and import that", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("cannot import {}: it is {} MB, over the {} MB limit (usce import --max-size MB raises it)", path.display(), size.div_ceil(1_000_000), limit / 1_000_000)]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The user stopped it; the transaction was rolled back.
    #[error("the import was cancelled; nothing was written")]
    Cancelled,
}

/// The largest file an import reads unless told otherwise: a national list
/// of 15,000 programs is about 6 MB, and the file is held in memory.
pub const MAX_FILE_BYTES: u64 = 200 * 1_000_000;

impl PrepareError {
    /// Each problem as `FILE:LINE: column: message` (`FILE: row N: …` in
    /// a workbook, `FILE: item N: …` in JSON).
    pub fn lines(&self) -> Vec<String> {
        match self {
            PrepareError::Invalid {
                path,
                issues,
                place,
                ..
            } => issues
                .iter()
                .map(|i| place.locate(&path.display(), i))
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

/// Reads the file, refusing anything but a regular file of at most
/// `max_bytes` (see [`paths::read_regular_file`]).
pub(crate) fn read(path: &Path, max_bytes: u64) -> Result<Vec<u8>, PrepareError> {
    let path_buf = path.to_path_buf();
    paths::read_regular_file(path, max_bytes).map_err(|e| match e {
        ReadError::Io(source) => PrepareError::Read {
            path: path_buf,
            source,
        },
        ReadError::NotAFile(kind) => PrepareError::NotAFile {
            path: path_buf,
            kind,
        },
        ReadError::TooLarge(size) => PrepareError::TooLarge {
            path: path_buf,
            size,
            limit: max_bytes,
        },
    })
}

/// Reads and validates the whole file, then plans it against the programs
/// already stored. Writes nothing.
pub fn prepare(store: &Store, path: &Path, update: bool) -> Result<Prepared, PrepareError> {
    prepare_at_most(store, path, update, MAX_FILE_BYTES)
}

/// [`prepare`] with a file size limit other than [`MAX_FILE_BYTES`].
pub fn prepare_at_most(
    store: &Store,
    path: &Path,
    update: bool,
    max_bytes: u64,
) -> Result<Prepared, PrepareError> {
    prepare_input(store, &Input::read(path, max_bytes)?, update)
}

/// [`prepare_at_most`] with the user's choices; mappings saved for the
/// file's headers are applied too.
pub fn prepare_with(
    store: &Store,
    path: &Path,
    update: bool,
    max_bytes: u64,
    options: &ImportOptions,
) -> Result<Prepared, PrepareError> {
    let input = Input::read(path, max_bytes)?.with_mapping(options.clone());
    prepare_input(store, &input, update)
}

/// [`prepare`] for an input already read.
pub fn prepare_input(store: &Store, input: &Input, update: bool) -> Result<Prepared, PrepareError> {
    let parsed = input.parse(store)?;
    if !parsed.errors.is_empty() {
        return Err(PrepareError::Invalid {
            path: input.path.clone(),
            issues: parsed.errors,
            warnings: parsed.warnings,
            place: parsed.place,
        });
    }
    let existing = store.list_programs()?;
    let lines = parsed.rows.iter().map(|r| r.line).collect();
    let decisions = plan(&existing, parsed.rows, update);
    let summary = ImportSummary::of(&decisions);
    Ok(Prepared {
        path: input.path.clone(),
        decisions,
        lines,
        warnings: parsed.warnings,
        summary,
        mapping: parsed.mapping,
        place: parsed.place,
        note: parsed.note,
    })
}

/// The input's column mapping as this import would read it (saved
/// mappings applied), with its warnings and how many problems its rows
/// have: `usce import --show-mapping`. Writes nothing.
pub fn mapping_of(store: &Store, input: &Input) -> Result<Parsed, PrepareError> {
    input.parse(store)
}

/// `options` with every mapping saved in the database, so a file whose
/// headers were mapped before is read the same way again.
pub(crate) fn with_saved(
    store: &Store,
    options: &ImportOptions,
) -> Result<ImportOptions, PrepareError> {
    let mut options = options.clone();
    options.saved = store
        .import_mappings()?
        .iter()
        .map(|(signature, json)| saved_from_json(signature, json))
        .collect();
    Ok(options)
}

/// Saves the choices of an import that went through, under its headers.
pub(crate) fn save_mapping(store: &mut Store, mapping: &Mapping) -> Result<(), PrepareError> {
    if !mapping.choices.is_empty() {
        store.save_import_mapping(&mapping.signature, &mapping.choices_json())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
