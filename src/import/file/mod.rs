//! Reading a CSV file and planning it against the database: shared by
//! `usce import` and the TUI's import prompt, so both accept and refuse
//! exactly the same files.

use std::path::{Path, PathBuf};

mod stream;

pub use stream::{Imported, Watch, import, import_at_most, import_watched, import_watched_with};

use crate::import::mapping::{ImportOptions, Mapping, saved_from_json};
use crate::import::{Decision, ImportIssue, parse_csv_with, plan};
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
    prepare_with(store, path, update, max_bytes, &ImportOptions::default())
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
    let options = with_saved(store, options)?;
    let bytes = read(path, max_bytes)?;
    let parsed = parse_csv_with(&bytes, &options);
    if !parsed.errors.is_empty() {
        return Err(PrepareError::Invalid {
            path: path.to_path_buf(),
            issues: parsed.errors,
            warnings: parsed.warnings,
        });
    }
    let existing = store.list_programs()?;
    let lines = parsed.rows.iter().map(|r| r.line).collect();
    let decisions = plan(&existing, parsed.rows, update);
    let summary = ImportSummary::of(&decisions);
    Ok(Prepared {
        path: path.to_path_buf(),
        decisions,
        lines,
        warnings: parsed.warnings,
        summary,
        mapping: parsed.mapping,
    })
}

/// The file's column mapping as this import would read it (saved
/// mappings applied), with its warnings and how many problems its rows
/// have: `usce import --show-mapping`. Writes nothing.
pub fn mapping_of(
    store: &Store,
    path: &Path,
    max_bytes: u64,
    options: &ImportOptions,
) -> Result<crate::import::Parsed, PrepareError> {
    let options = with_saved(store, options)?;
    let bytes = read(path, max_bytes)?;
    Ok(parse_csv_with(&bytes, &options))
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
