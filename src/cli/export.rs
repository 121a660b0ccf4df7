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
    /// Backup file (default: <data dir>/usce/backups/usce-YYYYMMDD-HHMMSS-mmm.db).
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
        Some(p) if p.exists() => {
            return Err(format!("{} already exists; choose another -o FILE", p.display()).into());
        }
        Some(p) => p.clone(),
        None => new_backup_path(db, clock)?,
    };
    if let Err(e) = store.backup_to(&dest) {
        if args.output.is_none() {
            // The name was only reserved: no empty file is left behind.
            let _ = std::fs::remove_file(&dest);
        }
        return Err(e.into());
    }
    writeln!(out, "backed up to {}", dest.display())?;
    Ok(ExitCode::SUCCESS)
}

/// A new `backups/usce-YYYYMMDD-HHMMSS-mmm.db` beside the database,
/// reserved by creating it. Seconds were not enough: a second `usce backup`
/// in the same one failed with "already exists". Two in the same
/// millisecond (or two usce at once) take `-2`, `-3`, … instead.
fn new_backup_path(db: &Path, clock: Clock) -> CliResult<PathBuf> {
    let dir = db.parent().unwrap_or(Path::new(".")).join("backups");
    paths::create_private_dir(&dir)?;
    let stamp = clock.local_now().format("%Y%m%d-%H%M%S-%3f");
    for n in 1..=1_000 {
        let name = match n {
            1 => format!("usce-{stamp}.db"),
            n => format!("usce-{stamp}-{n}.db"),
        };
        let path = dir.join(name);
        match paths::create_new_private_file(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(format!("cannot create {}: {e}", path.display()).into()),
        }
    }
    Err(format!("no free backup name in {}; use -o FILE", dir.display()).into())
}
