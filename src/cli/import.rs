//! `usce import FILE [--dry-run] [--update] [--sheet NAME|N]
//! [--map "Header=field"]… [--ignore "Header"]… [--state XX] [--strict]
//! [--show-mapping]`; `-` reads standard input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::CliResult;
use crate::domain::UsState;
use crate::import::Decision;
use crate::import::file::{
    Input, MAX_FILE_BYTES, PrepareError, Watch, import_input, mapping_of, prepare_input,
};
use crate::import::mapping::{By, Choice, ImportOptions, Mapping, Outcome, parse_map};
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
    /// Read a column as a field: --map "Tel=main_phone" (repeatable). The
    /// field is a key that --show-mapping prints or any header usce knows.
    /// A mapping you import with is saved and reused for files with the
    /// same headers.
    #[arg(long = "map", value_name = "HEADER=FIELD", value_parser = parse_map)]
    pub map: Vec<(String, Choice)>,
    /// Do not read this column (repeatable).
    #[arg(long = "ignore", value_name = "HEADER")]
    pub ignore: Vec<String>,
    /// The state of every row that names none: for a list of one state
    /// without a state column.
    #[arg(long, value_name = "STATE", value_parser = parse_state)]
    pub state: Option<UsState>,
    /// Refuse the file when any cell cannot be read, instead of leaving
    /// optional fields unknown and listing them.
    #[arg(long)]
    pub strict: bool,
    /// Print which field each column goes to, and import nothing.
    #[arg(long)]
    pub show_mapping: bool,
}

fn parse_state(text: &str) -> Result<UsState, String> {
    UsState::parse(text)
        .ok_or_else(|| format!("unknown state {text:?} (use a code like FL or a name)"))
}

impl ImportArgs {
    fn options(&self) -> ImportOptions {
        let mut choices = self.map.clone();
        choices.extend(self.ignore.iter().map(|h| (h.clone(), Choice::Ignore)));
        ImportOptions {
            choices,
            state: self.state,
            strict: self.strict,
            saved: Vec::new(),
        }
    }
}

/// The input of `usce import`, being read whole on its own thread.
pub struct Reading(std::thread::JoinHandle<Result<Input, PrepareError>>);

/// Starts reading the input, before the database is opened: the two
/// overlap (a new database's schema, a 4 MB list's pages), and the file is
/// read before the write lock is asked for, so a slow pipe never holds it.
pub fn start_reading(args: &ImportArgs) -> Reading {
    let max_bytes = args.max_size.saturating_mul(1_000_000);
    let file = args.file.clone();
    Reading(std::thread::spawn(move || {
        if file.as_os_str() == "-" {
            Input::stream(std::io::stdin().lock(), max_bytes)
        } else {
            Input::read(&file, max_bytes)
        }
    }))
}

impl Reading {
    fn finish(self) -> Result<Input, PrepareError> {
        match self.0.join() {
            Ok(read) => read,
            // Reading a file does not panic; if it did, it is a bug to show.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
}

pub fn run(
    store: &mut Store,
    args: &ImportArgs,
    reading: Reading,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    let input = match reading.finish() {
        Ok(input) => input
            .with_sheet(args.sheet.clone())
            .with_mapping(args.options()),
        Err(e) => return refused(&args.file, e, err),
    };
    if args.show_mapping {
        return show_mapping(store, &input, out, err);
    }
    if !args.dry_run {
        let mut quiet = |_, _| {};
        let watch = Watch {
            progress: &mut quiet,
            cancelled: &|| false,
        };
        // The command returns once the import is committed; copying it
        // from the log into the database file is left to the next usce
        // (store/checkpoint.rs says why).
        store.leave_checkpoints_to_next_usce()?;
        return match import_input(store, &input, args.update, watch) {
            Ok(imported) => {
                say_note(imported.note.as_deref(), err)?;
                show_choices(&imported.mapping, err)?;
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
    show_choices(&prepared.mapping, err)?;
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

/// `--show-mapping`: every column and the field it goes to, then what
/// reading the rows would say. Writes nothing.
fn show_mapping(
    store: &Store,
    input: &Input,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    let parsed = match mapping_of(store, input) {
        Ok(parsed) => parsed,
        Err(e) => return refused(&input.path, e, err),
    };
    for line in parsed.mapping.lines() {
        writeln!(out, "{}", clean(&line))?;
    }
    for w in &parsed.warnings {
        writeln!(err, "warning: {}", clean(w))?;
    }
    writeln!(
        out,
        "{} to import, {} with problems (nothing imported; --map \"Header=field\" or \
         --ignore \"Header\" changes the mapping)",
        crate::domain::plural::count(parsed.rows.len(), "row"),
        crate::domain::plural::count(
            parsed
                .errors
                .iter()
                .map(|e| e.line)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            "row"
        ),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The columns the user (or a saved mapping) decided, always shown: a
/// saved mapping is never applied silently.
fn show_choices(mapping: &Mapping, err: &mut dyn Write) -> std::io::Result<()> {
    for (header, outcome) in &mapping.columns {
        let (what, by) = match outcome {
            Outcome::Read(field, by) => (crate::import::mapping::describe(*field), *by),
            Outcome::Ignored(by) => ("ignored".to_string(), *by),
            _ => continue,
        };
        let from = match by {
            By::Header => continue,
            By::Saved => "saved mapping",
            By::Chosen => "chosen",
        };
        writeln!(
            err,
            "mapping: {:?} → {} ({from})",
            clean(header),
            clean(&what)
        )?;
    }
    Ok(())
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
