//! `usce import`, `export` and `backup` through the real binary.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use tempfile::TempDir;
use usce::domain::{Channel, Direction, Interaction, InteractionId};
use usce::store::Store;

use support::usce;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn export_csv(db: &Path) -> String {
    let out = usce(db)
        .arg("export")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn import_ok(db: &Path, file: &Path) -> String {
    let out = usce(db)
        .arg("import")
        .arg(file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_bad_file_reports_every_problem_by_line_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    import_ok(&db, &fixture("freida_style.csv"));
    let before_export = export_csv(&db);
    let before_count = Store::open(&db).unwrap().count_programs().unwrap();
    let bad = fixture("bad.csv");
    let shown = bad.display().to_string();
    // --strict: an unreadable optional cell (the IMG % of line 5) is a
    // problem too, not a field left unknown.
    usce(&db)
        .args(["import", "--strict"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "{shown}:3: Program Name: a program name is required"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:5: IMG %: \"150\" is not between 0 and 100"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:11: State: a state is required"
        )))
        .stderr(predicate::str::contains("nothing was imported"));
    assert_eq!(
        Store::open(&db).unwrap().count_programs().unwrap(),
        before_count
    );
    assert_eq!(export_csv(&db), before_export);
}

/// The TUI's import goes through the same code: anything it printed would
/// scribble over the screen. A clean file gives a silent stderr, whether
/// planned for a preview or streamed into the database.
#[test]
fn a_clean_import_prints_nothing_on_stderr() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    for args in [&["import", "--dry-run"][..], &["import"][..]] {
        usce(&db)
            .args(args)
            .arg(fixture("acgme_style.csv"))
            .assert()
            .success()
            .stderr("");
    }
}

#[test]
fn dry_run_leaves_the_database_file_untouched() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    import_ok(&db, &fixture("acgme_style.csv"));
    // Fold the WAL into the main file so the file alone is the database.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
    }
    let bytes = std::fs::read(&db).unwrap();
    let mtime = std::fs::metadata(&db).unwrap().modified().unwrap();
    usce(&db)
        .args(["import", "--dry-run"])
        .arg(fixture("freida_style.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "add     MA  Riverside Hospital Program",
        ))
        .stdout(predicate::str::contains("(dry run: nothing written)"));
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    assert_eq!(std::fs::metadata(&db).unwrap().modified().unwrap(), mtime);
}

#[test]
fn import_export_import_export_round_trips_exactly() {
    let dir = TempDir::new().unwrap();
    let first = dir.path().join("first.db");
    for f in [
        "freida_style.csv",
        "acgme_style.csv",
        "full_state_names.csv",
        "quoted_newlines.csv",
        "bom_crlf.csv",
    ] {
        import_ok(&first, &fixture(f));
    }
    let exported = export_csv(&first);
    let file = dir.path().join("exported.csv");
    std::fs::write(&file, &exported).unwrap();
    let second = dir.path().join("second.db");
    let summary = import_ok(&second, &file);
    assert!(summary.contains("skipped 0"), "{summary}");
    assert_eq!(export_csv(&second), exported);
}

#[test]
fn duplicates_are_skipped_and_update_merges_without_blanking() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let first = import_ok(&db, &fixture("duplicates.csv"));
    assert!(
        first.starts_with("added 3, updated 0, skipped 2"),
        "{first}"
    );
    let again = import_ok(&db, &fixture("duplicates.csv"));
    assert!(
        again.starts_with("added 0, updated 0, skipped 5"),
        "{again}"
    );
    let out = usce(&db)
        .args(["import", "--update"])
        .arg(fixture("duplicates.csv"))
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("updated"), "{text}");
    let csv = export_csv(&db);
    assert!(
        csv.contains("0140521105"),
        "id kept with its leading zero:\n{csv}"
    );
    assert!(
        csv.contains("Mercy Hospital"),
        "blank cells never overwrite:\n{csv}"
    );
}

#[test]
fn json_export_has_contacts_and_the_log_and_backup_is_a_private_consistent_copy() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    import_ok(&db, &fixture("freida_style.csv"));
    let mut store = Store::open(&db).unwrap();
    let program = store.list_programs().unwrap()[0].id;
    store
        .insert_interaction(&Interaction {
            id: InteractionId(0),
            program_id: program,
            contact_id: None,
            at: chrono::Utc::now(),
            channel: Channel::Phone,
            direction: Direction::Out,
            summary: "phoned coordinator, left voicemail".into(),
            eml_path: None,
        })
        .unwrap();
    let json = usce(&db)
        .args(["export", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let programs = value["programs"].as_array().unwrap();
    for key in ["letters", "states_done", "profile"] {
        assert!(value.get(key).is_some(), "json export has {key}");
    }
    assert!(programs[0].get("rotations").is_some() && programs[0].get("status_changes").is_some());
    assert!(
        programs
            .iter()
            .any(|p| p["contacts"].as_array().is_some_and(|c| !c.is_empty()))
    );
    assert!(
        programs
            .iter()
            .any(|p| p["interactions"][0]["summary"] == "phoned coordinator, left voicemail")
    );

    // Backup while this process still holds the database open.
    let dest = dir.path().join("backup").join("copy.db");
    usce(&db)
        .args(["backup", "-o"])
        .arg(&dest)
        .assert()
        .success();
    let copy = Store::open(&dest).unwrap();
    assert_eq!(
        copy.count_programs().unwrap(),
        store.count_programs().unwrap()
    );
    assert_eq!(copy.list_interactions(program).unwrap().len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    usce(&db)
        .args(["backup", "-o"])
        .arg(&dest)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn export_to_a_file_is_private() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    import_ok(&db, &fixture("acgme_style.csv"));
    let out = dir.path().join("out.csv");
    usce(&db)
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().lines().count() > 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

/// `usce import` returns once its transaction is committed and leaves the
/// copy from the write-ahead log into `usce.db` to the next usce: every
/// other command reads the import meanwhile, and its close completes the
/// file, so a copy of `usce.db` alone then holds the whole list.
#[test]
fn an_import_is_read_from_the_log_at_once_and_the_next_command_completes_the_file() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    import_ok(&db, &fixture("freida_style.csv"));
    let wal = dir.path().join("usce.db-wal");
    assert!(
        std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0),
        "the import waits in the log"
    );
    let listed = usce(&db)
        .args(["list", "--format", "csv"])
        .assert()
        .success();
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    assert!(listed.lines().count() > 1, "read from the log: {listed}");
    // `list` was the last usce to close: the file is complete.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    let programs = Store::open(&copy).unwrap().count_programs().unwrap();
    assert_eq!(programs, listed.lines().count() - 1);
}
