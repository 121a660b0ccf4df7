//! Batch outreach from the TUI as jobs: plan over the filtered programs
//! (reads every program's contacts and renders the template for each),
//! then send one by one, paced as the config says, with a progress line.
//!
//! Both can be cancelled. Planning writes nothing. Sending stops between
//! two emails (the pacing wait wakes at once): every email already sent is
//! recorded, and running the batch again resumes where it stopped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Job, RunParams};
use crate::app::event::{BatchPreview, Event};
use crate::app::jobs::{JobKind, Progress};
use crate::clock::Clock;
use crate::domain::ProgramId;
use crate::mail::{SmtpConfig, TemplateSet};
use crate::outreach::{self, Mailer, Pace, Plan, Selection, SkipReason, Stop};
use crate::runtime::Services;
use crate::store::Store;

fn selection(template: &str, programs: &[ProgramId]) -> Selection {
    Selection {
        template: template.to_string(),
        programs: Some(programs.iter().copied().collect::<HashSet<_>>()),
        ..Selection::default()
    }
}

/// What the worker reads the plan from: its own connection, and the
/// templates as the user's folder has them now.
fn plan_from(
    db: &Path,
    templates_dir: &Path,
    sel: &Selection,
    clock: Clock,
) -> Result<Plan, String> {
    let store = Store::open(db)
        .map_err(|e| e.to_string())?
        .with_clock(clock);
    let templates = TemplateSet::load(Some(templates_dir)).map_err(|e| e.to_string())?;
    outreach::plan(&store, &templates, sel, clock.today()).map_err(|e| e.to_string())
}

/// Plans without writing anything, for the confirmation; answered by
/// `BatchPlanned`.
pub fn plan(services: &Services, template: String, programs: Vec<ProgramId>) -> Job {
    let db = services.db_path.clone();
    let templates_dir = services.templates_dir.clone();
    let clock = services.clock;
    let start = Progress::new(
        format!(
            "Planning “{template}” for {}",
            crate::domain::plural::count(programs.len(), "program")
        ),
        true,
    );
    Job::new(JobKind::Batch, start, move |params| {
        let planned = plan_from(&db, &templates_dir, &selection(&template, &programs), clock);
        if params.cancelled() {
            return Ok(vec![Event::Done("Batch planning cancelled.".into())]);
        }
        Ok(vec![match planned {
            Ok(plan) => Event::BatchPlanned(Box::new(preview(&plan, template, programs))),
            Err(e) => Event::Failed(format!("Cannot plan the batch: {e}")),
        }])
    })
}

/// Names shown per skip reason before "and N more".
const NAMED_PER_REASON: usize = 5;

/// One line per skip reason: how many, then which programs and why each
/// ("1 already sent this template: Buckeye IM (to x@y.edu on 1 Dec 14:05)").
fn preview(plan: &Plan, template: String, programs: Vec<ProgramId>) -> BatchPreview {
    let mut reasons: Vec<(String, Vec<String>)> = Vec::new();
    for s in &plan.skipped {
        let key = match &s.reason {
            SkipReason::Unresolved(_) => format!("template fields missing ({})", s.reason),
            other => other.to_string(),
        };
        let who = match s.detail.as_str() {
            "" => s.program.name.clone(),
            detail => format!("{} ({detail})", s.program.name),
        };
        match reasons.iter_mut().find(|(k, _)| *k == key) {
            Some((_, names)) => names.push(who),
            None => reasons.push((key, vec![who])),
        }
    }
    BatchPreview {
        template,
        programs,
        ready: plan.ready.len(),
        skipped: reasons
            .into_iter()
            .map(|(k, names)| {
                let more = match names.len().saturating_sub(NAMED_PER_REASON) {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                let named: Vec<&str> = names
                    .iter()
                    .take(NAMED_PER_REASON)
                    .map(String::as_str)
                    .collect();
                format!("{} {k}: {}{more}", names.len(), named.join(", "))
            })
            .collect(),
    }
}

/// Everything the worker needs, owned, so it can run on its own thread.
struct Batch {
    db: PathBuf,
    templates_dir: PathBuf,
    smtp: SmtpConfig,
    /// For `save_sent`: copies into the Sent folder.
    imap: Option<crate::mail::imap::ImapConfig>,
    sent_dir: PathBuf,
    follow_up_days: u32,
    pace: Pace,
    /// The session's clock: stamps, follow-ups and the daily cap.
    clock: Clock,
    template: String,
    programs: Vec<ProgramId>,
}

/// Sends in the background; ends with `BatchFinished`.
pub fn send(
    services: &Services,
    template: String,
    programs: Vec<ProgramId>,
) -> Result<Job, String> {
    let smtp = services.config.smtp.clone().ok_or_else(|| {
        format!(
            "Sending is not set up: add an [smtp] section to {}.",
            services.config_path.display()
        )
    })?;
    let batch = Batch {
        db: services.db_path.clone(),
        templates_dir: services.templates_dir.clone(),
        smtp,
        imap: services.config.imap.clone(),
        sent_dir: services.sent_dir.clone(),
        follow_up_days: services.config.follow_up.after_send_days,
        pace: Pace {
            delay: Duration::from_secs(services.config.outreach.delay_secs),
            max_per_day: services.config.outreach.max_per_day,
        },
        clock: services.clock,
        template,
        programs,
    };
    let start = Progress::new(format!("Batch “{}”: planning", batch.template), true);
    Ok(Job::new(JobKind::Batch, start, move |params| {
        let summary = run(&batch, params).unwrap_or_else(|e| format!("The batch stopped: {e}"));
        Ok(vec![Event::BatchFinished(summary)])
    }))
}

fn run(batch: &Batch, params: &RunParams) -> Result<String, String> {
    let plan = plan_from(
        &batch.db,
        &batch.templates_dir,
        &selection(&batch.template, &batch.programs),
        batch.clock,
    )?;
    let mut store = Store::open(&batch.db)
        .map_err(|e| e.to_string())?
        .with_clock(batch.clock);
    let total = plan.ready.len();
    let mailer = Mailer {
        smtp: &batch.smtp,
        sent_dir: &batch.sent_dir,
        follow_up_days: batch.follow_up_days,
    };
    let mut sent = 0;
    // Programs whose address turned out not to be one: the batch goes on.
    let mut bad_addresses: Vec<(&str, String)> = Vec::new();
    let mut copy_warnings: Vec<String> = Vec::new();
    for (index, ready) in plan.ready.iter().enumerate() {
        // Pacing, not synchronisation: receiving servers treat a burst of
        // near-identical mail as spam. A cancel cuts the wait short.
        if index > 0 && !batch.pace.delay.is_zero() {
            params.report(
                format!("Batch: sent {sent}/{total}; next one shortly"),
                true,
            );
            if params.wait_or_cancel(batch.pace.delay) {
                return Ok(stopped(sent, total));
            }
        }
        if params.cancelled() {
            return Ok(stopped(sent, total));
        }
        let line = format!(
            "Batch: sending {}/{total} to {}",
            index + 1,
            ready.program.name
        );
        params.report(line, true);
        // One email at a time through the same `send_batch` the CLI uses
        // (daily cap, saving the draft, the ledger), so the job can stop
        // between two of them.
        let outcome = outreach::send_batch(
            &mut store,
            &mailer,
            std::slice::from_ref(ready),
            Pace {
                delay: Duration::ZERO,
                ..batch.pace
            },
            &mut |_| {},
            &mut |_, sent| {
                if let Some(warning) =
                    crate::sync::save_sent_copy(batch.imap.as_ref(), &sent.eml_path)
                {
                    copy_warnings.push(warning);
                }
            },
        );
        sent += outcome.sent.len();
        bad_addresses.extend(
            outcome
                .skipped
                .into_iter()
                .map(|(_, e)| (ready.program.name.as_str(), e.to_string())),
        );
        let skipped = skipped_note(&bad_addresses);
        match outcome.stop {
            None => {}
            Some(Stop::Failed { error, .. }) => {
                return Ok(format!(
                    "Sent {sent} of {total}, then stopped at {}: {error}. The rest are unsent; run it again to resume.{skipped}",
                    ready.program.name
                ));
            }
            Some(Stop::DailyCap { sent_today, .. }) => {
                return Ok(format!(
                    "Sent {sent} of {total}: the daily limit ({sent_today} today) is reached. Run it again tomorrow to resume.{skipped}"
                ));
            }
        }
    }
    let skipped = skipped_note(&bad_addresses);
    let copies = copy_warnings
        .first()
        .map(|w| format!(" Note: {w}."))
        .unwrap_or_default();
    Ok(format!(
        "Sent {sent} of {total}. Follow-ups are scheduled; see the contact logs.{skipped}{copies}"
    ))
}

/// " Skipped 2 with a bad address (first: X: why)." or nothing.
fn skipped_note(bad: &[(&str, String)]) -> String {
    match bad.first() {
        None => String::new(),
        Some((name, error)) => format!(
            " Skipped {} with a bad address (first: {name}: {error}).",
            bad.len()
        ),
    }
}

fn stopped(sent: usize, total: usize) -> String {
    format!(
        "Sent {sent} of {total}, then stopped as you asked. The rest are unsent; run it again to resume."
    )
}
