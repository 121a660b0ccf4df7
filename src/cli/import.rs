//! `usce import FILE [--dry-run] [--update] [--sheet NAME|N]`; `-` reads
//! standard input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::CliResult;
use crate::import::Decision;
use crate::import::file::{
    Input, MAX_FILE_BYTES, PrepareError, Watch, import_input, prepare_input,
};
use crate::store::Store;
use crate::ui::text::clean;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The list: CSV or TSV (comma, semicolon, tab or | separated; UTF-8,
    /// BOM optional), JSON (an array of objects), or a workbook (.xlsx,
    /// .xls, .ods). The format is read from the content. `-` reads
    /// standard input.
    pub file: PathBuf,
    /// The workbook sheet to read, by name or number from 1 (default: the
    /// first whose header usce recognises).
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Option<String>,
    /// Show what would be added, updated or skipped; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Merge rows that match an existing program (same ACGME id, or same
    /// name and state) instead of skipping them. Empty cells never
    /// overwrite what you have.
    #[arg(long)]
    pub update: bool,
    /// Refuse files larger than this many megabytes (the file is read into
    /// memory; a national list is about 6 MB).
    #[arg(long, value_name = "MB", default_value_t = MAX_FILE_BYTES / 1_000_000)]
    pub max_size: u64,
}

pub fn run(
    store: &mut Store,
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    let max_bytes = args.max_size.saturating_mul(1_000_000);
    // Read whole before the database is touched: a slow pipe never holds
    // the write lock.
    let input = if args.file.as_os_str() == "-" {
        Input::stream(std::io::stdin().lock(), max_bytes)
    } else {
        Input::read(&args.file, max_bytes)
    };
    let input = match input {
        Ok(input) => input.with_sheet(args.sheet.clone()),
        Err(e) => return refused(&args.file, e, err),
    };
    if !args.dry_run {
        let mut quiet = |_, _| {};
        let watch = Watch {
            progress: &mut quiet,
            cancelled: &|| false,
        };
        return match import_input(store, &input, args.update, watch) {
            Ok(imported) => {
                say_note(imported.note.as_deref(), err)?;
                for w in &imported.warnings {
                    writeln!(err, "warning: {}", clean(w))?;
                }
                let s = imported.summary;
                writeln!(
                    out,
                    "added {}, updated {}, skipped {}",
                    s.added, s.updated, s.skipped
                )?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => refused(&args.file, e, err),
        };
    }
    let prepared = match prepare_input(store, &input, args.update) {
        Ok(p) => p,
        Err(e) => return refused(&args.file, e, err),
    };
    say_note(prepared.note.as_deref(), err)?;
    for w in &prepared.warnings {
        writeln!(err, "warning: {}", clean(w))?;
    }
    let s = prepared.summary;
    tracing::info!(
        file = %args.file.display(),
        rows = prepared.decisions.len(),
        "import dry run"
    );
    let word = prepared.place.word();
    for (d, line) in prepared.decisions.iter().zip(&prepared.lines) {
        writeln!(out, "{word} {line:<5} {}", describe(d))?;
    }
    writeln!(
        out,
        "would add {}, update {}, skip {} (dry run: nothing written)",
        s.added, s.updated, s.skipped
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Which sheet (or JSON list) was read, when there was a choice.
fn say_note(note: Option<&str>, err: &mut dyn Write) -> std::io::Result<()> {
    let Some(note) = note else { return Ok(()) };
    let hint = if note.starts_with("sheet ") {
        "; --sheet NAME reads another"
    } else {
        ""
    };
    writeln!(err, "read {}{hint}", clean(note))
}

/// Says why a file was refused: every problem with its line for an invalid
/// file (exit 1); other errors go up to main.
fn refused(path: &Path, e: PrepareError, err: &mut dyn Write) -> CliResult {
    let PrepareError::Invalid { warnings, .. } = &e else {
        return Err(e.into());
    };
    tracing::warn!(file = %path.display(), error = %e, "import refused");
    for w in warnings {
        writeln!(err, "warning: {}", clean(w))?;
    }
    for line in e.lines() {
        writeln!(err, "{}", clean(&line))?;
    }
    writeln!(err, "usce: {e}")?;
    Ok(ExitCode::FAILURE)
}

fn describe(d: &Decision) -> String {
    match d {
        Decision::Add { program, .. } => {
            format!("add     {}  {}", program.state.code(), clean(&program.name))
        }
        Decision::Update { merged, .. } => {
            format!("update  {}  {}", merged.state.code(), clean(&merged.name))
        }
        // The reason names what it duplicates: the stored program by name
        // ("… as \"Mercy Hospital Program\", already in your list") or the
        // earlier line of the file; never a database id.
        Decision::Skip { reason, .. } => format!("skip    {}", clean(reason)),
    }
}
