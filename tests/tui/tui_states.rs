//! End-to-end: a state marked done in the states overview (`T`) is saved,
//! and the next start shows it done and folded.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::pty::Tui;
use tempfile::TempDir;

#[test]
fn a_state_marked_done_stays_done_and_folded_after_a_restart() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut tui = Tui::spawn(&db, &[], 120, 36);
    tui.wait_for("sample programs loaded");
    tui.send("T");
    tui.wait_for("0 of");
    // The first row (no home state yet: the first state by code) is selected.
    tui.send("x");
    let screen = tui.wait_for("✓ done");
    assert!(screen.contains("1 of"), "{screen}");
    assert!(screen.contains("Next:"), "{screen}");
    tui.send("\x1b");
    tui.wait_for("Enter open");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let mut again = Tui::spawn(&db, &[], 120, 36);
    // The footer is drawn last, so the list above it is complete.
    let screen = again.wait_for("Enter open");
    assert!(
        screen.contains("▸ "),
        "the done state starts folded:\n{screen}"
    );
    again.send("T");
    let screen = again.wait_for("✓ done");
    assert!(screen.contains("1 of"), "{screen}");
    // q closes the overview, then quits.
    again.send("q");
    again.send("q");
    assert!(again.wait_exit().success());
}
