//! A database and config for outreach tests: a complete profile, programs
//! with a coordinator each, and an SMTP config pointing at the test server.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use super::command;
use usce::domain::{
    Contact, PreferredMethod, Profile, Program, ProgramId, Role, StepResult, UsState,
};
use usce::store::Store;

pub const TEMPLATE: &str = "request_rotation";

pub fn profile(cv: Option<&Path>) -> Profile {
    Profile {
        full_name: "Amína Yúsuf".into(),
        email: "amina.yusuf@example.org".into(),
        medical_school: "University of Ibadan".into(),
        graduation_year: Some(2023),
        step1: StepResult::Pass,
        target_specialty: "Internal Medicine".into(),
        available: "from June 2 to July 25, 2025".into(),
        cv_path: cv.map(|p| p.display().to_string()).unwrap_or_default(),
        ..Profile::default()
    }
}

/// Adds a program with a coordinator; returns its id.
pub fn add_program(store: &mut Store, name: &str, state: &str, email: &str) -> ProgramId {
    let program = store
        .insert_program(&Program {
            specialty: "Internal Medicine".into(),
            city: "Somewhere".into(),
            ..Program::new(name, UsState::from_code(state).unwrap())
        })
        .unwrap();
    if !email.is_empty() {
        store
            .insert_contact(&Contact {
                program_id: program.id,
                role: Role::Coordinator,
                name: format!("Coordinator of {name}"),
                email: email.into(),
                preferred: PreferredMethod::Email,
                ..Contact::default()
            })
            .unwrap();
    }
    program.id
}

/// Three programs, in the order a batch sends them (by state, then name).
pub const THREE: [(&str, &str, &str); 3] = [
    (
        "Bluegrass Internal Medicine",
        "KY",
        "ky.coordinator@example.edu",
    ),
    (
        "Buckeye Internal Medicine",
        "OH",
        "oh.coordinator@example.edu",
    ),
    (
        "Lone Star Internal Medicine",
        "TX",
        "tx.coordinator@example.edu",
    ),
];

pub fn three_programs(db: &Path) -> Vec<ProgramId> {
    let mut store = Store::open(db).unwrap();
    store.save_profile(&profile(None)).unwrap();
    THREE
        .iter()
        .map(|(name, state, email)| add_program(&mut store, name, state, email))
        .collect()
}

/// An `[smtp]` section for the test server; `login` adds a username and
/// a password read from `password_env`.
pub fn write_config(dir: &Path, port: u16, password_env: Option<&str>) -> PathBuf {
    let login = match password_env {
        Some(var) => format!("username = \"amina\"\npassword_env = \"{var}\"\n"),
        None => String::new(),
    };
    let path = dir.join("config.toml");
    fs::write(
        &path,
        format!(
            "[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n\
             from = \"Amína Yúsuf <amina.yusuf@example.org>\"\n{login}\n\
             [follow_up]\nafter_send_days = 7\n"
        ),
    )
    .unwrap();
    path
}

/// The real binary on `db` with `config`, isolated from the user's files.
pub fn usce(db: &Path, config: &Path) -> Command {
    let mut cmd = command::usce(db);
    cmd.arg("--config").arg(config).env("NO_COLOR", "1");
    cmd
}

pub fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Every regular file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}
