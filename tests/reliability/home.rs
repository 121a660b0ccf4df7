//! The harness keeps usce out of the developer's home. A developer's shell
//! sets HOME and maybe the XDG directories, USCE_DB or USCE_CONFIG; each
//! test here points all of them at a "poisoned" folder, builds the command
//! as every test does, runs usce with no `--db` (so it falls back to its
//! defaults), and checks that usce's files went to the sandbox and not one
//! file to the poisoned folder. `.ci/run` checks the real home the same way
//! around the whole `cargo test`.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::Path;

use support::Isolate;
use support::command::isolated_env;
use support::outreach::files_under;
use support::pty::Tui;
use tempfile::TempDir;

/// What a developer's shell might hold, every path under `poison`.
fn poison(cmd: &mut impl Isolate, poison: &Path) {
    for (key, _) in isolated_env(poison) {
        cmd.set_env(key, poison.join(key).as_os_str());
    }
    cmd.set_env("HOME", poison.as_os_str());
    cmd.set_env("USCE_DB", poison.join("usce.db").as_os_str());
    cmd.set_env("USCE_CONFIG", poison.join("config.toml").as_os_str());
    cmd.set_env("USCE_LOG", "trace".as_ref());
}

fn assert_untouched(poisoned: &Path) {
    let files = files_under(poisoned);
    assert!(
        files.is_empty(),
        "usce wrote outside its sandbox: {files:?}"
    );
}

#[test]
fn a_cli_run_without_db_keeps_its_database_and_log_in_the_sandbox() {
    let (sandbox, poisoned) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/freida_style.csv");
    let mut import = std::process::Command::new(env!("CARGO_BIN_EXE_usce"));
    poison(&mut import, poisoned.path());
    let out = import
        .isolate(sandbox.path())
        .arg("import")
        .arg(&fixture)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let db = sandbox.path().join("data/usce/usce.db");
    let store = usce::store::Store::open(&db).unwrap();
    assert!(
        store.count_programs().unwrap() > 0,
        "the import landed in {db:?}"
    );
    let logs = sandbox.path().join("state/usce/logs");
    assert!(
        logs.join("usce.log").exists(),
        "{:?}",
        files_under(sandbox.path())
    );
    assert_untouched(poisoned.path());
}

#[test]
fn the_tui_without_db_keeps_its_database_templates_and_log_in_the_sandbox() {
    let (sandbox, poisoned) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_usce"));
    poison(&mut cmd, poisoned.path());
    cmd.isolate(sandbox.path());
    cmd.env("TERM", "xterm-256color");
    let mut tui = Tui::spawn_command(cmd, 120, 36);
    tui.wait_for("sample programs loaded");
    tui.send("\x1b");
    tui.wait_gone("Welcome to usce");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let home = sandbox.path();
    assert!(home.join("data/usce/usce.db").exists());
    assert!(home.join("config/usce/templates").is_dir());
    assert!(home.join("state/usce/logs/usce.log").exists());
    assert_untouched(poisoned.path());
}
