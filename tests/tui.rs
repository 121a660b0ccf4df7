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
    again.wait_for("Zanzibar City");
    again.send("q");
    assert!(again.wait_exit().success());
}

/// usce under a shell in the same terminal: after usce exits, `stty -a`
/// reports the terminal's modes and `read` takes a line typed by the test.
const AFTER_EXIT: &str = r#""$0" --db "$1"; s=$?
printf 'STTY:'; stty -a; printf 'END-STTY\n'
IFS= read -r line; printf 'got:%s\n' "$line"; exit $s"#;

/// The panic hook must give the terminal back: alternate screen left
/// before the message prints, and raw mode off. Raw mode is checked two
/// ways in the very terminal usce ran in, once it has exited: `stty -a`
/// must show canonical mode, echo, signals and CR→NL translation on, and a
/// line typed by the test must be echoed by the line discipline and
/// delivered to `read` at Enter (in raw mode it would be neither).
#[test]
fn panic_restores_the_terminal_before_the_message() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut cmd = portable_pty::CommandBuilder::new("sh");
    cmd.arg("-c");
    cmd.arg(AFTER_EXIT);
    let usce = support::pty::usce_command(&db, &[("USCE_TEST_PANIC", "1")]);
    cmd.arg(env!("CARGO_BIN_EXE_usce"));
    cmd.arg(&db);
    for (k, v) in usce.iter_full_env_as_str() {
        cmd.env(k, v);
    }
    let mut tui = Tui::spawn_command(cmd, 80, 24);
    tui.wait_for("END-STTY");
    let raw = String::from_utf8_lossy(&tui.raw).to_string();
    let leave = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let message = raw
        .find("panicking on purpose")
        .expect("panic message printed");
    assert!(leave < message, "terminal restored before the message");

    let stty = &raw[raw.find("STTY:").unwrap()..raw.find("END-STTY").unwrap()];
    let modes: Vec<&str> = stty.split([' ', ';', '\r', '\n']).collect();
    for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(
            modes.contains(&mode),
            "{mode} is off after the panic:\n{stty}"
        );
    }

    tui.send("typed after the panic\r");
    let screen = tui.wait_for("got:typed after the panic");
    assert!(
        screen.contains("typed after the panic\n")
            || screen.matches("typed after the panic").count() == 2,
        "the line was not echoed:\n{screen}"
    );
    let status = tui.wait_exit();
    assert!(!status.success(), "usce's own exit status is kept");
}
