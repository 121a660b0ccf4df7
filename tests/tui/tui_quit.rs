//! Ctrl-C always gets the user out of the real binary in a terminal (raw
//! mode turns it into a key, so it is the app's to answer), even with
//! `quit` unbound and a text input open.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::pty::Tui;
use tempfile::TempDir;

#[test]
fn ctrl_c_quits_cleanly_from_a_prompt_with_quit_unbound() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys.global]\nquit = []\n").unwrap();
    let mut tui = Tui::spawn(&db, &[("USCE_CONFIG", config.to_str().unwrap())], 120, 36);
    tui.wait_for("sample programs loaded");
    // The search prompt takes every other key as text.
    tui.send("/");
    tui.send("q");
    tui.wait_for("q");
    assert!(
        !tui.has_exited(),
        "q is text in the prompt, and unbound anyway"
    );
    tui.send("\x03");
    assert!(tui.wait_exit().success());
}
