//! Store tests: in-memory for behaviour, temp files for what only a real
//! file shows (modes, refusing newer schemas).

mod attach_migration;
mod auto_reply_migration;
mod checkpoint;
mod follow_through;
mod import_checks;
mod import_repeats;
mod needs_repair;
mod open;
mod relations;
mod round_trip;
mod salutations;
mod sample;
mod scale;
mod schema;
mod shelf;
mod two_sessions;
mod two_sessions_records;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::Store;
use crate::domain::{
    AppRoute, Channel, Contact, Direction, Interaction, InteractionId, PreferredMethod, Program,
    ProgramId, Requirements, Role, RotationKind, RotationOffer, Status, Tri, UsState, Visa,
};

/// Runs every migration step before `step`, wherever the merge puts it,
/// so a test of a step that moves data starts from the database as it was
/// just before it, never from a version number.
fn migrate_up_to(conn: &rusqlite::Connection, step: &str) {
    let at = super::migrations::STEPS
        .iter()
        .position(|s| *s == step)
        .unwrap();
    for earlier in &super::migrations::STEPS[..at] {
        conn.execute_batch(earlier).unwrap();
    }
    conn.pragma_update(None, "user_version", at as i64).unwrap();
}

fn store() -> Store {
    Store::open_in_memory().unwrap()
}

fn state(code: &str) -> UsState {
    UsState::from_code(code).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn instant(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

/// A program with every field set to something other than its default.
fn full_program() -> Program {
    Program {
        id: ProgramId(777),
        external_id: Some("0012345678".into()),
        nrmp_code: Some("1234567C0".into()),
        name: "Clínica Señor – 東京".into(),
        institution: "Bluegrass Regional Medical Center".into(),
        specialty: "Internal Medicine".into(),
        state: state("PR"),
        city: "Mayagüez".into(),
        website: "https://example.org/clinica".into(),
        main_phone: "+1 787 555 0100".into(),
        accepts_imgs: Tri::Yes,
        visa: Visa::Both,
        img_percent: Some(42),
        requirements: Requirements {
            grad_within_years: Some(3),
            step1_pass_required: Tri::No,
            min_step2_score: Some(235),
            takes_graduates: Tri::Yes,
        },
        rotation: RotationOffer {
            kinds: vec![RotationKind::SubInternship, RotationKind::Observership],
            hands_on: Tri::No,
            weeks: Some(12),
            fee: "$1,200".into(),
            applications_open: Some(day(2026, 2, 28)),
        },
        application: crate::domain::ApplicationTerms {
            required_docs: vec!["TB test".into(), "COVID card".into()],
            application_fee: "$75".into(),
            housing: "yes, $800/month".into(),
            deadline: "apply 3 months ahead".into(),
            onboarding_notes: "badge photo\nparking".into(),
        },
        route: Some(AppRoute::PaidPlacement),
        tags: vec!["global health".into(), "rural, \"remote\" health".into()],
        status: Status::NotAFit,
        notes: "line one\nline two ✓".into(),
        is_sample: true,
        created_at: instant(2001, 1, 1, 0, 0, 0),
        updated_at: instant(2001, 1, 1, 0, 0, 0),
    }
}

fn add_program(store: &mut Store, name: &str, code: &str) -> Program {
    store
        .insert_program(&Program::new(name, state(code)))
        .unwrap()
}

fn add_contact(store: &mut Store, program: ProgramId, role: Role, name: &str) -> Contact {
    store
        .insert_contact(&Contact {
            program_id: program,
            role,
            name: name.into(),
            email: "gme@example.org".into(),
            preferred: PreferredMethod::Phone,
            ..Contact::default()
        })
        .unwrap()
}

fn interaction(program: ProgramId, at: DateTime<Utc>, summary: &str) -> Interaction {
    Interaction {
        id: InteractionId(0),
        program_id: program,
        contact_id: None,
        at,
        channel: Channel::Email,
        direction: Direction::Out,
        summary: summary.into(),
        eml_path: None,
    }
}
