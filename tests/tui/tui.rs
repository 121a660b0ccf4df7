//! End-to-end: the real binary in a pseudo-terminal.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::pty::Tui;
use tempfile::TempDir;

#[test]
fn first_run_shows_three_panes_with_the_sample_list_and_edits_survive_restart() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut tui = Tui::spawn_first_run(&db, &[], 120, 36);
    tui.wait_for("Welcome to usce");
    tui.wait_for("sample programs loaded");
    // The welcome can be skipped; the main screen is behind it.
    tui.send("\x1b");
    let screen = tui.wait_gone("Welcome to usce");
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
    tui.wait_gone("Enter edits, Esc closes");
    tui.send("q");
    assert!(tui.wait_exit().success());

    let mut again = Tui::spawn(&db, &[], 120, 36);
    again.wait_for("Contact log");
    // The list row may be too narrow for the whole city: open the program.
    // (Rows now keep the city, so wait for the form before looking.)
    again.send("j");
    again.send("\r");
    again.wait_for("Enter edits, Esc closes");
    again.wait_for("Zanzibar City");
    again.send("\x1b");
    again.wait_gone("Enter edits, Esc closes");
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

/// Sends a key, then waits for the screen to show `text`.
fn step(tui: &mut Tui, keys: &str, text: &str) -> String {
    tui.send(keys);
    tui.wait_for(text)
}

/// Types into a field of the open form: select row `row`, Enter, text, Enter.
fn fill(tui: &mut Tui, row: usize, text: &str) {
    tui.send("g");
    for _ in 0..row {
        tui.send("j");
    }
    tui.send("\r");
    tui.wait_for(": ");
    tui.send(&"\x7f".repeat(40));
    tui.send(text);
    tui.send("\r");
    tui.wait_for(text);
}

#[test]
fn a_new_user_goes_from_welcome_to_an_exported_request_email() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let eml = dir.path().join("request.eml");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acgme_style.csv");
    let mut tui = Tui::spawn_first_run(&db, &[("HOME", dir.path().to_str().unwrap())], 120, 36);
    tui.wait_for("Welcome to usce");
    // 1. Fill in the profile (the first step of the welcome).
    step(&mut tui, "\r", "Your profile");
    fill(&mut tui, 0, "Amina Yusuf");
    fill(&mut tui, 1, "amina.yusuf@example.org");
    fill(&mut tui, 3, "University of Example Medical College");
    fill(&mut tui, 5, "2023");
    fill(&mut tui, 11, "Internal Medicine");
    fill(&mut tui, 13, "from June 2 to July 25, 2027");
    tui.send("\x1b");
    tui.wait_gone("Your profile");
    // 2. Import a CSV from the welcome (W reopens it).
    step(&mut tui, "W", "Welcome to usce");
    tui.send("j");
    step(&mut tui, "\r", "Import CSV file");
    tui.send(fixture.to_str().unwrap());
    step(&mut tui, "\r", "Are you sure?");
    step(&mut tui, "y", "Imported: added");
    // 3. Find the program and compose the rotation request.
    tui.send("/");
    // A leading ' asks for an exact (not fuzzy) match.
    tui.send("'mercy");
    step(&mut tui, "\r", "Mercy Hospital Program");
    tui.send("\t");
    tui.send("\t");
    step(&mut tui, "c", "write to whom?");
    step(&mut tui, "\r", "which template?");
    step(&mut tui, "\r", "Draft composed");
    tui.wait_for("To: jdoe@mercy.example.org");
    // 4. Save it as a .eml file.
    tui.send("\x1b");
    tui.wait_gone("typing · Esc stops");
    step(&mut tui, "x", "Save .eml as");
    tui.send(&"\x7f".repeat(80));
    tui.send(eml.to_str().unwrap());
    step(&mut tui, "\r", "Saved");
    tui.send("q");
    assert!(tui.wait_exit().success());
    let text = std::fs::read_to_string(&eml).unwrap();
    assert!(text.contains("To: jdoe@mercy.example.org"), "{text}");
    assert!(text.contains("Subject: Internal Medicine"), "{text}");
    assert!(text.contains("Mercy Hospital Program"), "{text}");
    assert!(text.contains("Amina Yusuf"), "{text}");
}
