//! `usce budget`: what each planned or booked rotation costs, per month
//! and overall, in the one configured currency; `--travel` records a
//! rotation's travel cost.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::CliResult;
use super::due::TextFormat;
use crate::domain::Program;
use crate::domain::RotationId;
use crate::domain::budget::{Budget, BudgetLine};
use crate::domain::costs::{Cents, parse_amount};
use crate::domain::plans::program_by_id;
use crate::store::Store;
use crate::ui::text::pad;

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// Record a rotation's travel cost: ROTATION_ID=AMOUNT (`12=450`).
    #[arg(long, value_name = "ID=AMOUNT", value_parser = parse_travel)]
    pub travel: Vec<(i64, Cents)>,
    /// Output: an aligned table, or JSON for scripts.
    #[arg(long, value_enum, default_value_t)]
    pub format: TextFormat,
}

fn parse_travel(text: &str) -> Result<(i64, Cents), String> {
    let (id, amount) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?} is not ROTATION_ID=AMOUNT"))?;
    let id: i64 = id
        .trim()
        .parse()
        .map_err(|_| format!("{id:?} is not a rotation id"))?;
    let amount = parse_amount(amount).ok_or_else(|| format!("{amount:?} is not an amount"))?;
    Ok((id, amount))
}

/// The budget as scripts read it: amounts in cents, with the currency.
#[derive(Debug, Serialize)]
pub struct BudgetJson<'a> {
    pub currency: &'a str,
    #[serde(flatten)]
    pub budget: &'a Budget,
}

pub fn run(store: &mut Store, args: &BudgetArgs, currency: &str, out: &mut dyn Write) -> CliResult {
    for (id, amount) in &args.travel {
        store.set_travel(RotationId(*id), *amount)?;
    }
    let (programs, plans) = store.load_programs_and_plans()?;
    let budget = plans.budget(&programs);
    match args.format {
        TextFormat::Json => {
            serde_json::to_writer_pretty(
                &mut *out,
                &BudgetJson {
                    currency,
                    budget: &budget,
                },
            )?;
            writeln!(out)?;
        }
        TextFormat::Table => write_table(&programs, &budget, currency, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn write_table(
    programs: &[Program],
    budget: &Budget,
    currency: &str,
    out: &mut dyn Write,
) -> CliResult<()> {
    if budget.lines.is_empty() {
        writeln!(out, "nothing planned yet: add a rotation or an application")?;
        return Ok(());
    }
    writeln!(
        out,
        "{}  {}  {}  {:>5}  {:>10}  {:>10}  {:>10}  {:>10}  {:>10}",
        pad("ROT", 4),
        pad("PROGRAM", 30),
        pad("START", 10),
        "WEEKS",
        "APPLY",
        "FEE",
        "HOUSING",
        "TRAVEL",
        "TOTAL"
    )?;
    for line in &budget.lines {
        write_line(programs, line, currency, out)?;
    }
    writeln!(out)?;
    for (month, total) in &budget.by_month {
        writeln!(out, "{}  {:>10}", pad(month, 11), total.show(currency))?;
    }
    writeln!(
        out,
        "{}  {:>10}",
        pad("total", 11),
        budget.total.show(currency)
    )?;
    Ok(())
}

fn write_line(
    programs: &[Program],
    line: &BudgetLine,
    currency: &str,
    out: &mut dyn Write,
) -> CliResult<()> {
    let name = program_by_id(programs, line.program_id).map_or("?", |p| p.name.as_str());
    let rotation = line
        .rotation_id
        .map_or_else(|| "-".into(), |r| r.0.to_string());
    let start = line
        .start
        .map_or_else(|| "not booked".into(), |d| d.to_string());
    writeln!(
        out,
        "{}  {}  {}  {:>5}  {:>10}  {:>10}  {:>10}  {:>10}  {:>10}",
        pad(&rotation, 4),
        pad(name, 30),
        pad(&start, 10),
        line.weeks,
        line.application_fee.show(currency),
        line.rotation_fee.show(currency),
        line.housing.show(currency),
        line.travel.show(currency),
        line.total().show(currency)
    )?;
    if !line.unknown.is_empty() {
        writeln!(out, "      not stated: {}", line.unknown.join(", "))?;
    }
    Ok(())
}
