//! The program's main phone, end to end: every header spelling imports
//! into it (a bare "Phone" included, the coordinator's phone staying the
//! coordinator's), the detail form shows and edits it, and the CSV export,
//! `usce list --format json` and the JSON export all carry it; a CSV export
//! imports back with it intact.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::support;
use serde_json::Value;
use tempfile::TempDir;
use usce::app::AppState;
use usce::app::effect::Effect;
use usce::app::forms::{self, FormTarget};
use usce::app::list::ProgramList;
use usce::domain::{Program, UsState};
use usce::store::Store;

/// The binary on `db`, isolated by the support builder (HOME and every
/// XDG directory inside the database's folder, `dir`).
fn usce(dir: &Path, db: &Path) -> Command {
    assert_eq!(
        db.parent(),
        Some(dir),
        "the database lives in the test's folder"
    );
    let mut cmd = support::command::usce(db);
    cmd.env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// `usce import FILE`, returning what it printed on both streams (its
/// warnings go to standard error).
fn import(dir: &Path, db: &Path, csv: &Path) -> String {
    let assert = usce(dir, db).arg("import").arg(csv).assert().success();
    let output = assert.get_output();
    let mut text = String::from_utf8(output.stdout.clone()).unwrap();
    text.push_str(&String::from_utf8(output.stderr.clone()).unwrap());
    text
}

fn list_json(dir: &Path, db: &Path) -> Vec<Value> {
    let text = stdout(usce(dir, db).args(["list", "--format", "json"]));
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn every_main_phone_header_imports_into_the_main_phone_not_the_coordinators() {
    let dir = TempDir::new().unwrap();
    for (i, header) in [
        "Phone",
        "Program Phone",
        "Main Phone",
        "Main Line",
        "Telephone",
    ]
    .into_iter()
    .enumerate()
    {
        let db = dir.path().join(format!("usce-{i}.db"));
        let csv = write(
            dir.path(),
            &format!("phones-{i}.csv"),
            &format!(
                "Program Name,State,{header},Coordinator Name,Coordinator Phone\n\
                 Mercy Internal Medicine,KY,(502) 555-0100,Dana Whitfield,502-555-0199\n"
            ),
        );
        let out = import(dir.path(), &db, &csv);
        assert!(out.contains("added 1"), "{header}: {out}");
        assert!(!out.contains("warning"), "{header}: {out}");

        let listed = list_json(dir.path(), &db);
        assert_eq!(listed[0]["main_phone"], "(502) 555-0100", "{header}");

        let store = Store::open(&db).unwrap();
        let (_, contacts) = store.programs_with_contacts().unwrap().remove(0);
        assert_eq!(contacts.len(), 1, "{header}");
        assert_eq!(contacts[0].name, "Dana Whitfield");
        assert_eq!(contacts[0].phone, "502-555-0199", "{header}");
    }
}

#[test]
fn csv_export_carries_the_main_phone_and_imports_back_with_it() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let csv = write(
        dir.path(),
        "in.csv",
        "Program Name,State,Phone,Coordinator Phone\n\
         Mercy Internal Medicine,KY,+1 502 555 0100,502-555-0199\n\
         Quiet Program,OH,,\n",
    );
    assert!(!import(dir.path(), &db, &csv).contains("warning"));

    let exported = dir.path().join("out.csv");
    usce(dir.path(), &db)
        .args(["export", "-o"])
        .arg(&exported)
        .assert()
        .success();
    let text = std::fs::read_to_string(&exported).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains(",Website,Main Phone,"), "{header}");
    assert!(header.contains(",Coordinator Phone,"), "{header}");
    // A leading '+' is guarded against spreadsheet formulas, as any cell.
    assert!(text.contains(",'+1 502 555 0100,"), "{text}");

    let again = dir.path().join("again.db");
    let out = import(dir.path(), &again, &exported);
    assert!(out.contains("added 2"), "{out}");
    assert!(!out.contains("warning"), "{out}");
    let phones: Vec<(String, String)> = list_json(dir.path(), &again)
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["main_phone"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        phones,
        [
            (
                "Mercy Internal Medicine".to_string(),
                "+1 502 555 0100".to_string()
            ),
            ("Quiet Program".to_string(), String::new()),
        ]
    );
    let store = Store::open(&again).unwrap();
    let (_, contacts) = store.programs_with_contacts().unwrap().remove(0);
    assert_eq!(contacts[0].phone, "502-555-0199");
}

#[test]
fn json_export_carries_the_main_phone() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let mut program = Program::new("Mercy Internal Medicine", UsState::parse("KY").unwrap());
    program.main_phone = "(502) 555-0100".into();
    store.insert_program(&program).unwrap();
    drop(store);

    let text = stdout(usce(dir.path(), &db).args(["export", "--format", "json"]));
    let export: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(export["programs"][0]["main_phone"], "(502) 555-0100");
    assert_eq!(export["programs"][0]["name"], "Mercy Internal Medicine");
}

#[test]
fn the_detail_form_shows_the_main_phone_and_saves_an_edit() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("usce.db")).unwrap();
    let mut program = Program::new("Mercy Internal Medicine", UsState::parse("KY").unwrap());
    program.website = "https://mercy.example.org".into();
    program.main_phone = "(502) 555-0100".into();
    let program = store.insert_program(&program).unwrap();
    let state = AppState::new(ProgramList::new(store.list_programs().unwrap(), None));
    let target = FormTarget::Program(program.id);

    let (_, rows) = forms::rows(&state, target).unwrap();
    let at = rows.iter().position(|r| r.label == "Main phone").unwrap();
    assert_eq!(rows[at].value, "(502) 555-0100");
    assert!(!rows[at].choice);
    assert_eq!(rows[at - 1].label, "Website", "it sits after the website");

    let effect = forms::apply_text(&state, target, at, "  (502) 555-0123 ").unwrap();
    let Some(Effect::SetProgramField {
        field,
        shown,
        edited: changed,
    }) = effect
    else {
        panic!("{effect:?}")
    };
    assert_eq!(changed.main_phone, "(502) 555-0123");
    store.set_program_field(field, &changed, &shown).unwrap();
    let stored = store.get_program(program.id).unwrap().unwrap();
    assert_eq!(stored.main_phone, "(502) 555-0123");
    assert_eq!(stored.website, "https://mercy.example.org");
}
