//! Workbooks: choosing the sheet, cells as text, and hostile workbooks.

use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};

use super::*;
use crate::domain::{Role, Tri};
use crate::import::{Parsed, parse_source};

/// A fictional workbook: a "Notes" sheet first (no table in it), then
/// "Programs" with a title row, a blank row, the header on row 3 and two
/// programs, with numbers, a date and a yes/no typed as a spreadsheet
/// would type them.
pub(crate) fn two_sheet_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Read me").unwrap();
    notes
        .write_string(1, 0, "Every program here is fictional.")
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Programs").unwrap();
    sheet
        .write_string(0, 0, "Fictional programs, 2027")
        .unwrap();
    let header = [
        "Program Name",
        "Specialty",
        "State",
        "ACGME ID",
        "Phone",
        "Coordinator Name",
        "Coordinator Email",
        "Applications Open",
        "Accepts IMGs",
    ];
    for (column, name) in (0u16..).zip(header) {
        sheet.write_string(2, column, name).unwrap();
    }
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    let rows = [
        (
            "Juniper Valley Internal Medicine",
            "Internal Medicine",
            "NM",
            1_402_400_111.0,
            5_055_550_101.0,
            "Ines Calloway",
            "ines.calloway@juniper.example.org",
            (2027, 7, 1),
            true,
        ),
        (
            "Saltmarsh Family Medicine",
            "Family Medicine",
            "SC",
            1_200_300_222.0,
            8_435_550_102.0,
            "Omar Lindqvist",
            "omar.lindqvist@saltmarsh.example.org",
            (2027, 8, 15),
            false,
        ),
    ];
    for (row, (name, specialty, state, id, phone, person, email, (y, m, d), imgs)) in
        (3u32..).zip(rows)
    {
        sheet.write_string(row, 0, name).unwrap();
        sheet.write_string(row, 1, specialty).unwrap();
        sheet.write_string(row, 2, state).unwrap();
        sheet.write_number(row, 3, id).unwrap();
        sheet.write_number(row, 4, phone).unwrap();
        sheet.write_string(row, 5, person).unwrap();
        sheet.write_string(row, 6, email).unwrap();
        let day = ExcelDateTime::from_ymd(y, m, d).unwrap();
        sheet
            .write_datetime_with_format(row, 7, &day, &date)
            .unwrap();
        sheet.write_boolean(row, 8, imgs).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn parse(bytes: &[u8], sheet: Option<&str>) -> Parsed {
    let options = SourceOptions {
        sheet: sheet.map(str::to_string),
    };
    parse_source(bytes, Some("book.xlsx"), &options)
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn the_first_sheet_with_a_program_header_is_read_with_each_value_in_its_field() {
    let parsed = parse(&two_sheet_workbook(), None);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.place, Place::Row);
    assert_eq!(
        parsed.note.as_deref(),
        Some("sheet \"Programs\" (the workbook also has \"Notes\")")
    );
    let [juniper, saltmarsh] = &parsed.rows[..] else {
        panic!("{:?}", parsed.rows)
    };
    // The spreadsheet's own row numbers: the header is on row 3.
    assert_eq!((juniper.line, saltmarsh.line), (4, 5));
    let p = &juniper.program;
    assert_eq!(p.name, "Juniper Valley Internal Medicine");
    assert_eq!(p.specialty, "Internal Medicine");
    assert_eq!(p.state.code(), "NM");
    assert_eq!(p.external_id.as_deref(), Some("1402400111"));
    assert_eq!(digits(&p.main_phone), "5055550101");
    assert_eq!(
        p.rotation.applications_open,
        chrono::NaiveDate::from_ymd_opt(2027, 7, 1)
    );
    assert_eq!(p.accepts_imgs, Tri::Yes);
    let person = &juniper.contacts[0];
    assert_eq!(person.role, Role::Coordinator);
    assert_eq!(person.name, "Ines Calloway");
    assert_eq!(person.email, "ines.calloway@juniper.example.org");
    let q = &saltmarsh.program;
    assert_eq!(q.name, "Saltmarsh Family Medicine");
    assert_eq!(q.external_id.as_deref(), Some("1200300222"));
    assert_eq!(q.accepts_imgs, Tri::No);
    assert_eq!(
        q.rotation.applications_open,
        chrono::NaiveDate::from_ymd_opt(2027, 8, 15)
    );
}

#[test]
fn sheet_picks_a_sheet_by_name_or_number_and_names_the_sheets_when_wrong() {
    let book = two_sheet_workbook();
    for wanted in ["Programs", "programs", "2"] {
        let parsed = parse(&book, Some(wanted));
        assert_eq!(parsed.rows.len(), 2, "{wanted}: {:?}", parsed.errors);
    }
    let notes = parse(&book, Some("1"));
    assert!(notes.rows.is_empty());
    assert!(
        notes.errors[0].message.contains("no program name column"),
        "{:?}",
        notes.errors
    );
    let missing = parse(&book, Some("Budget"));
    let message = &missing.errors[0].message;
    assert!(message.contains("no sheet \"Budget\""), "{message}");
    assert!(message.contains("\"Notes\", \"Programs\""), "{message}");
}

/// An .ods from its sheet XML (the rows of one table).
fn ods(rows_xml: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Programs">{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn text_cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

#[test]
fn an_ods_sheet_reads_numbers_and_dates_as_text() {
    let header: String = ["Program Name", "State", "ACGME ID", "Applications Open"]
        .iter()
        .map(|h| text_cell(h))
        .collect();
    let row = format!(
        r#"{}{}<table:table-cell office:value-type="float" office:value="1402400333"><text:p>1402400333</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2027-09-01"><text:p>09/01/27</text:p></table:table-cell>"#,
        text_cell("Cobble Creek Neurology"),
        text_cell("VT")
    );
    let bytes = ods(&format!(
        "<table:table-row>{header}</table:table-row><table:table-row>{row}</table:table-row>\
         <table:table-row table:number-rows-repeated=\"1048574\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
    ));
    assert_eq!(Format::detect(&bytes, Some("list.ods")), Format::Workbook);
    let parsed = parse_source(&bytes, Some("list.ods"), &SourceOptions::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let [row] = &parsed.rows[..] else {
        panic!("{:?}", parsed.rows)
    };
    assert_eq!(row.line, 2);
    assert_eq!(row.program.name, "Cobble Creek Neurology");
    assert_eq!(row.program.external_id.as_deref(), Some("1402400333"));
    assert_eq!(
        row.program.rotation.applications_open,
        chrono::NaiveDate::from_ymd_opt(2027, 9, 1)
    );
}

#[test]
fn an_ods_whose_repeats_expand_to_billions_of_cells_is_refused_before_expanding() {
    let header = format!("{}{}", text_cell("Program Name"), text_cell("State"));
    // A million rows of 16,384 cells, in a few hundred bytes.
    let bomb = format!(
        "<table:table-row>{header}</table:table-row>\
         <table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"
    );
    let parsed = parse_source(&ods(&bomb), None, &SourceOptions::default());
    assert!(parsed.rows.is_empty());
    assert!(
        parsed.errors[0].message.contains("million cells"),
        "{:?}",
        parsed.errors
    );
}

#[test]
fn unpacking_stops_at_the_limit_so_a_zip_bomb_never_fills_memory() {
    let zeros = vec![0u8; 2_000_000];
    let bomb = zip_of(&[("xl/worksheets/sheet1.xml", &zeros)]);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let refused = unzip::repack(&bomb, 1_000_000).unwrap_err();
    assert!(refused.contains("unpacks to more than 1 MB"), "{refused}");
    assert!(unzip::repack(&bomb, 2_000_000).is_ok());
}

#[test]
fn a_value_past_column_1000_is_refused_with_its_row() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Program Name").unwrap();
    sheet.write_string(0, 1, "State").unwrap();
    sheet.write_string(1, 0, "Far Clinic").unwrap();
    sheet.write_string(1, 5000, "stray").unwrap();
    let parsed = parse(&book.save_to_buffer().unwrap(), None);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert_eq!(parsed.errors[0].line, 2);
    assert!(
        parsed.errors[0].message.contains("column 5001"),
        "{:?}",
        parsed.errors
    );
}

#[test]
fn a_zip_that_is_not_a_workbook_or_garbage_after_the_magic_is_refused() {
    let other = zip_of(&[("readme.xml", b"<a/>".as_slice())]);
    let parsed = parse(&other, None);
    assert!(
        parsed.errors[0].message.contains("not an .xlsx or .ods"),
        "{:?}",
        parsed.errors
    );
    for bytes in [
        &b"PK\x03\x04garbage"[..],
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage",
    ] {
        let parsed = parse(bytes, None);
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        assert!(
            parsed.errors[0].message.contains("not a readable"),
            "{:?}",
            parsed.errors
        );
    }
}
