//! Every file usce writes is readable by its owner only: the database (and
//! SQLite's -wal and -shm beside it), backups, exports and logs are 0600,
//! the directories it creates 0700. Each run here uses umask 000, so a
//! file created without an explicit mode would show up as 0666.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use support::Isolate;
use support::pty::Tui;
use tempfile::TempDir;

/// `sh -c 'umask 000; exec usce …'`.
fn usce_with_open_umask(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("sh");
    cmd.isolate(support::command::home_of(db))
        .arg("-c")
        .arg(r#"umask 000; exec "$@""#)
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_usce"))
        .arg("--db")
        .arg(db)
        .args(args);
    cmd
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn database_backups_exports_and_logs_are_private_even_with_umask_000() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data/usce");
    let db = data.join("usce.db");
    run(&mut usce_with_open_umask(&db, &["list"]));
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&dir.path().join("data")), 0o700);

    let logs = data.join("state/usce/logs");
    assert_eq!(mode(&logs), 0o700);
    for entry in fs::read_dir(&logs).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_symlink() {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }

    let said = run(&mut usce_with_open_umask(&db, &["backup"]));
    let backups = data.join("backups");
    assert_eq!(mode(&backups), 0o700);
    let backup = fs::read_dir(&backups)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(said.contains(&backup.display().to_string()), "{said}");
    assert_eq!(mode(&backup), 0o600);

    for format in ["csv", "json"] {
        let out = dir.path().join(format!("exports/all.{format}"));
        let out_arg = out.to_str().unwrap();
        run(&mut usce_with_open_umask(
            &db,
            &["export", "--format", format, "-o", out_arg],
        ));
        assert_eq!(mode(&out), 0o600, "{format}");
        assert_eq!(mode(out.parent().unwrap()), 0o700);
    }
}

#[test]
fn the_write_ahead_log_and_shared_memory_files_are_private_too() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    // The TUI holds the database open, so -wal and -shm exist meanwhile.
    let mut cmd = portable_pty::CommandBuilder::new("sh");
    cmd.arg("-c");
    cmd.arg(r#"umask 000; exec "$@""#);
    cmd.arg("sh");
    // usce itself creates the database here, welcome and all.
    let usce = support::pty::usce_command_first_run(&db, &[]);
    for arg in usce.get_argv() {
        cmd.arg(arg);
    }
    for (k, v) in usce.iter_full_env_as_str() {
        cmd.env(k, v);
    }
    let mut tui = Tui::spawn_command(cmd, 100, 30);
    tui.wait_for("sample programs loaded");
    for suffix in ["db", "db-wal", "db-shm"] {
        let path = db.with_extension(suffix);
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    tui.wait_for("Welcome to usce");
    tui.send("\x1b");
    tui.wait_gone("Welcome to usce");
    tui.send("q");
    assert!(tui.wait_exit().success());
}
