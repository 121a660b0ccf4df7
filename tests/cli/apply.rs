//! `usce apply ID`: an application's submitted-on date and decision from
//! the command line, read back from the store and as JSON.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use assert_cmd::Command;
use chrono::NaiveDate;
use tempfile::TempDir;
use usce::domain::application::Decision;
use usce::domain::{Program, UsState};
use usce::store::Store;

fn usce(db: &std::path::Path) -> Command {
    let mut cmd = support::usce(db);
    cmd.env("USCE_TODAY", "2026-12-01").env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn seeded(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let p = Program::new("Lakeside Internal Medicine", UsState::parse("IL").unwrap());
    store.insert_program(&p).unwrap();
    db
}

#[test]
fn apply_records_submitted_on_and_a_decision_dated_today_by_default() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let shown = stdout(usce(&db).args(["apply", "1"]));
    assert!(shown.contains("not applied yet"), "{shown}");
    assert!(
        Store::open(&db)
            .unwrap()
            .list_applications()
            .unwrap()
            .is_empty(),
        "showing writes nothing"
    );
    let line = stdout(usce(&db).args(["apply", "1", "--submitted", "11/20/2026"]));
    assert_eq!(
        line.trim(),
        "Lakeside Internal Medicine: submitted 2026-11-20 · pending"
    );
    stdout(usce(&db).args(["apply", "1", "--decision", "accepted"]));
    let apps = Store::open(&db).unwrap().list_applications().unwrap();
    assert_eq!(apps.len(), 1, "one application, updated");
    assert_eq!(apps[0].submitted_on, day(2026, 11, 20));
    assert_eq!(apps[0].decision, Decision::Accepted);
    assert_eq!(apps[0].decided_on, day(2026, 12, 1), "USCE_TODAY");
    stdout(usce(&db).args(["apply", "1", "--decided", "Nov 30, 2026"]));
    let json = stdout(usce(&db).args(["apply", "1", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["program_name"], "Lakeside Internal Medicine");
    assert_eq!(v["decision"], "accepted");
    assert_eq!(v["decided_on"], "2026-11-30");
    assert_eq!(v["submitted_on"], "2026-11-20");
}

#[test]
fn apply_refuses_a_bad_date_or_decision_and_an_unknown_program_writing_nothing() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let out = usce(&db)
        .args(["apply", "1", "--decision", "maybe"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("not a decision"));
    let out = usce(&db)
        .args(["apply", "1", "--decision", "declined", "--decided", "soon"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(out).unwrap().contains("--decided"));
    usce(&db)
        .args(["apply", "9", "--submitted", "2026-11-20"])
        .assert()
        .failure();
    assert!(
        Store::open(&db)
            .unwrap()
            .list_applications()
            .unwrap()
            .is_empty()
    );
}
