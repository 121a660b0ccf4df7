//! `usce stats`: how outreach is going, per state and overall.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::CliResult;
use super::due::TextFormat;
use crate::domain::costs::Cents;
use crate::domain::stats::Tally;
use crate::store::Store;
use crate::ui::text::pad;

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output: an aligned table, or JSON for scripts.
    #[arg(long, value_enum, default_value_t)]
    pub format: TextFormat,
}

/// The outreach figures with the cost totals beside them (issue 19).
#[derive(serde::Serialize)]
struct WithCosts<'a> {
    #[serde(flatten)]
    stats: &'a crate::domain::Stats,
    costs: CostTotals<'a>,
}

/// Budget totals in cents: per month of a rotation's start and overall.
#[derive(serde::Serialize)]
struct CostTotals<'a> {
    currency: &'a str,
    by_month: &'a std::collections::BTreeMap<String, Cents>,
    total: Cents,
}

pub fn run(
    store: &Store,
    args: &StatsArgs,
    today: NaiveDate,
    currency: &str,
    out: &mut dyn Write,
) -> CliResult {
    let stats = store.outreach_stats(today)?;
    let (programs, plans) = store.load_programs_and_plans()?;
    let budget = plans.budget(&programs);
    match args.format {
        TextFormat::Json => {
            let costs = CostTotals {
                currency,
                by_month: &budget.by_month,
                total: budget.total,
            };
            serde_json::to_writer_pretty(
                &mut *out,
                &WithCosts {
                    stats: &stats,
                    costs,
                },
            )?;
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
            if !budget.lines.is_empty() {
                writeln!(out)?;
                writeln!(out, "COSTS (usce budget has each rotation)")?;
                for (month, total) in &budget.by_month {
                    writeln!(out, "{}  {:>10}", pad(month, 11), total.show(currency))?;
                }
                writeln!(
                    out,
                    "{}  {:>10}",
                    pad("total", 11),
                    budget.total.show(currency)
                )?;
            }
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
