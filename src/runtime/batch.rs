//! Batch outreach from the TUI: plan over the filtered programs, then send
//! in a background thread with its own database connection, paced as the
//! config says, reporting progress over a channel the event loop drains.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use super::Services;
use crate::app::action::{Action, BatchPreview};
use crate::clock;
use crate::domain::ProgramId;
use crate::mail::{SmtpConfig, TemplateSet};
use crate::outreach::{self, Mailer, Pace, Selection, SkipReason, Stop};
use crate::store::Store;

fn selection(template: &str, programs: &[ProgramId]) -> Selection {
    Selection {
        template: template.to_string(),
        programs: Some(programs.iter().copied().collect::<HashSet<_>>()),
        ..Selection::default()
    }
}

/// Plans without writing anything, for the confirmation.
pub fn plan(services: &Services, template: &str, programs: Vec<ProgramId>) -> Action {
    let sel = selection(template, &programs);
    match outreach::plan(&services.store, &services.templates, &sel, clock::today()) {
        Ok(plan) => {
            let mut reasons: Vec<(String, usize)> = Vec::new();
            for s in &plan.skipped {
                let key = match &s.reason {
                    SkipReason::Unresolved(_) => format!("template fields missing ({})", s.reason),
                    other => other.to_string(),
                };
                match reasons.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => *n += 1,
                    None => reasons.push((key, 1)),
                }
            }
            Action::BatchPlanned(Box::new(BatchPreview {
                template: template.to_string(),
                programs,
                ready: plan.ready.len(),
                skipped: reasons
                    .into_iter()
                    .map(|(k, n)| format!("{n} {k}"))
                    .collect(),
            }))
        }
        Err(e) => Action::Failed(format!("Cannot plan the batch: {e}")),
    }
}

/// Everything the worker needs, owned, so it can run on its own thread.
struct Job {
    db: PathBuf,
    templates_dir: PathBuf,
    smtp: SmtpConfig,
    sent_dir: PathBuf,
    follow_up_days: u32,
    pace: Pace,
    template: String,
    programs: Vec<ProgramId>,
}

/// Starts sending in the background; the receiver yields progress actions
/// and ends with `BatchFinished`.
pub fn start(
    services: &Services,
    template: String,
    programs: Vec<ProgramId>,
) -> Result<Receiver<Action>, String> {
    let smtp = services.config.smtp.clone().ok_or_else(|| {
        format!(
            "Sending is not set up: add an [smtp] section to {}.",
            services.config_path.display()
        )
    })?;
    let job = Job {
        db: services.db_path.clone(),
        templates_dir: services.templates_dir.clone(),
        smtp,
        sent_dir: services.sent_dir.clone(),
        follow_up_days: services.config.follow_up.after_send_days,
        pace: Pace {
            delay: Duration::from_secs(services.config.outreach.delay_secs),
            max_per_day: services.config.outreach.max_per_day,
        },
        template,
        programs,
    };
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("usce-batch".into())
        .spawn(move || {
            let summary = run(&job, &tx).unwrap_or_else(|e| format!("The batch stopped: {e}"));
            let _ = tx.send(Action::BatchFinished(summary));
        })
        .map_err(|e| format!("could not start the batch: {e}"))?;
    Ok(rx)
}

fn run(job: &Job, tx: &Sender<Action>) -> Result<String, String> {
    let mut store = Store::open(&job.db).map_err(|e| e.to_string())?;
    let templates = TemplateSet::load(Some(&job.templates_dir)).map_err(|e| e.to_string())?;
    let plan = outreach::plan(
        &store,
        &templates,
        &selection(&job.template, &job.programs),
        clock::today(),
    )
    .map_err(|e| e.to_string())?;
    let total = plan.ready.len();
    let mailer = Mailer {
        smtp: &job.smtp,
        sent_dir: &job.sent_dir,
        follow_up_days: job.follow_up_days,
    };
    let mut done = 0;
    let outcome = outreach::send_batch(
        &mut store,
        &mailer,
        &plan.ready,
        job.pace,
        // Pacing, not synchronisation: receiving servers treat a burst of
        // near-identical mail as spam.
        &mut std::thread::sleep,
        &mut |ready, _sent| {
            done += 1;
            let _ = tx.send(Action::BatchProgress(format!(
                "Sent {done}/{total}: {}",
                ready.program.name
            )));
        },
    );
    let sent = outcome.sent.len();
    let skipped = match outcome
        .skipped
        .first()
        .and_then(|(i, e)| Some((plan.ready.get(*i)?, e)))
    {
        None => String::new(),
        Some((first, error)) => format!(
            " Skipped {} with a bad address (first: {}: {error}).",
            outcome.skipped.len(),
            first.program.name
        ),
    };
    Ok(match outcome.stop {
        None => format!(
            "Sent {sent} of {total}. Follow-ups are scheduled; see the contact logs.{skipped}"
        ),
        Some(Stop::Failed { index, error }) => format!(
            "Sent {sent} of {total}, then stopped at {}: {error}. The rest are unsent; run it again to resume.{skipped}",
            plan.ready
                .get(index)
                .map_or("?", |r| r.program.name.as_str())
        ),
        Some(Stop::DailyCap { sent_today, .. }) => format!(
            "Sent {sent} of {total}: the daily limit ({sent_today} today) is reached. Run it again tomorrow to resume.{skipped}"
        ),
    })
}
