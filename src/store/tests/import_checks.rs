//! An import's transaction runs without foreign key checks (its writer
//! only names programs it inserted or read under the write lock); the
//! checks are back on afterwards, whether the import was kept, refused or
//! failed.

use super::*;
use crate::domain::Contact;
use crate::import::Decision;

fn foreign_keys(store: &Store) -> i64 {
    store
        .conn
        .pragma_query_value(None, "foreign_keys", |row| row.get(0))
        .unwrap()
}

fn add(name: &str) -> Decision {
    Decision::Add {
        program: Program::new(name, state("KY")),
        contacts: vec![Contact {
            name: "Dana Whitfield".into(),
            email: "dana@example.org".into(),
            ..Contact::default()
        }],
    }
}

#[test]
fn foreign_key_checks_are_back_on_after_every_kind_of_import() {
    let mut store = store();
    assert_eq!(foreign_keys(&store), 1);
    store.apply_import(&[add("Kept Clinic")]).unwrap();
    assert_eq!(foreign_keys(&store), 1);
    let refused = store
        .import_with(|writer| {
            writer.write(&add("Refused Clinic"))?;
            Ok(false)
        })
        .unwrap();
    assert!(refused.is_none());
    assert_eq!(foreign_keys(&store), 1);
    let failed = store.import_with(|writer| {
        writer.write(&add("Failed Clinic"))?;
        Err(crate::store::StoreError::Invalid(
            "the reader failed".into(),
        ))
    });
    assert!(failed.is_err());
    assert_eq!(foreign_keys(&store), 1);
    let names: Vec<String> = store
        .list_programs()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Kept Clinic"]);
    assert_eq!(
        store
            .list_contacts(store.list_programs().unwrap()[0].id)
            .unwrap()
            .len(),
        1
    );
    // And they check again: a contact of no program is refused.
    let orphan = Contact {
        program_id: crate::domain::ProgramId(9_999),
        name: "Nobody".into(),
        ..Contact::default()
    };
    assert!(store.insert_contact(&orphan).is_err());
}
