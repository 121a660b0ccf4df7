//! Reading a CSV file and planning it against the database: shared by
//! `usce import` and the TUI's import prompt, so both accept and refuse
//! exactly the same files.

use std::path::{Path, PathBuf};

mod stream;

pub use stream::{Imported, Watch, import, import_watched};

use crate::import::{Decision, ImportIssue, parse_csv, plan};
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
    /// The user stopped it; the transaction was rolled back.
    #[error("the import was cancelled; nothing was written")]
    Cancelled,
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

pub(crate) fn read(path: &Path) -> Result<Vec<u8>, PrepareError> {
    std::fs::read(path).map_err(|source| PrepareError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads and validates the whole file, then plans it against the programs
/// already stored. Writes nothing.
pub fn prepare(store: &Store, path: &Path, update: bool) -> Result<Prepared, PrepareError> {
    let bytes = read(path)?;
    let parsed = parse_csv(&bytes);
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
mod tests;
