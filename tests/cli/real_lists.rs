//! Program lists in the shapes real ones come in (a pandas scrape, an R
//! export, a table with no name column, one with no state column, a
//! program-number list), each imported with no hand edits and no `--map`,
//! every value checked in the field it belongs to. Then the mapping step
//! (`--map`, `--ignore`, saved and reused, `--show-mapping`) and lenient
//! cells (`--strict` refusing the same file).
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use crate::support;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("real_{name}"))
}

struct Db {
    _dir: TempDir,
    dir: PathBuf,
    db: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("usce.db");
        Db {
            dir: dir.path().to_path_buf(),
            _dir: dir,
            db,
        }
    }

    fn usce(&self) -> Command {
        let mut cmd = support::command::usce(&self.db);
        cmd.env("NO_COLOR", "1");
        cmd
    }

    /// `usce import ARGS…`, which must succeed: (stdout, stderr).
    fn import(&self, args: &[&str], file: &Path) -> (String, String) {
        let assert = self
            .usce()
            .arg("import")
            .args(args)
            .arg(file)
            .assert()
            .success();
        let out = assert.get_output();
        (
            String::from_utf8(out.stdout.clone()).unwrap(),
            String::from_utf8(out.stderr.clone()).unwrap(),
        )
    }

    /// Every stored program with its contacts, from the JSON export.
    fn programs(&self) -> Vec<Value> {
        let out = self
            .usce()
            .args(["export", "--format", "json"])
            .assert()
            .success();
        let all: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        all["programs"].as_array().unwrap().clone()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

fn by_name<'a>(programs: &'a [Value], name: &str) -> &'a Value {
    programs
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no program {name:?} in {programs:#?}"))
}

/// (role, name, title, email, phone) of each contact.
fn people(program: &Value) -> Vec<(String, String, String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    program["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                text(&c["role"]),
                text(&c["name"]),
                text(&c["title"]),
                text(&c["email"]),
                text(&c["phone"]),
            )
        })
        .collect()
}

fn person(
    role: &str,
    name: &str,
    title: &str,
    email: &str,
    phone: &str,
) -> (String, String, String, String, String) {
    (
        role.into(),
        name.into(),
        title.into(),
        email.into(),
        phone.into(),
    )
}

#[test]
fn a_pandas_scrape_with_split_names_and_float_artefacts_lands_field_by_field() {
    let db = Db::new();
    let (out, err) = db.import(&[], &fixture("pandas_scrape.csv"));
    assert!(out.contains("added 3, updated 0, skipped 0"), "{out}");
    assert!(
        err.contains(r#"ignored unknown columns: "match_rate_pct""#),
        "{err}"
    );
    assert!(
        err.contains(
            "program_acgme_id: 1 cell: 9-digit ACGME numbers given back their leading zero"
        ),
        "{err}"
    );
    let programs = db.programs();
    let ky = by_name(&programs, "Bluegrass Regional Internal Medicine");
    assert_eq!(ky["specialty"], "Internal Medicine");
    assert_eq!(ky["institution"], "Bluegrass Regional Medical Center");
    assert_eq!(
        (ky["state"].as_str(), ky["city"].as_str()),
        (Some("KY"), Some("Lexington"))
    );
    assert_eq!(ky["external_id"], "0140521105");
    assert_eq!(ky["main_phone"], "8595550100");
    assert_eq!(ky["img_percent"], 35);
    assert_eq!(ky["visa"], "both");
    assert_eq!(
        people(ky),
        [
            person(
                "coordinator",
                "Dana R. Whitfield, MD",
                "dr",
                "dwhitfield@bluegrass.example.org",
                "8595550101"
            ),
            person("program_director", "Omar Castellanos, MD, PhD", "", "", ""),
        ]
    );
    let il = by_name(&programs, "Lakeshore Family Medicine");
    assert_eq!(
        (il["specialty"].as_str(), il["external_id"].as_str()),
        (Some("Family Medicine"), Some("1201611003"))
    );
    assert_eq!(il["visa"], "none", "`[]` is none listed");
    assert_eq!(il["main_phone"], "");
    assert_eq!(
        people(il)[0],
        person(
            "coordinator",
            "Priya Raman",
            "ms",
            "praman@lakeshore.example.org",
            "3125550177"
        )
    );
    let az = by_name(&programs, "Mesa Valley Pediatrics");
    assert_eq!(
        (az["external_id"].as_str(), az["visa"].as_str()),
        (Some("3200311010"), Some("j1"))
    );
    assert_eq!(az["img_percent"], Value::Null);
    assert_eq!(
        people(az),
        [person(
            "coordinator",
            "Luis Alberto Ferreira Jr.",
            "",
            "lferreira@mesavalley.example.org",
            ""
        )]
    );
}

#[test]
fn an_r_export_gives_each_numbered_coordinator_their_own_phone_and_the_program_its_line() {
    let db = Db::new();
    let (out, _) = db.import(&[], &fixture("r_export.csv"));
    assert!(out.contains("added 2"), "{out}");
    let programs = db.programs();
    let harbor = by_name(&programs, "Harbor Internal Medicine");
    assert_eq!(harbor["main_phone"], "(310) 555-0100");
    assert_eq!(harbor["specialty"], "Internal Medicine");
    assert_eq!(
        people(harbor),
        [
            person(
                "coordinator",
                "Mei Chen",
                "",
                "mchen@harbor.example.org",
                "(310) 555-0111"
            ),
            person(
                "coordinator",
                "Tom Reyes",
                "",
                "treyes@harbor.example.org",
                "(310) 555-0112"
            ),
        ]
    );
    let cascade = by_name(&programs, "Cascade Psychiatry");
    assert_eq!(cascade["main_phone"], "206-555-0190");
    assert_eq!(
        people(cascade),
        [person(
            "coordinator",
            "Ana Silva",
            "",
            "asilva@cascade.example.org",
            ""
        )]
    );
}

#[test]
fn a_table_without_names_builds_them_from_institution_and_specialty_and_says_so() {
    let db = Db::new();
    let (out, err) = db.import(&[], &fixture("institution_specialty.csv"));
    assert!(out.contains("added 3, updated 0, skipped 0"), "{out}");
    assert!(
        err.contains("no program name column: each name is built from"),
        "{err}"
    );
    let programs = db.programs();
    let surgery = by_name(&programs, "Mercy Hospital — General Surgery");
    assert_eq!(surgery["specialty"], "General Surgery");
    assert_eq!(surgery["institution"], "Mercy Hospital");
    assert_eq!(surgery["external_id"], "4401611112");
    let ohio = by_name(&programs, "Riverside Medical Center — Internal Medicine");
    assert_eq!(
        (ohio["state"].as_str(), ohio["city"].as_str()),
        (Some("OH"), Some("Columbus"))
    );
}

#[test]
fn a_single_state_table_takes_its_state_from_the_command_line() {
    let db = Db::new();
    let file = fixture("one_state.csv");
    let refused = db.usce().arg("import").arg(&file).assert().failure();
    let err = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(err.contains("no state column"), "{err}");
    assert!(err.contains("--state XX gives it"), "{err}");
    assert_eq!(db.programs().len(), 0);

    let (out, _) = db.import(&["--state", "FL"], &file);
    assert!(out.contains("added 2"), "{out}");
    let programs = db.programs();
    let gulf = by_name(&programs, "Gulf Coast Internal Medicine");
    assert_eq!(
        (gulf["state"].as_str(), gulf["city"].as_str()),
        (Some("FL"), Some("Tampa"))
    );
    assert_eq!(gulf["institution"], "Gulf Coast Medical Center");
    assert_eq!(people(gulf)[0].3, "im@gulfcoast.example.org");
    assert_eq!(
        by_name(&programs, "Palmetto Family Medicine")["state"],
        "FL"
    );
}

#[test]
fn a_short_header_program_number_list_keeps_same_named_programs_apart() {
    let db = Db::new();
    let (out, err) = db.import(&[], &fixture("program_numbers.csv"));
    // Five programs called "Internal Medicine" in NY: none is a duplicate.
    assert!(
        out.contains("added 5, updated 0, skipped 0"),
        "{out}\n{err}"
    );
    let programs = db.programs();
    let mut numbers: Vec<(String, String, String)> = programs
        .iter()
        .map(|p| {
            (
                p["external_id"].as_str().unwrap().to_string(),
                p["nrmp_code"].as_str().unwrap().to_string(),
                p["city"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    numbers.sort();
    assert_eq!(
        numbers[0],
        (
            "0140351100".to_string(),
            "1234505C0".to_string(),
            "Albany".to_string()
        )
    );
    assert_eq!(
        numbers[4],
        (
            "1403511004".to_string(),
            "1234504P0".to_string(),
            "Queens".to_string()
        )
    );
    // The same list again: every row is a duplicate by its number.
    let (again, _) = db.import(&[], &fixture("program_numbers.csv"));
    assert!(again.contains("added 0, updated 0, skipped 5"), "{again}");
}

/// 200 rows whose optional cells include 187 that cannot be read: 100
/// visas that name no residency visa and 87 yes/no cells that say neither.
fn lenient_file(db: &Db) -> PathBuf {
    let mut text = String::from("Program Name,State,Visa Sponsorship,Accepts IMGs,Weeks\n");
    for i in 0..200 {
        let visa = if i % 2 == 0 { "['F-1']" } else { "[]" };
        let imgs = if i < 87 { "sometimes" } else { "yes" };
        text.push_str(&format!("Program {i},TX,\"{visa}\",{imgs},4\n"));
    }
    db.write("lenient.csv", &text)
}

#[test]
fn unreadable_optional_cells_import_every_row_and_are_listed_by_line() {
    let db = Db::new();
    let file = lenient_file(&db);
    let (out, err) = db.import(&[], &file);
    assert!(out.contains("added 200, updated 0, skipped 0"), "{out}");
    let visa_lines: Vec<String> = (0..200).step_by(2).map(|i| (i + 2).to_string()).collect();
    assert!(
        err.contains(&format!(
            "Visa Sponsorship: 100 cells left unknown (\"['F-1']\" names no residency visa (J-1 or H-1B)): lines {}",
            visa_lines.join(", ")
        )),
        "{err}"
    );
    let imgs_lines: Vec<String> = (2..89).map(|l: u32| l.to_string()).collect();
    assert!(
        err.contains(&format!(
            "Accepts IMGs: 87 cells left unknown (\"sometimes\" is not yes or no): lines {}",
            imgs_lines.join(", ")
        )),
        "{err}"
    );
    assert!(
        err.contains("Visa Sponsorship: 100 cells: `[]` read as none listed"),
        "{err}"
    );
    let programs = db.programs();
    assert_eq!(programs.len(), 200);
    assert_eq!(by_name(&programs, "Program 0")["visa"], "unknown");
    assert_eq!(by_name(&programs, "Program 1")["visa"], "none");
    assert_eq!(by_name(&programs, "Program 0")["accepts_imgs"], "unknown");
    assert_eq!(by_name(&programs, "Program 199")["accepts_imgs"], "yes");
}

#[test]
fn strict_refuses_the_same_file_and_writes_nothing() {
    let db = Db::new();
    let file = lenient_file(&db);
    let refused = db
        .usce()
        .args(["import", "--strict"])
        .arg(&file)
        .assert()
        .failure();
    let err = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(err.contains("187 problems in"), "{err}");
    assert!(
        err.contains("lenient.csv:2: Visa Sponsorship: \"['F-1']\" names no residency visa"),
        "{err}"
    );
    assert_eq!(db.programs().len(), 0);
}

#[test]
fn a_chosen_mapping_is_saved_for_the_headers_and_reused_shown() {
    let db = Db::new();
    let header = "Program Name,State,Tel,Junk,Boss\n";
    let first = db.write(
        "first.csv",
        &format!("{header}Alpha IM,NY,212-555-0100,x,Ada Ng\n"),
    );
    let (out, err) = db.import(
        &[
            "--map",
            "Tel=main_phone",
            "--map",
            "Boss=program_director_name",
            "--ignore",
            "Junk",
        ],
        &first,
    );
    assert!(out.contains("added 1"), "{out}");
    assert!(
        err.contains(r#"mapping: "Tel" → main_phone (Main phone) (chosen)"#),
        "{err}"
    );
    assert!(!err.contains("ignored unknown columns"), "{err}");

    // Same headers, no flags: the saved choices apply, and say so.
    let second = db.write(
        "second.csv",
        &format!("{header}Beta FM,NJ,973-555-0101,y,Bo Li\n"),
    );
    let (shown, _) = db.import(&["--show-mapping"], &second);
    assert!(
        shown.contains(r#""Tel" → main_phone (Main phone) (saved mapping)"#),
        "{shown}"
    );
    assert!(
        shown.contains(r#""Junk" → ignored (saved mapping)"#),
        "{shown}"
    );
    assert!(shown.contains("nothing imported"), "{shown}");
    assert_eq!(db.programs().len(), 1, "--show-mapping writes nothing");

    let (out, err) = db.import(&[], &second);
    assert!(out.contains("added 1"), "{out}");
    assert!(
        err.contains("using the column mapping saved for these headers"),
        "{err}"
    );
    assert!(
        err.contains(r#"mapping: "Boss" → program_director_name (saved mapping)"#),
        "{err}"
    );
    let programs = db.programs();
    let beta = by_name(&programs, "Beta FM");
    assert_eq!(beta["main_phone"], "973-555-0101");
    assert_eq!(
        people(beta),
        [person("program_director", "Bo Li", "", "", "")]
    );
}

#[test]
fn show_mapping_reports_near_misses_and_ambiguity() {
    let db = Db::new();
    let file = db.write(
        "near.csv",
        "Program Name,State,visa_types_offered_list,Favourite Colour\nA,NY,J-1,blue\n",
    );
    let (shown, _) = db.import(&["--show-mapping"], &file);
    assert!(
        shown.contains(
            r#""visa_types_offered_list" → ignored (not recognised; closest: visa (Visa sponsorship); --map "visa_types_offered_list=visa" reads it)"#
        ),
        "{shown}"
    );
    assert!(
        shown.contains(r#""Favourite Colour" → ignored (not recognised)"#),
        "{shown}"
    );
    assert!(
        shown.contains("1 row to import, 0 rows with problems"),
        "{shown}"
    );
}
