//! `usce list`: programs as a table, CSV or JSON.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{CliResult, Format};
use crate::app::list::ProgramList;
use crate::domain::Program;
use crate::domain::fields::Field;
use crate::domain::fit::{Fit, Verdict, check};
use crate::domain::repair::{self, NeedsRepair};
use crate::export::CsvWriter;
use crate::store::Store;
use crate::ui::text::{clean, fit, pad};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only programs in this state (USPS code or name); repeatable.
    #[arg(long = "state", value_name = "XX")]
    pub states: Vec<String>,
    /// Only programs with this status (e.g. researching, contacted).
    #[arg(long)]
    pub status: Option<String>,
    /// Only programs whose requirements you fit, that need a check, or that
    /// you do not fit (compared with your profile; USCE_TODAY fixes the date).
    #[arg(long, value_enum, value_name = "VERDICT")]
    pub fit: Option<FitFilter>,
    /// Fuzzy search, as `/` does in the app (name, institution, city,
    /// specialty, tags, state; accents and case ignored): best matches
    /// first within each state.
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,
    /// Output: an aligned table, CSV, or JSON (with fit reasons).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// The `--fit` values; `not` is short for "not a fit".
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FitFilter {
    Fits,
    Check,
    #[value(alias = "not_fit", alias = "not-fit")]
    Not,
}

impl FitFilter {
    pub fn verdict(self) -> Verdict {
        match self {
            FitFilter::Fits => Verdict::Fits,
            FitFilter::Check => Verdict::Check,
            FitFilter::Not => Verdict::NotFit,
        }
    }
}

/// A program with its fit, as JSON prints it: the program's own fields,
/// then `"fit": {"verdict", "reasons"}`.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    program: &'a Program,
    fit: &'a Fit,
}

/// Fit is checked as of `today`. Rows that cannot be read are left out
/// and named on `err`, beside the output, so a CSV or JSON stays clean.
pub fn run(
    store: &Store,
    args: &ListArgs,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    let states = super::parse_states(&args.states)?;
    let status = super::parse_status(args.status.as_deref())?;
    let (profile, bad_profile) = store.read_profile()?;
    let wanted = args.fit.map(FitFilter::verdict);
    let mut loaded = store.load_programs()?;
    loaded.needs_repair.extend(bad_profile);
    warn_needs_repair(&loaded.needs_repair, err)?;
    let mut programs = loaded.programs;
    if let Some(query) = &args.search {
        // The app's own search, so the CLI finds exactly what `/` finds.
        let mut list = ProgramList::new(programs, None);
        list.set_filter(query);
        programs = list.into_matched();
    }
    // Filtered in place, with the fits beside the programs and their
    // reasons kept only for JSON: a national list stays within ~30 MB.
    programs.retain(|p| {
        (states.is_empty() || states.contains(&p.state)) && status.is_none_or(|s| p.status == s)
    });
    let mut fits: Vec<Fit> = programs
        .iter()
        .map(|p| {
            let mut fit = check(&profile, p, today);
            if args.format != Format::Json {
                fit.reasons = Vec::new();
            }
            fit
        })
        .collect();
    if let Some(verdict) = wanted {
        let mut keep = fits.iter().map(|f| f.verdict == verdict);
        programs.retain(|_| keep.next().unwrap_or(false));
        fits.retain(|f| f.verdict == verdict);
    }
    match args.format {
        Format::Table => write_table(&programs, &fits, out)?,
        Format::Csv => write_csv(&programs, &fits, out)?,
        Format::Json => {
            let listed: Vec<Listed> = programs
                .iter()
                .zip(&fits)
                .map(|(program, fit)| Listed { program, fit })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &listed)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The program columns `--format csv` writes, under the headers scripts
/// know; each value is the field's stable text from the field table
/// (codes for choices). The fit verdict follows.
const CSV_COLUMNS: [(&str, Field); 11] = [
    ("acgme_id", Field::ExternalId),
    ("name", Field::Name),
    ("institution", Field::Institution),
    ("specialty", Field::Specialty),
    ("state", Field::State),
    ("city", Field::City),
    ("status", Field::Status),
    ("accepts_imgs", Field::AcceptsImgs),
    ("visa", Field::Visa),
    ("img_percent", Field::ImgPercent),
    ("website", Field::Website),
];

fn write_csv(programs: &[Program], fits: &[Fit], out: &mut dyn Write) -> CliResult<()> {
    // The exporter's writer, so a formula in a stored cell is guarded
    // here exactly as `usce export` guards it.
    let mut w = CsvWriter::new(out);
    w.row(CSV_COLUMNS.iter().map(|(header, _)| *header).chain(["fit"]))?;
    for (p, fit) in programs.iter().zip(fits) {
        let values = CSV_COLUMNS
            .iter()
            .map(|(_, field)| field.spec().value.code(p));
        w.row(values.chain([fit.verdict.code().to_string()]))?;
    }
    w.finish()?;
    Ok(())
}

/// "warning: 1 stored program could not be read and needs repair
/// (left out): program 4 “Surgery”: state: …", one line per row.
pub(super) fn warn_needs_repair(rows: &[NeedsRepair], err: &mut dyn Write) -> CliResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(err, "warning: {} (left out):", repair::summary(rows))?;
    for row in rows {
        writeln!(err, "  {}", clean(&row.describe()))?;
    }
    Ok(())
}

fn write_table(programs: &[Program], fits: &[Fit], out: &mut dyn Write) -> CliResult<()> {
    writeln!(
        out,
        "ST  {}  {}  {}  {}  SPECIALTY",
        pad("STATUS", 11),
        pad("FIT", 9),
        pad("NAME", 44),
        pad("CITY", 16)
    )?;
    for (p, verdict) in programs.iter().zip(fits.iter().map(|f| f.verdict)) {
        writeln!(
            out,
            "{}  {}  {}  {}  {}  {}",
            p.state.code(),
            pad(p.status.label(), 11),
            pad(verdict.label(), 9),
            pad(&p.name, 44),
            pad(&p.city, 16),
            fit(&p.specialty, 30)
        )?;
    }
    writeln!(
        out,
        "{}",
        crate::domain::plural::count(programs.len(), "program")
    )?;
    Ok(())
}
