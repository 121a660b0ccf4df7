//! Hostile-input hardening (issue 18): each test here fails without the fix
//! it names. Every command runs the real binary on a temp database, with
//! HOME and the XDG directories inside the temp dir.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;
use usce::domain::{Program, UsState};
use usce::store::Store;

fn usce(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("usce").unwrap();
    cmd.arg("--db")
        .arg(dir.join("usce.db"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .env_remove("USCE_DB")
        .env_remove("USCE_CONFIG")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg-config"))
        .env("XDG_DATA_HOME", dir.join("xdg-data"))
        .env("XDG_STATE_HOME", dir.join("xdg-state"))
        .env("USCE_TODAY", "2026-03-10")
        .env("NO_COLOR", "1");
    cmd
}

fn db_with(dir: &TempDir, programs: &[Program]) -> PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    for p in programs {
        store.insert_program(p).unwrap();
    }
    db
}

fn ky() -> UsState {
    UsState::parse("KY").unwrap()
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

// ---- 3: one CSV writer, one formula guard ----

#[test]
fn list_as_csv_guards_formulas_as_export_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Program::new("=HYPERLINK(\"http://evil.example\",\"x\")", ky());
    p.city = "@SUM(1+1)".into();
    p.institution = "+1 555 0100".into();
    p.specialty = "-2+3".into();
    db_with(&dir, &[p]);
    let list = stdout(usce(dir.path()).args(["list", "--format", "csv"]));
    let export = stdout(usce(dir.path()).arg("export"));
    for text in [&list, &export] {
        for cell in [
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"",
            "'@SUM(1+1)",
            "'+1 555 0100",
            "'-2+3",
        ] {
            assert!(text.contains(cell), "{cell} missing in:\n{text}");
        }
        for line in text.lines() {
            for cell in line.split(',') {
                assert!(
                    !cell.starts_with(['=', '@', '+', '-']),
                    "unguarded {cell:?} in {line:?}"
                );
            }
        }
    }
}
