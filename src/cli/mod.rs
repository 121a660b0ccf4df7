//! Command-line interface: `usce` opens the TUI; subcommands print or
//! change data for scripts and quick checks.

pub mod apply;
pub mod budget;
pub mod calendar;
pub mod docs;
pub mod documents;
pub mod due;
pub mod export;
pub mod import;
pub mod interrupted;
pub mod list;
pub mod outreach;
pub mod sample;
pub mod states;
pub mod stats;
pub mod sync;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::domain::{Status, UsState};
use clap::{Parser, Subcommand, ValueEnum};

use crate::clock::Clock;
use crate::paths;
use crate::store::Store;

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
  usce sample --remove          delete the bundled demo programs
  usce completions bash         a completion script for your shell
  usce man | man -l -           the manual

Every command has its own examples: usce <command> --help."
)]
pub struct Cli {
    /// Database file (default: <data dir>/usce/usce.db).
    #[arg(long, env = "USCE_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Config file (default: <config dir>/usce/config.toml).
    #[arg(long, env = "USCE_CONFIG", global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Log debug detail too (the log is <state dir>/usce/logs/usce.log;
    /// USCE_LOG=trace|debug|info|warn|error|off overrides).
    #[arg(long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the terminal UI (the default).
    #[command(
        after_help = "Examples:\n  usce tui\n  usce --config ./test-config.toml tui     try settings before installing them\n  USCE_DB=./scratch.db usce tui           a separate list to experiment with"
    )]
    Tui,
    /// Print programs, optionally filtered.
    #[command(
        after_help = "Examples:\n  usce list --state KY --state OH --status contacted\n  usce list --format json"
    )]
    List(list::ListArgs),
    /// Import programs from a CSV, TSV, JSON or spreadsheet file (all or nothing).
    #[command(
        after_help = "Examples:\n  usce import freida.csv --dry-run\n  usce import my-list.csv --update\n  usce import programs.xlsx --sheet \"Internal Medicine\"\n  xclip -o | usce import -\n\nEvery problem is reported as FILE:LINE: column: message (FILE: row N: … in a\nspreadsheet, FILE: item N: … in JSON), and nothing is written unless the\nwhole file is valid."
    )]
    Import(import::ImportArgs),
    /// Export every program (CSV, re-importable) or everything (JSON).
    #[command(
        after_help = "Examples:\n  usce export -o programs.csv\n  usce export --format json -o everything.json"
    )]
    Export(export::ExportArgs),
    /// Write a consistent copy of the database (safe while the TUI is open).
    #[command(
        after_help = "Examples:\n  usce backup                        into <data dir>/usce/backups/\n  usce backup -o ~/Dropbox/usce.db"
    )]
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
    /// The document shelf: what you have, when each expires, what is
    /// wrong for a rotation or a deadline.
    #[command(
        after_help = "Examples:\n  usce docs\n  usce docs --expiring 60\n  usce docs add \"TB test\" --obtained 2026-09-01 --path ~/docs/tb.pdf\n  usce docs edit 3 --expires 2027-06-30\n  usce docs kinds               default validity per kind\n  usce docs --format json\n\nAn expiry marked * is derived from the kind's default validity: check it\nagainst each program's own rule."
    )]
    Docs(documents::DocsArgs),
    /// What each planned or booked rotation costs, per month and overall.
    #[command(
        after_help = "Examples:\n  usce budget\n  usce budget --travel 3=450      rotation 3's travel cost\n  usce budget --format json\n\nAmounts are read from the programs' own words (\"$300/week\", \"$1,200\",\n\"yes, $800/month\"); one currency (config: currency), no exchange rates."
    )]
    Budget(budget::BudgetArgs),
    /// A program's application: submitted on, decision, decision date.
    #[command(
        after_help = "Examples:\n  usce apply 12                               show it\n  usce apply 12 --submitted 2026-11-20\n  usce apply 12 --decision accepted --decided \"Dec 1, 2026\"\n  usce apply 12 --format json\n\nA decision other than pending with no --decided is dated today.\nThe TUI's checklist (E) does the same with o."
    )]
    Apply(apply::ApplyArgs),
    /// Write an iCalendar (.ics) feed: follow-ups, application windows,
    /// rotations, document expiries.
    #[command(
        after_help = "Examples:\n  usce calendar -o usce.ics\n  usce calendar --follow-ups event -o usce.ics   for apps without tasks\n  TZ=America/Chicago usce calendar -o usce.ics\n\nUIDs follow the records, so importing the file again updates the events\ninstead of adding copies. Set calendar.path in the config to have the TUI\nrewrite the file after every change."
    )]
    Calendar(calendar::CalendarArgs),
    /// Outreach statistics per state: contacted, replied, reply rate.
    #[command(after_help = "Examples:\n  usce stats\n  usce stats --format json")]
    Stats(stats::StatsArgs),
    /// Email one template to every matching program: preview (default),
    /// export as .eml files, or send.
    #[command(
        after_help = "Examples:\n  usce outreach --template request_rotation --state KY --status shortlisted\n  usce outreach --template request_rotation --state KY --eml-dir ./out\n  usce outreach --template request_rotation --state KY --send --limit 10\n\nA program is never sent the same template twice: rerunning after a failure\nor an interruption continues with the programs not yet sent."
    )]
    Outreach(outreach::OutreachArgs),
    /// Read new mail over IMAP (read-only) and log replies, auto-replies
    /// and bounces.
    #[command(
        after_help = "Examples:\n  usce sync\n  usce sync --review        messages from a program's domain waiting for your word\n\nNeeds an [imap] section in config.toml (see README, \"Replies\")."
    )]
    Sync(sync::SyncArgs),
    /// Manage the bundled demo list, or make up a large one for load tests.
    #[command(
        after_help = "Examples:\n  usce sample                how many demo programs are left\n  usce sample --remove       delete them, keeping your own\n  usce sample --generate 15000 --out national.csv\n  usce sample --generate 15000 --interactions 100000 --db-out load.db --seed 7"
    )]
    Sample(sample::SampleArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  usce completions bash > ~/.local/share/bash-completion/completions/usce\n  usce completions zsh > ~/.zfunc/_usce       (with fpath+=~/.zfunc in .zshrc)\n  usce completions fish > ~/.config/fish/completions/usce.fish"
    )]
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff), or write every page to a folder.
    #[command(
        after_help = "Examples:\n  usce man | man -l -\n  usce man -o ~/.local/share/man/man1"
    )]
    Man(docs::ManArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

impl Command {
    /// Commands that never write to the database: they still work on one
    /// that cannot be written (see `Store::open_or_read_only`).
    fn only_reads(&self) -> bool {
        match self {
            Command::List(_)
            | Command::Export(_)
            | Command::Backup(_)
            | Command::Due(_)
            | Command::Stats(_) => true,
            Command::States(args) => args.done.is_empty() && args.not_done.is_empty(),
            Command::Budget(args) => args.travel.is_empty(),
            Command::Apply(args) => {
                args.submitted.is_none() && args.decision.is_none() && args.decided.is_none()
            }
            Command::Calendar(_) => true,
            Command::Docs(args) => matches!(args.action, None | Some(documents::DocsAction::Kinds)),
            Command::Import(args) => args.dry_run || args.show_mapping,
            Command::Sample(args) => !args.remove,
            Command::Sync(args) => args.review,
            Command::Tui | Command::Outreach(_) | Command::Completions(_) | Command::Man(_) => {
                false
            }
        }
    }
}

/// Whether `e` (or an error it wraps) is a write into a closed pipe:
/// `usce due --format json | head` closes it early, the reader's choice and
/// nothing to report. Writers wrap the `io::Error` differently: csv keeps it
/// as a kind, and serde_json's `source()` skips it (it returns the io
/// error's own source), so each is asked in its own terms.
pub fn is_broken_pipe(mut e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    loop {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(csv) = e.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        if let Some(json) = e.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(BrokenPipe);
        }
        match e.source() {
            Some(next) => e = next,
            None => return false,
        }
    }
}

/// Runs a subcommand; the TUI is started by the caller.
pub fn run(cli: &Cli, command: &Command) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // These describe the CLI itself: no clock, no database.
    match command {
        Command::Completions(args) => return docs::completions(args, &mut out),
        Command::Man(args) => return docs::man(args, &mut out),
        _ => {}
    }
    // One clock for the whole command, read before anything is written: a
    // malformed USCE_TODAY stops it with the reason.
    let clock = Clock::from_env()?;
    let today = clock.today();
    // Generating writes only the files named: no database to open (or create).
    if let Command::Sample(args) = command
        && let Some(count) = args.generate
    {
        return sample::run_generate(args, count, clock, &mut out);
    }
    let db = paths::database(cli.db.as_deref())?;
    let mut reading = match command {
        Command::Import(args) => Some(import::start_reading(args)),
        _ => None,
    };
    let mut store = if command.only_reads() {
        Store::open_or_read_only(&db)?.with_clock(clock)
    } else {
        Store::open(&db)?.with_clock(clock)
    };
    if store.is_read_only() {
        // Beside the output, not in it: `usce list --format csv > x` stays clean.
        writeln!(
            std::io::stderr(),
            "note: {} cannot be written here (read-only filesystem or no permission); \
             opened read-only, changes are disabled",
            db.display()
        )?;
    }
    match command {
        Command::Tui => Ok(ExitCode::SUCCESS),
        Command::List(args) => list::run(&store, args, today, &mut out, &mut std::io::stderr()),
        Command::Import(args) => {
            let reading = reading
                .take()
                .unwrap_or_else(|| import::start_reading(args));
            import::run(&mut store, args, reading, &mut out, &mut std::io::stderr())
        }
        Command::Export(args) => export::export(&mut store, args, &mut out),
        Command::Backup(args) => export::backup(&store, &db, args, clock, &mut out),
        Command::States(args) => {
            states::run(&mut store, args, today, &mut out, &mut std::io::stderr())
        }
        Command::Due(args) => due::run(&store, args, today, &mut out),
        Command::Stats(args) => {
            let config = load_config(cli);
            stats::run(&store, args, today, &config.currency, &mut out)
        }
        Command::Calendar(args) => {
            let config = load_config(cli);
            calendar::run(&store, args, &config, clock, &mut out)
        }
        Command::Budget(args) => {
            let config = load_config(cli);
            budget::run(&mut store, args, &config.currency, &mut out)
        }
        Command::Apply(args) => apply::run(&mut store, args, today, &mut out),
        Command::Docs(args) => {
            let config = load_config(cli);
            documents::run(
                &mut store,
                args,
                today,
                config.documents.warn_days,
                &mut out,
            )
        }
        Command::Outreach(args) => outreach::run(
            cli,
            &db,
            &mut store,
            args,
            today,
            &mut out,
            &mut std::io::stderr(),
        ),
        Command::Sample(args) => sample::run(&mut store, &db, args, &mut out),
        Command::Sync(args) => sync::run(cli, &mut store, args, &mut out),
        Command::Completions(_) | Command::Man(_) => Ok(ExitCode::SUCCESS), // handled above
    }
}

/// The config for a command that only reads a setting or two: a broken
/// file is reported on stderr and the defaults are used, as the TUI does.
fn load_config(cli: &Cli) -> crate::config::Config {
    let loaded = paths::config(cli.config.as_deref())
        .map_err(|e| e.to_string())
        .and_then(|path| crate::config::load(&path).map_err(|e| e.to_string()))
        .unwrap_or_else(crate::config::Loaded::defaults_because);
    for warning in &loaded.warnings {
        let _ = writeln!(std::io::stderr(), "warning: {warning}");
    }
    loaded.config
}

/// `--state` values: USPS codes or full names.
pub fn parse_states(values: &[String]) -> Result<Vec<UsState>, String> {
    values
        .iter()
        .map(|s| {
            UsState::parse(s)
                .ok_or_else(|| format!("unknown state {s:?} (use a code like KY or a name)"))
        })
        .collect()
}

/// A `--status` value, with the valid ones listed when it is not one.
pub fn parse_status(value: Option<&str>) -> Result<Option<Status>, String> {
    value
        .map(|s| {
            Status::parse(s).ok_or_else(|| {
                let all: Vec<_> = Status::ALL.iter().map(|s| s.code()).collect();
                format!("unknown status {s:?}; one of: {}", all.join(", "))
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests_pipe;
