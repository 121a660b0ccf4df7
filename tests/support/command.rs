//! The one way tests start the real `usce` binary. Each command gets HOME
//! and every XDG base directory inside a temp folder, and loses the
//! variables that would point it at the developer's own files, so
//! `cargo test` never reads or writes the real home. (`.ci/run` checks
//! that no usce file appeared there.)

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Variables a developer's shell may hold that would steer usce: its
/// database and config, the log level, a fixed date, the crash switches.
/// Tests that want one set it after the builder.
pub const CLEARED: [&str; 6] = [
    "USCE_DB",
    "USCE_CONFIG",
    "USCE_LOG",
    "USCE_TODAY",
    "USCE_TEST_PANIC",
    "USCE_TEST_KILL_AFTER_250",
];

/// HOME and each XDG base directory for a run whose files belong under
/// `root`: `root/config`, `root/data`, `root/state`, `root/cache` and
/// `root/runtime`. Nothing is created; usce makes what it needs.
pub fn isolated_env(root: &Path) -> [(&'static str, PathBuf); 6] {
    [
        ("HOME", root.to_path_buf()),
        ("XDG_CONFIG_HOME", root.join("config")),
        ("XDG_DATA_HOME", root.join("data")),
        ("XDG_STATE_HOME", root.join("state")),
        ("XDG_CACHE_HOME", root.join("cache")),
        ("XDG_RUNTIME_DIR", root.join("runtime")),
    ]
}

/// A command being built: std's, assert_cmd's or portable-pty's.
pub trait Isolate {
    fn set_env(&mut self, key: &str, value: &OsStr);
    fn remove_env(&mut self, key: &str);

    /// Points every place the command could read or write outside its
    /// explicit paths at `root` (see [`isolated_env`] and [`CLEARED`]).
    fn isolate(&mut self, root: &Path) -> &mut Self {
        for key in CLEARED {
            self.remove_env(key);
        }
        for (key, value) in isolated_env(root) {
            self.set_env(key, value.as_os_str());
        }
        self
    }
}

impl Isolate for std::process::Command {
    fn set_env(&mut self, key: &str, value: &OsStr) {
        self.env(key, value);
    }
    fn remove_env(&mut self, key: &str) {
        self.env_remove(key);
    }
}

impl Isolate for assert_cmd::Command {
    fn set_env(&mut self, key: &str, value: &OsStr) {
        self.env(key, value);
    }
    fn remove_env(&mut self, key: &str) {
        self.env_remove(key);
    }
}

impl Isolate for portable_pty::CommandBuilder {
    fn set_env(&mut self, key: &str, value: &OsStr) {
        self.env(key, value);
    }
    fn remove_env(&mut self, key: &str) {
        self.env_remove(key);
    }
}

/// The folder a test database lives in, which holds the run's other files.
pub fn home_of(db: &Path) -> &Path {
    db.parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or_else(|| panic!("a test database needs a folder: {}", db.display()))
}

/// `usce --db DB`, everything else under DB's folder (see [`isolated_env`]).
pub fn usce(db: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_usce"));
    cmd.isolate(home_of(db)).arg("--db").arg(db);
    cmd
}

/// The same as a std `Command`, for tests that spawn, pipe or kill it.
pub fn usce_process(db: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_usce"));
    cmd.isolate(home_of(db)).arg("--db").arg(db);
    cmd
}

/// `usce` with no `--db`: a user's defaults, every one of them under `home`.
pub fn usce_at_home(home: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_usce"));
    cmd.isolate(home);
    cmd
}
