//! `usce import --dry-run` names a duplicate by the file's line and the
//! program's name, never by an internal database id.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use tempfile::TempDir;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_dry_run_names_duplicates_by_line_and_program_not_by_id() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let file = fixture("duplicates.csv");
    support::usce(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let out = support::usce(&db)
        .args(["import", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // Once "skip    same program id … (duplicate of program #1)".
    assert!(!text.contains('#'), "no internal ids:\n{text}");
    let line2 = text.lines().find(|l| l.starts_with("line 2 ")).unwrap();
    assert!(line2.contains("skip"), "{line2}");
    assert!(line2.contains("\"Mercy Internal Medicine\""), "{line2}");
    assert!(line2.contains("already in your list"), "{line2}");
    // Every row of the file has its line, header excluded.
    let rows = std::fs::read_to_string(&file).unwrap().lines().count() - 1;
    assert_eq!(
        text.lines().filter(|l| l.starts_with("line ")).count(),
        rows,
        "{text}"
    );
}

#[test]
fn a_duplicate_inside_the_file_names_the_earlier_line() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let out = support::usce(&db)
        .args(["import", "--dry-run"])
        .arg(fixture("duplicates.csv"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line3 = text.lines().find(|l| l.starts_with("line 3 ")).unwrap();
    assert!(
        line3.contains("skip") && line3.contains("on line 2"),
        "{line3}"
    );
    assert!(!text.contains("duplicate of program"), "{text}");
}
