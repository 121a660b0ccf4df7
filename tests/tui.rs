//! End-to-end: the real binary in a pseudo-terminal.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use support::pty::Tui;
use tempfile::TempDir;

#[test]
fn first_run_shows_three_panes_with_the_sample_list_and_edits_survive_restart() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut tui = Tui::spawn(&db, &[], 120, 36);
    let screen = tui.wait_for("sample programs loaded");
    assert!(screen.contains("Programs"), "{screen}");
    assert!(screen.contains("Contact log"), "{screen}");
    assert!(screen.contains("Draft"), "{screen}");
    assert!(
        screen.contains("programs ·"),
        "state header with counts:\n{screen}"
    );

    // j, Enter opens the detail view; edit the City field.
    tui.send("j");
    tui.send("\r");
    tui.wait_for("Enter edits, Esc closes");
    for _ in 0..4 {
        tui.send("j");
    }
    tui.send("\r");
    tui.wait_for("City: ");
    // Clear the field (Ctrl-U is not bound; use backspaces) and type.
    tui.send(&"\x7f".repeat(60));
    tui.send("Zanzibar City\r");
    tui.wait_for("Zanzibar City");
    // A lone Esc must arrive on its own: Esc followed at once by "q" is
    // what terminals send for Alt-q.
    tui.send("\x1b");
    tui.wait_for("Enter open");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let mut again = Tui::spawn(&db, &[], 120, 36);
    again.wait_for("Enter open");
    // The list row cuts a long city short (the fit badge shares it); the
    // detail view shows the whole field.
    again.send("j");
    again.send("\r");
    again.wait_for("Zanzibar City");
    // The footer is drawn last: once it changes, the form is all there.
    again.wait_for("Enter choose");
    again.send("\x1b");
    again.wait_for("Enter open");
    again.send("q");
    assert!(again.wait_exit().success());
}

#[test]
fn panic_restores_the_terminal_before_the_message() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut tui = Tui::spawn(&db, &[("USCE_TEST_PANIC", "1")], 80, 24);
    let status = tui.wait_exit();
    assert!(!status.success());
    let raw = String::from_utf8_lossy(&tui.raw).to_string();
    let leave = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let message = raw
        .find("panicking on purpose")
        .expect("panic message printed");
    assert!(leave < message, "terminal restored before the message");
    assert!(!tui.screen().is_empty());
}
