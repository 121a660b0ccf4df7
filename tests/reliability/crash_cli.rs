//! Crash safety through the CLI: `usce import` and `usce states --done`
//! SIGKILLed at seeded points (at spawn, at the first WAL write, or not at
//! all), and a 20,000-row import killed part-way. After every kill the
//! database is reopened with the library's `Store`: every run that exited 0
//! is there, every import is all rows or none, and SQLite's integrity and
//! foreign-key checks pass. (The TUI's trials are in crash.rs beside it.)
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::Path;

use support::crash::{SplitMix64, base_seed};
use tempfile::TempDir;
use usce::domain::UsState;
use usce::store::Store;

const STATES: [&str; 6] = ["KY", "OH", "TX", "CA", "NY", "IL"];

/// One CLI run: an import of three programs or a state marked done.
enum CliEdit {
    Import {
        prefix: String,
        file: std::path::PathBuf,
    },
    Done(UsState),
}

/// How the run ends: killed at once, killed when its write reaches the
/// WAL (or it exits), or left to finish.
#[derive(Debug, Clone, Copy)]
enum KillPoint {
    AtSpawn,
    AtFirstWrite,
    Never,
}

fn usce_cmd(db: &Path) -> std::process::Command {
    let mut cmd = support::usce_process(db);
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// Runs the edit, killing it at `point`; true when it exited 0 by itself
/// (the user saw it succeed, so it must be stored).
fn run_cli_edit(db: &Path, edit: &CliEdit, point: KillPoint) -> bool {
    let mut cmd = usce_cmd(db);
    match edit {
        CliEdit::Import { file, .. } => cmd.arg("import").arg(file),
        CliEdit::Done(s) => cmd.args(["states", "--done", s.code()]),
    };
    let before = support::crash::wal_stamp(db);
    let mut child = cmd.spawn().unwrap();
    match point {
        KillPoint::AtSpawn => {}
        KillPoint::AtFirstWrite => {
            support::crash::wait_while_running(&mut child, || {
                support::crash::wal_stamp(db) != before
            });
        }
        KillPoint::Never => return child.wait().unwrap().success(),
    }
    support::crash::kill_and_reap(&mut child).success()
}

fn cli_trials(trials: usize) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    // (edit, acknowledged, settled count of its programs or done mark)
    let mut done: Vec<(CliEdit, bool, Option<usize>)> = Vec::new();
    for trial in 0..trials {
        let seed = base_seed() ^ 0xC11 ^ (trial as u64) << 8;
        let mut rng = SplitMix64::new(seed);
        let edit = if rng.below(2) == 0 {
            let prefix = format!("Cli Trial {trial}");
            let file = dir.path().join(format!("t{trial}.csv"));
            let first_id = 9_000_000 + trial as u64 * 10;
            support::crash::programs_csv(&file, &prefix, first_id, 3);
            CliEdit::Import { prefix, file }
        } else {
            CliEdit::Done(UsState::parse(rng.pick(&STATES)).unwrap())
        };
        let point = rng.pick(&[
            KillPoint::AtSpawn,
            KillPoint::AtFirstWrite,
            KillPoint::Never,
        ]);
        let acked = run_cli_edit(&db, &edit, point);
        done.push((edit, acked, None));

        let context = format!("cli trial {trial} (seed {seed:#x}, {point:?})");
        let store = Store::open(&db).unwrap();
        let problems = store.integrity_problems().unwrap();
        assert!(problems.is_empty(), "{context}: {problems:?}");
        let programs = store.list_programs().unwrap();
        let states_done = store.states_done().unwrap();
        for (edit, acked, settled) in &mut done {
            let now = match edit {
                CliEdit::Import { prefix, .. } => {
                    let mine: Vec<_> = programs
                        .iter()
                        .filter(|p| p.name.starts_with(&format!("{prefix} ")))
                        .collect();
                    assert!(
                        mine.is_empty() || mine.len() == 3,
                        "{context}: {prefix} half imported: {} of 3",
                        mine.len()
                    );
                    for p in &mine {
                        let contacts = store.list_contacts(p.id).unwrap();
                        assert_eq!(contacts.len(), 1, "{context}: {} lost its contact", p.name);
                    }
                    mine.len()
                }
                CliEdit::Done(s) => usize::from(states_done.contains(s)),
            };
            assert!(now > 0 || !*acked, "{context}: acknowledged edit lost");
            // A state marked done by a later run is not this run's doing.
            if let (Some(before), CliEdit::Import { .. }) = (*settled, &edit) {
                assert_eq!(now, before, "{context}: an earlier import changed");
            }
            settled.get_or_insert(now);
        }
    }
}

#[test]
fn cli_edits_acknowledged_before_sigkill_survive() {
    cli_trials(16);
}

#[test]
#[ignore = "long run: cargo test --test reliability crash_cli -- --ignored"]
fn cli_edits_acknowledged_before_sigkill_survive_long() {
    cli_trials(120);
}

// ---- a large import killed part-way: all rows or none ----

fn large_import_trials(trials: usize) {
    const ROWS: usize = 20_000;
    let dir = TempDir::new().unwrap();
    let csv = dir.path().join("large.csv");
    support::crash::programs_csv(&csv, "Bulk", 1_000_000, ROWS);
    for trial in 0..trials {
        let seed = base_seed() ^ 0xB16 ^ (trial as u64) << 16;
        let mut rng = SplitMix64::new(seed);
        let db = dir.path().join(format!("large{trial}.db"));
        let mut child = usce_cmd(&db).arg("import").arg(&csv).spawn().unwrap();
        // Where to kill: at once, at the first WAL bytes, when the WAL
        // (uncommitted rows spilling from the cache, then the commit)
        // passes a random size, or never.
        let choice = rng.below(6);
        let threshold = match choice {
            0 => None,
            1 => Some(1),
            2..=4 => Some(1 + rng.below(7_000_000) as u64),
            _ => Some(u64::MAX),
        };
        let finished_by_itself = match threshold {
            Some(u64::MAX) => child.wait().unwrap().success(),
            Some(bytes) => {
                support::crash::wait_while_running(&mut child, || {
                    support::crash::wal_stamp(&db).is_some_and(|(len, _)| len >= bytes)
                });
                support::crash::kill_and_reap(&mut child).success()
            }
            None => support::crash::kill_and_reap(&mut child).success(),
        };
        let context = format!("large import trial {trial} (seed {seed:#x}, kill at {threshold:?})");
        let store = Store::open(&db).unwrap();
        let problems = store.integrity_problems().unwrap();
        assert!(problems.is_empty(), "{context}: {problems:?}");
        let programs = store.count_programs().unwrap();
        assert!(
            programs == 0 || programs == ROWS,
            "{context}: {programs} of {ROWS} rows"
        );
        assert!(
            programs == ROWS || !finished_by_itself,
            "{context}: success but rows lost"
        );
        drop(store);
        let conn = rusqlite::Connection::open(&db).unwrap();
        let contacts: i64 = conn
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            contacts as usize, programs,
            "{context}: contacts without programs"
        );
    }
}

#[test]
fn a_large_import_killed_part_way_leaves_all_rows_or_none() {
    large_import_trials(8);
}

#[test]
#[ignore = "long run: cargo test --test reliability crash_cli -- --ignored"]
fn a_large_import_killed_part_way_leaves_all_rows_or_none_long() {
    large_import_trials(40);
}
