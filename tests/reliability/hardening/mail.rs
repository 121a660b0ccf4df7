//! Mail: header lines, attachments and templates within bounds.

use std::fs;

use super::*;

/// A fixed instant: these tests are about sizes, not dates.
fn sent_at() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
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
        let built = usce::mail::build_message(&mail_with_subject(&subject), sent_at()).unwrap();
        let eml = String::from_utf8(usce::mail::to_eml(&built.message)).unwrap();
        let head = eml.split_once("\r\n\r\n").unwrap().0;
        for line in head.split("\r\n") {
            assert!(line.len() <= 78, "{} characters: {line}", line.len());
        }
        let part = support::mime::Part::parse(&eml);
        assert_eq!(part.decoded("Subject").unwrap(), subject);
    }
    // An ordinary subject is still written as plain text.
    let built =
        usce::mail::build_message(&mail_with_subject("Elective rotation request"), sent_at())
            .unwrap();
    let eml = String::from_utf8(usce::mail::to_eml(&built.message)).unwrap();
    assert!(
        eml.contains("Subject: Elective rotation request\r\n"),
        "{eml}"
    );
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
        match build_message(&mail, sent_at()) {
            Err(MessageError::Attachment { reason: got, .. }) => assert_eq!(got, reason),
            other => panic!("{}: {other:?}", path.display()),
        }
    }
    let mut mail = mail_with_subject("CV");
    mail.attachments = vec![exact];
    build_message(&mail, sent_at()).unwrap();

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
