//! Hostile input to the template renderer and to the CLI's printed output.
//! (The CSV importer and the .eml writer have their own property tests in
//! src/import/tests_prop.rs and src/mail/tests/message.rs.)
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;
use usce::domain::{Contact, Profile, Program, Role, UsState};
use usce::mail::{RenderInput, TemplateError, TemplateSet};

/// Bits of text a template or a field might hold: template syntax, whole
/// and broken; control characters; right-to-left text; emoji.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{ program.name }}".to_string()),
        Just("{{ contact.name }}".to_string()),
        Just("{{ program.tags | and_list }}".to_string()),
        Just("{% if contact.name is defined %}".to_string()),
        Just("{% endif %}".to_string()),
        Just("{% for t in program.tags %}{{ t }}{% endfor %}".to_string()),
        Just("{{ 7 * 7 }}".to_string()),
        // Issue 18's hostile shapes: loops nested to run forever, a loop
        // that writes megabytes, recursion. Fuel stops them.
        Just(
            "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}"
                .to_string()
        ),
        Just("{% for a in range(1000000) %}{{ program.name }}{% endfor %}".to_string()),
        Just("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}".to_string()),
        Just("{% for a in range(100000) %}".to_string()),
        Just("{% endfor %}".to_string()),
        Just("{{ nope.nothing }}".to_string()),
        Just("{{".to_string()),
        Just("}}".to_string()),
        Just("{%".to_string()),
        Just("%}".to_string()),
        Just("{#".to_string()),
        Just("{% raw %}".to_string()),
        Just("{{ program.name | upper | and_list }}".to_string()),
        Just("\x1b]0;pwned\x07\u{9b}2J".to_string()),
        Just("مرحبا שלום".to_string()),
        Just("👩🏽‍⚕️🩺".to_string()),
        "[\\x00-\\x1f\\x7f-\\x9f]{1,3}",
        "[a-zA-Z ,.:\n]{0,16}",
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    let short = proptest::collection::vec(piece(), 0..10).prop_map(|p| p.concat());
    // Now and then a 100 KB field, as a pasted web page would be.
    let huge = piece().prop_map(|p| {
        let unit = format!("{p}x");
        unit.repeat(100 * 1024 / unit.len() + 1)
    });
    prop_oneof![20 => short, 1 => huge]
}

fn input_parts(name: &str, city: &str, person: &str) -> (Program, Contact, Profile) {
    let mut program = Program::new(name, UsState::parse("KY").unwrap());
    program.city = city.into();
    program.tags = vec![city.into(), name.into()];
    let contact = Contact {
        role: Role::Coordinator,
        name: person.into(),
        email: "gme@example.edu".into(),
        ..Contact::default()
    };
    let profile = Profile {
        full_name: person.into(),
        ..Profile::default()
    };
    (program, contact, profile)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// Loads `source` as a user template and renders it; any panic fails.
fn render_source(subject: &str, body: &str, field: &str) -> Result<(), TemplateError> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("hostile.txt"),
        format!("Subject: {subject}\n\n{body}"),
    )
    .unwrap();
    let set = TemplateSet::load(Some(dir.path())).unwrap();
    let (program, contact, profile) = input_parts(field, field, field);
    let input = RenderInput {
        program: &program,
        contact: Some(&contact),
        profile: &profile,
        today: today(),
    };
    let rendered = set.render("hostile", &input)?;
    // The output limit (1 MB) holds whatever the template does.
    assert!(
        rendered.body.len() <= 1024 * 1024 + 1024,
        "{} bytes",
        rendered.body.len()
    );
    Ok(())
}

/// Field values are data: whatever template syntax they hold is printed,
/// never run. The probe template prints three fields on one line.
fn check_values_are_not_evaluated(
    set: &TemplateSet,
    name: &str,
    city: &str,
    contact: &str,
) -> Result<(), TestCaseError> {
    let (program, c, profile) = input_parts(name, city, contact);
    let input = RenderInput {
        program: &program,
        contact: Some(&c),
        profile: &profile,
        today: today(),
    };
    let result = set.render("probe", &input);
    if [name, city, contact].iter().any(|v| v.trim().is_empty()) {
        prop_assert!(
            matches!(result, Err(TemplateError::Missing { .. })),
            "{result:?}"
        );
        return Ok(());
    }
    let rendered = result.map_err(|e| TestCaseError::fail(e.to_string()))?;
    let line = format!("Dear {}, from {} end", contact.trim(), city.trim());
    prop_assert!(rendered.body.contains(&line), "{:?}", rendered.body);
    let subject = name.split_whitespace().collect::<Vec<_>>().join(" ");
    prop_assert_eq!(rendered.subject, subject);
    Ok(())
}

fn probe_set(dir: &Path) -> TemplateSet {
    fs::write(
        dir.join("probe.txt"),
        "Subject: {{ program.name }}\n\nDear {{ contact.name }}, from {{ program.city }} end\n",
    )
    .unwrap();
    TemplateSet::load(Some(dir)).unwrap()
}

/// A value without line breaks, so it stays on the probe's one line.
fn one_line() -> impl Strategy<Value = String> {
    text().prop_map(|t| t.replace(['\n', '\r'], " "))
}

#[test]
fn template_syntax_in_a_field_is_printed_not_run() {
    let dir = tempfile::tempdir().unwrap();
    let set = probe_set(dir.path());
    for value in [
        "{{ 7 * 7 }}",
        "{% for x in range(3) %}boom{% endfor %}",
        "{{ profile.full_name }}",
    ] {
        check_values_are_not_evaluated(&set, value, value, value).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn hostile_templates_render_or_fail_cleanly(
        subject in text(), body in text(), field in text()
    ) {
        let _ = render_source(&subject, &body, &field);
    }

    #[test]
    fn hostile_values_are_never_evaluated(
        name in one_line(), city in one_line(), contact in one_line()
    ) {
        let dir = tempfile::tempdir().unwrap();
        check_values_are_not_evaluated(&probe_set(dir.path()), &name, &city, &contact)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    #[ignore = "long run: cargo test --test reliability hostile_input -- --ignored"]
    fn hostile_templates_render_or_fail_cleanly_long(
        subject in text(), body in text(), field in text()
    ) {
        let _ = render_source(&subject, &body, &field);
    }

    #[test]
    #[ignore = "long run: cargo test --test reliability hostile_input -- --ignored"]
    fn hostile_values_are_never_evaluated_long(
        name in one_line(), city in one_line(), contact in one_line()
    ) {
        let dir = tempfile::tempdir().unwrap();
        check_values_are_not_evaluated(&probe_set(dir.path()), &name, &city, &contact)?;
    }
}

// ---- what the CLI prints ----

use support::usce;

fn assert_printable(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
}

#[test]
fn escape_sequences_are_refused_by_import_and_never_printed_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    let csv = dir.path().join("evil.csv");
    let evil = "\x1b]0;pwned\x07\x1b[2J\u{9b}31m";
    fs::write(
        &csv,
        format!(
            "program_name,specialty_name,city,state\n\
             \"Evil {evil} Program\",\"Internal {evil}\",\"Town {evil}\",KY\n"
        ),
    )
    .unwrap();
    // The importer refuses control characters, naming them in words.
    for args in [vec!["import", "--dry-run"], vec!["import"]] {
        let out = usce(&db).args(&args).arg(&csv).output().unwrap();
        assert!(!out.status.success(), "{args:?}: {out:?}");
        assert_printable("import", &out.stdout);
        assert_printable("import", &out.stderr);
        assert!(String::from_utf8_lossy(&out.stderr).contains("U+001B"));
    }
    // Text stored another way (typed, or by an older version) is cleaned
    // when printed.
    let mut store = usce::store::Store::open(&db).unwrap();
    assert_eq!(store.count_programs().unwrap(), 0);
    let mut p = Program::new(
        format!("Evil {evil} Program"),
        UsState::parse("KY").unwrap(),
    );
    p.city = format!("Town {evil}");
    p.specialty = format!("Internal {evil}");
    store.insert_program(&p).unwrap();
    drop(store);
    for args in [vec!["list"], vec!["states"], vec!["due"], vec!["stats"]] {
        let out = usce(&db).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_printable(args[0], &out.stdout);
        assert_printable(args[0], &out.stderr);
    }
    let out = usce(&db).arg("list").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Evil"));
}

#[test]
fn an_endless_template_line_is_refused_instead_of_crashing_the_lexer() {
    // minijinja 2.24 overflowed a 16-bit column counter on this (a syntax
    // error past column 65,535) and panicked in debug builds.
    let line = "{#x".repeat(30_000);
    let err = render_source(&line, "", "x").unwrap_err();
    assert!(err.to_string().contains("longer than"), "{err}");
}
