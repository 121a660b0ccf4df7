//! Planning rows that share a name and state: linear work, and the same
//! decisions a scan of every such target in order would make.

use proptest::prelude::*;

use super::plan::plan_counting;
use super::*;
use crate::domain::{ProgramId, UsState};

fn row(line: u64, program: Program) -> ImportRow {
    ImportRow {
        line,
        program,
        contacts: Vec::new(),
    }
}

fn internal_medicine(institution: &str, id: Option<&str>) -> Program {
    let mut p = Program::new("Internal Medicine", UsState::from_code("NY").unwrap());
    p.institution = institution.to_owned();
    p.external_id = id.map(str::to_owned);
    p
}

#[test]
fn forty_thousand_rows_of_one_name_and_state_plan_in_linear_work() {
    // Scanning every earlier target of the name looked at 800 million of
    // them (20 s); a crowd looks in at most four sets per row.
    let count = 40_000;
    let mut rows: Vec<ImportRow> = (0..count)
        .map(|i| {
            let id = (i % 2 == 0).then(|| format!("{i:010}"));
            row(
                i + 2,
                internal_medicine(&format!("Hospital {i}"), id.as_deref()),
            )
        })
        .collect();
    // Then every one again: duplicates found by institution (and, for the
    // even ones, by program number first).
    rows.extend((0..count).map(|i| {
        row(
            count + i + 2,
            internal_medicine(&format!("Hospital {i}"), None),
        )
    }));
    for update in [false, true] {
        let (decisions, looked) = plan_counting(&[], rows.clone(), update);
        let adds = decisions
            .iter()
            .filter(|d| matches!(d, Decision::Add { .. }))
            .count();
        assert_eq!(adds, count as usize, "update {update}");
        assert!(
            looked <= 4 * decisions.len(),
            "looked at {looked} targets for {} rows",
            decisions.len()
        );
        let Decision::Skip { duplicate_of, .. } = &decisions[decisions.len() - 1] else {
            panic!("{:?}", decisions.last())
        };
        assert_eq!(*duplicate_of, DuplicateOf::Line(count + 1));
    }
}

/// Rows from a few names, program numbers and institutions, so that many
/// share a name and state and merges change what a target is filed under.
fn small_program() -> impl Strategy<Value = Program> {
    let name = prop::sample::select(vec!["Internal Medicine", "internal-medicine", "Pediatrics"]);
    let id = prop::option::of(prop::sample::select(vec!["1", "01", "2", "3"]));
    let institution = prop::sample::select(vec!["", "Cedar", "CEDAR ", "Birch", "Oak"]);
    (name, id, institution).prop_map(|(name, id, institution)| {
        let mut p = internal_medicine(institution, id);
        p.name = name.to_owned();
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// `find` checks every crowd's answer against a scan in order (see
    /// `check_against_a_scan`); this feeds it crowds that merges reshape.
    #[test]
    fn crowds_answer_what_a_scan_in_order_would(
        stored in prop::collection::vec(small_program(), 0..6),
        rows in prop::collection::vec(small_program(), 0..40),
        update in any::<bool>(),
    ) {
        let existing: Vec<Program> = stored
            .into_iter()
            .enumerate()
            .map(|(i, mut p)| {
                p.id = ProgramId(i as i64 + 1);
                p
            })
            .collect();
        let rows: Vec<ImportRow> = rows
            .into_iter()
            .enumerate()
            .map(|(i, p)| row(i as u64 + 2, p))
            .collect();
        let count = rows.len();
        let (decisions, _) = plan_counting(&existing, rows, update);
        prop_assert_eq!(decisions.len(), count);
    }
}
