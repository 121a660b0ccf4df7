//! Telling formats apart, JSON lists and pasted web tables.

use super::*;
use crate::domain::Role;
use crate::import::{Parsed, parse_source};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures-formats")
        .join(name);
    std::fs::read(path).unwrap()
}

fn parse(bytes: &[u8], name: Option<&str>) -> Parsed {
    parse_source(bytes, name, &SourceOptions::default())
}

#[test]
fn the_format_comes_from_the_content_not_the_name() {
    assert_eq!(
        Format::detect(b"PK\x03\x04rest", Some("list.csv")),
        Format::Workbook
    );
    assert_eq!(
        Format::detect(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1..", Some("list.txt")),
        Format::Workbook
    );
    assert_eq!(
        Format::detect(b"\xEF\xBB\xBF\n  [{\"a\":1}]", Some("list.csv")),
        Format::Json
    );
    assert_eq!(Format::detect(b"{\"programs\": []}", None), Format::Json);
    assert_eq!(
        Format::detect(b"Name\tState\nA\tNY\n", Some("x.json")),
        Format::Delimited
    );
    // Nothing in it: the name decides.
    assert_eq!(Format::detect(b"  ", Some("empty.JSON")), Format::Json);
    assert_eq!(Format::detect(b"", Some("empty.xlsx")), Format::Workbook);
    assert_eq!(Format::detect(b"", None), Format::Delimited);
}

#[test]
fn a_json_object_holding_a_list_imports_each_value_into_its_field() {
    let parsed = parse(&fixture("programs.json"), Some("programs.json"));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.place, Place::Item);
    assert_eq!(parsed.note.as_deref(), Some("the list under \"programs\""));
    let [harbor, mesa] = &parsed.rows[..] else {
        panic!("{:?}", parsed.rows)
    };
    assert_eq!((harbor.line, mesa.line), (1, 2));
    let p = &harbor.program;
    assert_eq!(p.name, "Harbor View Internal Medicine");
    assert_eq!(p.specialty, "Internal Medicine");
    assert_eq!(p.state.code(), "MA");
    assert_eq!(p.city, "Salem");
    // A number id and a float phone arrive without ".0".
    assert_eq!(p.external_id.as_deref(), Some("1402400111"));
    assert!(
        p.main_phone.contains("6175550100") || p.main_phone.contains("555-0100"),
        "{}",
        p.main_phone
    );
    assert!(!p.main_phone.contains(".0"), "{}", p.main_phone);
    assert_eq!(p.img_percent, Some(35));
    let coordinator = &harbor.contacts[0];
    assert_eq!(coordinator.role, Role::Coordinator);
    assert_eq!(coordinator.name, "Dana Whitfield");
    assert_eq!(coordinator.email, "dana.whitfield@harbor.example.org");
    assert!(
        coordinator.phone.contains("555-0123"),
        "{}",
        coordinator.phone
    );
    assert_eq!(mesa.program.external_id.as_deref(), Some("1200300222"));
    assert_eq!(mesa.contacts[0].name, "Luis Ortega");
}

#[test]
fn a_bare_json_array_is_read_and_a_wrong_item_is_named_by_its_number() {
    let good = br#"[{"Program Name": "Alder Clinic", "State": "OR"}, {"Program Name": "Birch Clinic", "State": "WA"}]"#;
    let parsed = parse(good, None);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let names: Vec<&str> = parsed
        .rows
        .iter()
        .map(|r| r.program.name.as_str())
        .collect();
    assert_eq!(names, ["Alder Clinic", "Birch Clinic"]);
    assert_eq!(parsed.note, None);

    let bad = br#"[{"Program Name": "Alder Clinic", "State": "OR"}, {"Program Name": "Birch", "State": "ZZ"}]"#;
    let parsed = parse(bad, None);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert_eq!(parsed.errors[0].line, 2);
    let shown = Place::Item.locate(&"list.json", &parsed.errors[0]);
    assert!(shown.starts_with("list.json: item 2: State:"), "{shown}");

    let not_objects = parse(b"[{\"Program Name\": \"A\", \"State\": \"OR\"}, 7]", None);
    assert_eq!(not_objects.errors.len(), 1);
    assert_eq!(not_objects.errors[0].line, 2);
    assert!(
        not_objects.errors[0].message.contains("is a number"),
        "{:?}",
        not_objects.errors
    );
}

#[test]
fn broken_or_list_less_json_is_refused_with_a_reason() {
    let broken = parse(b"[{\"Program Name\": \"A\",\n \"State\": }]", None);
    assert_eq!(broken.errors.len(), 1);
    assert_eq!(broken.errors[0].line, 2);
    assert!(
        broken.errors[0].message.contains("not readable JSON"),
        "{:?}",
        broken.errors
    );

    let shown = Place::Item.locate(&"list.json", &broken.errors[0]);
    assert!(
        shown.starts_with("list.json: is not readable JSON"),
        "{shown}"
    );

    let no_list = parse(b"{\"a\": 1, \"b\": [1, 2], \"c\": []}", None);
    assert!(
        no_list.errors[0].message.contains("no list of objects"),
        "{:?}",
        no_list.errors
    );
    // Deep nesting stops at serde_json's depth limit, without a crash.
    let deep = format!(
        "[{{\"x\": {}{}}}]",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(parse(deep.as_bytes(), None).errors.len(), 1);
}

#[test]
fn nested_json_values_become_bounded_text() {
    let big = "x".repeat(crate::import::MAX_CELL_BYTES + 10);
    let text = format!(r#"[{{"Program Name": "A", "State": "OR", "Notes": ["{big}"]}}]"#);
    let parsed = parse(text.as_bytes(), None);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert_eq!(parsed.errors[0].column, "Notes");
    assert!(
        parsed.errors[0].message.contains("KB"),
        "{:?}",
        parsed.errors
    );

    let list = parse(
        br#"[{"Program Name": "A", "State": "OR", "Notes": {"k": [1, "two"]}}]"#,
        None,
    );
    assert_eq!(list.rows[0].program.notes, r#"{"k":[1,"two"]}"#);
}

#[test]
fn a_table_copied_from_a_web_page_imports_with_its_trailing_tabs_and_blank_lines() {
    let parsed = parse(&fixture("browser_paste.tsv"), None);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.place, Place::Line);
    let [quarry, lantern] = &parsed.rows[..] else {
        panic!("{:?}", parsed.rows)
    };
    assert_eq!(quarry.line, 3);
    assert_eq!(quarry.program.name, "Quarry Ridge Pediatrics");
    assert_eq!(quarry.program.specialty, "Pediatrics");
    assert_eq!(quarry.program.state.code(), "VT");
    assert!(
        quarry.program.main_phone.contains("555-0177"),
        "{}",
        quarry.program.main_phone
    );
    assert_eq!(quarry.contacts[0].name, "Mina Okafor");
    assert_eq!(quarry.contacts[0].email, "mina.okafor@quarry.example.org");
    assert_eq!(lantern.line, 6);
    assert_eq!(lantern.program.name, "Lantern Bay Psychiatry");
    assert!(lantern.contacts.is_empty(), "{:?}", lantern.contacts);
}

#[test]
fn whole_numbers_lose_their_trailing_zero_and_others_keep_their_digits() {
    assert_eq!(json::number_text(3_106_808_056.0), "3106808056");
    assert_eq!(json::number_text(42.5), "42.5");
    assert_eq!(json::number_text(-3.0), "-3");
    assert!(!json::number_text(1e300).ends_with(".0"));
}

#[test]
fn lines_are_physical_lines_even_after_blank_lines() {
    let text = b"Program Name,State\n\nAlder Clinic,OR\n\n\nBirch Clinic,ZZ\n\"Cedar\nClinic\",WA\n\nDogwood,QQ\n";
    let parsed = parse(text, None);
    let lines: Vec<u64> = parsed.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 7]);
    let errors: Vec<u64> = parsed.errors.iter().map(|e| e.line).collect();
    assert_eq!(errors, [6, 10]);
}

/// Any bytes after the magic of each format read as rows or problems,
/// never a panic: a truncated zip, a broken OLE file, broken JSON.
fn check_any_source(prefix: &[u8], body: &[u8]) {
    let mut bytes = prefix.to_vec();
    bytes.extend_from_slice(body);
    let parsed = parse(&bytes, None);
    assert!(
        !parsed.rows.is_empty()
            || !parsed.errors.is_empty()
            || body.iter().all(u8::is_ascii_whitespace),
        "{parsed:?}"
    );
}

const PREFIXES: [&[u8]; 6] = [
    b"PK\x03\x04",
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    b"[",
    b"{",
    b"[{\"Program Name\": \"A\", \"State\": ",
    b"",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    #[test]
    fn any_bytes_behind_any_magic_never_panic(
        prefix in proptest::sample::select(&PREFIXES[..]),
        body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
    ) {
        check_any_source(prefix, &body);
    }
}

#[test]
fn a_real_workbook_cut_short_anywhere_is_refused_not_a_panic() {
    let book = super::tests_sheet::two_sheet_workbook();
    for cut in (0..book.len()).step_by(97) {
        check_any_source(b"", &book[..cut]);
    }
}
