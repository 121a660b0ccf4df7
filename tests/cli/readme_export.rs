//! The README says what the JSON export holds: every collection in it is
//! named there (it once said rotations and letters were left out).
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use tempfile::TempDir;
use usce::domain::{Program, UsState};

/// The README's paragraph on `usce export --format json`.
fn readme_on_json_export() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let at = readme
        .find("`usce export --format json -o usce.json` writes")
        .unwrap();
    let rest = &readme[at..];
    rest[..rest.find("\n\n").unwrap()].to_string()
}

#[test]
fn the_readme_names_every_collection_the_json_export_holds() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    usce::store::Store::open(&db)
        .unwrap()
        .seed_sample_if_new()
        .unwrap();
    let out = support::usce(&db)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let export: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let program_fields =
        serde_json::to_value(Program::new("x", UsState::parse("KY").unwrap())).unwrap();
    let program_fields = program_fields.as_object().unwrap();
    let mut keys: Vec<String> = export
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !["format", "schema_version"].contains(&k.as_str()))
        .cloned()
        .collect();
    let first = &export["programs"][0];
    keys.extend(
        first
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| !program_fields.contains_key(*k))
            .cloned(),
    );
    assert!(keys.contains(&"rotations".to_string()), "{keys:?}");
    assert!(keys.contains(&"letters".to_string()), "{keys:?}");
    let readme = readme_on_json_export();
    for key in &keys {
        assert!(
            readme.contains(&format!("`{key}`")),
            "README leaves out `{key}`:\n{readme}"
        );
    }
    assert!(!readme.contains("includes rotations"), "{readme}");
}
