//! One row that does not convert (a state code usce does not know, tags
//! that are not a list) is set aside with its reason; every other row
//! still loads, and the JSON export still writes it, raw.

use super::{add_contact, add_program, store};
use crate::domain::{ProgramId, Role};
use crate::store::Store;

/// Writes `value` into `column` of program `id` with raw SQL, as a hand
/// edit in the sqlite3 shell would.
fn damage(store: &Store, id: ProgramId, column: &str, value: &str) {
    let sql = format!("UPDATE programs SET {column} = ?1 WHERE id = ?2");
    let changed = store
        .conn
        .execute(&sql, rusqlite::params![value, id.0])
        .unwrap();
    assert_eq!(changed, 1);
}

#[test]
fn unreadable_rows_are_set_aside_with_their_reasons_and_the_rest_load() {
    let mut s = store();
    let good = add_program(&mut s, "Internal Medicine", "OH");
    let zz = add_program(&mut s, "Surgery", "KY");
    let tags = add_program(&mut s, "Pediatrics", "TX");
    damage(&s, zz.id, "state", "ZZ");
    damage(&s, tags.id, "tags", "research, rural");
    let loaded = s.load_programs().unwrap();
    assert_eq!(
        loaded.programs.iter().map(|p| p.id).collect::<Vec<_>>(),
        [good.id]
    );
    let bad: Vec<(i64, &str, &str)> = loaded
        .needs_repair
        .iter()
        .map(|r| (r.id, r.name.as_str(), r.reason.as_str()))
        .collect();
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert_eq!((bad[0].0, bad[0].1), (zz.id.0, "Surgery"));
    assert!(
        bad[0].2.starts_with("state: ") && bad[0].2.contains("\"ZZ\""),
        "{bad:?}"
    );
    assert_eq!((bad[1].0, bad[1].1), (tags.id.0, "Pediatrics"));
    assert!(bad[1].2.starts_with("tags: "), "{bad:?}");
    // Listing strictly (as import planning does) names the bad row.
    assert!(s.list_programs().unwrap_err().to_string().contains("ZZ"));
    assert_eq!(s.programs_needing_repair().unwrap(), loaded.needs_repair);
}

#[test]
fn the_json_export_writes_an_unreadable_row_raw_with_what_hangs_off_it() {
    let mut s = store();
    add_program(&mut s, "Internal Medicine", "OH");
    let zz = add_program(&mut s, "Surgery", "KY");
    add_contact(&mut s, zz.id, Role::Coordinator, "Dana");
    damage(&s, zz.id, "state", "ZZ");
    let export = serde_json::to_value(s.full_export().unwrap()).unwrap();
    assert_eq!(export["programs"].as_array().unwrap().len(), 1);
    let raw = &export["needs_repair"][0];
    assert_eq!(raw["id"], zz.id.0);
    assert_eq!(raw["name"], "Surgery");
    assert_eq!(raw["state"], "ZZ");
    assert!(
        raw["needs_repair"].as_str().unwrap().contains("ZZ"),
        "{raw}"
    );
    assert_eq!(raw["contacts"][0]["name"], "Dana");
}

#[test]
fn due_and_the_statistics_leave_an_unreadable_program_out_and_keep_the_rest() {
    let mut s = store();
    let good = add_program(&mut s, "Internal Medicine", "OH");
    let zz = add_program(&mut s, "Surgery", "KY");
    for p in [&good, &zz] {
        s.insert_follow_up(&crate::domain::FollowUp {
            id: Default::default(),
            program_id: p.id,
            contact_id: None,
            due: super::day(2026, 12, 1),
            note: "chase".into(),
            done_at: None,
            snoozed_from: Vec::new(),
        })
        .unwrap();
    }
    damage(&s, zz.id, "state", "ZZ");
    let due = s.list_open_follow_ups().unwrap();
    assert_eq!(
        due.iter()
            .map(|f| f.follow_up.program_id)
            .collect::<Vec<_>>(),
        [good.id]
    );
    assert_eq!(s.program_activity().unwrap().len(), 1);
}

#[test]
fn an_unreadable_profile_reads_as_empty_with_its_reason_and_is_exported_raw() {
    let mut s = store();
    s.save_profile(&crate::domain::Profile {
        full_name: "Ana Pérez".into(),
        ..Default::default()
    })
    .unwrap();
    s.conn
        .execute("UPDATE profile SET step1 = 'zz' WHERE id = 1", [])
        .unwrap();
    let (profile, bad) = s.read_profile().unwrap();
    assert_eq!(profile, crate::domain::Profile::default());
    let bad = bad.unwrap();
    assert!(
        bad.describe().starts_with("your profile: step1: "),
        "{bad:?}"
    );
    let export = serde_json::to_value(s.full_export().unwrap()).unwrap();
    let raw = &export["profile_needs_repair"];
    assert_eq!(
        (raw["step1"].as_str(), raw["full_name"].as_str()),
        (Some("zz"), Some("Ana Pérez"))
    );
}

#[test]
fn an_export_with_nothing_to_repair_has_no_needs_repair_key() {
    let mut s = store();
    add_program(&mut s, "Internal Medicine", "OH");
    let export = serde_json::to_value(s.full_export().unwrap()).unwrap();
    assert!(export.get("needs_repair").is_none(), "{export}");
}
