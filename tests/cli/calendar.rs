//! `usce calendar -o FILE`: the feed parses back (with the icalendar
//! crate and, when installed, Python's `icalendar` package), keeps its
//! UIDs across exports, and keeps all-day dates whole in another zone.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use assert_cmd::Command;
use chrono::NaiveDate;
use icalendar::Component;
use tempfile::TempDir;
use usce::domain::{FollowUp, FollowUpId, Program, Rotation, RotationKind, Status, UsState};
use usce::store::Store;

fn usce(db: &std::path::Path) -> Command {
    let mut cmd = support::usce(db);
    cmd.env("USCE_TODAY", "2027-02-01").env("NO_COLOR", "1");
    cmd
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn seeded(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let mut p = Program::new("Lakeside IM", UsState::parse("IL").unwrap());
    p.status = Status::Shortlisted;
    p.rotation.applications_open = Some(day(2, 15));
    p.application.deadline = "2027-03-01".into();
    let p = store.insert_program(&p).unwrap();
    store
        .insert_rotation(&Rotation::new(
            p.id,
            RotationKind::Elective,
            day(4, 5),
            day(4, 30),
        ))
        .unwrap();
    for (due, note) in [(day(2, 3), "first"), (day(2, 10), "second")] {
        store
            .insert_follow_up(&FollowUp {
                id: FollowUpId(0),
                program_id: p.id,
                contact_id: None,
                due,
                note: note.into(),
                done_at: None,
                snoozed_from: vec![],
            })
            .unwrap();
    }
    db
}

/// UID → the component's lines without DTSTAMP (the moment of writing).
fn by_uid(text: &str) -> Vec<(String, Vec<String>)> {
    let parsed: icalendar::Calendar = text.parse().unwrap();
    parsed
        .components
        .iter()
        .map(|c| {
            let text = match c {
                icalendar::CalendarComponent::Event(e) => e.to_string(),
                icalendar::CalendarComponent::Todo(t) => t.to_string(),
                other => panic!("unexpected component {other:?}"),
            };
            let lines: Vec<String> = text
                .lines()
                .filter(|l| !l.starts_with("DTSTAMP"))
                .map(String::from)
                .collect();
            let uid = lines
                .iter()
                .find_map(|l| l.strip_prefix("UID:"))
                .unwrap()
                .to_string();
            (uid, lines)
        })
        .collect()
}

fn export(db: &std::path::Path, file: &std::path::Path, tz: &str) -> String {
    usce(db)
        .env("TZ", tz)
        .arg("calendar")
        .arg("-o")
        .arg(file)
        .assert()
        .success();
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn two_exports_keep_their_uids_and_a_moved_follow_up_changes_only_itself() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let file = dir.path().join("usce.ics");
    let first = by_uid(&export(&db, &file, "UTC"));
    let again = by_uid(&export(&db, &file, "UTC"));
    assert_eq!(first, again);
    assert_eq!(first.len(), 5, "{first:?}");
    let mut store = Store::open(&db).unwrap();
    let mut moved = store.list_open_follow_ups().unwrap()[1].follow_up.clone();
    moved.due = day(2, 17);
    store.update_follow_up(&moved).unwrap();
    let after = by_uid(&export(&db, &file, "UTC"));
    let changed: Vec<&String> = first
        .iter()
        .zip(&after)
        .inspect(|(a, b)| assert_eq!(a.0, b.0))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| &a.0)
        .collect();
    assert_eq!(changed, [&format!("follow-up-{}@usce", moved.id.0)]);
}

#[test]
fn in_chicago_all_day_dates_stay_whole_and_the_zone_is_named() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let file = dir.path().join("usce.ics");
    let text = export(&db, &file, "America/Chicago");
    assert!(text.contains("X-WR-TIMEZONE:America/Chicago"), "{text}");
    // No time, no zone on a day: the rotation starts on the 5th wherever.
    assert!(text.contains("DTSTART;VALUE=DATE:20270405"), "{text}");
    assert!(text.contains("DTEND;VALUE=DATE:20270501"), "{text}");
    assert!(text.contains("DUE;VALUE=DATE:20270203"), "{text}");
    let stamp = text
        .lines()
        .find_map(|l| l.strip_prefix("DTSTAMP:"))
        .unwrap();
    // DTSTAMP is UTC (RFC 5545); read back in the user's zone it is the
    // day USCE_TODAY fixes, whatever the hour (an evening in Chicago is
    // already tomorrow in UTC, so the UTC date alone may differ).
    let utc_stamp = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
        .unwrap_or_else(|e| panic!("{stamp}: {e}"))
        .and_utc();
    assert_eq!(
        utc_stamp
            .with_timezone(&chrono_tz::America::Chicago)
            .date_naive(),
        NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
        "{stamp}"
    );
    // Every other date-valued property is a day: nothing is timed, so the
    // feed needs no VTIMEZONE.
    for line in text.lines() {
        let timed = ["DTSTART", "DTEND", "DUE", "COMPLETED"]
            .iter()
            .any(|p| line.starts_with(&format!("{p}:")) || line.starts_with(&format!("{p};TZID")));
        assert!(!timed, "a timed property: {line}");
    }
    assert!(!text.contains("BEGIN:VTIMEZONE"), "{text}");
    assert_eq!(text.matches("DTSTAMP:").count(), 5, "one per component");
    let utc = export(&db, &file, "UTC");
    assert_eq!(
        by_uid(&utc),
        by_uid(&text),
        "the zone changes no day in the feed"
    );
}

#[test]
fn follow_ups_as_events_on_request() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let out = usce(&db)
        .args(["calendar", "--follow-ups", "event"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("BEGIN:VTODO"), "{text}");
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 5, "{text}");
}

#[test]
#[allow(clippy::print_stderr)] // say why nothing was checked
fn python_icalendar_reads_the_feed() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let file = dir.path().join("usce.ics");
    export(&db, &file, "America/Chicago");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check_ics.py");
    let run = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output();
    let output = match run {
        Ok(output) if output.status.code() == Some(3) => {
            eprintln!(
                "skipped: Python's icalendar package is not installed (pip install icalendar)"
            );
            return;
        }
        Ok(output) => output,
        Err(e) => {
            eprintln!("skipped: python3 is not available ({e})");
            return;
        }
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(read["timezone"], "America/Chicago");
    let components = read["components"].as_array().unwrap();
    assert_eq!(components.len(), 5);
    let rotation = components
        .iter()
        .find(|c| c["uid"].as_str().unwrap().starts_with("rotation-"))
        .unwrap();
    assert_eq!(rotation["dtstart"], "2027-04-05");
    assert_eq!(rotation["dtend"], "2027-05-01");
    let todo = components.iter().find(|c| c["kind"] == "VTODO").unwrap();
    assert_eq!(todo["due"], "2027-02-03");
}
