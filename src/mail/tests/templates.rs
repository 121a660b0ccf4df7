use std::fs;

use super::fixtures::{contact, input, profile, program};
use crate::domain::{Profile, RotationKind};
use crate::mail::templates::BUILTIN;
use crate::mail::{Origin, TemplateError, TemplateSet, install_defaults};

fn builtin() -> TemplateSet {
    TemplateSet::load(None).unwrap()
}

fn missing_fields(err: TemplateError) -> Vec<String> {
    match err {
        TemplateError::Missing { fields } => fields,
        other => panic!("expected Missing, got {other:?}"),
    }
}

#[test]
fn every_shipped_template_renders_for_a_realistic_applicant() {
    let set = builtin();
    assert!(set.problems().next().is_none());
    let (program, contact, profile) = (program(), contact(), profile());
    for (name, _) in BUILTIN {
        let out = set
            .render(name, &input(&program, Some(&contact), &profile))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!out.subject.is_empty(), "{name}");
        assert!(!out.subject.contains('\n'), "{name}");
        assert!(out.body.contains("Amina Yusuf"), "{name}: {}", out.body);
        assert!(out.body.contains("Dear "), "{name}");
        for junk in ["{{", "{%", "…", "\n\n\n", " \n"] {
            assert!(
                !out.body.contains(junk),
                "{name} has {junk:?}:\n{}",
                out.body
            );
        }
        assert!(
            out.body.ends_with('\n') && !out.body.ends_with("\n\n"),
            "{name}"
        );
    }
}

#[test]
fn rotation_request_states_dates_scores_and_asks_for_core_when_offered() {
    let (mut program, contact, profile) = (program(), contact(), profile());
    let set = builtin();
    let out = set
        .render(
            "request_rotation",
            &input(&program, Some(&contact), &profile),
        )
        .unwrap();
    assert_eq!(
        out.subject,
        "Internal Medicine core rotation request – Amina Yusuf"
    );
    // The title written into the name greets by surname.
    assert!(
        out.body.starts_with("Dear Ms. Whitfield,\n\n"),
        "{}",
        out.body
    );
    assert!(
        out.body
            .contains("a core rotation with University of Louisville Internal Medicine Residency.")
    );
    assert!(out.body.contains("from June 2 to July 25, 2025"));
    assert!(out.body.contains("scored 248 on Step 2 CK"));
    assert!(out.body.contains("attached my CV and USMLE score report"));
    assert!(out.body.contains("for example through VSLO?"));

    program.rotation.kinds = vec![RotationKind::Elective];
    let out = set
        .render("request_rotation", &input(&program, None, &profile))
        .unwrap();
    assert!(out.subject.contains("elective rotation request"));
    assert!(out.body.contains("an elective rotation"));
    assert!(out.body.starts_with("Dear Program Coordinator,"));
}

#[test]
fn express_interest_names_the_programs_values() {
    let (program, profile) = (program(), profile());
    let out = builtin()
        .render("express_interest", &input(&program, None, &profile))
        .unwrap();
    assert!(
        out.body
            .contains("global health, research and rural health"),
        "{}",
        out.body
    );
}

#[test]
fn optional_fields_left_blank_are_not_reported() {
    let mut program = program();
    program.institution.clear();
    program.website.clear();
    program.tags.clear();
    program.route = None;
    let profile = Profile {
        step2_score: None,
        email: String::new(),
        ..profile()
    };
    let set = builtin();
    for name in [
        "request_rotation",
        "express_interest",
        "ask_to_visit",
        "follow_up",
    ] {
        set.render(name, &input(&program, None, &profile))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn a_blank_required_field_is_reported_by_its_path() {
    let (program, contact) = (program(), contact());
    let profile = Profile {
        full_name: String::new(),
        ..profile()
    };
    let err = builtin()
        .render("thank_you", &input(&program, Some(&contact), &profile))
        .unwrap_err();
    assert_eq!(missing_fields(err), ["profile.full_name"]);
}

#[test]
fn every_missing_field_is_reported_at_once() {
    let program = program();
    let profile = Profile {
        full_name: " ".into(),
        target_specialty: String::new(),
        ..profile()
    };
    // No contact at all: the letter writer's name is needed.
    let err = builtin()
        .render("lor_request", &input(&program, None, &profile))
        .unwrap_err();
    assert_eq!(
        missing_fields(err),
        [
            "contact.name",
            "profile.full_name",
            "profile.target_specialty"
        ]
    );
}

#[test]
fn missing_fields_behind_a_branch_count_only_when_that_branch_runs() {
    // A graduate's year is needed; a student's is not.
    let (program, contact) = (program(), contact());
    let graduate = Profile {
        graduation_year: None,
        ..profile()
    };
    let err = builtin()
        .render("ask_alumnus", &input(&program, Some(&contact), &graduate))
        .unwrap_err();
    assert_eq!(missing_fields(err), ["profile.graduation_year"]);
    let student = Profile {
        is_student: true,
        ..graduate
    };
    builtin()
        .render("ask_alumnus", &input(&program, Some(&contact), &student))
        .unwrap();
}

#[test]
fn user_templates_override_and_extend_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("thank_you.txt"),
        "Subject: Thanks, {{ contact.name }}\n\nShort and sweet from {{ profile.first_name }}.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("quick_note.txt"),
        "Subject: Note\r\n\r\nHello {{ program.name }}, {{ today }}.\r\n",
    )
    .unwrap();
    fs::write(dir.path().join("notes.md"), "not a template").unwrap();
    fs::write(dir.path().join("Bad Name.txt"), "Subject: x\n\ny").unwrap();

    let set = TemplateSet::load(Some(dir.path())).unwrap();
    let names: Vec<&str> = set.names().collect();
    assert!(names.contains(&"quick_note") && names.contains(&"request_rotation"));
    assert!(!names.iter().any(|n| n.contains("Bad") || *n == "notes"));
    assert_eq!(
        set.origin("thank_you"),
        Some(&Origin::User(dir.path().join("thank_you.txt")))
    );
    assert_eq!(set.origin("follow_up"), Some(&Origin::Builtin));

    let (program, contact, profile) = (program(), contact(), profile());
    let out = set
        .render("thank_you", &input(&program, Some(&contact), &profile))
        .unwrap();
    assert_eq!(out.subject, "Thanks, Ms. Dana Whitfield");
    assert_eq!(out.body, "Short and sweet from Amina.\n");
    let out = set
        .render("quick_note", &input(&program, None, &profile))
        .unwrap();
    assert_eq!(
        out.body,
        "Hello University of Louisville Internal Medicine Residency, March 4, 2025.\n"
    );
}

#[test]
fn a_missing_user_dir_means_defaults_only() {
    let dir = tempfile::tempdir().unwrap();
    let set = TemplateSet::load(Some(&dir.path().join("absent"))).unwrap();
    assert_eq!(set.names().count(), BUILTIN.len());
}

#[test]
fn broken_user_templates_report_name_and_line_without_hiding_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("broken.txt"),
        "Subject: fine\n\nline 3\nline 4 {{ profile.email | }}\nline 5\n",
    )
    .unwrap();
    fs::write(dir.path().join("no_subject.txt"), "Hello\n\nbody").unwrap();
    fs::write(
        dir.path().join("typo.txt"),
        "Subject: x\n\n{{ progam.name }}",
    )
    .unwrap();
    let set = TemplateSet::load(Some(dir.path())).unwrap();
    let problems: Vec<&str> = set.problems().map(|(n, _)| n).collect();
    assert_eq!(problems, ["broken", "no_subject"]);

    let (program, profile) = (program(), profile());
    let ctx = input(&program, None, &profile);
    match set.render("broken", &ctx).unwrap_err() {
        TemplateError::Syntax { template, line, .. } => {
            assert_eq!((template.as_str(), line), ("broken", 4));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        set.render("no_subject", &ctx),
        Err(TemplateError::Format { .. })
    ));
    assert_eq!(
        missing_fields(set.render("typo", &ctx).unwrap_err()),
        ["progam.name"]
    );
    assert!(matches!(
        set.render("nope", &ctx),
        Err(TemplateError::Unknown(_))
    ));
    set.render("request_rotation", &ctx).unwrap();
}

#[test]
fn install_defaults_writes_private_files_and_keeps_user_edits() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("templates");
    let written = install_defaults(&target).unwrap();
    assert_eq!(written.len(), BUILTIN.len());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for path in &written {
            let mode = fs::metadata(path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", path.display());
        }
    }

    let edited = target.join("follow_up.txt");
    fs::write(&edited, "Subject: mine\n\nmy words\n").unwrap();
    fs::remove_file(target.join("thank_you.txt")).unwrap();
    let written = install_defaults(&target).unwrap();
    assert_eq!(written, [target.join("thank_you.txt")]);
    assert_eq!(
        fs::read_to_string(&edited).unwrap(),
        "Subject: mine\n\nmy words\n"
    );
    // What was installed loads back as user templates, identical output.
    let set = TemplateSet::load(Some(&target)).unwrap();
    assert!(set.problems().next().is_none());
    let (program, contact, profile) = (program(), contact(), profile());
    let ctx = input(&program, Some(&contact), &profile);
    assert_eq!(
        set.render("lor_request", &ctx).unwrap(),
        builtin().render("lor_request", &ctx).unwrap()
    );
}
