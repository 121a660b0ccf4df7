//! Issue 19 on the command line: `usce docs`, `usce budget`, the cost
//! totals in `usce stats`, and what `usce export` carries of them.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use assert_cmd::Command;
use chrono::NaiveDate;
use tempfile::TempDir;
use usce::domain::application::{Application, ChecklistItem};
use usce::domain::documents::{DocKind, StandardDoc};
use usce::domain::{Program, Rotation, RotationKind, UsState};
use usce::store::Store;

const TODAY: &str = "2027-02-01";

fn usce(db: &std::path::Path) -> Command {
    let mut cmd = support::usce(db);
    cmd.env("USCE_TODAY", TODAY).env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A program asking for a TB test and BLS, with fees and housing, and a
/// March rotation there.
fn seeded(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let mut p = Program::new("Lakeside Internal Medicine", UsState::parse("IL").unwrap());
    p.application.required_docs = vec!["TB test".into(), "BLS".into()];
    p.application.application_fee = "$100".into();
    p.application.housing = "yes, $200/week".into();
    p.rotation.fee = "$300/week".into();
    let p = store.insert_program(&p).unwrap();
    let r = store
        .insert_rotation(&Rotation::new(
            p.id,
            RotationKind::Elective,
            day(2027, 3, 1),
            day(2027, 3, 28),
        ))
        .unwrap();
    store
        .set_travel(r.id, usce::domain::costs::Cents(45_000))
        .unwrap();
    let app = store.insert_application(&Application::new(p.id)).unwrap();
    store
        .tick(
            app.id,
            &ChecklistItem {
                kind: DocKind::Standard(StandardDoc::Bls),
                sent_on: Some(day(2027, 1, 20)),
                document: None,
            },
        )
        .unwrap();
    db
}

#[test]
fn docs_add_list_and_warn_about_a_test_expiring_mid_rotation() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let added = stdout(usce(&db).args([
        "docs",
        "add",
        "TB test",
        "--obtained",
        "2026-03-15",
        "--path",
        "/docs/tb.pdf",
    ]));
    assert!(added.contains("added document 1 (TB test)"), "{added}");
    stdout(usce(&db).args(["docs", "add", "BLS", "--obtained", "2026-01-10"]));
    let listing = stdout(usce(&db).arg("docs"));
    assert!(listing.contains("2027-03-15*"), "{listing}");
    assert!(
        listing.contains("derived from the kind's default validity"),
        "{listing}"
    );
    assert!(
        listing
            .contains("warning: Lakeside Internal Medicine: TB expires mid-rotation (2027-03-15)"),
        "{listing}"
    );
    // A typed expiry wins and is not marked.
    stdout(usce(&db).args(["docs", "edit", "2", "--expires", "2028-01-31"]));
    let listing = stdout(usce(&db).arg("docs"));
    assert!(listing.contains("2028-01-31 "), "{listing}");
    assert!(!listing.contains("2028-01-31*"), "{listing}");
}

#[test]
fn docs_expiring_keeps_only_what_lapses_within_the_days_and_json_parses() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    stdout(usce(&db).args(["docs", "add", "TB", "--obtained", "2026-03-15"]));
    stdout(usce(&db).args(["docs", "add", "passport", "--expires", "2031-05-01"]));
    stdout(usce(&db).args(["docs", "add", "COVID card"]));
    let soon = stdout(usce(&db).args(["docs", "--expiring", "60"]));
    assert!(soon.contains("TB test"), "{soon}");
    assert!(!soon.contains("passport"), "{soon}");
    let none = stdout(usce(&db).args(["docs", "--expiring", "10"]));
    assert!(
        none.contains("no document expires within 10 days"),
        "{none}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(usce(&db).args(["docs", "--format", "json"]))).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    let tb = docs.iter().find(|d| d["kind"] == "tb_test").unwrap();
    assert_eq!(tb["expiry"], "2027-03-15");
    assert_eq!(tb["expiry_typed"], false);
    assert!(docs.iter().any(|d| d["kind"] == "COVID card"));
    assert!(!json["warnings"].as_array().unwrap().is_empty());
    let kinds = stdout(usce(&db).args(["docs", "kinds"]));
    assert!(
        kinds.contains("tb_test") && kinds.contains("12 months"),
        "{kinds}"
    );
    stdout(usce(&db).args(["docs", "rm", "3"]));
    assert!(!stdout(usce(&db).arg("docs")).contains("COVID card"));
}

#[test]
fn budget_and_stats_total_the_costs() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let table = stdout(usce(&db).arg("budget"));
    // $100 + 4 × $300 + 4 × $200 + $450 travel.
    assert!(table.contains("$2,550"), "{table}");
    assert!(table.contains("2027-03"), "{table}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(usce(&db).args(["budget", "--format", "json"]))).unwrap();
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["total"], 255_000);
    stdout(usce(&db).args(["budget", "--travel", "1=$600"]));
    let stats: serde_json::Value =
        serde_json::from_str(&stdout(usce(&db).args(["stats", "--format", "json"]))).unwrap();
    assert_eq!(stats["costs"]["total"], 270_000);
    assert_eq!(stats["costs"]["by_month"]["2027-03"], 270_000);
    assert_eq!(stats["overall"]["programs"], 1);
    assert!(stdout(usce(&db).arg("stats")).contains("$2,700"));
}

#[test]
fn a_currency_other_than_usd_is_shown_by_its_code() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "currency = \"EUR\"\n").unwrap();
    let table = stdout(usce(&db).arg("--config").arg(&config).arg("budget"));
    assert!(table.contains("2,550 EUR"), "{table}");
}

#[test]
fn export_json_carries_documents_checklists_and_costs_and_docs_reimport() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    stdout(usce(&db).args(["docs", "add", "TB test", "--obtained", "2026-03-15"]));
    let file = dir.path().join("everything.json");
    usce(&db)
        .args(["export", "--format", "json", "-o"])
        .arg(&file)
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["documents"][0]["kind"], "tb_test");
    assert_eq!(json["applications"][0]["items"][0]["kind"], "bls");
    assert_eq!(json["applications"][0]["items"][0]["sent_on"], "2027-01-20");
    assert_eq!(json["rotation_costs"][0]["travel"], 45_000);
    let program = &json["programs"][0];
    assert_eq!(program["application"]["application_fee"], "$100");

    let other = TempDir::new().unwrap();
    let fresh = other.path().join("usce.db");
    let first = stdout(usce(&fresh).args(["docs", "import"]).arg(&file));
    assert!(first.contains("added 1 documents"), "{first}");
    let again = stdout(usce(&fresh).args(["docs", "import"]).arg(&file));
    assert!(again.contains("added 0 documents, skipped 1"), "{again}");
}

#[test]
fn program_requirements_round_trip_through_the_csv_export() {
    let dir = TempDir::new().unwrap();
    let db = seeded(&dir);
    let csv = dir.path().join("programs.csv");
    usce(&db)
        .args(["export", "-o"])
        .arg(&csv)
        .assert()
        .success();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.lines().next().unwrap().contains("Required Documents"));
    let other = TempDir::new().unwrap();
    let fresh = other.path().join("usce.db");
    usce(&fresh).arg("import").arg(&csv).assert().success();
    let store = Store::open(&fresh).unwrap();
    let back = &store.list_programs().unwrap()[0];
    assert_eq!(back.application.required_docs, ["TB test", "BLS"]);
    assert_eq!(back.application.housing, "yes, $200/week");
    assert_eq!(back.application.application_fee, "$100");
}
