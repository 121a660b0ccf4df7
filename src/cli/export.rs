//! `usce export` and `usce backup`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::CliResult;
use crate::clock::Clock;
use crate::paths;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    /// Programs with their coordinator and director; re-importable.
    #[default]
    Csv,
    /// Everything: programs with contacts, log, follow-ups, drafts, rotations and
    /// status history; letters; states done; the profile.
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// CSV (programs and their coordinator/director; re-importable) or JSON (everything).
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    /// Write to this file (created private, 0600) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Backup file (default: <data dir>/usce/backups/usce-YYYYMMDD-HHMMSS.db).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn export(store: &mut Store, args: &ExportArgs, stdout: &mut dyn Write) -> CliResult {
    let mut file;
    let out: &mut dyn Write = match &args.output {
        Some(path) => {
            file = std::io::BufWriter::new(paths::create_private_file(path)?);
            &mut file
        }
        None => stdout,
    };
    match args.format {
        ExportFormat::Csv => crate::export::write_csv(&mut *out, &store.programs_with_contacts()?)?,
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &store.full_export()?)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The default file name carries `clock`'s local date and time.
pub fn backup(
    store: &Store,
    db: &Path,
    args: &BackupArgs,
    clock: Clock,
    out: &mut dyn Write,
) -> CliResult {
    let dest = match &args.output {
        Some(p) => p.clone(),
        None => {
            let dir = db.parent().unwrap_or(Path::new(".")).join("backups");
            dir.join(format!(
                "usce-{}.db",
                clock.local_now().format("%Y%m%d-%H%M%S")
            ))
        }
    };
    if dest.exists() {
        return Err(format!("{} already exists; choose another -o FILE", dest.display()).into());
    }
    store.backup_to(&dest)?;
    writeln!(out, "backed up to {}", dest.display())?;
    Ok(ExitCode::SUCCESS)
}
