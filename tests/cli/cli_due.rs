//! `usce due` and `usce stats` on a seeded database with the date fixed by
//! `USCE_TODAY`.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use assert_cmd::Command;
use chrono::{NaiveDate, TimeZone, Utc};
use predicates::prelude::*;
use tempfile::TempDir;
use usce::domain::{
    Channel, Contact, Direction, FollowUp, FollowUpId, Interaction, InteractionId, Program,
    ProgramId, Role, Status, UsState,
};
use usce::store::Store;

const TODAY: &str = "2025-12-03";

fn usce(db: &std::path::Path) -> Command {
    let mut cmd = support::usce(db);
    cmd.env("USCE_TODAY", TODAY).env("NO_COLOR", "1");
    cmd
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

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

fn program(store: &mut Store, name: &str, state: &str, status: Status) -> Program {
    let mut p = Program::new(name, UsState::parse(state).unwrap());
    p.status = status;
    store.insert_program(&p).unwrap()
}

fn log(program: ProgramId, direction: Direction, d: u32) -> Interaction {
    Interaction {
        id: InteractionId(0),
        program_id: program,
        contact_id: None,
        at: Utc.with_ymd_and_hms(2025, 11, d, 9, 0, 0).unwrap(),
        channel: Channel::Email,
        direction,
        summary: String::new(),
        eml_path: None,
    }
}

/// Kentucky: one overdue follow-up (named contact) and one done one.
/// Ohio: due today, in five days and in twenty. Texas: nothing.
fn seeded_db(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let ky = program(&mut store, "Bluegrass Regional IM", "KY", Status::Replied);
    let oh = program(&mut store, "Lakeshore Pediatrics", "OH", Status::Contacted);
    program(&mut store, "Lone Star FM", "TX", Status::Researching);
    let ana = store
        .insert_contact(&Contact {
            program_id: ky.id,
            role: Role::Coordinator,
            name: "Ana Ruiz".into(),
            ..Contact::default()
        })
        .unwrap();
    let mut overdue = follow_up(ky.id, day(11, 28), "ask about dates");
    overdue.contact_id = Some(ana.id);
    store.insert_follow_up(&overdue).unwrap();
    let mut done = follow_up(ky.id, day(11, 20), "already handled");
    done.done_at = Some(Utc.with_ymd_and_hms(2025, 11, 21, 9, 0, 0).unwrap());
    store.insert_follow_up(&done).unwrap();
    store
        .insert_follow_up(&follow_up(oh.id, day(12, 3), "call the coordinator"))
        .unwrap();
    store
        .insert_follow_up(&follow_up(oh.id, day(12, 8), "send CV"))
        .unwrap();
    store
        .insert_follow_up(&follow_up(oh.id, day(12, 23), "far away"))
        .unwrap();
    store
        .insert_interaction(&log(ky.id, Direction::Out, 1))
        .unwrap();
    store
        .insert_interaction(&log(ky.id, Direction::In, 3))
        .unwrap();
    store
        .insert_interaction(&log(oh.id, Direction::Out, 2))
        .unwrap();
    db
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn due_lists_overdue_today_and_the_next_seven_days() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).arg("due"));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("BUCKET"), "{text}");
    assert!(lines[1].starts_with("overdue"), "{text}");
    assert!(lines[1].contains("2025-11-28"), "{text}");
    assert!(lines[1].contains("5 days late"), "{text}");
    assert!(lines[1].contains("KY  Bluegrass Regional IM"), "{text}");
    assert!(lines[1].contains("ask about dates (Ana Ruiz)"), "{text}");
    assert!(
        lines[2].starts_with("today") && lines[2].contains("OH"),
        "{text}"
    );
    assert!(lines[3].starts_with("next 7 days") && lines[3].contains("send CV"));
    assert_eq!(
        lines[4],
        "3 follow-ups through 2025-12-10: 1 overdue, 1 today, 1 next 7 days"
    );
    assert_eq!(lines.len(), 5, "{text}");
    assert!(!text.contains("already handled") && !text.contains("far away"));
}

#[test]
fn within_zero_days_shows_only_overdue_and_today() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).args(["due", "--within", "0d"]));
    assert!(text.contains("ask about dates"), "{text}");
    assert!(text.contains("call the coordinator"), "{text}");
    assert!(!text.contains("send CV"), "{text}");
    assert!(text.contains("2 follow-ups through 2025-12-03"), "{text}");
}

#[test]
fn within_weeks_reaches_later_follow_ups() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).args(["due", "--within", "3w"]));
    let far = text.lines().find(|l| l.contains("far away")).unwrap();
    assert!(
        far.starts_with("later") && far.contains("in 20 days"),
        "{far}"
    );
}

#[test]
fn due_json_parses_with_days_and_bucket_codes() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).args(["due", "--format", "json"]));
    let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["program"], "Bluegrass Regional IM");
    assert_eq!(rows[0]["state"], "KY");
    assert_eq!(rows[0]["contact"], "Ana Ruiz");
    assert_eq!(rows[0]["due"], "2025-11-28");
    assert_eq!(rows[0]["days"], -5);
    assert_eq!(rows[0]["bucket"], "overdue");
    assert_eq!(rows[0]["note"], "ask about dates");
    let buckets: Vec<&str> = rows.iter().map(|r| r["bucket"].as_str().unwrap()).collect();
    assert_eq!(buckets, ["overdue", "today", "this_week"]);
}

#[test]
fn nothing_due_is_still_success() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("empty.db");
    usce(&db)
        .arg("due")
        .assert()
        .success()
        .stdout("nothing due through 2025-12-10\n");
    usce(&db)
        .args(["due", "--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn a_bad_span_is_refused_with_an_example() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("empty.db");
    usce(&db)
        .args(["due", "--within", "soon"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("like 7d, 2w or 0d"));
}

#[test]
fn the_date_comes_from_usce_today() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(
        usce(&db)
            .env("USCE_TODAY", "2025-11-01")
            .args(["due", "--within", "0d"]),
    );
    assert_eq!(text, "nothing due through 2025-11-01\n");
}

#[test]
fn stats_shows_a_row_per_state_and_a_total() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).arg("stats"));
    let row = |code: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("no {code} row in\n{text}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert!(text.starts_with("STATE"), "{text}");
    // state, programs, contacted, replied, accepted, rate, median, overdue
    assert_eq!(row("KY"), ["KY", "1", "1", "1", "0", "100%", "2.0", "1"]);
    assert_eq!(row("OH"), ["OH", "1", "1", "0", "0", "0%", "-", "0"]);
    assert_eq!(row("TX"), ["TX", "1", "0", "0", "0", "-", "-", "0"]);
    assert_eq!(row("ALL"), ["ALL", "3", "2", "1", "0", "50%", "2.0", "1"]);
}

#[test]
fn stats_json_parses() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).args(["stats", "--format", "json"]));
    let stats: serde_json::Value = serde_json::from_str(&text).unwrap();
    let states: Vec<&str> = stats["by_state"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["KY", "OH", "TX"]);
    assert_eq!(stats["overall"]["programs"], 3);
    assert_eq!(stats["overall"]["reply_rate"], 0.5);
    assert_eq!(stats["overall"]["median_days_to_reply"], 2.0);
}
