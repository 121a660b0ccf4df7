//! Command-line interface: `usce` opens the TUI; subcommands print or
//! change data for scripts and quick checks.

pub mod due;
pub mod export;
pub mod import;
pub mod list;
pub mod sample;
pub mod states;
pub mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::store::Store;
use crate::{clock, paths};

/// Boxed errors are enough at this boundary: each is printed once, in
/// words, and the process exits non-zero.
pub type CliResult<T = ExitCode> = Result<T, Box<dyn std::error::Error>>;

#[derive(Debug, Parser)]
#[command(
    name = "usce",
    version,
    about = "Plan outreach to U.S. residency programs for clinical rotations (USCE)",
    long_about = "usce keeps your list of residency programs grouped by state, the people you \
contact there, every interaction, and your email drafts, in one SQLite file.\n\n\
Run without a command to open the terminal UI.",
    after_help = "Examples:\n  usce                          open the TUI\n  usce list --state KY          programs in Kentucky\n  usce list --format csv > programs.csv\n  usce import programs.csv --dry-run
  usce export --format json -o everything.json
  usce backup
  usce sample --remove          delete the bundled demo programs"
)]
pub struct Cli {
    /// Database file (default: <data dir>/usce/usce.db).
    #[arg(long, env = "USCE_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Config file (default: <config dir>/usce/config.toml).
    #[arg(long, env = "USCE_CONFIG", global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the terminal UI (the default).
    Tui,
    /// Print programs, optionally filtered.
    #[command(
        after_help = "Examples:\n  usce list --state KY --state OH --status contacted\n  usce list --format json"
    )]
    List(list::ListArgs),
    /// Import programs from a CSV file (all or nothing).
    #[command(
        after_help = "Examples:\n  usce import freida.csv --dry-run\n  usce import my-list.csv --update\n\nEvery problem is reported as FILE:LINE: column: message, and nothing is written\nunless the whole file is valid."
    )]
    Import(import::ImportArgs),
    /// Export every program (CSV, re-importable) or everything (JSON).
    #[command(
        after_help = "Examples:\n  usce export -o programs.csv\n  usce export --format json -o everything.json"
    )]
    Export(export::ExportArgs),
    /// Write a consistent copy of the database (safe while the TUI is open).
    Backup(export::BackupArgs),
    /// Progress per state, states marked done, and where to look next.
    #[command(
        after_help = "Examples:\n  usce states\n  usce states --done KY      mark Kentucky done\n  usce states --format json"
    )]
    States(states::StatesArgs),
    /// Follow-ups to chase: overdue, today and coming up.
    #[command(
        after_help = "Examples:\n  usce due                  overdue and the next 7 days\n  usce due --within 0d      only overdue and today\n  usce due --within 2w --format json\n\nUSCE_TODAY=YYYY-MM-DD fixes the date."
    )]
    Due(due::DueArgs),
    /// Outreach statistics per state: contacted, replied, reply rate.
    Stats(stats::StatsArgs),
    /// Manage the bundled demo list, or make up a large one for load tests.
    #[command(
        after_help = "Examples:\n  usce sample --remove\n  usce sample --generate 15000 --out national.csv\n  usce sample --generate 15000 --interactions 100000 --db-out load.db --seed 7"
    )]
    Sample(sample::SampleArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// Runs a subcommand; the TUI is started by the caller.
pub fn run(cli: &Cli, command: &Command) -> CliResult {
    // Generating writes only the files named; the user's database is not
    // even opened.
    if let Command::Sample(args) = command
        && let Some(count) = args.generate
    {
        return sample::run_generate(args, count, &mut std::io::stdout().lock());
    }
    let db = paths::database(cli.db.as_deref())?;
    let mut store = Store::open(&db)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Tui => Ok(ExitCode::SUCCESS),
        Command::List(args) => list::run(&store, args, &mut out),
        Command::Import(args) => import::run(&mut store, args, &mut out, &mut std::io::stderr()),
        Command::Export(args) => export::export(&mut store, args, &mut out),
        Command::Backup(args) => export::backup(&store, &db, args, &mut out),
        Command::States(args) => states::run(&mut store, args, &mut out),
        Command::Due(args) => due::run(&store, args, clock::today(), &mut out),
        Command::Stats(args) => stats::run(&store, args, clock::today(), &mut out),
        Command::Sample(args) => sample::run(&mut store, &db, args, &mut out),
    }
}
