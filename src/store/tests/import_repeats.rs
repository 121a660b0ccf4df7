//! An import's inserters bind only the parameters that changed since the
//! last row (`convert/repeats.rs`): a row after a fuller or an emptier one
//! must be stored exactly as given, never with the one before's values.

use super::{day, full_program, state, store};
use crate::domain::{Contact, PreferredMethod, Program, Role, Title};
use crate::import::Decision;

fn full_contact(n: usize) -> Contact {
    Contact {
        role: Role::ProgramDirector,
        name: format!("Dr. Lee Director {n}"),
        email: format!("pd{n}@example.org"),
        phone: "(555) 555-0102".into(),
        linkedin: "https://example.org/in/lee".into(),
        preferred: PreferredMethod::LinkedIn,
        source: "program website".into(),
        as_of: Some(day(2026, 3, 1)),
        notes: "prefers mornings".into(),
        title: Some(Title::Dr),
        preferred_name: "Lee".into(),
        ..Contact::default()
    }
}

fn plain_contact(n: usize) -> Contact {
    Contact {
        name: format!("Sam Assistant {n}"),
        ..Contact::default()
    }
}

/// Full, plain, full, plain… programs, each with a full and a plain
/// contact in turn, and numbers and names that differ.
fn rows() -> Vec<(Program, Vec<Contact>)> {
    (0..6)
        .map(|n| {
            let program = if n % 2 == 0 {
                Program {
                    name: format!("Full Clinic {n}"),
                    external_id: Some(format!("00123456{n:02}")),
                    ..full_program()
                }
            } else {
                Program::new(format!("Plain Clinic {n}"), state("OH"))
            };
            let contacts = match n % 3 {
                0 => vec![full_contact(n), plain_contact(n)],
                1 => vec![plain_contact(n), full_contact(n)],
                _ => Vec::new(),
            };
            (program, contacts)
        })
        .collect()
}

#[test]
fn every_row_is_stored_as_given_whatever_the_row_before_held() {
    let mut store = store();
    let rows = rows();
    let decisions: Vec<Decision> = rows
        .iter()
        .map(|(program, contacts)| Decision::Add {
            program: program.clone(),
            contacts: contacts.clone(),
        })
        .collect();
    store.apply_import(&decisions).unwrap();
    let stored = store.list_programs().unwrap();
    assert_eq!(stored.len(), rows.len());
    for (program, contacts) in &rows {
        let saved = stored
            .iter()
            .find(|p| p.name == program.name)
            .expect("every program is stored");
        let expected = Program {
            id: saved.id,
            created_at: saved.created_at,
            updated_at: saved.updated_at,
            ..program.clone()
        };
        assert_eq!(saved, &expected);
        let mut saved_contacts = store.list_contacts(saved.id).unwrap();
        saved_contacts.sort_by(|a, b| a.name.cmp(&b.name));
        let mut expected: Vec<Contact> = contacts
            .iter()
            .map(|c| Contact {
                program_id: saved.id,
                ..c.clone()
            })
            .collect();
        expected.sort_by(|a, b| a.name.cmp(&b.name));
        let ids_cleared: Vec<Contact> = saved_contacts
            .into_iter()
            .map(|c| Contact {
                id: Default::default(),
                ..c
            })
            .collect();
        assert_eq!(ids_cleared, expected, "contacts of {}", program.name);
    }
}
