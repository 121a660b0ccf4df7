//! `usce sample --generate` and `usce list --search`, run as a user would.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;
use usce::domain::{Program, UsState};
use usce::store::Store;

fn usce(db: &std::path::Path) -> Command {
    let mut cmd = support::usce(db);
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn a_generated_csv_imports_every_program_and_leaves_the_user_db_alone() {
    let dir = TempDir::new().unwrap();
    let mine = dir.path().join("mine.db");
    let csv = dir.path().join("national.csv");
    usce(&mine)
        .args(["sample", "--generate", "300", "--seed", "4", "--out"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote 300 programs"));
    assert!(!mine.exists(), "generating never opens the user's database");
    let fresh = dir.path().join("fresh.db");
    usce(&fresh)
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("added 300, updated 0, skipped 0"));
    // The same seed writes the same file.
    let again = dir.path().join("again.csv");
    usce(&mine)
        .args(["sample", "--generate", "300", "--seed", "4", "--out"])
        .arg(&again)
        .assert()
        .success();
    assert_eq!(std::fs::read(&csv).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn db_out_holds_programs_contacts_and_the_log() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("load.db");
    usce(&dir.path().join("unused.db"))
        .args(["sample", "--generate", "200", "--interactions", "1000"])
        .arg("--db-out")
        .arg(&db)
        .assert()
        .success()
        .stdout(predicate::str::contains("1000 log entries"));
    let store = Store::open(&db).unwrap();
    let programs = store.list_programs().unwrap();
    assert_eq!(programs.len(), 200);
    let logged: usize = programs
        .iter()
        .map(|p| store.list_interactions(p.id).unwrap().len())
        .sum();
    assert_eq!(logged, 1000);
    assert!(
        programs
            .iter()
            .any(|p| !store.list_contacts(p.id).unwrap().is_empty())
    );
    drop(store);
    // An existing file is never overwritten.
    usce(&dir.path().join("unused.db"))
        .args(["sample", "--generate", "5", "--db-out"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn generate_explains_what_it_needs() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    usce(&db)
        .args(["sample", "--generate", "5"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--out"));
    usce(&db)
        .args(["sample", "--generate", "5", "--interactions", "9", "--out"])
        .arg(dir.path().join("x.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("--db-out"));
    usce(&db)
        .args(["sample", "--remove", "--generate", "5"])
        .assert()
        .failure();
}

#[test]
fn list_search_finds_what_the_app_search_finds() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let ky = UsState::parse("KY").unwrap();
    for (name, specialty) in [
        ("Bluegrass Regional", "Internal Medicine"),
        ("Lakeshore Children's", "Pediatrics"),
        ("Clínica Señor", "Family Medicine"),
    ] {
        let mut p = Program::new(name, ky);
        p.specialty = specialty.into();
        store.insert_program(&p).unwrap();
    }
    drop(store);
    let out = usce(&db)
        .args(["list", "--search", "intmed", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("Bluegrass Regional"));
    // Accents are ignored, as in the app.
    usce(&db)
        .args(["list", "--search", "clinica"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Clínica Señor").and(predicate::str::contains("1 program")),
        );
}
