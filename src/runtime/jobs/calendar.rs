//! Rewriting the calendar feed at `calendar.path` after a change, on a
//! worker so a large list never holds up a frame (issue 19).
//!
//! Rewrites never run side by side: each reads the store and writes the
//! file under one lock, so whichever runs last reads the newest data and
//! the file ends up current even when changes come faster than writes.
//! A rewrite is not cancellable: quitting waits for the last one, so the
//! file never lags behind what the user saw saved.

use std::path::PathBuf;
use std::sync::Mutex;

use super::Job;
use crate::app::jobs::{JobKind, Progress};
use crate::clock::Clock;
use crate::config::FollowUpsAs;
use crate::export::calendar::CalendarOptions;
use crate::export::calendar_file::{save, time_zone_from_env};
use crate::store::Store;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A rewrite of `path` from the database at `db`.
pub fn rewrite(db: PathBuf, path: PathBuf, follow_ups: FollowUpsAs, clock: Clock) -> Job {
    let start = Progress::new("Writing the calendar file", false);
    Job::new(JobKind::Calendar, start, move |_params| {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let store = Store::open(&db).map_err(|e| e.to_string())?;
        let options = CalendarOptions {
            follow_ups,
            time_zone: time_zone_from_env(),
            stamp: clock.now(),
        };
        save(&store, &path, &options).map_err(|e| {
            tracing::warn!("calendar feed not written: {e}");
            format!("The calendar file was not written: {e}")
        })?;
        Ok(Vec::new())
    })
}

/// `~/…` in the config is the home directory.
pub fn expand_home(path: &std::path::Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}
