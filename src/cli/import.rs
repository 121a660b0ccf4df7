//! `usce import FILE.csv [--dry-run] [--update]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::CliResult;
use crate::import::{Decision, DuplicateOf};
use crate::import_file::{PrepareError, prepare};
use crate::store::Store;
use crate::ui::text::clean;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV file (comma, semicolon, tab or | separated; UTF-8, BOM optional).
    pub file: PathBuf,
    /// Show what would be added, updated or skipped; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Merge rows that match an existing program (same ACGME id, or same
    /// name and state) instead of skipping them. Empty cells never
    /// overwrite what you have.
    #[arg(long)]
    pub update: bool,
}

pub fn run(
    store: &mut Store,
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    let file = args.file.display().to_string();
    let prepared = match prepare(store, &args.file, args.update) {
        Ok(p) => p,
        Err(e @ PrepareError::Invalid { .. }) => {
            tracing::warn!(file, error = %e, "import refused");
            for line in e.lines() {
                writeln!(err, "{}", clean(&line))?;
            }
            writeln!(err, "usce: {e}")?;
            return Ok(ExitCode::FAILURE);
        }
        Err(e) => return Err(e.into()),
    };
    for w in &prepared.warnings {
        writeln!(err, "warning: {}", clean(w))?;
    }
    let s = prepared.summary;
    tracing::info!(
        file,
        rows = prepared.decisions.len(),
        dry_run = args.dry_run,
        "import file read"
    );
    if args.dry_run {
        for d in &prepared.decisions {
            writeln!(out, "{}", describe(d))?;
        }
        writeln!(
            out,
            "would add {}, update {}, skip {} (dry run: nothing written)",
            s.added, s.updated, s.skipped
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let s = store.apply_import(&prepared.decisions)?;
    writeln!(
        out,
        "added {}, updated {}, skipped {}",
        s.added, s.updated, s.skipped
    )?;
    Ok(ExitCode::SUCCESS)
}

fn describe(d: &Decision) -> String {
    match d {
        Decision::Add { program, .. } => {
            format!("add     {}  {}", program.state.code(), clean(&program.name))
        }
        Decision::Update { merged, .. } => {
            format!("update  {}  {}", merged.state.code(), clean(&merged.name))
        }
        Decision::Skip {
            duplicate_of,
            reason,
        } => {
            let of = match duplicate_of {
                DuplicateOf::Existing(id) => format!("program #{}", id.0),
                DuplicateOf::Line(line) => format!("line {line}"),
            };
            format!("skip    {} (duplicate of {of})", clean(reason))
        }
    }
}
