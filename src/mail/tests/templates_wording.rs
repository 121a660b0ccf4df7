//! The shipped templates' wording branches: how they greet, what they ask
//! for, what they say is attached, and how they sign.

use std::fs;

use super::fixtures::{contact, input, profile, program};
use crate::domain::{Contact, Profile, Program, Role, RotationKind, Title};
use crate::mail::templates::BUILTIN;
use crate::mail::{Rendered, TemplateError, TemplateSet};

/// Templates that greet an office when no person is named.
const MAY_GREET_AN_OFFICE: [&str; 4] = [
    "request_rotation",
    "express_interest",
    "ask_to_visit",
    "follow_up",
];

fn render(name: &str, program: &Program, contact: Option<&Contact>, profile: &Profile) -> Rendered {
    TemplateSet::load(None)
        .unwrap()
        .render(name, &input(program, contact, profile))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn dr_zoe() -> Contact {
    Contact {
        title: Some(Title::Dr),
        name: "Zoë O'Brien-Núñez".into(),
        ..contact()
    }
}

fn with_kinds(kinds: &[RotationKind]) -> Program {
    let mut p = program();
    p.rotation.kinds = kinds.to_vec();
    p
}

fn student() -> Profile {
    Profile {
        is_student: true,
        ..profile()
    }
}

#[test]
fn every_template_greets_a_titled_person_by_surname() {
    let (program, profile) = (program(), profile());
    for contact in [
        dr_zoe(),
        Contact {
            name: "Dr. Zoë O'Brien-Núñez, MD".into(),
            ..dr_zoe()
        },
        Contact {
            title: None,
            name: "Zoë O'Brien-Núñez, MD".into(),
            ..dr_zoe()
        },
    ] {
        for (name, _) in BUILTIN {
            let out = render(name, &program, Some(&contact), &profile);
            assert!(
                out.body.starts_with("Dear Dr. O'Brien-Núñez,\n\n"),
                "{name} for {:?}:\n{}",
                contact.name,
                out.body
            );
        }
    }
}

#[test]
fn a_preferred_name_without_a_title_is_how_the_person_is_greeted() {
    let (program, profile) = (program(), profile());
    let dana = Contact {
        name: "Dana Whitfield".into(),
        preferred_name: "Dana".into(),
        ..contact()
    };
    for (name, _) in BUILTIN {
        let out = render(name, &program, Some(&dana), &profile);
        assert!(
            out.body.starts_with("Dear Dana,\n\n"),
            "{name}:\n{}",
            out.body
        );
    }
    // A title keeps the letter formal.
    let formal = Contact {
        title: Some(Title::Ms),
        ..dana
    };
    let out = render("request_rotation", &program, Some(&formal), &profile);
    assert!(out.body.starts_with("Dear Ms. Whitfield,\n\n"));
}

#[test]
fn with_no_name_the_coordinator_or_the_role_is_greeted() {
    let (program, profile) = (program(), profile());
    let director = Contact {
        role: Role::ProgramDirector,
        name: String::new(),
        title: Some(Title::Dr),
        ..contact()
    };
    for name in MAY_GREET_AN_OFFICE {
        let out = render(name, &program, None, &profile);
        assert!(
            out.body.starts_with("Dear Program Coordinator,\n\n"),
            "{name}:\n{}",
            out.body
        );
        let out = render(name, &program, Some(&director), &profile);
        assert!(
            out.body.starts_with("Dear Program Director,\n\n"),
            "{name}:\n{}",
            out.body
        );
    }
}

#[test]
fn letters_to_one_person_need_a_name_to_greet_them_by() {
    let (program, profile) = (program(), profile());
    let nameless = Contact {
        name: String::new(),
        title: Some(Title::Dr),
        ..contact()
    };
    let set = TemplateSet::load(None).unwrap();
    for name in ["thank_you", "lor_request", "ask_alumnus"] {
        match set.render(name, &input(&program, Some(&nameless), &profile)) {
            Err(TemplateError::Missing { fields }) => {
                assert_eq!(fields, ["contact.name"], "{name}")
            }
            other => panic!("{name}: {other:?}"),
        }
        let known_as = Contact {
            preferred_name: "Dr. Bea".into(),
            ..nameless.clone()
        };
        let out = render(name, &program, Some(&known_as), &profile);
        assert!(out.body.starts_with("Dear Dr. Bea,\n\n"), "{name}");
    }
}

#[test]
fn a_graduate_asks_for_the_observership_or_externship_the_program_offers() {
    use RotationKind::*;
    let (contact, graduate) = (contact(), profile());
    for (kinds, kind, a_kind) in [
        (
            &[Elective, Observership][..],
            "observership",
            "an observership",
        ),
        (&[Core, Externship][..], "externship", "an externship"),
        (
            &[Observership, Externship][..],
            "observership or externship",
            "an observership or externship",
        ),
    ] {
        let out = render(
            "request_rotation",
            &with_kinds(kinds),
            Some(&contact),
            &graduate,
        );
        assert_eq!(
            out.subject,
            format!("Internal Medicine {kind} request – Amina Yusuf")
        );
        assert!(out.body.contains("a 2023 graduate of"), "{}", out.body);
        assert!(
            out.body
                .contains(&format!("the chance to complete {a_kind} with")),
            "{}",
            out.body
        );
        assert!(out.body.contains(&format!("whether {a_kind} is possible")));
        assert!(!out.body.contains("elective rotation") && !out.body.contains("core rotation"));
        let follow_up = render("follow_up", &with_kinds(kinds), Some(&contact), &graduate);
        assert!(
            follow_up
                .body
                .contains(&format!("my earlier email about {a_kind} in"))
        );
    }
}

#[test]
fn a_student_asks_for_an_elective_or_core_rotation_even_where_observerships_are_offered() {
    use RotationKind::*;
    let contact = contact();
    let out = render(
        "request_rotation",
        &with_kinds(&[Observership, Elective]),
        Some(&contact),
        &student(),
    );
    assert_eq!(
        out.subject,
        "Internal Medicine elective rotation request – Amina Yusuf"
    );
    assert!(out.body.contains("a final-year medical student at"));
    assert!(out.body.contains("complete an elective rotation with"));
    assert!(!out.body.contains("observership"));
    let out = render(
        "request_rotation",
        &with_kinds(&[Core, Observership, Externship]),
        Some(&contact),
        &student(),
    );
    assert!(out.subject.contains("core rotation request"));
    assert!(out.body.contains("complete a core rotation with"));
}

#[test]
fn templates_name_only_what_is_really_attached() {
    let (program, contact) = (program(), contact());
    let both = profile();
    let out = render("express_interest", &program, Some(&contact), &both);
    assert!(
        out.body
            .contains("I have attached my CV and USMLE score report in case it is helpful.\n"),
        "{}",
        out.body
    );
    let cv_only = Profile {
        scores_path: "  ".into(),
        ..profile()
    };
    let out = render("express_interest", &program, Some(&contact), &cv_only);
    assert!(
        out.body
            .contains("I have attached my CV in case it is helpful.\n")
    );
    assert!(!out.body.contains("score report"));
    let scores_only = Profile {
        cv_path: String::new(),
        ..profile()
    };
    let out = render("lor_request", &program, Some(&contact), &scores_only);
    assert!(
        out.body
            .contains("I have attached my USMLE score report. Once you agree")
    );
    let nothing = Profile {
        cv_path: String::new(),
        scores_path: String::new(),
        ..profile()
    };
    for (name, _) in BUILTIN {
        let out = render(name, &program, Some(&contact), &nothing);
        assert!(!out.body.contains("attached"), "{name}:\n{}", out.body);
        let out = render(name, &program, Some(&contact), &both);
        let claims = out.body.contains("attached my CV and USMLE score report");
        assert_eq!(
            claims,
            *name != "ask_to_visit" && *name != "thank_you",
            "{name}"
        );
    }
}

#[test]
fn the_signature_carries_email_phone_and_usmle_id_when_known() {
    let (program, contact) = (program(), contact());
    let full = profile();
    for (name, _) in BUILTIN {
        let out = render(name, &program, Some(&contact), &full);
        assert!(
            out.body.ends_with(
                ",\nAmina Yusuf\nUniversity of Ibadan College of Medicine\n\
                 amina.yusuf@example.org\n+234 801 234 5678\nECFMG/USMLE ID: 0-123-456-7\n"
            ),
            "{name}:\n{}",
            out.body
        );
    }
    let sparse = Profile {
        phone: String::new(),
        usmle_id: String::new(),
        signature: "Dr. Amina Yusuf, MBBS\nIbadan, Nigeria".into(),
        ..profile()
    };
    for (name, _) in BUILTIN {
        let out = render(name, &program, Some(&contact), &sparse);
        assert!(
            out.body
                .ends_with(",\nDr. Amina Yusuf, MBBS\nIbadan, Nigeria\namina.yusuf@example.org\n"),
            "{name}:\n{}",
            out.body
        );
    }
}

#[test]
fn paragraphs_stay_apart_whatever_the_branches() {
    let nothing_attached = Profile {
        cv_path: String::new(),
        scores_path: String::new(),
        ..student()
    };
    let program = with_kinds(&[RotationKind::Observership]);
    let contact = dr_zoe();
    for profile in [profile(), nothing_attached] {
        for (name, _) in BUILTIN {
            let body = render(name, &program, Some(&contact), &profile).body;
            let lines: Vec<&str> = body.lines().collect();
            for pair in lines.windows(2) {
                if pair[0].ends_with(['.', '?']) {
                    assert_eq!(pair[1], "", "{name}: no blank line after {:?}", pair[0]);
                }
            }
        }
    }
}

#[test]
fn user_templates_can_use_every_new_field() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("fields.txt"),
        "Subject: {{ request.kind }}\n\n\
         {{ salutation }}|{{ contact.salutation }}|{{ contact.title }}|{{ contact.surname }}|\
         {{ contact.preferred_name }}|{{ request.a_kind }}|{{ attachments | and_list }}|\
         {{ program.offers_observership }}/{{ program.offers_externship }}|{{ profile.usmle_id }}\n\
         {{ signature_block }}\n",
    )
    .unwrap();
    let set = TemplateSet::load(Some(dir.path())).unwrap();
    let program = with_kinds(&[RotationKind::Observership]);
    let zoe = Contact {
        preferred_name: "Zoë".into(),
        ..dr_zoe()
    };
    let profile = profile();
    let out = set
        .render("fields", &input(&program, Some(&zoe), &profile))
        .unwrap();
    assert_eq!(out.subject, "observership");
    assert_eq!(
        out.body.lines().next().unwrap(),
        "Dear Dr. O'Brien-Núñez,|Dear Dr. O'Brien-Núñez,|Dr.|O'Brien-Núñez|Zoë|\
         an observership|CV and USMLE score report|True/False|0-123-456-7"
    );
    assert!(
        out.body
            .contains("\nAmina Yusuf\nUniversity of Ibadan College of Medicine\n")
    );
}

#[test]
fn the_readme_example_template_renders_as_documented() {
    let readme = include_str!("../../../README.md");
    let section = &readme[readme.find("### Email templates").unwrap()..];
    let start = section.find("```text\n").unwrap() + "```text\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("readme_example.txt"), example).unwrap();
    let set = TemplateSet::load(Some(dir.path())).unwrap();
    assert!(set.problems().next().is_none());
    let (program, contact, profile) = (program(), dr_zoe(), profile());
    let out = set
        .render("readme_example", &input(&program, Some(&contact), &profile))
        .unwrap();
    assert_eq!(out.subject, "Rotation request – Amina Yusuf");
    assert!(
        out.body.starts_with("Dear Dr. O'Brien-Núñez,\n\n"),
        "{}",
        out.body
    );
    assert!(
        out.body.contains(
            "complete a core rotation with University of Louisville Internal Medicine \
             Residency.\nI have attached my CV and USMLE score report.\n\nSincerely,\n\
             Amina Yusuf\n"
        ),
        "{}",
        out.body
    );
}
