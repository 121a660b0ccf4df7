//! What the load tests and benchmarks rely on: generated lists load
//! whole, and programs come back in the order SQLite's NOCASE gives.

use super::*;
use crate::sample_gen::generate;

#[test]
fn programs_come_back_in_sqlite_nocase_order_with_accents_and_ties() {
    let mut store = store();
    for (name, code) in [
        ("émile", "NY"),
        ("Émile", "NY"),
        ("zeta", "NY"),
        ("Zeta", "NY"),
        ("alpha", "NY"),
        ("Alpha", "NY"),
        ("ábc", "KY"),
        ("b", "KY"),
        ("B", "KY"),
        ("Éa", "KY"),
        ("éb", "KY"),
        ("a b", "KY"),
        ("a", "KY"),
        ("ab", "KY"),
    ] {
        store
            .insert_program(&Program::new(name, state(code)))
            .unwrap();
    }
    let expected: Vec<i64> = store
        .conn
        .prepare("SELECT id FROM programs ORDER BY state, name COLLATE NOCASE, id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let listed: Vec<i64> = store
        .list_programs()
        .unwrap()
        .iter()
        .map(|p| p.id.0)
        .collect();
    assert_eq!(listed, expected);
}

#[test]
fn a_generated_list_loads_whole_with_its_log() {
    let data = generate(120, 900, 2);
    let mut store = store();
    let summary = store.insert_generated(&data).unwrap();
    assert_eq!(summary.programs, 120);
    assert_eq!(summary.interactions, 900);
    let contacts: usize = data.programs.iter().map(|(_, c)| c.len()).sum();
    assert_eq!(summary.contacts, contacts);
    let programs = store.list_programs().unwrap();
    assert_eq!(programs.len(), 120);
    let logged: usize = programs
        .iter()
        .map(|p| store.list_interactions(p.id).unwrap().len())
        .sum();
    assert_eq!(logged, 900);
    // A log entry names a contact of its own program only.
    for p in &programs {
        let ids: Vec<_> = store
            .list_contacts(p.id)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        for i in store.list_interactions(p.id).unwrap() {
            assert!(i.contact_id.is_none_or(|c| ids.contains(&c)));
        }
    }
}
