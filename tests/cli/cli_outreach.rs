//! `usce outreach` without sending: the dry-run preview and `--eml-dir`
//! export, through the real binary on a temp database.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use predicates::prelude::*;
use usce::domain::{Profile, Status};
use usce::store::Store;

use support::mime::Part;
use support::outreach::{
    TEMPLATE, THREE, add_program, files_under, stdout_of, three_programs, usce,
};

/// Three ready programs (the OH one already contacted) and one without an
/// email contact.
fn seeded(dir: &Path) -> PathBuf {
    let db = dir.join("usce.db");
    let ids = three_programs(&db);
    let mut store = Store::open(&db).unwrap();
    store.set_status(ids[1], Status::Contacted).unwrap();
    add_program(&mut store, "Appalachian Family Medicine", "KY", "");
    db
}

/// The database file's bytes and mtime, with the WAL folded in first so
/// the file alone is the whole database.
fn snapshot(db: &Path) -> (Vec<u8>, SystemTime) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    drop(conn);
    (
        fs::read(db).unwrap(),
        fs::metadata(db).unwrap().modified().unwrap(),
    )
}

fn no_config(dir: &Path) -> PathBuf {
    dir.join("config").join("config.toml")
}

#[test]
fn dry_run_previews_every_email_and_skip_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = snapshot(&db);

    for extra in [&[][..], &["--dry-run"][..]] {
        let run = usce(&db, &no_config(dir.path()))
            .args(["outreach", "--template", TEMPLATE])
            .args(extra)
            .assert()
            .success();
        let out = stdout_of(run.get_output());
        for (name, state, email) in THREE {
            assert!(out.contains(&format!("── {state}  {name} (#")), "{out}");
            assert!(
                out.contains(&format!("   To:      {email} (coordinator, ")),
                "{out}"
            );
        }
        assert!(
            out.contains("   Subject: Internal Medicine elective rotation request – Amína Yúsuf"),
            "{out}"
        );
        assert!(
            out.contains("   │ Dear Coordinator of Bluegrass Internal Medicine,"),
            "{out}"
        );
        assert!(
            out.contains("   Note: status is already contacted"),
            "{out}"
        );
        assert_eq!(out.matches("Note: status").count(), 1, "{out}");
        assert!(out.contains("skipped 1 program:"), "{out}");
        assert!(
            out.contains("KY  Appalachian Family Medicine (#4): no email contact"),
            "{out}"
        );
        assert!(
            out.contains(
                "would send 3 emails with template request_rotation (dry run: nothing written"
            ),
            "{out}"
        );
    }
    assert_eq!(snapshot(&db), before);
    assert!(!dir.path().join("sent").exists());
}

#[test]
fn dry_run_names_the_blank_profile_fields_that_block_each_program() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    {
        let mut store = Store::open(&db).unwrap();
        let profile = store.profile().unwrap();
        store
            .save_profile(&Profile {
                full_name: String::new(),
                ..profile
            })
            .unwrap();
    }
    let before = snapshot(&db);
    let run = usce(&db, &no_config(dir.path()))
        .args([
            "outreach",
            "--template",
            TEMPLATE,
            "--state",
            "KY",
            "--limit",
            "1",
        ])
        .assert()
        .success();
    let out = stdout_of(run.get_output());
    assert!(
        out.contains("KY  Bluegrass Internal Medicine (#1): unresolved field: profile.full_name"),
        "{out}"
    );
    assert!(out.contains("no email contact"), "{out}");
    assert!(
        out.contains("1 program waiting for blank profile fields"),
        "{out}"
    );
    assert!(!out.contains("OH  "), "--state KY filters: {out}");
    assert!(out.contains("would send 0 emails"), "{out}");
    assert_eq!(snapshot(&db), before);
}

#[test]
fn limit_and_filters_narrow_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let run = usce(&db, &no_config(dir.path()))
        .args(["outreach", "--template", TEMPLATE, "--limit", "2"])
        .assert()
        .success();
    let out = stdout_of(run.get_output());
    assert!(out.contains("would send 2 emails"), "{out}");
    assert!(out.contains("1 more program left out by --limit"), "{out}");
    assert!(!out.contains("TX  Lone Star"), "{out}");

    let run = usce(&db, &no_config(dir.path()))
        .args(["outreach", "--template", TEMPLATE, "--status", "contacted"])
        .assert()
        .success();
    let out = stdout_of(run.get_output());
    assert!(out.contains("would send 1 email "), "{out}");
    assert!(out.contains("OH  Buckeye Internal Medicine"), "{out}");
}

#[test]
fn bad_arguments_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let config = no_config(dir.path());
    usce(&db, &config)
        .args(["outreach", "--template", TEMPLATE, "--send", "--dry-run"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot be used with"));
    usce(&db, &config)
        .args(["outreach", "--template", "request_rotaton"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no template named \"request_rotaton\"",
        ));
    usce(&db, &config)
        .args(["outreach", "--template", TEMPLATE, "--state", "ZZ"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown state \"ZZ\""));
}

#[test]
fn a_broken_config_is_reported_with_its_line_and_unknown_keys_are_warned() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let config = dir.path().join("config.toml");
    fs::write(&config, "[outreach]\ndelay_secs = 2\nspeed = 3\n").unwrap();
    usce(&db, &config)
        .args(["outreach", "--template", TEMPLATE])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "warning: {}:3: unknown key `outreach.speed` ignored",
            config.display()
        )));
    fs::write(&config, "[outreach]\n\ndelay_secs = \"soon\"\n").unwrap();
    usce(&db, &config)
        .args(["outreach", "--template", TEMPLATE])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "{}:3: outreach.delay_secs: invalid type",
            config.display()
        )));
}

#[test]
fn eml_dir_writes_one_private_parseable_file_per_program_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = snapshot(&db);
    let out_dir = dir.path().join("outbox");

    let run = usce(&db, &no_config(dir.path()))
        .args(["outreach", "--template", TEMPLATE, "--eml-dir"])
        .arg(&out_dir)
        .assert()
        .success();
    let out = stdout_of(run.get_output());
    assert!(out.contains("wrote 3 .eml files"), "{out}");
    assert!(out.contains("no email contact"), "{out}");

    let files = files_under(&out_dir);
    assert_eq!(files.len(), 3, "{files:?}");
    for ((name, state, email), file) in THREE.iter().zip(&files) {
        let file_name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(file_name.starts_with(&format!("{state}-")), "{file_name}");
        assert!(file_name.ends_with(".eml"), "{file_name}");
        #[cfg(unix)]
        assert_eq!(support::outreach::mode(file), 0o600, "{file_name}");
        let message = Part::parse(&fs::read_to_string(file).unwrap());
        assert_eq!(message.header("To").unwrap(), *email);
        assert_eq!(
            message.decoded("From").unwrap(),
            "Amína Yúsuf <amina.yusuf@example.org>"
        );
        assert_eq!(
            message.decoded("Subject").unwrap(),
            "Internal Medicine elective rotation request – Amína Yúsuf"
        );
        assert!(message.header("Message-ID").is_some());
        assert!(message.header("Date").is_some());
        let body = String::from_utf8(message.content()).unwrap();
        assert!(body.contains(name), "{body}");
    }
    assert_eq!(snapshot(&db), before, "the database is not touched");
    assert!(!dir.path().join("sent").exists());
}
