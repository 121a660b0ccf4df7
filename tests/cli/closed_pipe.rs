//! Every command into a closed pipe (`usce due --format json | head`) exits
//! quietly and successfully, as Unix tools do: the reader chose to stop.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::process::Stdio;

use tempfile::TempDir;
use usce::domain::{FollowUp, FollowUpId};
use usce::store::Store;

/// A database with the sample programs and an overdue follow-up, so every
/// command below has lines to write.
fn seeded(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    store.seed_sample_if_new().unwrap();
    let program = store.list_programs().unwrap()[0].id;
    store
        .insert_follow_up(&FollowUp {
            id: FollowUpId(0),
            program_id: program,
            contact_id: None,
            due: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            note: "Follow up".into(),
            done_at: None,
            snoozed_from: vec![],
        })
        .unwrap();
    db
}

#[test]
fn every_command_into_a_closed_pipe_exits_quietly() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["due"],
        &["due", "--format", "json"],
        &["export"],
        &["export", "--format", "json"],
        &["stats"],
        &["stats", "--format", "json"],
        &["states"],
        &["states", "--format", "json"],
        &["sample"],
        &["completions", "bash"],
        &["man"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        // The reader is gone before usce writes a byte: every write fails.
        drop(reader);
        let output = support::command::usce_process(&db)
            .env("USCE_TODAY", "2026-12-01")
            .args(*args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.is_empty(), "usce {}: {stderr}", args.join(" "));
        assert!(
            output.status.success(),
            "usce {}: {}",
            args.join(" "),
            output.status
        );
    }
}
