//! `usce list --fit` and `usce states`, run as a user would, on a temp DB
//! with the clock fixed by USCE_TODAY.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;
use usce::domain::{Profile, Program, Requirements, Status, StepResult, Tri, UsState, Visa};
use usce::store::Store;

/// 2025 − 2020 = 5 years since graduation: exactly the limit below.
const TODAY: &str = "2025-06-01";

fn usce(db: &std::path::Path) -> Command {
    let mut cmd = support::usce(db);
    cmd.env("USCE_TODAY", TODAY).env("NO_COLOR", "1");
    cmd
}

fn program(name: &str, state: &str, accepts_imgs: Tri, visa: Visa) -> Program {
    Program {
        specialty: "Internal Medicine".into(),
        accepts_imgs,
        visa,
        requirements: Requirements {
            grad_within_years: Some(5),
            step1_pass_required: Tri::Yes,
            min_step2_score: Some(240),
            takes_graduates: Tri::Yes,
        },
        ..Program::new(name, UsState::parse(state).unwrap())
    }
}

/// A graduate of 2020 needing a visa, and three programs: one that fits
/// (on both boundaries), one silent on IMGs, one sponsoring no visa.
fn seeded_db(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    store
        .save_profile(&Profile {
            full_name: "Amina Okafor".into(),
            graduation_year: Some(2020),
            is_student: false,
            step1: StepResult::Pass,
            step2_score: Some(240),
            needs_visa: true,
            target_specialty: "Internal Medicine".into(),
            home_state: UsState::parse("KY"),
            ..Profile::default()
        })
        .unwrap();
    let mut fits = program("Bluegrass Fits", "KY", Tri::Yes, Visa::J1);
    fits.status = Status::Contacted;
    store.insert_program(&fits).unwrap();
    store
        .insert_program(&program("Buckeye Check", "OH", Tri::Unknown, Visa::Both))
        .unwrap();
    store
        .insert_program(&program("Volunteer No Visa", "TN", Tri::Yes, Visa::None))
        .unwrap();
    db
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).unwrap()
}

fn reasons(program: &Value) -> Vec<(String, String, String)> {
    program["fit"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().unwrap().to_string();
            (field("criterion"), field("kind"), field("text"))
        })
        .collect()
}

fn has(list: &[(String, String, String)], criterion: &str, kind: &str, text: &str) -> bool {
    list.iter()
        .any(|(c, k, t)| c == criterion && k == kind && t == text)
}

#[test]
fn list_fit_fits_shows_only_the_program_that_fits() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).args(["list", "--fit", "fits"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("ST  STATUS       FIT        NAME"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("KY  contacted    fits       Bluegrass Fits"),
        "{text}"
    );
    assert_eq!(lines[2], "1 program");

    let listed = json(usce(&db).args(["list", "--fit", "fits", "--format", "json"]));
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "Bluegrass Fits");
    assert_eq!(listed[0]["fit"]["verdict"], "fits");
    let why = reasons(&listed[0]);
    assert!(has(
        &why,
        "graduation",
        "ok",
        "graduated 2020, program takes ≤ 5 years since graduation"
    ));
    assert!(has(
        &why,
        "step2",
        "ok",
        "Step 2 CK 240, program asks ≥ 240"
    ));
    assert!(why.iter().all(|(_, kind, _)| kind == "ok"), "{why:?}");
}

#[test]
fn list_fit_check_explains_the_unknown() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let listed = json(usce(&db).args(["list", "--fit", "check", "--format", "json"]));
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "Buckeye Check");
    assert_eq!(listed[0]["fit"]["verdict"], "check");
    let why = reasons(&listed[0]);
    assert!(has(
        &why,
        "imgs",
        "unknown",
        "IMG policy not stated — the guides say keep it"
    ));
    assert!(why.iter().all(|(_, kind, _)| kind != "fails"), "{why:?}");
    // The program's own fields are still there beside the fit.
    assert_eq!(listed[0]["state"], "OH");
    assert_eq!(listed[0]["visa"], "both");
}

#[test]
fn list_fit_not_gives_the_failing_reason() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let listed = json(usce(&db).args(["list", "--fit", "not", "--format", "json"]));
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "Volunteer No Visa");
    assert_eq!(listed[0]["fit"]["verdict"], "not_fit");
    assert!(has(
        &reasons(&listed[0]),
        "visa",
        "fails",
        "you need a visa (J-1 or H-1B); program sponsors none"
    ));
    usce(&db)
        .args(["list", "--fit", "not-fit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("not a fit  Volunteer No Visa"));
}

#[test]
fn csv_ends_with_the_verdict_code() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).args(["list", "--format", "csv"]));
    let verdicts: Vec<&str> = text
        .lines()
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(verdicts, ["fit", "fits", "check", "not_fit"]);
}

#[test]
fn a_year_later_the_graduation_limit_fails() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let listed = json(
        usce(&db)
            .env("USCE_TODAY", "2026-01-01")
            .args(["list", "--fit", "not", "--format", "json"]),
    );
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Bluegrass Fits", "Buckeye Check", "Volunteer No Visa"]
    );
    assert!(has(
        &reasons(&listed[0]),
        "graduation",
        "fails",
        "graduated 2020 (6 years ago), program takes ≤ 5 years since graduation"
    ));
}

#[test]
fn bad_fit_value_or_clock_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    usce(&db)
        .args(["list", "--fit", "maybe"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("fits, check, not"));
    usce(&db)
        .env("USCE_TODAY", "tomorrow")
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "USCE_TODAY=\"tomorrow\" is not a date",
        ));
}

#[test]
fn states_prints_progress_home_first_and_suggests_next() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    assert_eq!(
        stdout(usce(&db).arg("states")),
        "\
ST  NAME                  LISTED  REVIEWED  FITS  CONTACTED  REPLIED  MARK
KY  Kentucky                   1         1     1          1        0  home
OH  Ohio                       1         0     0          0        0
TN  Tennessee                  1         0     0          0        0

next: KY IL IN MO OH TN VA WV
"
    );
}

#[test]
fn states_done_persists_and_moves_the_suggestions_on() {
    let dir = TempDir::new().unwrap();
    let db = seeded_db(&dir);
    let text = stdout(usce(&db).args(["states", "--done", "Kentucky", "--done", "WY"]));
    assert!(
        text.contains(
            "KY  Kentucky                   1         1     1          1        0  home, done\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "WY  Wyoming                    0         0     0          0        0  done\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("next: CO ID IL IN MO MT NE OH SD TN UT VA WV\n"),
        "{text}"
    );

    let report = json(usce(&db).args(["states", "--not-done", "WY", "--format", "json"]));
    assert_eq!(report["home"], "KY");
    assert_eq!(report["done"], serde_json::json!(["KY"]));
    assert_eq!(report["states"][0]["state"], "KY");
    assert_eq!(report["states"][0]["name"], "Kentucky");
    assert_eq!(report["states"][0]["done"], true);
    assert_eq!(report["states"][0]["home"], true);
    assert_eq!(report["states"][0]["fits"], 1);
    assert_eq!(report["states"][1]["done"], false);
    assert_eq!(
        report["next"],
        serde_json::json!(["IL", "IN", "MO", "OH", "TN", "VA", "WV"])
    );
    assert_eq!(
        Store::open(&db).unwrap().states_done().unwrap(),
        [UsState::parse("KY").unwrap()]
    );

    usce(&db)
        .args(["states", "--done", "Atlantis", "--not-done", "KY"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown state \"Atlantis\""));
    assert_eq!(
        Store::open(&db).unwrap().states_done().unwrap().len(),
        1,
        "a typo changes nothing"
    );
}
