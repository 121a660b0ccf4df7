//! Every program's next step ("follow up 3 Dec") as a job: it streams the
//! whole log, which for a national list with a long history takes longer
//! than a frame. The list is drawn first and the column fills in after.
//!
//! A newer request (after an import, at midnight) replaces a running one,
//! whose result would be stale: it is cancelled and its result dropped.

use std::collections::HashMap;
use std::path::PathBuf;

use super::Job;
use crate::app::event::Event;
use crate::app::jobs::{JobKind, Progress};
use crate::clock::Clock;
use crate::domain::ProgramId;
use crate::domain::cadence::{NextAction, ProgramBrief};
use crate::store::{Store, StoreError};

/// Answered by `NextActionsLoaded`.
pub fn load(db: PathBuf, clock: Clock, briefs: Vec<ProgramBrief>) -> Job {
    let start = Progress::new("Working out next steps", false);
    Job::new(JobKind::NextSteps, start, move |params| {
        let store = Store::open(&db).map_err(|e| e.to_string())?;
        let map = next_actions(&store, &briefs, clock.today()).map_err(|e| e.to_string())?;
        if params.cancelled() {
            return Ok(Vec::new());
        }
        Ok(vec![Event::NextActionsLoaded(map)])
    })
}

/// Every program's next step: first from its follow-ups and contacts, then,
/// program by program as the log streams past, with its recent log.
pub fn next_actions(
    store: &Store,
    briefs: &[ProgramBrief],
    today: chrono::NaiveDate,
) -> Result<HashMap<ProgramId, NextAction>, StoreError> {
    // Programs nobody has touched get their step from the brief alone;
    // the rest are replaced as their activity streams past.
    let mut map: HashMap<_, _> = briefs
        .iter()
        .filter_map(|b| b.next_action(&[], &[], &[], today).map(|a| (b.id, a)))
        .collect();
    let index: HashMap<_, _> = briefs.iter().map(|b| (b.id, b)).collect();
    store.for_each_program_activity(&mut |a| {
        if let Some(b) = index.get(&a.program) {
            match b.next_action(a.follow_ups, a.recent_log, a.contacts, today) {
                Some(step) => map.insert(a.program, step),
                None => map.remove(&a.program),
            };
        }
    })?;
    Ok(map)
}
