//! The log file: where it goes, who may read it, what it says, and that it
//! never reaches the screen.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use support::pty::Tui;
use tempfile::TempDir;

fn usce(dir: &Path) -> Command {
    support::usce(&dir.join("usce.db"))
}

fn log_dir(dir: &Path) -> PathBuf {
    dir.join("state/usce/logs")
}

/// Today's log, read through the `usce.log` link to it.
fn log_text(dir: &Path) -> String {
    fs::read_to_string(log_dir(dir).join("usce.log")).unwrap_or_default()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_cli_run_logs_start_and_stop_to_a_private_file_and_nothing_to_the_terminal() {
    let dir = TempDir::new().unwrap();
    let out = usce(dir.path()).arg("list").assert().success();
    let output = out.get_output();
    for stream in [&output.stdout, &output.stderr] {
        assert!(!String::from_utf8_lossy(stream).contains("usce started"));
    }
    let logs = log_dir(dir.path());
    assert_eq!(mode(&logs), 0o700);
    assert_eq!(mode(logs.parent().unwrap()), 0o700);
    let files: Vec<_> = fs::read_dir(&logs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.is_symlink())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("usce.log.20"), "{name}");
    assert_eq!(mode(&files[0]), 0o600);
    let text = log_text(dir.path());
    assert!(text.contains("usce started"), "{text}");
    assert!(text.contains("command=\"list\""), "{text}");
    assert!(text.contains("usce stopped"), "{text}");
    assert!(
        !text.contains("DEBUG"),
        "info is the default level:\n{text}"
    );
}

#[test]
fn verbose_adds_debug_lines_and_usce_log_overrides_it() {
    let dir = TempDir::new().unwrap();
    usce(dir.path())
        .args(["--verbose", "list"])
        .assert()
        .success();
    let text = log_text(dir.path());
    assert!(
        text.contains("DEBUG") && text.contains("database opened"),
        "{text}"
    );

    let quiet = TempDir::new().unwrap();
    usce(quiet.path())
        .args(["--verbose", "list"])
        .env("USCE_LOG", "warn")
        .assert()
        .success();
    assert_eq!(log_text(quiet.path()), "", "warn hides info and debug");
}

#[test]
fn imports_and_errors_are_logged() {
    let dir = TempDir::new().unwrap();
    let csv = dir.path().join("three.csv");
    support::crash::programs_csv(&csv, "Logged", 7_000_000, 3);
    usce(dir.path()).arg("import").arg(&csv).assert().success();
    usce(dir.path())
        .args(["states", "--done", "Atlantis"])
        .assert()
        .failure();
    let text = log_text(dir.path());
    assert!(text.contains("import file read"), "{text}");
    assert!(
        text.contains("import committed") && text.contains("added=3"),
        "{text}"
    );
    assert!(
        text.contains("ERROR") && text.contains("Atlantis"),
        "{text}"
    );
}

#[test]
fn the_tui_logs_to_the_file_never_to_the_screen() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut tui = Tui::spawn(&db, &[("USCE_LOG", "debug")], 100, 30);
    tui.wait_for("Contact log");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let raw = String::from_utf8_lossy(&tui.raw).to_string();
    assert!(
        !raw.contains("usce started") && !raw.contains("INFO"),
        "{raw}"
    );
    let text = log_text(dir.path());
    assert!(text.contains("command=\"tui\""), "{text}");
    assert!(text.contains("usce stopped"), "{text}");
}
