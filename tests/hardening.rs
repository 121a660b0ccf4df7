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

// ---- 10: bounded input ----

fn import_refusal(dir: &Path, args: &[&str], file: &Path) -> String {
    let out = usce(dir)
        .arg("import")
        .args(args)
        .arg(file)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn import_refuses_fifos_devices_and_directories_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A FIFO nobody writes to: opening it would wait forever.
    for (path, kind) in [
        (fifo.as_path(), "a named pipe (FIFO)"),
        (Path::new("/dev/zero"), "a device"),
        (dir.path(), "a directory"),
    ] {
        for args in [&[][..], &["--dry-run"][..], &["--update"][..]] {
            let err = import_refusal(dir.path(), args, path);
            let expected = format!(
                "usce: cannot import {}: it is {kind}, not a regular file",
                path.display()
            );
            assert!(err.contains(&expected), "{args:?}: {err}");
        }
    }
}

#[test]
fn import_refuses_a_file_over_the_size_limit_before_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: 250 MB long, no disk space used; only its size is looked at.
    let big = dir.path().join("big.csv");
    fs::File::create(&big)
        .unwrap()
        .set_len(250_000_000)
        .unwrap();
    let err = import_refusal(dir.path(), &[], &big);
    assert!(
        err.contains("it is 250 MB, over the 200 MB limit (usce import --max-size MB raises it)"),
        "{err}"
    );
    // The limit is the user's to set.
    let small = dir.path().join("small.csv");
    let mut text = String::from("program_name,state\n");
    while text.len() < 1_500_000 {
        text.push_str("Some Internal Medicine Program,KY\n");
    }
    fs::write(&small, &text).unwrap();
    let err = import_refusal(dir.path(), &["--max-size", "1"], &small);
    assert!(err.contains("it is 2 MB, over the 1 MB limit"), "{err}");
    let out = usce(dir.path())
        .args(["import", "--dry-run", "--max-size", "2"])
        .arg(&small)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// Runs usce with its address space capped at `mb` megabytes and a minute
/// to finish, so a version that read a hostile file into memory unbounded,
/// or waited on a FIFO, fails instead of taking the machine down.
#[cfg(unix)]
fn usce_within(dir: &Path, mb: u64, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("usce");
    let cmd = usce(dir);
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!("ulimit -v {}; exec \"$0\" \"$@\"", mb * 1024))
        .arg(bin)
        .args(cmd.get_args())
        .args(args)
        .timeout(std::time::Duration::from_secs(60));
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => sh.env(key, v),
            None => sh.env_remove(key),
        };
    }
    sh.output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_huge_header_or_row_is_refused_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    // 8 million columns: reading them as names took 507 MB per 2 million.
    let wide = dir.path().join("wide.csv");
    fs::write(&wide, "a,".repeat(8_000_000)).unwrap();
    let wide_row = dir.path().join("wide_row.csv");
    fs::write(
        &wide_row,
        format!("program_name,state\nX,KY{}\nY,KY\n", ",".repeat(8_000_000)),
    )
    .unwrap();
    let big_cell = dir.path().join("big_cell.csv");
    fs::write(
        &big_cell,
        format!(
            "program_name,state,notes\nX,KY,{}\nY,KY,{}\n",
            "n".repeat(70_000),
            "n".repeat(65_536)
        ),
    )
    .unwrap();
    for (file, message) in [
        (
            &wide,
            "wide.csv:1: header: has 8000001 columns; usce reads at most 1000",
        ),
        (
            &wide_row,
            "wide_row.csv:2: row: has 8000002 cells; a row can have at most 1000",
        ),
        (
            &big_cell,
            "big_cell.csv:2: notes: is 69 KB; a cell can hold at most 64 KB",
        ),
    ] {
        for mode in ["--dry-run", "--update"] {
            let file = file.display().to_string();
            let out = usce_within(dir.path(), 400, &["import", mode, &file]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                !out.status.success() && err.contains(message),
                "{mode}: {out:?}"
            );
        }
    }
    // A cell of exactly 64 KB is fine: only line 2 is reported.
    let out = usce(dir.path())
        .arg("import")
        .arg(&big_cell)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("big_cell.csv:3:"), "{err}");
}

#[test]
fn a_file_of_errors_stops_after_a_thousand_problems() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("wrong.csv");
    fs::write(
        &csv,
        format!("program_name,state\n{}", "X,ZZ\n".repeat(100_000)),
    )
    .unwrap();
    let err = import_refusal(dir.path(), &[], &csv);
    let problems = err.lines().filter(|l| l.contains("wrong.csv:")).count();
    assert_eq!(problems, 1_001, "{}", &err[..err.len().min(2_000)]);
    assert!(
        err.contains("wrong.csv:1002: row: stopped reading after 1000 problems"),
        "{}",
        err.lines().last().unwrap_or("")
    );
}

// ---- 11: backup names ----

#[test]
fn backups_in_the_same_second_all_succeed_with_distinct_names() {
    let dir = tempfile::tempdir().unwrap();
    db_with(&dir, &[Program::new("Bluegrass Internal Medicine", ky())]);
    // Ten in a row take well under a second each, so several share one;
    // with second-resolution names the second of them failed.
    let mut said = Vec::new();
    for _ in 0..10 {
        said.push(stdout(usce(dir.path()).arg("backup")));
    }
    let backups: Vec<PathBuf> = fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 10, "{said:?}");
    for path in &backups {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // usce-YYYYMMDD-HHMMSS-mmm.db, or with -N when that was taken.
        assert!(name.starts_with("usce-") && name.ends_with(".db"), "{name}");
        assert!(name.len() >= "usce-20260310-101530-123.db".len(), "{name}");
        let copy = Store::open(path).unwrap();
        assert_eq!(copy.count_programs().unwrap(), 1);
    }
}

// ---- 14: never write through a link; always leave 0600 ----

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn export_onto_an_existing_world_readable_file_leaves_it_0600() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    db_with(&dir, &[Program::new("Bluegrass Internal Medicine", ky())]);
    let out = dir.path().join("programs.csv");
    fs::write(
        &out,
        "old contents that are much longer than the export will be\n".repeat(100),
    )
    .unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
    for format in ["csv", "json"] {
        stdout(
            usce(dir.path())
                .args(["export", "--format", format, "-o"])
                .arg(&out),
        );
        assert_eq!(mode(&out), 0o600, "{format}");
        let text = fs::read_to_string(&out).unwrap();
        assert!(
            text.contains("Bluegrass") && !text.contains("old contents"),
            "{text}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_planted_symlink_is_never_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(&dir, &[]);
    let mut store = Store::open(&db).unwrap();
    let p = store
        .insert_program(&Program::new("Bluegrass Internal Medicine", ky()))
        .unwrap();
    store
        .insert_contact(&usce::domain::Contact {
            program_id: p.id,
            role: usce::domain::Role::Coordinator,
            name: "Dana".into(),
            email: "gme@example.edu".into(),
            ..Default::default()
        })
        .unwrap();
    let mut profile = store.profile().unwrap();
    profile.full_name = "Ana Applicant".into();
    profile.email = "ana@example.org".into();
    store.save_profile(&profile).unwrap();
    drop(store);
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious\n").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
    let untouched = |what: &str| {
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious\n", "{what}");
        assert_eq!(mode(&victim), 0o644, "{what}");
    };

    // The .eml usce would write for this program, planted as a link.
    let eml_dir = dir.path().join("out");
    fs::create_dir(&eml_dir).unwrap();
    let planted = eml_dir.join(format!("KY-{}-bluegrass-internal-medicine.eml", p.id.0));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let templates = dir.path().join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("plain.txt"),
        "Subject: Hello {{ program.name }}\n\nDear {{ contact.name }},\n",
    )
    .unwrap();
    let out = usce(dir.path())
        .args([
            "outreach",
            "--template",
            "plain",
            "--state",
            "KY",
            "--eml-dir",
        ])
        .arg(&eml_dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{out:?}");
    assert!(
        err.contains("is a symbolic link; usce does not write there"),
        "{err}"
    );
    untouched("--eml-dir");

    // Export and generated lists, onto a link to the file.
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    for args in [
        vec!["export", "-o"],
        vec!["export", "--format", "json", "-o"],
        vec!["sample", "--generate", "5", "--out"],
    ] {
        let out = usce(dir.path()).args(&args).arg(&link).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {out:?}");
        assert!(err.contains("is a symbolic link"), "{args:?}: {err}");
        untouched(args[0]);
    }
    // A dangling link is not followed to create its target either.
    let target = dir.path().join("created-through-link.csv");
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(&target, &dangling).unwrap();
    for args in [vec!["export", "-o"], vec!["backup", "-o"]] {
        let out = usce(dir.path())
            .args(&args)
            .arg(&dangling)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}: {out:?}");
        assert!(!target.exists(), "{args:?} wrote through a dangling link");
    }
}

// ---- 13: attachments: regular files, read no further than the limit ----

#[cfg(unix)]
#[test]
fn only_regular_files_are_attached_and_never_read_past_the_limit() {
    use usce::mail::message::MAX_ATTACHMENT_BYTES;
    use usce::mail::{MessageError, build_message};
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.pdf");
    fs::File::create(&big)
        .unwrap()
        .set_len(MAX_ATTACHMENT_BYTES + 1)
        .unwrap();
    let exact = dir.path().join("exact.pdf");
    fs::File::create(&exact)
        .unwrap()
        .set_len(MAX_ATTACHMENT_BYTES)
        .unwrap();
    for (path, reason) in [
        (dir.path(), "it is a directory, not a regular file"),
        (big.as_path(), "15 MB is over the 15 MB limit"),
    ] {
        let mut mail = mail_with_subject("CV");
        mail.attachments = vec![path.to_path_buf()];
        match build_message(&mail) {
            Err(MessageError::Attachment { reason: got, .. }) => assert_eq!(got, reason),
            other => panic!("{}: {other:?}", path.display()),
        }
    }
    let mut mail = mail_with_subject("CV");
    mail.attachments = vec![exact];
    build_message(&mail).unwrap();

    // A device's or a FIFO's size reads as 0: checking the size alone let
    // /dev/zero in (2.1 GB read), and a FIFO would wait for a writer. Run
    // with bounded memory and time, through the .eml export.
    let fifo = dir.path().join("cv.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    for (cv, kind) in [
        ("/dev/zero", "a device"),
        (fifo.to_str().unwrap(), "a named pipe (FIFO)"),
    ] {
        let home = tempfile::tempdir().unwrap();
        let db = db_with(&home, &[]);
        let mut store = Store::open(&db).unwrap();
        let p = store
            .insert_program(&Program::new("Bluegrass Internal Medicine", ky()))
            .unwrap();
        store
            .insert_contact(&usce::domain::Contact {
                program_id: p.id,
                role: usce::domain::Role::Coordinator,
                email: "gme@example.edu".into(),
                ..Default::default()
            })
            .unwrap();
        let mut profile = store.profile().unwrap();
        profile.full_name = "Ana Applicant".into();
        profile.email = "ana@example.org".into();
        profile.cv_path = cv.to_owned();
        store.save_profile(&profile).unwrap();
        drop(store);
        let templates = home.path().join("templates");
        fs::create_dir_all(&templates).unwrap();
        fs::write(
            templates.join("plain.txt"),
            "Subject: Hello\n\nDear coordinator,\n",
        )
        .unwrap();
        let out_dir = home.path().join("out").display().to_string();
        let args = ["outreach", "--template", "plain", "--eml-dir", &out_dir];
        let out = usce_within(home.path(), 400, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        let expected = format!("cannot attach {cv}: it is {kind}, not a regular file");
        assert!(!out.status.success() && err.contains(&expected), "{out:?}");
    }
}

// ---- 17: a database that cannot be written can still be read ----

/// Runs usce with `ro` mounted read-only, in a private mount namespace
/// (`unshare -rm`, which an unprivileged user may run too). `None` where
/// the system allows no such namespace.
#[cfg(target_os = "linux")]
fn usce_on_read_only(home: &Path, ro: &Path, args: &[&str]) -> Option<std::process::Output> {
    let probe = std::process::Command::new("unshare")
        .args(["-rm", "true"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let cmd = usce(home);
    let mut sh = Command::new("unshare");
    sh.args(["-rm", "sh", "-c"])
        .arg(
            "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" \"$0\" && \
             ! touch \"$0/probe\" 2>/dev/null && exec \"$@\"",
        )
        .arg(ro)
        .arg(assert_cmd::cargo::cargo_bin("usce"))
        .args(cmd.get_args())
        .args(args)
        .timeout(std::time::Duration::from_secs(60));
    for (key, value) in cmd.get_envs() {
        match value {
            Some(v) => sh.env(key, v),
            None => sh.env_remove(key),
        };
    }
    Some(sh.output().unwrap())
}

#[cfg(target_os = "linux")]
#[test]
fn a_database_on_a_read_only_filesystem_opens_for_reading() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Program::new("Bluegrass Internal Medicine", ky());
    p.city = "Lexington".into();
    let db = db_with(&dir, &[p]);
    assert!(!dir.path().join("usce.db-shm").exists(), "closed cleanly");
    let elsewhere = tempfile::tempdir().unwrap();
    let backup = elsewhere.path().join("copy.db");
    let csv = elsewhere.path().join("list.csv");
    fs::write(&csv, "program_name,state\nNew Program,KY\n").unwrap();
    let (backup_arg, csv_arg) = (backup.display().to_string(), csv.display().to_string());
    let reads: [&[&str]; 8] = [
        &["list"],
        &["list", "--format", "json"],
        &["export"],
        &["states"],
        &["due"],
        &["stats"],
        &["import", "--dry-run", &csv_arg],
        &["backup", "-o", &backup_arg],
    ];
    for args in reads {
        let Some(out) = usce_on_read_only(dir.path(), dir.path(), args) else {
            #[allow(clippy::print_stderr)] // say why nothing was checked
            {
                eprintln!("skipped: no private mount namespace here (unshare -rm)");
            }
            return;
        };
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(
            err.contains(&format!(
                "note: {} cannot be written here (read-only filesystem or no permission); \
                 opened read-only, changes are disabled",
                db.display()
            )),
            "{args:?}: {err}"
        );
        if args[0] == "list" || args[0] == "export" {
            assert!(
                String::from_utf8_lossy(&out.stdout).contains("Bluegrass"),
                "{out:?}"
            );
        }
    }
    assert_eq!(Store::open(&backup).unwrap().count_programs().unwrap(), 1);
    // Writing still fails, and says so.
    let out = usce_on_read_only(dir.path(), dir.path(), &["states", "--done", "KY"]).unwrap();
    assert!(!out.status.success(), "{out:?}");
}

// ---- 19: a foreign or damaged database is named, not dumped ----

#[test]
fn a_foreign_or_damaged_database_is_named_without_dumping_the_schema() {
    let damaged = tempfile::tempdir().unwrap();
    let db = db_with(&damaged, &[Program::new("Bluegrass", ky())]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", -1).unwrap();
    drop(conn);
    let foreign = tempfile::tempdir().unwrap();
    let conn = rusqlite::Connection::open(foreign.path().join("usce.db")).unwrap();
    conn.execute_batch("CREATE TABLE programs (x)").unwrap();
    drop(conn);
    for (dir, detail) in [
        (&damaged, "schema version -1"),
        (&foreign, "table programs already exists"),
    ] {
        let out = usce(dir.path()).arg("list").output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{out:?}");
        let expected = format!(
            "usce: not a usce database (or damaged): {} ({detail})\n",
            dir.path().join("usce.db").display()
        );
        assert_eq!(err, expected);
    }
}

// ---- 7: bounded template rendering ----

#[test]
fn a_template_that_loops_forever_or_writes_megabytes_is_too_complex() {
    use usce::mail::{RenderInput, TemplateError, TemplateSet};
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("loops.txt"),
        "Subject: Hi\n\n{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("big.txt"),
        "Subject: Hi\n\n{% for i in range(20) %}{{ program.name }}{% endfor %}\n",
    )
    .unwrap();
    let set = TemplateSet::load(Some(dir.path())).unwrap();
    let program = Program::new("N".repeat(100 * 1024), ky());
    let profile = usce::domain::Profile::default();
    // On a thread, so that a render that never ends fails the test at the
    // deadline rather than hanging it (as it pinned the TUI at 100% CPU).
    let (sender, results) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let input = RenderInput {
            program: &program,
            contact: None,
            profile: &profile,
            today: chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
        };
        for name in ["loops", "big"] {
            sender.send((name, set.render(name, &input))).unwrap();
        }
    });
    for why in ["it runs more than 100000 steps", "it writes more than 1 MB"] {
        let (name, result) = results
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("rendering never finished");
        match result {
            Err(e @ TemplateError::TooComplex { .. }) => {
                let text = e.to_string();
                assert!(
                    text.contains(&format!("template {name:?} is too complex: {why}")),
                    "{text}"
                );
            }
            // Only the length: a wrongly rendered body is megabytes long.
            other => panic!("{name}: {:?}", other.map(|r| r.body.len())),
        }
    }
}
