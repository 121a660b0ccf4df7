//! Fixture tests: each file under tests/fixtures stands for a source users
//! bring, and the assertions pin the exact values and messages.

use chrono::NaiveDate;

use super::*;
use crate::domain::{
    AppRoute, PreferredMethod, Role, RotationKind, RotationOffer, Status, Tri, UsState, Visa,
};

pub(super) fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses a fixture that must have no errors.
pub(super) fn clean_fixture(name: &str) -> Parsed {
    let parsed = parse_csv(&fixture(name));
    let errors: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    parsed
}

/// `--strict`: every unreadable cell is an error, as before lenient cells.
pub(super) fn strict() -> mapping::ImportOptions {
    mapping::ImportOptions {
        strict: true,
        ..mapping::ImportOptions::default()
    }
}

fn st(code: &str) -> UsState {
    UsState::from_code(code).unwrap()
}

fn coordinator(name: &str, email: &str, phone: &str) -> Contact {
    Contact {
        role: Role::Coordinator,
        name: name.into(),
        email: email.into(),
        phone: phone.into(),
        preferred: if email.is_empty() && !phone.is_empty() {
            PreferredMethod::Phone
        } else {
            PreferredMethod::Email
        },
        ..Contact::default()
    }
}

fn lines(parsed: &Parsed) -> Vec<u64> {
    parsed.rows.iter().map(|r| r.line).collect()
}

#[test]
fn bom_and_crlf_with_every_canonical_column() {
    let parsed = clean_fixture("bom_crlf.csv");
    assert_eq!(parsed.warnings, Vec::<String>::new());
    assert_eq!(lines(&parsed), [2, 3]);
    let mercy = Program {
        external_id: Some("0140521105".into()),
        name: "Mercy Internal Medicine".into(),
        institution: "Mercy Hospital".into(),
        specialty: "Internal Medicine".into(),
        state: st("IL"),
        city: "Chicago".into(),
        website: "https://mercy.example.org/im".into(),
        accepts_imgs: Tri::Yes,
        visa: Visa::J1,
        img_percent: Some(35),
        rotation: RotationOffer {
            kinds: vec![RotationKind::Core, RotationKind::Elective],
            hands_on: Tri::Yes,
            weeks: Some(4),
            fee: "$1,200".into(),
            applications_open: NaiveDate::from_ymd_opt(2025, 3, 1),
        },
        route: Some(AppRoute::Vslo),
        status: Status::Shortlisted,
        tags: vec!["global health".into(), "research".into()],
        notes: "Ask about housing".into(),
        ..Program::default()
    };
    assert_eq!(parsed.rows[0].program, mercy);
    assert_eq!(
        parsed.rows[0].contacts,
        [coordinator(
            "Jane Doe",
            "jdoe@mercy.example.org",
            "(312) 555-0100"
        )]
    );
    let st_lukes = Program {
        external_id: Some("0012345678".into()),
        name: "St. Luke's Family Medicine".into(),
        institution: "St. Luke's".into(),
        specialty: "Family Medicine".into(),
        state: st("ID"),
        city: "Boise".into(),
        visa: Visa::None,
        rotation: RotationOffer {
            kinds: vec![RotationKind::Observership],
            hands_on: Tri::No,
            weeks: Some(2),
            ..RotationOffer::default()
        },
        route: Some(AppRoute::Direct),
        ..Program::default()
    };
    assert_eq!(parsed.rows[1].program, st_lukes);
    assert_eq!(parsed.rows[1].contacts, []);
}

#[test]
fn quoted_fields_keep_commas_quotes_and_newlines() {
    let parsed = clean_fixture("quoted_newlines.csv");
    assert_eq!(lines(&parsed), [2, 5]);
    let bay = &parsed.rows[0].program;
    assert_eq!(bay.name, "Bayview Internal Medicine");
    assert_eq!(bay.state, st("CA"));
    assert_eq!(bay.notes, "Line one\nLine two, with comma");
    let harbor = &parsed.rows[1];
    assert_eq!(harbor.program.notes, "She said \"call first\"");
    assert_eq!(
        harbor.contacts,
        [coordinator("", "b@harbor.example.org", "")]
    );
}

#[test]
fn states_by_full_name_any_case() {
    let parsed = clean_fixture("full_state_names.csv");
    let got: Vec<(&str, &str, &str, &str)> = parsed
        .rows
        .iter()
        .map(|r| {
            let p = &r.program;
            (
                p.name.as_str(),
                p.institution.as_str(),
                p.state.code(),
                p.city.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Cedar IM", "Cedar Medical Center", "NY", "Albany"),
            ("Palm FM", "Palm General", "FL", "Miami"),
            ("Capital Peds", "Capital Children's", "DC", "Washington"),
            ("Isla IM", "Hospital Isla", "PR", "San Juan"),
            ("Bluegrass IM", "UK HealthCare", "KY", "Lexington"),
        ]
    );
}

#[test]
fn freida_headers_location_visa_columns_and_contact_cell() {
    let parsed = clean_fixture("freida_style.csv");
    assert_eq!(parsed.warnings, Vec::<String>::new());
    assert_eq!(lines(&parsed), [2, 5, 6]);
    let riverside = Program {
        external_id: Some("1403621143".into()),
        name: "Riverside Hospital Program".into(),
        specialty: "Internal Medicine".into(),
        state: st("MA"),
        city: "Boston".into(),
        website: "https://riverside.example.org".into(),
        visa: Visa::J1,
        img_percent: Some(43),
        ..Program::default()
    };
    assert_eq!(parsed.rows[0].program, riverside);
    assert_eq!(
        parsed.rows[0].contacts,
        [coordinator(
            "Ana Ruiz",
            "aruiz@riverside.example.org",
            "(617) 555-0142"
        )]
    );
    let lakeside = &parsed.rows[1];
    assert_eq!(lakeside.program.external_id.as_deref(), Some("0200511187"));
    assert_eq!(
        (
            lakeside.program.state,
            lakeside.program.city.as_str(),
            lakeside.program.visa,
            lakeside.program.img_percent
        ),
        (st("WI"), "Madison", Visa::None, Some(0))
    );
    assert_eq!(
        lakeside.contacts,
        [coordinator("", "gme@lakeside.example.org", "")]
    );
    let hilltop = &parsed.rows[2].program;
    assert_eq!((hilltop.visa, hilltop.img_percent), (Visa::H1b, None::<u8>));
}

#[test]
fn freida_scraped_snake_case_headers() {
    let parsed = clean_fixture("freida_scraped.csv");
    let got: Vec<_> = parsed
        .rows
        .iter()
        .map(|r| {
            let p = &r.program;
            (
                p.external_id.clone(),
                p.specialty.clone(),
                p.state,
                p.visa,
                p.img_percent,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("0140521105".to_string()),
                "Internal Medicine".to_string(),
                st("IL"),
                Visa::Both,
                Some(35)
            ),
            (
                Some("0140521999".to_string()),
                "Neurology".to_string(),
                st("ME"),
                Visa::J1,
                Some(7)
            ),
        ]
    );
}

#[test]
fn acgme_headers_with_numbered_coordinators_and_director() {
    let parsed = clean_fixture("acgme_style.csv");
    assert_eq!(parsed.warnings, Vec::<String>::new());
    let mercy = &parsed.rows[0];
    assert_eq!(mercy.program.name, "Mercy Hospital Program");
    assert_eq!(mercy.program.institution, "Mercy Hospital");
    assert_eq!(mercy.program.specialty, "Internal Medicine");
    assert_eq!(mercy.program.website, "https://mercy.example.org");
    let director = Contact {
        role: Role::ProgramDirector,
        name: "Dr. Lee Chen".into(),
        ..Contact::default()
    };
    assert_eq!(
        mercy.contacts,
        [
            coordinator("Jane Doe", "jdoe@mercy.example.org", "312-555-0100"),
            coordinator("Raj Patel", "rpatel@mercy.example.org", ""),
            director,
        ]
    );
    let summit = &parsed.rows[1];
    assert_eq!(summit.program.external_id.as_deref(), Some("0380511034"));
    assert_eq!(summit.program.state, st("CO"));
    assert_eq!(summit.contacts, []);
}

#[test]
fn semicolons_with_decimal_comma_and_week_ranges() {
    let parsed = clean_fixture("semicolon.csv");
    let got: Vec<_> = parsed
        .rows
        .iter()
        .map(|r| {
            let p = &r.program;
            (
                p.name.as_str(),
                p.institution.as_str(),
                p.state.code(),
                p.img_percent,
                p.rotation.fee.as_str(),
                p.rotation.weeks,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Northside IM",
                "Northside Hospital",
                "TX",
                Some(13),
                "$300/week",
                Some(4)
            ),
            (
                "Southside FM",
                "Southside Clinic; Annex",
                "OK",
                Some(7),
                "$1,200",
                Some(2)
            ),
        ]
    );
}

#[test]
fn tabs_leave_commas_inside_cells() {
    let parsed = clean_fixture("tab.tsv");
    let desert = &parsed.rows[0].program;
    assert_eq!(desert.tags, ["research", "global health"]);
    assert_eq!((desert.state, desert.city.as_str()), (st("AZ"), "Phoenix"));
    let mountain = &parsed.rows[1].program;
    assert_eq!((mountain.state, mountain.tags.len()), (st("UT"), 0));
}

#[test]
fn unknown_columns_give_one_warning() {
    let parsed = clean_fixture("unknown_columns.csv");
    assert_eq!(
        parsed.warnings,
        [r#"ignored unknown columns: "Favorite Color", "Rank""#]
    );
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(parsed.rows[0].program.notes, "ok");
}

#[test]
fn every_error_is_reported_on_the_line_its_record_starts() {
    let parsed = parse_csv_with(&fixture("bad.csv"), &strict());
    let errors: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        errors,
        [
            "3: Program Name: a program name is required",
            "4: State: \"Narnia\" is not a U.S. state or territory",
            "5: Accepts IMGs: \"maybe\" is not yes or no",
            "5: IMG %: \"150\" is not between 0 and 100",
            "5: Coordinator Email: \"not an email\" is not an email address",
            "8: IMG %: \"-5\" is not between 0 and 100",
            "9: Weeks: \"0\" is not between 1 and 52 weeks",
            "11: State: a state is required",
            "12: row: has 7 cells but the header has 6; is a delimiter inside an unquoted cell?",
        ]
    );
    let names: Vec<(u64, &str)> = parsed
        .rows
        .iter()
        .map(|r| (r.line, r.program.name.as_str()))
        .collect();
    assert_eq!(names, [(2, "Good One"), (7, "Fine After")]);
}

#[test]
fn lenient_cells_leave_optional_fields_unknown_and_say_where() {
    let parsed = parse_csv(&fixture("bad.csv"));
    let errors: Vec<String> = parsed.errors.iter().map(|e| e.to_string()).collect();
    // Only what no program can do without stops a record.
    assert_eq!(
        errors,
        [
            "3: Program Name: a program name is required",
            "4: State: \"Narnia\" is not a U.S. state or territory",
            "11: State: a state is required",
            "12: row: has 7 cells but the header has 6; is a delimiter inside an unquoted cell?",
        ]
    );
    let names: Vec<(u64, &str)> = parsed
        .rows
        .iter()
        .map(|r| (r.line, r.program.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (2, "Good One"),
            (5, "Multi line name"),
            (7, "Fine After"),
            (8, "Negative"),
            (9, "Zero Weeks")
        ]
    );
    let multi = &parsed.rows[1];
    assert_eq!(
        (multi.program.img_percent, multi.program.accepts_imgs),
        (None, Tri::Unknown)
    );
    assert!(multi.contacts.is_empty());
    assert!(
        parsed.warnings.contains(
            &"IMG %: 2 cells left unknown (\"150\" is not between 0 and 100): lines 5, 8"
                .to_string()
        ),
        "{:#?}",
        parsed.warnings
    );
    assert!(
        parsed
            .warnings
            .iter()
            .any(|w| w.starts_with("Weeks: 1 cell left unknown") && w.ends_with("line 9"))
    );
}

#[test]
fn a_file_without_name_or_state_columns_is_one_header_error() {
    let parsed = parse_csv(b"Hospital,City\nMercy,Chicago\n");
    assert_eq!(parsed.rows, []);
    assert_eq!(
        parsed
            .errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>(),
        [concat!(
            "1: header: no program name column (expected one like \"Program Name\", ",
            "\"Program\", \"Name\"); no state column (expected one like \"State\", ",
            "\"Program State\", \"state_code\"); found \"Hospital\", \"City\""
        )]
    );
}

#[test]
fn empty_input_and_header_only_input() {
    assert_eq!(
        parse_csv(b"").errors[0].to_string(),
        "1: header: the file is empty"
    );
    let header_only = parse_csv(b"Program,State\r\n");
    assert_eq!((header_only.rows.len(), header_only.errors.len()), (0, 0));
}

#[test]
fn invalid_utf8_is_reported_in_known_columns_only() {
    let parsed = parse_csv(b"Program,State,Junk\nCaf\xe9 IM,NY,\xff\nOk,NY,\xff\n");
    assert_eq!(
        parsed
            .errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>(),
        ["2: Program: is not UTF-8 text (save the file as \"CSV UTF-8\")"]
    );
    assert_eq!(lines(&parsed), [3]);
}

/// Two cells that are each half of "é": together the record is valid
/// UTF-8, yet each cell on its own is not, and both are reported.
#[test]
fn a_character_split_across_cells_is_not_glued_back_together() {
    let parsed = parse_csv(b"Program,City,State\nClinic \xc3,\xa9ville,NY\n");
    assert_eq!(
        parsed
            .errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>(),
        [
            "2: Program: is not UTF-8 text (save the file as \"CSV UTF-8\")",
            "2: City: is not UTF-8 text (save the file as \"CSV UTF-8\")"
        ]
    );
}

#[test]
fn bare_carriage_returns_still_count_lines() {
    let parsed = parse_csv(b"Program,State\rA,NY\rB,Narnia\r");
    assert_eq!(lines(&parsed), [2]);
    assert_eq!(parsed.errors[0].line, 3);
}

#[test]
fn sink_receives_every_row() {
    let parsed = clean_fixture("full_state_names.csv");
    let mut sink: Vec<ImportRow> = Vec::new();
    let Ok(count) = parsed.clone().push_into(&mut sink);
    assert_eq!(count, 5);
    assert_eq!(sink, parsed.rows);
}

#[test]
fn a_mailto_link_in_an_email_column_is_the_address() {
    let parsed = parse_csv(
        b"Program,State,Coordinator Email\nA,NY,mailto:gme@example.org\nB,NY,mailto:mailto:x@example.org\n",
    );
    assert_eq!(parsed.errors, []);
    let emails: Vec<&str> = parsed
        .rows
        .iter()
        .map(|r| r.contacts[0].email.as_str())
        .collect();
    assert_eq!(emails, ["gme@example.org", "x@example.org"]);
}

/// An unknown header closest to a person's field that another column has
/// already points at the next person of that role, so the hint is a
/// mapping that can be used.
#[test]
fn a_near_miss_beside_a_taken_person_points_at_the_next_one() {
    let parsed = parse_csv(
        b"program_name,state,coordinator_email,Helper Email\n\
          Brisas Family Medicine,FL,dana@brisas.example.org,sam@brisas.example.org\n",
    );
    let (_, helper) = parsed
        .mapping
        .columns
        .iter()
        .find(|(h, _)| h == "Helper Email")
        .expect("the column is listed");
    let second = crate::import::headers::Field::Person {
        role: crate::domain::Role::Coordinator,
        slot: 2,
        part: crate::import::headers::PersonPart::Email,
    };
    assert_eq!(
        helper,
        &crate::import::mapping::Outcome::Unknown(Some(second))
    );
    assert!(
        parsed
            .warnings
            .iter()
            .any(|w| w.contains("coordinator_email_2")),
        "{:?}",
        parsed.warnings
    );
}
