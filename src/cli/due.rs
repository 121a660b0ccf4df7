//! `usce due`: the follow-ups to chase, overdue first, for a morning glance
//! or a script. Always exits 0: "nothing due" is good news, not an error.

use std::io::Write;
use std::process::ExitCode;

use chrono::{Days, NaiveDate};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::CliResult;
use crate::domain::due::{Bucket, bucket, days_until};
use crate::domain::{OpenFollowUp, UsState};
use crate::store::Store;
use crate::ui::text::{fit, pad};

/// Output for commands that have no CSV form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TextFormat {
    #[default]
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// How far ahead to look: days or weeks, like 7d, 2w or 0d (overdue
    /// and today only).
    #[arg(long, value_name = "SPAN", default_value = "7d", value_parser = parse_span)]
    pub within: u64,
    /// Output: an aligned table, or JSON for scripts.
    #[arg(long, value_enum, default_value_t)]
    pub format: TextFormat,
}

/// Parses "7d", "2w", "0d" into a number of days.
pub fn parse_span(text: &str) -> Result<u64, String> {
    let t = text.trim().to_ascii_lowercase();
    let bad = || format!("{text:?} is not a span like 7d, 2w or 0d");
    let (number, per_unit) = if let Some(n) = t.strip_suffix('d') {
        (n, 1)
    } else if let Some(n) = t.strip_suffix('w') {
        (n, 7)
    } else {
        return Err(bad());
    };
    let n: u64 = number.parse().map_err(|_| bad())?;
    // Ten years is already more than any outreach plan; beyond it dates overflow.
    match n.checked_mul(per_unit) {
        Some(days) if days <= 3650 => Ok(days),
        _ => Err(format!("{text:?} is too far ahead (at most 3650 days)")),
    }
}

/// One line of `--format json`.
#[derive(Debug, Serialize)]
struct DueRow<'a> {
    id: i64,
    program_id: i64,
    program: &'a str,
    state: UsState,
    contact: Option<&'a str>,
    due: NaiveDate,
    /// Negative when overdue.
    days: i64,
    bucket: Bucket,
    note: &'a str,
    snoozed_from: &'a [NaiveDate],
}

pub fn run(store: &Store, args: &DueArgs, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let until = today
        .checked_add_days(Days::new(args.within))
        .unwrap_or(NaiveDate::MAX);
    let due: Vec<OpenFollowUp> = store
        .list_open_follow_ups()?
        .into_iter()
        .filter(|o| o.follow_up.due <= until)
        .collect();
    match args.format {
        TextFormat::Table => write_table(&due, today, until, out)?,
        TextFormat::Json => {
            let rows: Vec<DueRow> = due.iter().map(|o| row(o, today)).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn row(o: &OpenFollowUp, today: NaiveDate) -> DueRow<'_> {
    let f = &o.follow_up;
    DueRow {
        id: f.id.0,
        program_id: f.program_id.0,
        program: &o.program_name,
        state: o.state,
        contact: o.contact_name.as_deref(),
        due: f.due,
        days: days_until(f.due, today),
        bucket: bucket(f.due, today),
        note: &f.note,
        snoozed_from: &f.snoozed_from,
    }
}

/// "3 days late", "today", "in 2 days".
fn when(days: i64) -> String {
    match days {
        0 => "today".into(),
        d if d < 0 => format!("{} late", crate::domain::plural::count(-d, "day")),
        d => format!("in {}", crate::domain::plural::count(d, "day")),
    }
}

fn write_table(
    due: &[OpenFollowUp],
    today: NaiveDate,
    until: NaiveDate,
    out: &mut dyn Write,
) -> CliResult<()> {
    if due.is_empty() {
        writeln!(out, "nothing due through {until}")?;
        return Ok(());
    }
    writeln!(
        out,
        "{}  DUE         {}  ST  {}  NOTE",
        pad("BUCKET", 11),
        pad("WHEN", 12),
        pad("PROGRAM", 40)
    )?;
    for o in due {
        let f = &o.follow_up;
        let note = match &o.contact_name {
            Some(name) if f.note.is_empty() => name.clone(),
            Some(name) => format!("{} ({name})", f.note),
            None => f.note.clone(),
        };
        let line = format!(
            "{}  {}  {}  {}  {}  {}",
            pad(bucket(f.due, today).label(), 11),
            f.due,
            pad(&when(days_until(f.due, today)), 12),
            o.state.code(),
            pad(&o.program_name, 40),
            fit(&note, 40)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    let count = |b: Bucket| {
        due.iter()
            .filter(|o| bucket(o.follow_up.due, today) == b)
            .count()
    };
    let parts: Vec<String> = Bucket::ALL
        .iter()
        .map(|b| (b, count(*b)))
        .filter(|(_, n)| *n > 0)
        .map(|(b, n)| format!("{n} {}", b.label()))
        .collect();
    writeln!(
        out,
        "{} through {until}: {}",
        crate::domain::plural::count(due.len(), "follow-up"),
        parts.join(", ")
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_days_or_weeks() {
        assert_eq!(parse_span("7d"), Ok(7));
        assert_eq!(parse_span("0d"), Ok(0));
        assert_eq!(parse_span("2w"), Ok(14));
        assert_eq!(parse_span(" 3D "), Ok(3));
        for bad in ["", "7", "d", "-1d", "1.5w", "7 days", "x7d"] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
        assert!(parse_span("99999w").unwrap_err().contains("too far"));
    }

    #[test]
    fn when_reads_naturally() {
        assert_eq!(when(-1), "1 day late");
        assert_eq!(when(-3), "3 days late");
        assert_eq!(when(0), "today");
        assert_eq!(when(1), "in 1 day");
        assert_eq!(when(6), "in 6 days");
    }
}
