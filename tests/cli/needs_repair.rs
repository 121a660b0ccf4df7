//! One stored row usce cannot read (a state code `ZZ`, tags that are not
//! a list) no longer locks the user out: `usce list` lists the rest and
//! names the bad rows on stderr, and `usce export --format json` writes
//! everything, the bad rows raw.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;
use usce::domain::{Program, ProgramId, UsState};
use usce::store::Store;

use crate::support;
use support::corrupt::set_program_text;

/// A database of three programs, two of them damaged by raw SQL.
fn damaged(dir: &Path) -> (std::path::PathBuf, ProgramId, ProgramId) {
    let db = dir.join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let mut add = |name: &str, code: &str| {
        store
            .insert_program(&Program::new(name, UsState::from_code(code).unwrap()))
            .unwrap()
            .id
    };
    add("Internal Medicine", "OH");
    let zz = add("Surgery", "KY");
    let tags = add("Pediatrics", "TX");
    drop(store);
    set_program_text(&db, zz, "state", "ZZ");
    set_program_text(&db, tags, "tags", "{not a list");
    (db, zz, tags)
}

#[test]
fn list_shows_the_readable_programs_and_names_the_bad_rows_on_stderr() {
    let dir = TempDir::new().unwrap();
    let (db, zz, tags) = damaged(dir.path());
    let out = support::usce(&db).arg("list").assert().success();
    let output = out.get_output();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("Internal Medicine"), "{stdout}");
    assert!(
        !stdout.contains("Surgery") && !stdout.contains("Pediatrics"),
        "{stdout}"
    );
    assert!(
        stderr.contains("warning: 2 stored programs could not be read and need repair"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "program {} \u{201c}Surgery\u{201d}: state: ",
            zz.0
        )),
        "{stderr}"
    );
    assert!(stderr.contains("\"ZZ\""), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "program {} \u{201c}Pediatrics\u{201d}: tags: ",
            tags.0
        )),
        "{stderr}"
    );
    // A CSV on stdout stays a clean CSV: the warning is beside it.
    let csv = support::usce(&db)
        .args(["list", "--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8_lossy(&csv.get_output().stdout).into_owned();
    assert!(!csv.contains("warning") && !csv.contains("ZZ"), "{csv}");
}

#[test]
fn states_counts_the_readable_programs_and_names_the_bad_rows_on_stderr() {
    let dir = TempDir::new().unwrap();
    let (db, zz, _) = damaged(dir.path());
    let out = support::usce(&db).arg("states").assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("program {} \u{201c}Surgery\u{201d}", zz.0)),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("OH"), "{stdout}");
}

#[test]
fn export_as_json_writes_every_row_the_bad_ones_raw() {
    let dir = TempDir::new().unwrap();
    let (db, zz, tags) = damaged(dir.path());
    let out = support::usce(&db)
        .args(["export", "--format", "json"])
        .assert()
        .success();
    let export: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let programs = export["programs"].as_array().unwrap();
    assert_eq!(programs.len(), 1);
    assert_eq!(programs[0]["name"], "Internal Medicine");
    let raw = export["needs_repair"].as_array().unwrap();
    let by_id = |id: ProgramId| raw.iter().find(|r| r["id"] == id.0).unwrap();
    assert_eq!(by_id(zz)["state"], "ZZ");
    assert_eq!(by_id(zz)["name"], "Surgery");
    assert_eq!(by_id(tags)["tags"], "{not a list");
    assert!(
        by_id(tags)["needs_repair"]
            .as_str()
            .unwrap()
            .starts_with("tags: ")
    );
}
