//! One CSV writer and one terminal sanitiser for everything usce writes.

use std::fs;

use super::*;

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
