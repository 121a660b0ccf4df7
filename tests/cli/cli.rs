//! The command line, run as a user would: the real binary on a temp DB.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;
use usce::domain::{Program, Status, UsState, Visa};
use usce::store::Store;

fn usce(db: &std::path::Path) -> Command {
    let mut cmd = support::usce(db);
    cmd.env("NO_COLOR", "1");
    cmd
}

fn seeded_db(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let mut a = Program::new(
        "Bluegrass Regional Internal Medicine",
        UsState::parse("KY").unwrap(),
    );
    a.external_id = Some("0140521105".into());
    a.city = "Lexington".into();
    a.specialty = "Internal Medicine".into();
    a.visa = Visa::J1;
    a.img_percent = Some(35);
    a.status = Status::Contacted;
    store.insert_program(&a).unwrap();
    let mut b = Program::new(
        "Lakeshore Pediatrics, \"Main\" Campus",
        UsState::parse("OH").unwrap(),
    );
    b.city = "Toledo".into();
    store.insert_program(&b).unwrap();
    db
}

#[test]
fn list_csv_prints_every_program_with_ids_kept_as_text() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let out = usce(&db)
        .args(["list", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "acgme_id,name,institution,specialty,state,city,status,accepts_imgs,visa,img_percent,website,fit"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "0140521105,Bluegrass Regional Internal Medicine,,Internal Medicine,KY,Lexington,contacted,unknown,j1,35,,check"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            ",\"Lakeshore Pediatrics, \"\"Main\"\" Campus\",,,OH,Toledo,researching,unknown,unknown,,,check"
        )
    );
    assert_eq!(lines.next(), None);
}

#[test]
fn list_filters_by_state_and_status() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    usce(&db)
        .args(["list", "--state", "Ohio"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Lakeshore").and(predicate::str::contains("Bluegrass").not()),
        )
        .stdout(predicate::str::contains("1 program\n"));
    usce(&db)
        .args(["list", "--status", "contacted", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"external_id\": \"0140521105\""));
    usce(&db)
        .args(["list", "--state", "Atlantis"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown state \"Atlantis\""));
}

#[cfg(unix)]
#[test]
fn database_is_created_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("x").join("usce.db");
    usce(&db)
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 programs"));
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "db mode {mode:o}");
    let dir_mode = std::fs::metadata(db.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700, "dir mode {dir_mode:o}");
}

#[test]
fn newer_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 9999).unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    usce(&db)
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("newer"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn sample_remove_reports_the_count() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let seeded = store.seed_sample_if_new().unwrap();
    assert!(seeded >= 40);
    store
        .insert_program(&Program::new("Mine", UsState::parse("KY").unwrap()))
        .unwrap();
    drop(store);
    usce(&db)
        .args(["sample", "--remove"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "removed {seeded} sample programs"
        )));
    usce(&db)
        .args(["list", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Mine"));
}

#[test]
fn help_and_version_work() {
    let dir = TempDir::new().unwrap();
    support::usce_at_home(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("usce "));
    support::usce_at_home(dir.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let batch: Vec<usce::store::ProgramWithContacts> = (0..3000)
        .map(|i| usce::store::ProgramWithContacts {
            program: Program::new(
                format!("Program number {i} with a long enough name"),
                UsState::parse("KY").unwrap(),
            ),
            contacts: vec![],
        })
        .collect();
    store.insert_programs_with_contacts(&batch).unwrap();
    drop(store);
    let mut child = support::usce_process(&db)
        .args(["list", "--format", "csv"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("acgme_id,"));
    // The reader is gone (as with `| head -1`): usce must exit quietly.
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}
