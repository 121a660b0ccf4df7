//! Two usce processes on one database: a TUI typing while `usce import`
//! runs, and two TUIs editing side by side. Neither may see "database is
//! locked", lose an edit, or damage the file.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::Path;
use std::process::Stdio;

use support::pty::Tui;
use tempfile::TempDir;
use usce::store::Store;

/// Adds a program through the TUI and opens its draft for typing.
fn add_program_and_start_draft(tui: &mut Tui, name: &str, state: &str) {
    tui.send("a");
    tui.wait_for("New program name");
    tui.send(&format!("{name}\r"));
    tui.wait_for("State (code or name)");
    tui.send(&format!("\x7f\x7f\x7f\x7f{state}\r"));
    tui.wait_for("Program added");
    tui.send("\x1b");
    tui.wait_for("Enter open");
    tui.send("\t\t\r");
    tui.wait_for("typing · Esc stops");
}

/// Types `token` and a line break into the draft, waiting for the editor
/// to show it (and so for its autosave to have committed).
fn type_line(tui: &mut Tui, token: &str) {
    tui.send(token);
    tui.wait_for(&format!("│{token}"));
    tui.send("\r");
}

/// Leaves the editor and the draft pane with lone Escs, for list keys.
fn back_to_list(tui: &mut Tui) {
    tui.send("\x1b");
    tui.wait_for("autosaved");
    tui.send("\x1b");
    tui.wait_for("Enter open");
}

fn draft_of(store: &Store, name: &str) -> String {
    let p = store
        .list_programs()
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    store.current_draft(p.id).unwrap().unwrap().body
}

fn assert_sound(db: &Path) -> Store {
    let store = Store::open(db).unwrap();
    let problems = store.integrity_problems().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    store
}

#[test]
fn an_import_runs_while_the_tui_types_and_ctrl_r_shows_the_new_rows() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let csv = dir.path().join("many.csv");
    support::crash::programs_csv(&csv, "Imported", 5_000_000, 3_000);

    let mut tui = Tui::spawn(&db, &[], 120, 36);
    tui.wait_for("sample programs loaded");
    add_program_and_start_draft(&mut tui, "Busy Clinic", "KY");
    let before = Store::open(&db).unwrap().count_programs().unwrap();
    tui.wait_for(&format!("{before} programs in"));

    let mut import = support::usce_process(&db)
        .arg("import")
        .arg(&csv)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Every keystroke autosaves: the TUI writes all through the import's
    // long write transaction and must wait its turn, not fail.
    let mut lines = Vec::new();
    let mut typed_during_import = 0;
    while import.try_wait().unwrap().is_none() {
        let token = format!("w{}", lines.len());
        type_line(&mut tui, &token);
        lines.push(token);
        typed_during_import += 1;
    }
    let last = format!("w{}", lines.len());
    tui.send(&last);
    tui.wait_for(&format!("│{last}"));
    lines.push(last);
    let output = import.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "import failed: {stderr}");
    assert!(!stderr.contains("locked"), "{stderr}");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("added 3000"),
        "{output:?}"
    );
    assert!(
        typed_during_import > 0,
        "the import finished before any key"
    );

    back_to_list(&mut tui);
    // The list still shows what was loaded; Ctrl-R reads the new rows.
    tui.wait_for(&format!("{before} programs in"));
    tui.send("\x12");
    tui.wait_for("Reloaded from the database.");
    let screen = tui.wait_for(&format!("{} programs in", before + 3_000));
    let raw = String::from_utf8_lossy(&tui.raw).to_string();
    assert!(
        !raw.contains("locked"),
        "the TUI reported a lock:\n{screen}"
    );
    tui.send("q");
    assert!(tui.wait_exit().success());

    let store = assert_sound(&db);
    assert_eq!(store.count_programs().unwrap(), before + 3_000);
    assert_eq!(draft_of(&store, "Busy Clinic"), lines.join("\n"));
}

#[test]
fn two_tuis_edit_one_database_and_both_edits_land() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut first = Tui::spawn(&db, &[], 120, 36);
    first.wait_for("sample programs loaded");
    let mut second = Tui::spawn(&db, &[], 120, 36);
    second.wait_for("Contact log");
    let samples = Store::open(&db).unwrap().count_programs().unwrap();

    add_program_and_start_draft(&mut first, "Alpha Clinic", "KY");
    add_program_and_start_draft(&mut second, "Beta Clinic", "OH");
    let mut alpha = Vec::new();
    let mut beta = Vec::new();
    for i in 0..15 {
        let (a, b) = (format!("a{i}"), format!("b{i}"));
        type_line(&mut first, &a);
        type_line(&mut second, &b);
        alpha.push(a);
        beta.push(b);
    }
    for tui in [&mut first, &mut second] {
        back_to_list(tui);
        // Each sees the other's program after a reload.
        tui.send("\x12");
        tui.wait_for(&format!("{} programs in", samples + 2));
        tui.send("q");
        assert!(tui.wait_exit().success());
        assert!(!String::from_utf8_lossy(&tui.raw).contains("locked"));
    }

    let store = assert_sound(&db);
    assert_eq!(store.count_programs().unwrap(), samples + 2);
    // Every line was followed by Enter: the drafts end with an empty line.
    assert_eq!(draft_of(&store, "Alpha Clinic"), alpha.join("\n") + "\n");
    assert_eq!(draft_of(&store, "Beta Clinic"), beta.join("\n") + "\n");
}

#[test]
fn several_usce_opening_a_new_database_at_once_all_succeed() {
    for round in 0..8 {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("new.db");
        // All start before any finishes: each migrates or waits for the
        // one that does, then finds the schema already there.
        let children: Vec<_> = (0..4)
            .map(|i| {
                support::usce_process(&db)
                    .args(["states", "--done", ["KY", "OH", "TX", "CA"][i]])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {stderr}");
        }
        let store = assert_sound(&db);
        assert_eq!(store.states_done().unwrap().len(), 4, "round {round}");
    }
}
