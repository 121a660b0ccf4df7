//! Contact titles, preferred names and the profile's ECFMG/USMLE ID: the
//! schema step that adds them, run over a database made before it, and
//! the JSON export that carries them.

use rusqlite::Connection;

use super::{add_contact, add_program, store};
use crate::domain::{Profile, Role, Title};
use crate::store::{Store, migrations};

/// Where the step sits in the list: found by its SQL, since other steps
/// may be ordered before it when branches merge.
fn step_index() -> usize {
    migrations::STEPS
        .iter()
        .position(|s| s.contains("ADD COLUMN preferred_name"))
        .unwrap()
}

#[test]
fn contacts_and_profile_made_before_titles_migrate_with_none_and_blank() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    {
        let conn = Connection::open(&path).unwrap();
        let step = step_index();
        for sql in &migrations::STEPS[..step] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", step as i64)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO programs (id, name, state, accepts_imgs, visa, step1_pass_required,
                 takes_graduates, hands_on, status, created_at, updated_at)
             VALUES (1, 'Bluegrass IM', 'KY', 'unknown', 'unknown', 'unknown', 'unknown',
                 'unknown', 'researching', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO contacts (id, program_id, role, name, email, preferred)
             VALUES (7, 1, 'coordinator', 'Dr. Zoë O''Brien-Núñez', 'zoe@example.edu', 'email');
             INSERT INTO profile (id, full_name, step1) VALUES (1, 'Amina Yusuf', 'pass');",
        )
        .unwrap();
    }

    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::latest_version()
    );
    let mut contact = store
        .list_contacts(crate::domain::ProgramId(1))
        .unwrap()
        .remove(0);
    assert_eq!(contact.role, Role::Coordinator);
    assert_eq!(contact.name, "Dr. Zoë O'Brien-Núñez");
    assert_eq!(contact.title, None);
    assert_eq!(contact.preferred_name, "");
    let profile = store.profile().unwrap();
    assert_eq!(profile.full_name, "Amina Yusuf");
    assert_eq!(profile.usmle_id, "");

    // The new columns take values like any other.
    contact.title = Some(Title::Dr);
    contact.preferred_name = "Zoë".into();
    store.update_contact(&contact).unwrap();
    assert_eq!(store.get_contact(contact.id).unwrap(), Some(contact));
    store
        .save_profile(&Profile {
            usmle_id: "0-123-456-7".into(),
            ..profile
        })
        .unwrap();
    assert_eq!(store.profile().unwrap().usmle_id, "0-123-456-7");
}

#[test]
fn the_json_export_carries_title_preferred_name_and_usmle_id() {
    let mut store = store();
    let program = add_program(&mut store, "Bluegrass IM", "KY").id;
    let mut contact = add_contact(
        &mut store,
        program,
        Role::ProgramDirector,
        "Zoë O'Brien-Núñez",
    );
    contact.title = Some(Title::Dr);
    contact.preferred_name = "Zoë".into();
    store.update_contact(&contact).unwrap();
    store
        .save_profile(&Profile {
            full_name: "Amina Yusuf".into(),
            usmle_id: "0-123-456-7".into(),
            ..Profile::default()
        })
        .unwrap();

    let json = serde_json::to_value(store.full_export().unwrap()).unwrap();
    let exported = &json["programs"][0]["contacts"][0];
    assert_eq!(exported["title"], "dr");
    assert_eq!(exported["preferred_name"], "Zoë");
    assert_eq!(json["profile"]["usmle_id"], "0-123-456-7");
    // A contact without a title exports null, not an empty code.
    let untitled = add_contact(&mut store, program, Role::Coordinator, "Dana Whitfield");
    let json = serde_json::to_value(store.full_export().unwrap()).unwrap();
    let contacts = json["programs"][0]["contacts"].as_array().unwrap();
    let dana = contacts
        .iter()
        .find(|c| c["id"] == serde_json::json!(untitled.id.0))
        .unwrap();
    assert!(dana["title"].is_null());
}
