//! `calendar.path`: the TUI rewrites the feed after a change, on a worker,
//! and only after a change.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::time::Duration;

use chrono::NaiveDate;
use usce::config::Config;
use usce::domain::{FollowUp, FollowUpId, Program, ProgramId, Status, UsState};
use usce::store::Store;

use crate::support::driver::Driver;

fn follow_up(program: ProgramId, due: NaiveDate, note: &str) -> FollowUp {
    FollowUp {
        id: FollowUpId(0),
        program_id: program,
        contact_id: None,
        due,
        note: note.into(),
        done_at: None,
        snoozed_from: vec![],
    }
}

#[test]
fn the_feed_follows_changes_and_is_not_rewritten_without_one() {
    let feed_dir = tempfile::TempDir::new().unwrap();
    let feed = feed_dir.path().join("usce.ics");
    let mut config = Config::default();
    config.calendar.path = Some(feed.clone());
    let day = |d| NaiveDate::from_ymd_opt(2027, 2, d).unwrap();
    let mut d = Driver::with(
        |store| {
            let mut p = Program::new("Lakeside IM", UsState::parse("IL").unwrap());
            p.status = Status::Shortlisted;
            let p = store.insert_program(&p).unwrap();
            store
                .insert_follow_up(&follow_up(p.id, day(3), "first"))
                .unwrap();
        },
        config,
    );
    d.keys("j");
    assert!(d.settle(Duration::from_secs(20)));
    let first = std::fs::read_to_string(&feed).unwrap();
    assert!(first.contains("DUE;VALUE=DATE:20270203"), "{first}");

    // Nothing changed: no rewrite starts.
    d.keys("k");
    assert!(
        d.state().jobs.running.is_empty(),
        "{:?}",
        d.state().jobs.running
    );

    // Another connection (a worker, another usce) adds a follow-up.
    let mut other = Store::open(&d.dir().join("usce.db")).unwrap();
    let program = other.list_programs().unwrap()[0].id;
    other
        .insert_follow_up(&follow_up(program, day(9), "second"))
        .unwrap();
    d.keys("j");
    assert!(d.settle(Duration::from_secs(20)));
    let second = std::fs::read_to_string(&feed).unwrap();
    assert!(second.contains("DUE;VALUE=DATE:20270209"), "{second}");
    assert!(!feed_dir.path().join("usce.ics.part").exists());
}
