//! `usce outreach` leaves out every program a batch must not write to,
//! each with its reason printed, and `--force ID` sends to one anyway,
//! saying what it overrides (never silently).
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use usce::domain::{
    Channel, Direction, Draft, Interaction, InteractionId, ProgramId, Role, Status,
};
use usce::store::{SendRecord, Store};

use support::outreach::{TEMPLATE, add_program, profile, stdout_of, usce};

struct World {
    db: PathBuf,
    ready: ProgramId,
    by_status: Vec<(Status, ProgramId)>,
    answered: ProgramId,
    sent_to_director: ProgramId,
    no_email: ProgramId,
}

fn log(store: &mut Store, program: ProgramId, direction: Direction, day: u32) {
    store
        .insert_interaction(&Interaction {
            id: InteractionId(0),
            program_id: program,
            contact_id: None,
            at: Utc.with_ymd_and_hms(2025, 11, day, 9, 0, 0).unwrap(),
            channel: Channel::Email,
            direction,
            summary: "email".into(),
            eml_path: None,
        })
        .unwrap();
}

/// The template went to the program director (the batch would pick the
/// coordinator): recorded as `send_draft` would record it.
fn sent_to_director(store: &mut Store, program: ProgramId) {
    let director = store
        .insert_contact(&usce::domain::Contact {
            program_id: program,
            role: Role::ProgramDirector,
            email: "pd@example.edu".into(),
            ..Default::default()
        })
        .unwrap();
    let draft = store
        .save_draft(&Draft {
            program_id: program,
            contact_id: Some(director.id),
            template: Some(TEMPLATE.into()),
            to: director.email.clone(),
            subject: "Rotation".into(),
            ..Draft::default()
        })
        .unwrap();
    let at = Utc.with_ymd_and_hms(2025, 11, 3, 9, 0, 0).unwrap();
    store
        .record_sent(&SendRecord {
            draft: draft.id,
            message_id: "<1@example.org>".into(),
            sent_at: at,
            log_entry: Interaction {
                id: InteractionId(0),
                program_id: program,
                contact_id: Some(director.id),
                at,
                channel: Channel::Email,
                direction: Direction::Out,
                summary: "Sent: Rotation".into(),
                eml_path: None,
            },
            follow_up: None,
            advance_to: None,
        })
        .unwrap();
}

fn world(dir: &Path) -> World {
    let db = dir.join("usce.db");
    let mut store = Store::open(&db).unwrap();
    store.save_profile(&profile(None)).unwrap();
    let mut program = |name: &str, email: &str| add_program(&mut store, name, "OH", email);
    let ready = program("Ready IM", "ready@example.edu");
    let later = [
        Status::Replied,
        Status::Applied,
        Status::Accepted,
        Status::Declined,
        Status::Completed,
    ];
    let by_status: Vec<(Status, ProgramId)> = later
        .iter()
        .map(|s| (*s, program(&format!("{} IM", s.label()), "c@example.edu")))
        .collect();
    let answered = program("Answered IM", "a@example.edu");
    let sent = program("Sent IM", "coord@example.edu");
    let no_email = program("No Email IM", "");
    for (status, id) in &by_status {
        store.set_status(*id, *status).unwrap();
    }
    log(&mut store, answered, Direction::Out, 1);
    log(&mut store, answered, Direction::In, 2);
    sent_to_director(&mut store, sent);
    World {
        db,
        ready,
        by_status,
        answered,
        sent_to_director: sent,
        no_email,
    }
}

fn no_config(dir: &Path) -> PathBuf {
    dir.join("config").join("config.toml")
}

fn skip_line(out: &str, program: ProgramId) -> &str {
    out.lines()
        .find(|l| l.contains(&format!("(#{}): ", program.0)))
        .unwrap_or_else(|| panic!("no line for #{}:\n{out}", program.0))
}

#[test]
fn every_skip_is_printed_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let w = world(dir.path());
    let run = usce(&w.db, &no_config(dir.path()))
        .args(["outreach", "--template", TEMPLATE])
        .output()
        .unwrap();
    let out = stdout_of(&run);
    assert!(run.status.success(), "{out}");

    for (status, id) in &w.by_status {
        assert!(
            skip_line(&out, *id).ends_with(&format!("status is already {}", status.label())),
            "{status:?}: {out}"
        );
    }
    assert!(
        skip_line(&out, w.answered).contains("they wrote after your last email (on "),
        "{out}"
    );
    assert!(
        skip_line(&out, w.sent_to_director)
            .contains("already sent this template (to pd@example.edu on "),
        "{out}"
    );
    assert!(
        skip_line(&out, w.no_email).ends_with("no email contact"),
        "{out}"
    );
    assert!(out.contains("skipped 8 programs:"), "{out}");
    assert!(out.contains("--force ID"), "{out}");
    assert!(out.contains("would send 1 email"), "{out}");
    assert!(out.contains(&format!("(#{})", w.ready.0)), "{out}");
}

#[test]
fn force_sends_to_one_program_anyway_naming_what_it_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let w = world(dir.path());
    let accepted = w
        .by_status
        .iter()
        .find(|(s, _)| *s == Status::Accepted)
        .unwrap()
        .1;
    let force = |id: ProgramId| id.0.to_string();
    let run = usce(&w.db, &no_config(dir.path()))
        .args(["outreach", "--template", TEMPLATE])
        .args(["--force", &force(accepted)])
        .args(["--force", &force(w.sent_to_director)])
        .args(["--force", &force(w.no_email)])
        .args(["--force", &force(w.ready)])
        .output()
        .unwrap();
    let out = stdout_of(&run);
    assert!(run.status.success(), "{out}");

    let forced = |id: ProgramId| {
        out.lines()
            .find(|l| l.starts_with("forced  ") && l.contains(&format!("(#{})", id.0)))
            .unwrap_or_else(|| panic!("#{} not forced:\n{out}", id.0))
    };
    assert!(
        forced(accepted).ends_with(&format!(
            "status is already accepted — sending anyway (--force {})",
            accepted.0
        )),
        "{out}"
    );
    assert!(
        forced(w.sent_to_director).contains("already sent this template (to pd@example.edu on "),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "--force {}: still skipped: no email contact cannot be overridden",
            w.no_email.0
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "--force {}: nothing to override (it is not skipped)",
            w.ready.0
        )),
        "{out}"
    );
    assert!(out.contains("would send 3 emails"), "{out}");
    assert!(out.contains("skipped 6 programs:"), "{out}");
}
