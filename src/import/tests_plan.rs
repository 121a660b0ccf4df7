//! Export round trips, and duplicate planning / merging.

use chrono::{NaiveDate, TimeZone, Utc};

use super::tests::{clean_fixture, fixture};
use super::*;
use crate::domain::{ProgramId, Role, Status, Tri, UsState, Visa};
use crate::export::write_csv;

fn export(rows: &[ImportRow]) -> String {
    let pairs: Vec<(Program, Vec<Contact>)> = rows
        .iter()
        .map(|r| (r.program.clone(), r.contacts.clone()))
        .collect();
    let mut out = Vec::new();
    write_csv(&mut out, &pairs).unwrap();
    String::from_utf8(out).unwrap()
}

/// What survives an export: everything but the line, and contacts beyond
/// the first coordinator and first program director.
fn exportable(rows: &[ImportRow]) -> Vec<(Program, Vec<Contact>)> {
    rows.iter()
        .map(|r| {
            let mut kept: Vec<Contact> = Vec::new();
            for role in [Role::Coordinator, Role::ProgramDirector] {
                kept.extend(r.contacts.iter().find(|c| c.role == role).cloned());
            }
            (r.program.clone(), kept)
        })
        .collect()
}

#[test]
fn every_fixture_round_trips_through_export() {
    for name in [
        "bom_crlf.csv",
        "quoted_newlines.csv",
        "full_state_names.csv",
        "freida_style.csv",
        "freida_scraped.csv",
        "acgme_style.csv",
        "semicolon.csv",
        "tab.tsv",
        "unknown_columns.csv",
        "duplicates.csv",
    ] {
        let first = clean_fixture(name);
        let text = export(&first.rows);
        let second = parse_csv(text.as_bytes());
        assert_eq!(second.errors, [], "{name}:\n{text}");
        assert_eq!(second.warnings, Vec::<String>::new(), "{name}");
        assert_eq!(exportable(&second.rows), exportable(&first.rows), "{name}");
    }
}

#[test]
fn export_uses_canonical_headers_and_guards_formulas() {
    let mut program = Program::new("=HYPERLINK(\"x\")", UsState::from_code("NY").unwrap());
    program.notes = "'=already quoted".into();
    program.tags = vec!["-minus".into()];
    let phone = Contact {
        phone: "+1 212 555 0100".into(),
        preferred: crate::domain::PreferredMethod::Phone,
        ..Contact::default()
    };
    let rows = [ImportRow {
        line: 2,
        program,
        contacts: vec![phone],
    }];
    let text = export(&rows);
    let header = text.lines().next().unwrap();
    assert_eq!(
        header,
        "External ID,NRMP Code,Program Name,Institution,Specialty,City,State,Website,Main Phone,Accepts IMGs,\
         Visa Sponsorship,IMG %,Rotation Type,Hands-On,Weeks,Fee,Applications Open,\
         Application Deadline,Application Fee,Housing,Required Documents,\
         Application Route,Status,Grad Within Years,Step 1 Pass Required,Min Step 2 Score,\
         Takes Graduates,Coordinator Name,Coordinator Email,Coordinator Phone,\
         Program Director Name,Program Director Email,Program Director Phone,Tags,\
         Onboarding Notes,Notes"
    );
    assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
    assert!(text.contains(",'+1 212 555 0100,"), "{text}");
    let back = parse_csv(text.as_bytes());
    assert_eq!(back.errors, []);
    assert_eq!(exportable(&back.rows), exportable(&rows));
}

#[test]
fn main_phone_round_trips_through_export_beside_the_coordinators() {
    let mut program = Program::new("Line Test", UsState::from_code("KY").unwrap());
    program.main_phone = "+1 502 555 0100".into();
    let coordinator = Contact {
        role: Role::Coordinator,
        name: "Dana Whitfield".into(),
        phone: "502-555-0199".into(),
        preferred: crate::domain::PreferredMethod::Phone,
        ..Contact::default()
    };
    let rows = [ImportRow {
        line: 2,
        program,
        contacts: vec![coordinator],
    }];
    let text = export(&rows);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains(",Website,Main Phone,"),
        "{text}"
    );
    assert!(text.contains(",'+1 502 555 0100,"), "{text}");
    let back = parse_csv(text.as_bytes());
    assert_eq!(back.errors, []);
    assert_eq!(back.rows[0].program.main_phone, "+1 502 555 0100");
    assert_eq!(back.rows[0].contacts[0].phone, "502-555-0199");
    assert_eq!(exportable(&back.rows), exportable(&rows));
}

#[test]
fn export_writes_unknowns_as_blank_cells() {
    let program = Program::new("Plain", UsState::from_code("OH").unwrap());
    let rows = [ImportRow {
        line: 2,
        program,
        contacts: Vec::new(),
    }];
    let text = export(&rows);
    assert_eq!(
        text.lines().nth(1),
        Some(",,Plain,,,,OH,,,,,,,,,,,,,,,,researching,,,,,,,,,,,,,")
    );
}

pub(super) fn program(name: &str, state: &str) -> Program {
    Program::new(name, UsState::from_code(state).unwrap())
}

pub(super) fn stored(id: i64, mut p: Program) -> Program {
    p.id = ProgramId(id);
    p.created_at = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    p
}

pub(super) fn rows_of(programs: Vec<Program>) -> Vec<ImportRow> {
    programs
        .into_iter()
        .enumerate()
        .map(|(i, program)| ImportRow {
            line: i as u64 + 2,
            program,
            contacts: Vec::new(),
        })
        .collect()
}

pub(super) fn kinds(decisions: &[Decision]) -> Vec<String> {
    decisions
        .iter()
        .map(|d| match d {
            Decision::Add { program, .. } => format!("add {}", program.name),
            Decision::Update { existing, .. } => format!("update {}", existing.0),
            Decision::Skip { duplicate_of, .. } => format!("skip {duplicate_of:?}"),
        })
        .collect()
}

#[test]
fn external_id_matches_despite_a_new_name_and_dropped_zeros() {
    let mut old = program("Old Name", "IL");
    old.external_id = Some("0140521105".into());
    let mut new = program("New Name", "IL");
    new.external_id = Some("140521105".into());
    let existing = [stored(7, old)];
    let skip = plan(&existing, rows_of(vec![new.clone()]), false);
    assert_eq!(kinds(&skip), ["skip Existing(ProgramId(7))"]);
    let Decision::Skip { reason, .. } = &skip[0] else {
        unreachable!()
    };
    assert_eq!(
        reason,
        "same program id 140521105 as \"Old Name\", already in your list"
    );
    let update = plan(&existing, rows_of(vec![new]), true);
    let Decision::Update {
        existing: id,
        merged,
        ..
    } = &update[0]
    else {
        panic!("{update:?}")
    };
    assert_eq!(*id, ProgramId(7));
    assert_eq!(merged.name, "New Name");
    assert_eq!(merged.external_id.as_deref(), Some("0140521105"));
}

#[test]
fn name_and_state_match_ignoring_case_and_punctuation() {
    let existing = [stored(3, program("St. Mary's Internal Medicine", "NY"))];
    let rows = rows_of(vec![
        program("st marys internal-medicine", "NY"),
        program("St. Mary's Internal Medicine", "NJ"),
    ]);
    assert_eq!(
        kinds(&plan(&existing, rows.clone(), false)),
        [
            "skip Existing(ProgramId(3))",
            "add St. Mary's Internal Medicine"
        ]
    );
}

#[test]
fn same_name_at_different_institutions_or_ids_is_not_a_duplicate() {
    let mut cedar = program("Internal Medicine", "NY");
    cedar.institution = "Cedar Hospital".into();
    let mut birch = program("Internal Medicine", "NY");
    birch.institution = "Birch Hospital".into();
    let mut one = program("Internal Medicine", "NY");
    one.external_id = Some("1".into());
    let mut two = program("Internal Medicine", "NY");
    two.external_id = Some("2".into());
    let adds = ["add Internal Medicine", "add Internal Medicine"];
    assert_eq!(
        kinds(&plan(&[], rows_of(vec![cedar.clone(), birch]), false)),
        adds
    );
    assert_eq!(
        kinds(&plan(&[], rows_of(vec![one.clone(), two]), false)),
        adds
    );
    // Issue 16 item 6: past the numbers, duplicates are judged by name +
    // institution + state, never by name + state alone when there are
    // institutions or numbers. Cedar's row has an institution, the other a
    // number and none: nothing says they are one program, so both are kept
    // (this once read "an id on one side only is still the same program").
    assert_eq!(
        kinds(&plan(&[], rows_of(vec![cedar, one]), false)),
        ["add Internal Medicine", "add Internal Medicine"]
    );
}

#[test]
fn in_file_duplicates_are_skipped_or_merged_into_the_first() {
    let rows = clean_fixture("duplicates.csv").rows;
    assert_eq!(
        kinds(&plan(&[], rows.clone(), false)),
        [
            "add Mercy Internal Medicine",
            "skip Line(2)",
            "skip Line(2)",
            "add Internal Medicine",
            "add Internal Medicine",
        ]
    );
    let merged = plan(&[], rows.clone(), true);
    assert_eq!(
        kinds(&merged),
        [
            "add Mercy IM (renamed)",
            "skip Line(2)",
            "skip Line(2)",
            "add Internal Medicine",
            "add Internal Medicine",
        ]
    );
    let Decision::Add { program, .. } = &merged[0] else {
        unreachable!()
    };
    assert_eq!(program.img_percent, Some(40));
    assert_eq!(program.tags, ["research", "visa"]);
    assert_eq!(program.notes, "second row");
    assert_eq!(program.institution, "Mercy Hospital");
    assert_eq!(program.external_id.as_deref(), Some("0140521105"));
    let Decision::Skip { reason, .. } = &merged[2] else {
        unreachable!()
    };
    assert_eq!(
        reason,
        "same program id 0140521105 as \"MERCY internal-medicine\"; merged into line 2"
    );
}

#[test]
fn update_never_blanks_existing_data() {
    let mut old = program("Mercy IM", "IL");
    old.institution = "Mercy Hospital".into();
    old.website = "https://mercy.example.org".into();
    old.accepts_imgs = Tri::Yes;
    old.visa = Visa::J1;
    old.img_percent = Some(30);
    old.rotation.weeks = Some(4);
    old.rotation.applications_open = NaiveDate::from_ymd_opt(2025, 1, 1);
    old.requirements.min_step2_score = Some(220);
    old.status = Status::Contacted;
    old.tags = vec!["research".into()];
    old.notes = "called twice".into();
    old.is_sample = true;
    let old = stored(9, old);

    let blank = program("Mercy IM", "IL");
    assert_eq!(
        merge(&old, &blank),
        Program {
            is_sample: false,
            ..old.clone()
        }
    );

    let mut fresh = program("Mercy IM", "IL");
    fresh.visa = Visa::Both;
    fresh.img_percent = Some(45);
    fresh.tags = vec!["Research".into(), "visa".into()];
    fresh.notes = "new season".into();
    let merged = merge(&old, &fresh);
    assert_eq!(merged.visa, Visa::Both);
    assert_eq!(merged.img_percent, Some(45));
    assert_eq!(merged.website, old.website);
    assert_eq!(merged.status, Status::Contacted);
    assert_eq!(merged.tags, ["research", "visa"]);
    assert_eq!(merged.notes, "called twice\n\nnew season");
    assert_eq!((merged.id, merged.created_at), (old.id, old.created_at));
    assert_eq!(
        merge(&merged, &fresh),
        merged,
        "merging twice changes nothing"
    );
}

#[test]
fn new_contacts_skips_people_already_known() {
    let known = Contact {
        name: "Jane Doe".into(),
        email: "JDOE@x.org".into(),
        ..Contact::default()
    };
    let same_email = Contact {
        name: "J. Doe".into(),
        email: "jdoe@x.org".into(),
        ..Contact::default()
    };
    let same_name = Contact {
        name: "jane doe".into(),
        ..Contact::default()
    };
    let other = Contact {
        name: "Raj".into(),
        phone: "555-0100".into(),
        ..Contact::default()
    };
    let again = Contact {
        phone: "(555) 0100".into(),
        ..Contact::default()
    };
    assert_eq!(
        new_contacts(&[known], &[same_email, same_name, other.clone(), again]),
        [other]
    );
}

#[test]
fn bad_fixture_rows_never_reach_the_plan() {
    let parsed = parse_csv_with(&fixture("bad.csv"), &super::tests::strict());
    assert_eq!(
        kinds(&plan(&[], parsed.rows.clone(), true)),
        ["add Good One", "add Fine After"]
    );
}

#[test]
fn nrmp_codes_judge_duplicates_when_there_is_no_acgme_number() {
    let with = |name: &str, acgme: Option<&str>, nrmp: &str| {
        let mut p = program(name, "NY");
        p.external_id = acgme.map(str::to_string);
        p.nrmp_code = Some(nrmp.to_string());
        p
    };
    let existing = [stored(1, with("Mercy IM", Some("0140521105"), "1234567C0"))];
    let rows = rows_of(vec![
        // Only the code: still the stored program.
        with("Mercy Internal Medicine", None, "1234567c0"),
        // Same name, other codes: other programs, not duplicates.
        with("Internal Medicine", None, "7654321C0"),
        with("Internal Medicine", None, "7654321P0"),
        with("Internal Medicine", None, "7654321P0"),
    ]);
    let decisions = plan(&existing, rows, false);
    assert_eq!(
        kinds(&decisions),
        [
            "skip Existing(ProgramId(1))",
            "add Internal Medicine",
            "add Internal Medicine",
            "skip Line(4)"
        ]
    );
    let Decision::Skip { reason, .. } = &decisions[0] else {
        panic!("{decisions:?}")
    };
    assert!(reason.starts_with("same NRMP code 1234567c0"), "{reason}");
}
