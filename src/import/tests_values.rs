//! Cell parsers and the header table, value by value.

use chrono::NaiveDate;

use super::headers::{Field, HeaderMap, PersonPart, field_for, normalise};
use super::values::*;
use super::{parse_csv, sniff_delimiter};
use crate::domain::fields::Field as P;
use crate::domain::{AppRoute, Requirements, Role, RotationKind, Status, Tri, Visa};

#[test]
fn unknown_markers_and_formula_guard() {
    for blank in ["", "  ", "N/A", "n/a", "NA", "-", "—", "–", "--", "?"] {
        assert_eq!(clean(blank), None, "{blank:?}");
    }
    assert_eq!(clean(" none "), Some("none"));
    assert_eq!(clean("'=SUM(A1)"), Some("=SUM(A1)"));
    assert_eq!(clean("''+1"), Some("'+1"));
    assert_eq!(clean("'quoted'"), Some("'quoted'"));
    assert_eq!(clean("'-"), None);
}

#[test]
fn yes_no_spellings() {
    for yes in ["yes", "Y", "TRUE", "1", "x", "X", "✓"] {
        assert_eq!(yes_no(yes), Ok(Tri::Yes), "{yes}");
    }
    for no in ["no", "N", "false", "0"] {
        assert_eq!(yes_no(no), Ok(Tri::No), "{no}");
    }
    assert_eq!(yes_no("unknown"), Ok(Tri::Unknown));
    assert_eq!(yes_no("maybe"), Err("\"maybe\" is not yes or no".into()));
}

#[test]
fn visa_texts() {
    let cases = [
        ("J-1", Visa::J1),
        ("H-1B", Visa::H1b),
        ("J-1, H-1B", Visa::Both),
        ("H1B; J1", Visa::Both),
        ("J-1 visa sponsorship through ECFMG", Visa::J1),
        ("None", Visa::None),
        ("No sponsorship", Visa::None),
        ("both", Visa::Both),
        ("J-1 + H-1B", Visa::Both),
    ];
    for (text, want) in cases {
        assert_eq!(visa(text), Ok(want), "{text}");
    }
    assert_eq!(
        visa("yes"),
        Err("\"yes\" does not name a visa (write J-1, H-1B, both or none)".into())
    );
    assert_eq!(visa_from_columns(Tri::Yes, Tri::Yes), Visa::Both);
    assert_eq!(visa_from_columns(Tri::No, Tri::Unknown), Visa::Unknown);
    assert_eq!(visa_from_columns(Tri::No, Tri::No), Visa::None);
}

#[test]
fn percentages_round_and_stay_in_range() {
    assert_eq!(percent("35%"), Ok(35));
    assert_eq!(percent("35.5"), Ok(36));
    assert_eq!(percent("35.4 %"), Ok(35));
    assert_eq!(percent("12,5"), Ok(13));
    assert_eq!(percent("100"), Ok(100));
    assert_eq!(
        percent("100.4"),
        Err("\"100.4\" is not between 0 and 100".into())
    );
    assert_eq!(percent("-1"), Err("\"-1\" is not between 0 and 100".into()));
    assert_eq!(
        percent("NaN"),
        Err("\"NaN\" is not between 0 and 100".into())
    );
    assert_eq!(percent("lots"), Err("\"lots\" is not a percentage".into()));
}

#[test]
fn weeks_take_the_first_number() {
    assert_eq!(weeks("4"), Ok(4));
    assert_eq!(weeks("4 weeks"), Ok(4));
    assert_eq!(weeks("4-8"), Ok(4));
    assert_eq!(weeks("1 month"), Ok(4));
    assert_eq!(
        weeks("53"),
        Err("\"53\" is not between 1 and 52 weeks".into())
    );
    assert_eq!(
        weeks("99999999999999999999999"),
        Err("\"99999999999999999999999\" is not between 1 and 52 weeks".into())
    );
    assert_eq!(
        weeks("varies"),
        Err("\"varies\" has no number of weeks".into())
    );
}

#[test]
fn dates_in_common_spellings() {
    let march_first = NaiveDate::from_ymd_opt(2025, 3, 1);
    for text in [
        "2025-03-01",
        "3/1/2025",
        "03/01/25",
        "March 1, 2025",
        "Mar 1 2025",
        "1 March 2025",
    ] {
        assert_eq!(date(text).ok(), march_first, "{text}");
    }
    assert_eq!(
        date("soon"),
        Err("\"soon\" is not a date (use YYYY-MM-DD)".into())
    );
}

#[test]
fn rotation_kinds_routes_and_statuses() {
    assert_eq!(
        rotation_kinds("Core / Sub-I; electives, core"),
        Ok(vec![
            RotationKind::Core,
            RotationKind::SubInternship,
            RotationKind::Elective
        ])
    );
    assert_eq!(
        rotation_kinds("observer"),
        Ok(vec![RotationKind::Observership])
    );
    assert!(rotation_kinds("vacation").is_err());
    assert_eq!(route("VSAS"), Ok(AppRoute::Vslo));
    assert_eq!(route("Paid"), Ok(AppRoute::PaidPlacement));
    assert_eq!(route("personal network"), Ok(AppRoute::Network));
    assert_eq!(status("Not a fit"), Ok(Status::NotAFit));
    assert!(status("done-ish").is_err());
}

#[test]
fn locations_tags_ids_and_text() {
    assert_eq!(
        location("Boston, MA").map(|(c, s)| (c, s.code())),
        Ok(("Boston".into(), "MA"))
    );
    assert_eq!(
        location("Ohio").map(|(c, s)| (c, s.code())),
        Ok((String::new(), "OH"))
    );
    assert!(location("Boston").is_err());
    assert_eq!(
        tags(" a; b ,A,, c "),
        Ok(vec!["a".to_string(), "b".into(), "c".into()])
    );
    assert_eq!(external_id("0012345678"), Ok("0012345678".into()));
    assert!(external_id("1.40E+09").is_err());
    assert_eq!(one_line(" Bay \n view\t "), Ok("Bay view".into()));
    assert_eq!(
        one_line("a\u{7}"),
        Err("contains the control character U+0007".into())
    );
    assert_eq!(multi_line("a\r\nb"), Ok("a\nb".into()));
}

#[test]
fn headers_normalise_and_resolve_aliases() {
    assert_eq!(normalise("% IMG"), "pctimg");
    assert_eq!(normalise("IMG %"), "imgpct");
    assert_eq!(
        field_for("  SPECIALITY "),
        Some(Field::Program(P::Specialty))
    );
    assert_eq!(
        field_for("Contact Info (Coordinator)"),
        Some(Field::Person {
            role: Role::Coordinator,
            slot: 1,
            part: PersonPart::Info
        })
    );
    assert_eq!(
        field_for("coordinator_email_3"),
        Some(Field::Person {
            role: Role::Coordinator,
            slot: 3,
            part: PersonPart::Email
        })
    );
    assert_eq!(field_for("program_name_2"), None);
    assert_eq!(field_for("Favorite Color"), None);
}

/// Issue 16's rule: a phone column without a role is the program's line;
/// only role-prefixed phones belong to a person.
#[test]
fn a_bare_phone_column_is_not_the_coordinators() {
    let coordinator_phone = |slot| {
        Some(Field::Person {
            role: Role::Coordinator,
            slot,
            part: PersonPart::Phone,
        })
    };
    for bare in ["Phone", "phone", "Telephone", "TELEPHONE"] {
        assert_ne!(field_for(bare), coordinator_phone(1), "{bare}");
    }
    assert_eq!(field_for("Contact Phone"), coordinator_phone(1));
    assert_eq!(field_for("coordinator_phone_1"), coordinator_phone(1));
    assert_eq!(field_for("Coordinator Phone 2"), coordinator_phone(2));
}

#[test]
fn phone_headers_without_a_role_name_the_main_phone() {
    for header in [
        "Phone",
        "Program Phone",
        "Main Phone",
        "Main Line",
        "Telephone",
        "program_phone",
        "MAIN-LINE",
    ] {
        assert_eq!(
            field_for(header),
            Some(Field::Program(P::MainPhone)),
            "{header}"
        );
    }
    assert_eq!(Field::Program(P::MainPhone).canonical(), "Main Phone");
    assert!(matches!(
        field_for("Program Director Phone"),
        Some(Field::Person {
            role: Role::ProgramDirector,
            part: PersonPart::Phone,
            ..
        })
    ));
}

#[test]
fn canonical_headers_read_back_as_their_field() {
    let map = HeaderMap::new(&[]);
    assert!(map.columns.is_empty());
    let fields = [
        Field::Program(P::ExternalId),
        Field::Program(P::Name),
        Field::Program(P::ImgPercent),
        Field::Program(P::HandsOn),
        Field::Person {
            role: Role::ProgramDirector,
            slot: 1,
            part: PersonPart::Phone,
        },
        Field::Person {
            role: Role::Coordinator,
            slot: 2,
            part: PersonPart::Name,
        },
    ];
    for field in fields {
        assert_eq!(
            field_for(&field.canonical()),
            Some(field),
            "{}",
            field.canonical()
        );
    }
}

#[test]
fn repeated_fields_warn_and_keep_the_first_column() {
    let headers: Vec<String> = ["Program", "State", "Program Name", "Shoe Size", ""]
        .map(String::from)
        .to_vec();
    let map = HeaderMap::new(&headers);
    assert_eq!(map.columns.get(&Field::Program(P::Name)), Some(&0));
    assert_eq!(
        map.warnings,
        [
            "ignored unknown columns: \"Shoe Size\"",
            "column \"Program Name\" means the same as \"Program\"; only the first is read",
        ]
    );
}

#[test]
fn sniffer_counts_only_outside_quotes() {
    assert_eq!(sniff_delimiter(b"\"a;b;c\",x,y\n"), b',');
    assert_eq!(sniff_delimiter(b"a|b|c\nx,y,z,w,v"), b'|');
    assert_eq!(sniff_delimiter(b"\n\na\tb\n"), b'\t');
    assert_eq!(sniff_delimiter(b"one"), b',');
}

#[test]
fn requirement_columns_parse() {
    let csv = "Program,State,Grad Within Years,Step 1 Pass Required,Min Step 2 Score,Takes Graduates\n\
               A,NY,5 years,x,230+,0\n";
    let parsed = parse_csv(csv.as_bytes());
    assert_eq!(parsed.errors, []);
    assert_eq!(
        parsed.rows[0].program.requirements,
        Requirements {
            grad_within_years: Some(5),
            step1_pass_required: Tri::Yes,
            min_step2_score: Some(230),
            takes_graduates: Tri::No,
        }
    );
}

#[test]
fn utf16_from_excel_unicode_text_is_decoded() {
    let text = "Program\tState\r\nCafé IM\tNY\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [le, be] {
        let parsed = parse_csv(&bytes);
        assert_eq!(parsed.errors, []);
        assert_eq!(parsed.rows[0].program.name, "Café IM");
        assert_eq!(parsed.rows[0].line, 2);
    }
}

/// `one_line` as it was before its ASCII shortcut: the shortcut must
/// change nothing.
fn one_line_reference(text: &str) -> Result<String, ()> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(());
    }
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
    #[test]
    fn one_line_shortcut_matches_the_full_rules(text in "[ a-zA-Z.\t\n\u{7f}\u{1}\u{a0}é-]{0,12}") {
        proptest::prop_assert_eq!(one_line(&text).map_err(|_| ()), one_line_reference(&text));
    }
}

#[test]
fn one_line_tidies_spaces_and_refuses_controls() {
    assert_eq!(one_line("a b").unwrap(), "a b");
    assert_eq!(one_line("a  b ").unwrap(), "a b");
    assert_eq!(one_line(" a").unwrap(), "a");
    assert_eq!(one_line("").unwrap(), "");
    assert_eq!(one_line(" ").unwrap(), "");
    assert_eq!(one_line("a\tb\nc").unwrap(), "a b c");
    assert!(one_line("a\u{7f}b").is_err());
}

#[test]
fn a_title_or_salutation_column_gives_the_person_a_title() {
    use crate::domain::Title;
    let text = "Program Name,State,Coordinator Name,Coordinator Salutation,\
                Program Director Name,PD Title\n\
                Bluegrass IM,KY,Dana Whitfield,\"Dear Ms. Whitfield,\",Zoë O'Brien-Núñez,Dr.\n\
                Mercy FM,OH,Sam Rivera,Senior Coordinator,Ana Costa,\n";
    let parsed = parse_csv(text.as_bytes());
    assert_eq!(parsed.errors, []);
    let titles = |row: usize| -> Vec<(Role, Option<Title>)> {
        parsed.rows[row]
            .contacts
            .iter()
            .map(|c| (c.role, c.title))
            .collect()
    };
    assert_eq!(
        titles(0),
        [
            (Role::Coordinator, Some(Title::Ms)),
            (Role::ProgramDirector, Some(Title::Dr))
        ]
    );
    // A job title in the column, or a blank cell, is no title, not an error.
    assert_eq!(
        titles(1),
        [(Role::Coordinator, None), (Role::ProgramDirector, None)]
    );
    assert_eq!(
        field_for("coordinator_title_2"),
        Some(Field::Person {
            role: Role::Coordinator,
            slot: 2,
            part: PersonPart::Title
        })
    );
}
