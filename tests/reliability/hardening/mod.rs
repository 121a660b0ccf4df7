//! Hostile-input hardening (issue 18): each test here fails without the fix
//! it names. Every command runs the real binary on a temp database through
//! the support builder (HOME and the XDG directories inside the temp dir).
//!
//! - `output`: one CSV writer, one terminal sanitiser (items 3, 5)
//! - `import`: name, file, column, cell and problem limits (items 4, 10)
//! - `mail`: header lines, attachments, template fuel (items 4, 13, 7)
//! - `files`: backups, links and modes, read-only and foreign databases
//!   (items 11, 14, 17, 19)
#![allow(clippy::unwrap_used, clippy::panic)]
mod files;
mod fuzz_files;
mod import;
mod mail;
mod output;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::support;
use tempfile::TempDir;
use usce::domain::{Program, UsState};
use usce::store::Store;

fn usce(dir: &Path) -> Command {
    let mut cmd = support::command::usce(&dir.join("usce.db"));
    cmd.arg("--config")
        .arg(dir.join("config.toml"))
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

/// Runs usce with its address space capped at `mb` megabytes and a minute
/// to finish, so a version that read a hostile file into memory unbounded,
/// or waited on a FIFO, fails instead of taking the machine down.
#[cfg(unix)]
fn usce_within(dir: &Path, mb: u64, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("usce");
    let cmd = usce(dir);
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!("ulimit -v {}; exec \"$0\" \"$@\"", mb * 1024))
        .arg(bin)
        .args(cmd.get_args())
        .args(args)
        .timeout(std::time::Duration::from_secs(60));
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => sh.env(key, v),
            None => sh.env_remove(key),
        };
    }
    sh.output().unwrap()
}
