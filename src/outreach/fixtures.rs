//! A small outreach world for unit tests: a complete profile and programs
//! with and without usable contacts.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::{
    Contact, PreferredMethod, Profile, Program, ProgramId, Role, StepResult, UsState,
};
use crate::mail::{Security, SmtpConfig};
use crate::store::Store;

pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 4).unwrap()
}

pub(super) fn profile() -> Profile {
    Profile {
        full_name: "Amína Yúsuf".into(),
        email: "amina@example.org".into(),
        medical_school: "University of Ibadan".into(),
        graduation_year: Some(2023),
        step1: StepResult::Pass,
        target_specialty: "Internal Medicine".into(),
        available: "from June 2 to July 25, 2025".into(),
        ..Profile::default()
    }
}

pub(super) fn store_with_profile(profile: &Profile) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.save_profile(profile).unwrap();
    store
}

pub(super) fn add_program(store: &mut Store, name: &str, state: &str) -> ProgramId {
    store
        .insert_program(&Program {
            specialty: "Internal Medicine".into(),
            ..Program::new(name, UsState::from_code(state).unwrap())
        })
        .unwrap()
        .id
}

pub(super) fn add_contact(
    store: &mut Store,
    program: ProgramId,
    role: Role,
    email: &str,
) -> Contact {
    store
        .insert_contact(&Contact {
            program_id: program,
            role,
            name: format!("{} person", role.label()),
            email: email.into(),
            preferred: PreferredMethod::Email,
            ..Contact::default()
        })
        .unwrap()
}

/// Settings for a server that is not there: nothing may ever reach it.
pub(super) fn unreachable_smtp() -> SmtpConfig {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: None,
        from: "amina@example.org".into(),
        password_env: None,
        password_cmd: None,
        ca_file: None,
    }
}

pub(super) fn files_in(dir: &std::path::Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}
