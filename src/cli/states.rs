//! `usce states`: progress per state, which states are done, and where to
//! look next (home first, then its neighbours, as the guides advise).

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::CliResult;
use crate::domain::UsState;
use crate::domain::states_overview::{StateRow, add_empty_rows, overview, suggest_next};
use crate::store::Store;
use crate::ui::text::pad;

#[derive(Debug, Args)]
pub struct StatesArgs {
    /// Mark a state done before printing (USPS code or name); repeatable.
    #[arg(long = "done", value_name = "XX")]
    pub done: Vec<String>,
    /// Take the done mark off a state; repeatable.
    #[arg(long = "not-done", value_name = "XX")]
    pub not_done: Vec<String>,
    /// Output: an aligned table, or JSON for scripts.
    #[arg(long, value_enum, default_value_t)]
    pub format: StatesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum StatesFormat {
    #[default]
    Table,
    Json,
}

#[derive(Serialize)]
struct Report<'a> {
    home: Option<UsState>,
    done: &'a [UsState],
    states: Vec<RowOut<'a>>,
    next: &'a [UsState],
}

#[derive(Serialize)]
struct RowOut<'a> {
    #[serde(flatten)]
    row: &'a StateRow,
    name: &'static str,
    home: bool,
    done: bool,
}

/// Fit is checked as of `today`. Rows that cannot be read are left out
/// and named on `err`, as `usce list` does.
pub fn run(
    store: &mut Store,
    args: &StatesArgs,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    // Parse every argument before changing anything, so a typo changes nothing.
    let mark = parse_states(&args.done)?;
    let unmark = parse_states(&args.not_done)?;
    for s in mark {
        store.set_state_done(s, true)?;
    }
    for s in unmark {
        store.set_state_done(s, false)?;
    }

    let (profile, bad_profile) = store.read_profile()?;
    let home = profile.home_state;
    let done = store.states_done()?;
    let mut loaded = store.load_programs()?;
    loaded.needs_repair.extend(bad_profile);
    super::list::warn_needs_repair(&loaded.needs_repair, err)?;
    let mut rows = overview(&loaded.programs, &profile, today);
    add_empty_rows(&mut rows, &done, home);
    let next = suggest_next(&done, home, &rows);

    match args.format {
        StatesFormat::Table => write_table(&rows, &done, home, &next, out)?,
        StatesFormat::Json => {
            let states = rows
                .iter()
                .map(|row| RowOut {
                    row,
                    name: row.state.name(),
                    home: Some(row.state) == home,
                    done: done.contains(&row.state),
                })
                .collect();
            let report = Report {
                home,
                done: &done,
                states,
                next: &next,
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_states(texts: &[String]) -> CliResult<Vec<UsState>> {
    Ok(super::parse_states(texts)?)
}

fn write_table(
    rows: &[StateRow],
    done: &[UsState],
    home: Option<UsState>,
    next: &[UsState],
    out: &mut dyn Write,
) -> CliResult<()> {
    writeln!(
        out,
        "ST  {}  LISTED  REVIEWED  FITS  CONTACTED  REPLIED  MARK",
        pad("NAME", 20)
    )?;
    for r in rows {
        let mut marks = Vec::new();
        if Some(r.state) == home {
            marks.push("home");
        }
        if done.contains(&r.state) {
            marks.push("done");
        }
        let line = format!(
            "{}  {}  {:>6}  {:>8}  {:>4}  {:>9}  {:>7}  {}",
            r.state.code(),
            pad(r.state.name(), 20),
            r.listed,
            r.reviewed,
            r.fits,
            r.contacted,
            r.replied,
            marks.join(", ")
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    if rows.is_empty() {
        writeln!(out, "no programs listed yet")?;
    }
    writeln!(out)?;
    if next.is_empty() {
        writeln!(
            out,
            "next: nothing to suggest — add programs, or set a home state in your profile"
        )?;
    } else {
        let codes: Vec<&str> = next.iter().map(|s| s.code()).collect();
        writeln!(out, "next: {}", codes.join(" "))?;
    }
    if home.is_none() {
        writeln!(
            out,
            "tip: set a home state in your profile; the guides say to start there"
        )?;
    }
    Ok(())
}
