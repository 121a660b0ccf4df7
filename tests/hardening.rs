//! Hostile-input hardening (issue 18): each test here fails without the fix
//! it names. Every command runs the real binary on a temp database, with
//! HOME and the XDG directories inside the temp dir.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;
use usce::domain::{Program, UsState};
use usce::store::Store;

fn usce(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("usce").unwrap();
    cmd.arg("--db")
        .arg(dir.join("usce.db"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .env_remove("USCE_DB")
        .env_remove("USCE_CONFIG")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg-config"))
        .env("XDG_DATA_HOME", dir.join("xdg-data"))
        .env("XDG_STATE_HOME", dir.join("xdg-state"))
        .env("USCE_TODAY", "2026-03-10")
        .env("NO_COLOR", "1");
    cmd
}

fn db_with(dir: &TempDir, programs: &[Program]) -> PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    for p in programs {
        store.insert_program(p).unwrap();
    }
    db
}

fn ky() -> UsState {
    UsState::parse("KY").unwrap()
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

// ---- 3: one CSV writer, one formula guard ----

#[test]
fn list_as_csv_guards_formulas_as_export_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Program::new("=HYPERLINK(\"http://evil.example\",\"x\")", ky());
    p.city = "@SUM(1+1)".into();
    p.institution = "+1 555 0100".into();
    p.specialty = "-2+3".into();
    db_with(&dir, &[p]);
    let list = stdout(usce(dir.path()).args(["list", "--format", "csv"]));
    let export = stdout(usce(dir.path()).arg("export"));
    for text in [&list, &export] {
        for cell in [
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"",
            "'@SUM(1+1)",
            "'+1 555 0100",
            "'-2+3",
        ] {
            assert!(text.contains(cell), "{cell} missing in:\n{text}");
        }
        for line in text.lines() {
            for cell in line.split(',') {
                assert!(
                    !cell.starts_with(['=', '@', '+', '-']),
                    "unguarded {cell:?} in {line:?}"
                );
            }
        }
    }
}

// ---- 5: one sanitiser for everything printed to a terminal ----

/// Control characters and the line breaks a terminal may honour.
const HOSTILE: &str = "\x1b]0;pwned\x07\x1b[2J\r\nfake line\u{85}\u{2028}\u{2029}\u{9b}31m";

fn assert_printable(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}'))
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
    assert!(
        !text.lines().any(|l| l.starts_with("fake line")),
        "{what} let stored text start a line:\n{text}"
    );
}

#[test]
fn outreach_output_is_cleaned_like_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(&dir, &[]);
    let mut store = Store::open(&db).unwrap();
    let ready = store
        .insert_program(&Program::new(format!("Evil {HOSTILE} Program"), ky()))
        .unwrap();
    store
        .insert_contact(&usce::domain::Contact {
            program_id: ready.id,
            role: usce::domain::Role::Coordinator,
            name: format!("Dana {HOSTILE}"),
            email: "gme@example.edu".into(),
            ..Default::default()
        })
        .unwrap();
    // No contact: listed among the skipped, with its name.
    store
        .insert_program(&Program::new(format!("Lonely {HOSTILE}"), ky()))
        .unwrap();
    let mut profile = store.profile().unwrap();
    profile.full_name = "Ana Applicant".into();
    profile.email = "ana@example.org".into();
    store.save_profile(&profile).unwrap();
    drop(store);
    let templates = dir.path().join("templates");
    fs::create_dir_all(&templates).unwrap();
    // The template's own subject holds raw controls too (all but the line
    // breaks, which would end the subject line).
    let subject = "\x1b]0;pwned\x07\x1b[2J\u{85}\u{2028}\u{9b}31m";
    fs::write(
        templates.join("hostile.txt"),
        format!(
            "Subject: Hi {subject} {{{{ program.name }}}}\n\nDear {{{{ contact.name }}}},\n{HOSTILE}\n"
        ),
    )
    .unwrap();
    let eml_dir = dir.path().join("out");
    for extra in [
        vec![],
        vec!["--eml-dir".into(), eml_dir.display().to_string()],
    ] {
        let out = usce(dir.path())
            .args(["outreach", "--template", "hostile", "--state", "KY"])
            .args(&extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{extra:?}: {out:?}");
        assert_printable("outreach", &out.stdout);
        assert_printable("outreach", &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
        assert!(text.contains("evil") && text.contains("lonely"), "{text}");
    }
}

// ---- 4: header lines within RFC 5322's limits ----

fn mail_with_subject(subject: &str) -> usce::mail::OutgoingMail {
    usce::mail::OutgoingMail {
        from: usce::mail::Sender {
            name: "Ana Applicant".into(),
            email: "ana@example.org".into(),
        },
        to: vec!["gme@example.edu".into()],
        subject: subject.to_owned(),
        body: "Hello\n".into(),
        ..Default::default()
    }
}

#[test]
fn a_subject_with_an_endless_word_is_folded_into_short_lines() {
    let word = "Supercalifragilistic".repeat(75); // 1,500 characters
    for subject in [
        word.clone(),
        format!("Rotation request: {word} (Internal Medicine)"),
        format!("Clínica {word}é 😀 end"),
        format!("{} {word}", "short ".repeat(40).trim_end()),
    ] {
        let built = usce::mail::build_message(&mail_with_subject(&subject)).unwrap();
        let eml = String::from_utf8(usce::mail::to_eml(&built.message)).unwrap();
        let head = eml.split_once("\r\n\r\n").unwrap().0;
        for line in head.split("\r\n") {
            assert!(line.len() <= 78, "{} characters: {line}", line.len());
        }
        let part = support::mime::Part::parse(&eml);
        assert_eq!(part.decoded("Subject").unwrap(), subject);
    }
    // An ordinary subject is still written as plain text.
    let built = usce::mail::build_message(&mail_with_subject("Elective rotation request")).unwrap();
    let eml = String::from_utf8(usce::mail::to_eml(&built.message)).unwrap();
    assert!(
        eml.contains("Subject: Elective rotation request\r\n"),
        "{eml}"
    );
}

#[test]
fn imported_names_are_capped_at_300_characters_with_a_line_numbered_message() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("long.csv");
    let ok = "N".repeat(300);
    let long = "N".repeat(1_500);
    fs::write(
        &csv,
        format!(
            "program_name,state,coordinator_name,coordinator_email,contact_info\n\
             {ok},KY,{ok},dana@example.edu,\n\
             {long},KY,Dana,dana@example.edu,\n\
             Fine Program,KY,{long},dana@example.edu,\n\
             Other Program,KY,,,\"{long}\ndana@example.edu\"\n"
        ),
    )
    .unwrap();
    let out = usce(dir.path()).arg("import").arg(&csv).output().unwrap();
    assert!(!out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let file = csv.display();
    for line in [
        format!("{file}:3: program_name: is 1500 characters long; a name can have at most 300"),
        format!("{file}:4: coordinator_name: is 1500 characters long; a name can have at most 300"),
        format!("{file}:5: contact_info: is 1500 characters long; a name can have at most 300"),
    ] {
        assert!(err.contains(&line), "{line} missing in:\n{err}");
    }
    assert!(!err.contains(":2:"), "a 300-character name is fine:\n{err}");
}
