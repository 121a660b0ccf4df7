//! `usce stats`: how outreach is going, per state and overall.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::CliResult;
use super::due::TextFormat;
use crate::domain::stats::Tally;
use crate::store::Store;
use crate::ui::text::pad;

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output: an aligned table, or JSON for scripts.
    #[arg(long, value_enum, default_value_t)]
    pub format: TextFormat,
}

pub fn run(store: &Store, args: &StatsArgs, today: NaiveDate, out: &mut dyn Write) -> CliResult {
    let stats = store.outreach_stats(today)?;
    match args.format {
        TextFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &stats)?;
            writeln!(out)?;
        }
        TextFormat::Table => {
            writeln!(
                out,
                "{}  PROGRAMS  CONTACTED  REPLIED  ACCEPTED  REPLY RATE  MEDIAN DAYS  OVERDUE",
                pad("STATE", 5)
            )?;
            for s in &stats.by_state {
                write_row(out, s.state.code(), &s.tally)?;
            }
            write_row(out, "ALL", &stats.overall)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_row(out: &mut dyn Write, label: &str, t: &Tally) -> CliResult<()> {
    let rate = t
        .reply_rate
        .map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "-".into());
    let median = t
        .median_days_to_reply
        .map(|d| format!("{d:.1}"))
        .unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "{}  {:>8}  {:>9}  {:>7}  {:>8}  {:>10}  {:>11}  {:>7}",
        pad(label, 5),
        t.programs,
        t.contacted,
        t.replied,
        t.accepted,
        rate,
        median,
        t.follow_ups_overdue
    )?;
    Ok(())
}
