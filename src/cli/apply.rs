//! `usce apply PROGRAM_ID`: a program's application — when it was
//! submitted, what the program decided and when. With no flags it shows
//! them; `--submitted`, `--decision` and `--decided` record them (making
//! the application when the program has none). The TUI's checklist does
//! the same with `o`.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::CliResult;
use super::due::TextFormat;
use crate::domain::ProgramId;
use crate::domain::application::{Application, Decision};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The program's id (`usce list --format json` shows it).
    pub program: i64,
    /// The day the application went in; "" clears it.
    #[arg(long, value_name = "DATE")]
    pub submitted: Option<String>,
    /// pending, accepted, waitlisted, declined or withdrawn.
    #[arg(long, value_parser = decision)]
    pub decision: Option<Decision>,
    /// The day of the decision (default: today, for a decision other than
    /// pending that has no date yet).
    #[arg(long, value_name = "DATE")]
    pub decided: Option<String>,
    /// Output: a line of text, or JSON for scripts.
    #[arg(long, value_enum, default_value_t)]
    pub format: TextFormat,
}

/// Dates as every form and the importer read them (the shared parser).
fn optional_day(text: &str) -> Result<Option<NaiveDate>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::fields::parse::date(text)
        .map(Some)
        .map_err(String::from)
}

fn decision(text: &str) -> Result<Decision, String> {
    Decision::parse(text).ok_or_else(|| {
        format!("{text:?} is not a decision: pending, accepted, waitlisted, declined or withdrawn")
    })
}

impl ApplyArgs {
    fn changes(&self) -> bool {
        self.submitted.is_some() || self.decision.is_some() || self.decided.is_some()
    }

    /// The application with the flags given applied; pending has no
    /// decision date, another decision has one (today unless given).
    fn applied_to(&self, mut app: Application, today: NaiveDate) -> CliResult<Application> {
        if let Some(text) = &self.submitted {
            app.submitted_on = optional_day(text).map_err(|e| format!("--submitted: {e}"))?;
        }
        if let Some(d) = self.decision {
            app.decision = d;
        }
        if let Some(text) = &self.decided {
            app.decided_on = optional_day(text).map_err(|e| format!("--decided: {e}"))?;
        }
        app.decided_on = match app.decision {
            Decision::Pending => None,
            _ => app.decided_on.or(Some(today)),
        };
        Ok(app)
    }
}

#[derive(Debug, Serialize)]
struct ApplyJson<'a> {
    program_name: &'a str,
    #[serde(flatten)]
    application: Option<&'a Application>,
}

pub fn run(
    store: &mut Store,
    args: &ApplyArgs,
    today: NaiveDate,
    out: &mut dyn Write,
) -> CliResult {
    let id = ProgramId(args.program);
    let Some(program) = store.get_program(id)? else {
        return Err(format!("no program {}: `usce list` shows the ids", args.program).into());
    };
    let app = if args.changes() {
        // Read every flag before anything is written.
        let current = store
            .application_for(id)?
            .unwrap_or_else(|| Application::new(id));
        args.applied_to(current, today)?;
        let app = args.applied_to(store.open_application(id)?, today)?;
        store.update_application(&app)?;
        Some(app)
    } else {
        store.application_for(id)?
    };
    match args.format {
        TextFormat::Json => {
            let json = ApplyJson {
                program_name: &program.name,
                application: app.as_ref(),
            };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        TextFormat::Table => writeln!(out, "{}", describe(&program.name, app.as_ref()))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// "Lakeside IM: submitted 2026-11-20 · accepted on 2026-12-01".
fn describe(name: &str, app: Option<&Application>) -> String {
    let Some(app) = app else {
        return format!("{name}: not applied yet (usce apply ID --submitted DATE)");
    };
    let submitted = app
        .submitted_on
        .map_or("not submitted".to_string(), |d| format!("submitted {d}"));
    let decision = match app.decided_on {
        Some(d) => format!("{} on {d}", app.decision.label()),
        None => app.decision.label().to_string(),
    };
    format!("{name}: {submitted} · {decision}")
}
