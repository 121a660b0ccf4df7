use std::collections::HashSet;

use super::*;
use crate::export::write_csv;
use crate::import::{Decision, parse_csv, plan};

#[test]
fn the_same_seed_gives_the_same_list_and_another_seed_another() {
    assert_eq!(generate(50, 200, 7), generate(50, 200, 7));
    assert_ne!(generate(50, 200, 7), generate(50, 200, 8));
}

#[test]
fn a_national_list_covers_every_state_and_specialty_with_unique_ids() {
    let g = generate(15_000, 0, 1);
    assert_eq!(g.programs.len(), 15_000);
    let states: HashSet<UsState> = g.programs.iter().map(|(p, _)| p.state).collect();
    assert_eq!(states.len(), UsState::all().count());
    let specialties: HashSet<&str> = g.programs.iter().map(|(p, _)| &*p.specialty).collect();
    assert_eq!(specialties.len(), SPECIALTIES.len());
    let ids: Vec<&str> = g
        .programs
        .iter()
        .filter_map(|(p, _)| p.external_id.as_deref())
        .collect();
    assert_eq!(ids.len(), 15_000);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 15_000);
    assert!(
        ids.iter()
            .all(|id| id.len() == 10 && id.bytes().all(|b| b.is_ascii_digit()))
    );
    assert!(ids.iter().any(|id| id.starts_with('0')));
    for (_, contacts) in &g.programs {
        for c in contacts {
            assert!(c.email.is_empty() || c.email.ends_with("@example.org"));
        }
    }
}

#[test]
fn the_csv_imports_back_as_every_program_with_nothing_lost() {
    let g = generate(400, 0, 3);
    let mut csv = Vec::new();
    write_csv(&mut csv, &g.programs).unwrap();
    let parsed = parse_csv(&csv);
    assert_eq!(parsed.errors, []);
    assert_eq!(parsed.warnings, Vec::<String>::new());
    assert_eq!(parsed.rows.len(), 400);
    for (row, (program, contacts)) in parsed.rows.iter().zip(&g.programs) {
        assert_eq!(&row.program, program);
        let exported: Vec<&Contact> = contacts
            .iter()
            .filter(|c| c.role != Role::StudentOffice)
            .collect();
        assert_eq!(row.contacts.iter().collect::<Vec<_>>(), exported);
    }
    let decisions = plan(&[], parsed.rows.clone(), false);
    assert!(decisions.iter().all(|d| matches!(d, Decision::Add { .. })));
}

#[test]
fn the_log_points_at_real_programs_and_contacts_and_sets_their_status() {
    let g = generate(300, 2_000, 5);
    assert_eq!(g.interactions.len(), 2_000);
    for i in &g.interactions {
        let (program, contacts) = &g.programs[i.program];
        assert!(i.contact.is_none_or(|c| c < contacts.len()));
        assert!(program.status.rank() >= Status::Contacted.rank());
        if i.entry.direction == Direction::In {
            assert!(program.status.rank() >= Status::Replied.rank());
        }
    }
    let busiest = (0..300)
        .map(|p| g.interactions.iter().filter(|i| i.program == p).count())
        .max()
        .unwrap();
    assert!(busiest > 2_000 / 120, "some programs have a long log");
}

#[test]
fn below_stays_in_range_and_handles_zero() {
    let mut rng = SplitMix64::new(0);
    assert_eq!(rng.below(0), 0);
    assert!((0..1000).all(|_| rng.below(7) < 7));
}
