//! The mouse in the real binary: capture is switched on for the TUI and
//! off again however it ends, and a click in the terminal selects a row.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::pty::Tui;
use tempfile::TempDir;

const CAPTURE_ON: &str = "\x1b[?1000h";
const CAPTURE_OFF: &str = "\x1b[?1000l";

fn raw(tui: &Tui) -> String {
    String::from_utf8_lossy(&tui.raw).to_string()
}

/// A left click at a 0-based cell, as an SGR-mouse terminal sends it.
fn click(tui: &mut Tui, column: usize, row: usize) {
    let (x, y) = (column + 1, row + 1);
    tui.send(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
}

#[test]
fn a_click_selects_a_program_and_capture_ends_with_the_app() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut tui = Tui::spawn(&db, &[], 120, 36);
    let screen = tui.wait_for("sample programs loaded");
    assert!(raw(&tui).contains(CAPTURE_ON), "mouse capture switched on");

    // The third row of the list is a program other than the selected one.
    let row = 4;
    let line = screen.lines().nth(row).unwrap();
    let left: String = line.chars().skip(5).take(56).collect();
    let name = left.split("  ").next().unwrap().trim().to_string();
    assert!(name.len() > 5, "a program name on row {row}: {line:?}");
    let short: String = name.chars().take(20).collect();
    assert!(
        !screen.contains(&format!("Contact log — {short}")),
        "{screen}"
    );
    click(&mut tui, 10, row);
    tui.wait_for(&format!("Contact log — {short}"));

    tui.send("q");
    assert!(tui.wait_exit().success());
    let raw = raw(&tui);
    let on = raw.rfind(CAPTURE_ON).unwrap();
    let off = raw.rfind(CAPTURE_OFF).expect("mouse capture switched off");
    assert!(off > on, "switched off after the last switch on");
}

#[test]
fn mouse_false_in_the_config_leaves_the_mouse_to_the_terminal() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "mouse = false\n").unwrap();
    let mut tui = Tui::spawn(&db, &[("USCE_CONFIG", config.to_str().unwrap())], 120, 36);
    tui.wait_for("sample programs loaded");
    tui.send("q");
    assert!(tui.wait_exit().success());
    assert!(!raw(&tui).contains(CAPTURE_ON));
}

#[test]
fn a_panic_switches_mouse_capture_off_before_the_message() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut tui = Tui::spawn(&db, &[("USCE_TEST_PANIC", "1")], 80, 24);
    assert!(!tui.wait_exit().success());
    let raw = raw(&tui);
    let on = raw.find(CAPTURE_ON).expect("capture was on");
    let off = on + raw[on..].find(CAPTURE_OFF).expect("capture switched off");
    let message = raw.find("panicking on purpose").expect("panic message");
    assert!(
        on < off && off < message,
        "off after on, before the message"
    );
}

#[test]
fn config_problems_show_at_start_and_rebound_keys_work() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[keys.global]\nquit = \"Q\"\n\n[keys.programs]\nadd_program = \"x\"\ndelete = \"x\"\n",
    )
    .unwrap();
    let mut tui = Tui::spawn(&db, &[("USCE_CONFIG", config.to_str().unwrap())], 120, 36);
    tui.wait_for("Some settings need attention");
    let screen = tui.wait_for("keys.programs.delete");
    assert!(
        screen.contains("config.toml:6: keys.programs.delete"),
        "{screen}"
    );
    tui.send("\x1b");
    tui.wait_for("Q quit");
    tui.send("Q");
    assert!(tui.wait_exit().success());
}
