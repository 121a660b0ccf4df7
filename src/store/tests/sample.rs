use std::collections::HashSet;

use super::{add_program, store};
use crate::domain::{Contact, Program, ProgramId, UsState};
use crate::store::{ProgramWithContacts, StoreError, sample_programs};

const SPECIALTIES: &[&str] = &[
    "Internal Medicine",
    "Family Medicine",
    "Pediatrics",
    "Psychiatry",
    "Neurology",
    "General Surgery",
    "Emergency Medicine",
    "OB/GYN",
];

#[test]
fn the_bundled_samples_parse_and_follow_the_rules() {
    let samples = sample_programs().unwrap();
    assert_eq!(samples.len(), 60);

    let states: HashSet<&str> = samples.iter().map(|s| s.program.state.code()).collect();
    assert!(states.len() >= 8, "{states:?}");
    for wanted in [
        "KY", "OH", "TN", "NY", "NJ", "PA", "TX", "FL", "IL", "MI", "PR",
    ] {
        assert!(states.contains(wanted), "no sample in {wanted}");
    }
    let specialties: HashSet<&str> = samples
        .iter()
        .map(|s| s.program.specialty.as_str())
        .collect();
    assert_eq!(specialties, SPECIALTIES.iter().copied().collect());

    let mut numbers = HashSet::new();
    for s in &samples {
        let p = &s.program;
        assert!(!p.name.is_empty() && !p.institution.is_empty(), "{p:?}");
        assert!(
            p.website.starts_with("https://example.org/"),
            "{}",
            p.website
        );
        if let Some(n) = &p.external_id {
            assert!(
                n.len() == 10 && n.chars().all(|c| c.is_ascii_digit()),
                "{n}"
            );
            assert!(numbers.insert(n.clone()), "duplicate number {n}");
        }
        if let Some(weeks) = p.rotation.weeks {
            assert!((4..=12).contains(&weeks), "{weeks}");
        }
        assert!(!s.contacts.is_empty(), "{} has no contact", p.name);
        for c in &s.contacts {
            assert!(
                c.email.ends_with("@example.org") || c.email.ends_with("@example.edu"),
                "{}",
                c.email
            );
            assert!(
                c.phone.is_empty() || c.phone.contains("555-01"),
                "{}",
                c.phone
            );
        }
    }
    assert!(samples.iter().any(|s| s.program.external_id.is_none()));
    assert!(numbers.iter().any(|n| n.starts_with('0')));
    assert!(samples.iter().any(|s| !s.program.name.is_ascii()));
}

#[test]
fn flatten_keeps_nested_program_fields() {
    let entry: ProgramWithContacts = serde_json::from_str(
        r#"{"name": "X", "state": "KY", "rotation": {"weeks": 6}, "requirements":
            {"min_step2_score": 230}, "contacts": [{"name": "GME Office"}]}"#,
    )
    .unwrap();
    assert_eq!(entry.program.rotation.weeks, Some(6));
    assert_eq!(entry.program.requirements.min_step2_score, Some(230));
    assert_eq!(entry.program.state, UsState::from_code("KY").unwrap());
    assert_eq!(entry.contacts[0].name, "GME Office");
}

#[test]
fn samples_are_seeded_once_and_removed_exactly() {
    let mut store = store();

    let added = store.seed_sample_if_new().unwrap();

    assert!(added >= 40, "{added}");
    assert_eq!(store.count_samples().unwrap(), added);
    assert_eq!(store.count_programs().unwrap(), added);
    let contacts: i64 = store
        .conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert!(contacts >= added as i64);
    assert_eq!(store.seed_sample_if_new().unwrap(), 0);

    let mine = add_program(&mut store, "My own program", "KY");
    assert_eq!(store.remove_samples().unwrap(), added);
    assert_eq!(store.count_samples().unwrap(), 0);
    let left: Vec<ProgramId> = store
        .list_programs()
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(left, vec![mine.id]);
    let orphans: i64 = store
        .conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orphans, 0);

    store.delete_program(mine.id).unwrap();
    assert_eq!(store.seed_sample_if_new().unwrap(), 0, "emptied, not new");
    assert_eq!(store.count_programs().unwrap(), 0);
}

#[test]
fn seeding_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    let first = crate::store::Store::open(&path)
        .unwrap()
        .seed_sample_if_new()
        .unwrap();
    assert!(first >= 40);
    let mut reopened = crate::store::Store::open(&path).unwrap();
    assert_eq!(reopened.seed_sample_if_new().unwrap(), 0);
    assert_eq!(reopened.count_samples().unwrap(), first);
}

#[test]
fn a_database_that_already_has_programs_gets_no_samples() {
    let mut store = store();
    add_program(&mut store, "Imported first", "OH");
    assert_eq!(store.seed_sample_if_new().unwrap(), 0);
    assert_eq!(store.count_programs().unwrap(), 1);
}

#[test]
fn a_batch_insert_is_all_or_nothing() {
    let mut store = store();
    let good = ProgramWithContacts {
        program: Program::new("Good", UsState::from_code("NY").unwrap()),
        contacts: vec![Contact {
            email: "ok@example.org".into(),
            ..Contact::default()
        }],
    };
    let bad = ProgramWithContacts {
        program: Program::new("Bad", UsState::from_code("NY").unwrap()),
        contacts: vec![Contact {
            email: "broken@".into(),
            ..Contact::default()
        }],
    };
    let err = store
        .insert_programs_with_contacts(&[good.clone(), bad])
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(store.count_programs().unwrap(), 0);

    let saved = store.insert_programs_with_contacts(&[good]).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(store.list_contacts(saved[0].id).unwrap().len(), 1);
}
