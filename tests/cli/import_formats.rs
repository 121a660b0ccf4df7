//! `usce import` of workbooks, JSON and pasted web tables, from a file or
//! from standard input (`-`): each value in its field, problems by row or
//! item.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;
use tempfile::TempDir;
use usce::domain::{Program, Role};
use usce::store::Store;

use support::usce;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures-formats")
        .join(name)
}

/// A fictional two-sheet workbook: "Contacts to chase" (a to-do list,
/// no program table) first, then "Programs". `bad_state` puts `ZZ` in the
/// second program's state.
fn workbook(path: &Path, bad_state: bool) {
    let mut book = Workbook::new();
    let todo = book.add_worksheet();
    todo.set_name("Contacts to chase").unwrap();
    todo.write_string(0, 0, "Call back on Monday").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Programs").unwrap();
    let header = [
        "program_name",
        "specialty",
        "state",
        "acgme_program_number",
        "phone",
        "coordinator_name",
        "coordinator_phone",
    ];
    for (column, name) in (0u16..).zip(header) {
        sheet.write_string(0, column, name).unwrap();
    }
    let second_state = if bad_state { "ZZ" } else { "OK" };
    let rows = [
        (
            "Prairie Wind Surgery",
            "General Surgery",
            "KS",
            4_402_500_777.0,
            7_855_550_140.0,
            "Tomas Reyes",
            7_855_550_141.0,
        ),
        (
            "Red Rock Pediatrics",
            "Pediatrics",
            second_state,
            3_203_900_888.0,
            4_055_550_150.0,
            "Ada Brennan",
            4_055_550_151.0,
        ),
    ];
    for (row, (name, specialty, state, id, phone, person, person_phone)) in (1u32..).zip(rows) {
        sheet.write_string(row, 0, name).unwrap();
        sheet.write_string(row, 1, specialty).unwrap();
        sheet.write_string(row, 2, state).unwrap();
        sheet.write_number(row, 3, id).unwrap();
        sheet.write_number(row, 4, phone).unwrap();
        sheet.write_string(row, 5, person).unwrap();
        sheet.write_number(row, 6, person_phone).unwrap();
    }
    book.save(path).unwrap();
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn program<'a>(
    all: &'a [(Program, Vec<usce::domain::Contact>)],
    name: &str,
) -> &'a (Program, Vec<usce::domain::Contact>) {
    all.iter()
        .find(|(p, _)| p.name == name)
        .unwrap_or_else(|| panic!("{name} not imported"))
}

#[test]
fn a_two_sheet_workbook_imports_its_program_sheet_with_every_value_in_its_field() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let book = dir.path().join("programs.xlsx");
    workbook(&book, false);
    let out = usce(&db).arg("import").arg(&book).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("added 2"),
        "{out:?}"
    );
    assert!(
        stderr.contains(
            "read sheet \"Programs\" (the workbook also has \"Contacts to chase\"); --sheet NAME reads another"
        ),
        "{stderr}"
    );

    let all = Store::open(&db).unwrap().programs_with_contacts().unwrap();
    let (prairie, people) = program(&all, "Prairie Wind Surgery");
    assert_eq!(prairie.state.code(), "KS");
    assert_eq!(prairie.specialty, "General Surgery");
    assert_eq!(prairie.external_id.as_deref(), Some("4402500777"));
    assert_eq!(digits(&prairie.main_phone), "7855550140");
    let coordinator = people.iter().find(|c| c.role == Role::Coordinator).unwrap();
    assert_eq!(coordinator.name, "Tomas Reyes");
    assert_eq!(digits(&coordinator.phone), "7855550141");
    let (red_rock, _) = program(&all, "Red Rock Pediatrics");
    assert_eq!(red_rock.external_id.as_deref(), Some("3203900888"));
    assert_eq!(red_rock.state.code(), "OK");
    assert_eq!(red_rock.specialty, "Pediatrics");
}

#[test]
fn a_workbook_problem_names_its_row_and_a_dry_run_lists_rows() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let bad = dir.path().join("bad.xlsx");
    workbook(&bad, true);
    let out = usce(&db).arg("import").arg(&bad).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}: row 3: state:", bad.display())),
        "{stderr}"
    );

    let good = dir.path().join("good.xlsx");
    workbook(&good, false);
    let out = usce(&db)
        .args(["import", "--dry-run", "--sheet", "2"])
        .arg(&good)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout.contains("row 2     add     KS  Prairie Wind Surgery"),
        "{stdout}"
    );
    assert!(
        stdout.contains("row 3     add     OK  Red Rock Pediatrics"),
        "{stdout}"
    );
    assert_eq!(Store::open(&db).unwrap().count_programs().unwrap(), 0);
}

#[test]
fn json_read_from_standard_input_with_a_dash() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let json = std::fs::read(fixture("programs.json")).unwrap();
    let out = usce(&db)
        .args(["import", "-"])
        .write_stdin(json)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("read the list under \"programs\""),
        "{stderr}"
    );
    let all = Store::open(&db).unwrap().programs_with_contacts().unwrap();
    let (harbor, people) = program(&all, "Harbor View Internal Medicine");
    assert_eq!(harbor.specialty, "Internal Medicine");
    assert_eq!(harbor.external_id.as_deref(), Some("1402400111"));
    assert_eq!(digits(&harbor.main_phone), "6175550100");
    assert_eq!(people[0].name, "Dana Whitfield");
    let (mesa, _) = program(&all, "Mesa Family Medicine");
    assert_eq!(mesa.state.code(), "AZ");

    // A problem in JSON from stdin names the item.
    let bad =
        br#"[{"program_name": "Fine", "state": "OR"}, {"program_name": "Wrong", "state": "ZZ"}]"#;
    let out = usce(&db)
        .args(["import", "-"])
        .write_stdin(&bad[..])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("-: item 2: state:"), "{stderr}");
}

#[test]
fn a_pasted_web_table_on_standard_input_imports_with_its_lines() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let paste = std::fs::read(fixture("browser_paste.tsv")).unwrap();
    let out = usce(&db)
        .args(["import", "-"])
        .write_stdin(paste)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let all = Store::open(&db).unwrap().programs_with_contacts().unwrap();
    let (quarry, people) = program(&all, "Quarry Ridge Pediatrics");
    assert_eq!(quarry.specialty, "Pediatrics");
    assert_eq!(digits(&quarry.main_phone), "8025550177");
    assert_eq!(people[0].email, "mina.okafor@quarry.example.org");
    program(&all, "Lantern Bay Psychiatry");
}

#[test]
fn standard_input_over_the_size_limit_is_refused() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let big = format!("Program Name,State\n{}", "Clinic,OR\n".repeat(150_000));
    let out = usce(&db)
        .args(["import", "--max-size", "1", "-"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("over the 1 MB limit"), "{stderr}");
}
