//! The streamed import against prepare-then-apply.

use std::path::PathBuf;

use super::stream::{CHUNK, CHUNKS_AHEAD, ChunkSink};
use super::*;
use crate::domain::{Program, UsState};
use crate::import::{ImportRow, Sink};
use std::sync::mpsc::sync_channel;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    files
}

/// A store already holding the file's first program (when it has a
/// valid one), so rows meet a stored duplicate as well as each other.
fn store_with_first_of(file: &Path) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let parsed = crate::import::parse_csv(&std::fs::read(file).unwrap());
    let first = parsed.rows.first().map_or_else(
        || Program::new("Somewhere Else", UsState::parse("KY").unwrap()),
        |row| row.program.clone(),
    );
    store.insert_program(&first).unwrap();
    store
}

/// Everything an import writes, without ids' creation times.
fn contents(store: &Store) -> Vec<(Program, Vec<crate::domain::Contact>)> {
    store
        .programs_with_contacts()
        .unwrap()
        .into_iter()
        .map(|(p, c)| {
            let p = Program {
                created_at: Default::default(),
                updated_at: Default::default(),
                ..p
            };
            (p, c)
        })
        .collect()
}

/// The streamed import is an optimisation of prepare-then-apply: on
/// every fixture, good or bad, both must write the same rows (or
/// refuse with the same problems and write nothing).
#[test]
fn streaming_writes_exactly_what_prepare_and_apply_write() {
    for file in fixtures() {
        for update in [false, true] {
            assert_same_outcome(&file, update);
        }
    }
}

/// Imports `file` both ways into stores that already hold its first
/// program, and compares everything that came out.
fn assert_same_outcome(file: &Path, update: bool) {
    let mut streamed = store_with_first_of(file);
    let mut planned = store_with_first_of(file);
    let before = contents(&streamed).len();
    let a = import(&mut streamed, file, update);
    let b = prepare(&planned, file, update)
        .and_then(|p| Ok((planned.apply_import(&p.decisions)?, p.warnings)));
    match (a, b) {
        (Ok(a), Ok((summary, warnings))) => {
            assert_eq!(a.summary, summary, "{file:?}");
            assert_eq!(a.warnings, warnings, "{file:?}");
        }
        (
            Err(PrepareError::Invalid {
                issues: a,
                warnings: aw,
                ..
            }),
            Err(PrepareError::Invalid {
                issues: b,
                warnings: bw,
                ..
            }),
        ) => {
            assert_eq!(a, b, "{file:?}");
            assert_eq!(aw, bw, "{file:?}");
            assert_eq!(contents(&streamed).len(), before, "{file:?} wrote rows");
        }
        (a, b) => panic!("{file:?}: streamed {a:?}, planned {b:?}"),
    }
    assert_eq!(contents(&streamed), contents(&planned), "{file:?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// The same on generated files: any delimiter, line ends, header
    /// aliases, ragged and invalid records, duplicates.
    #[test]
    fn streaming_matches_planning_first_on_generated_files(
        ((delimiter, crlf), headers, records) in crate::import::tests_prop::csv_shaped(),
        update in proptest::prelude::any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("generated.csv");
        let (bytes, _) = crate::import::tests_prop::write(delimiter, crlf, &headers, &records);
        std::fs::write(&file, bytes).unwrap();
        assert_same_outcome(&file, update);
    }
}

#[test]
fn a_bad_file_is_refused_with_every_problem_and_writes_nothing() {
    let file = fixtures()
        .into_iter()
        .find(|f| f.ends_with("bad.csv"))
        .unwrap();
    let mut store = store_with_first_of(&file);
    let Err(PrepareError::Invalid { issues, .. }) = import(&mut store, &file, false) else {
        panic!("bad.csv was accepted");
    };
    assert!(issues.len() > 1, "{issues:?}");
    assert_eq!(store.count_programs().unwrap(), 1);
}

#[test]
fn a_large_file_streams_through_many_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("many.csv");
    let mut text = String::from("Program Name,State,Program ID\n");
    let rows = CHUNK * CHUNKS_AHEAD * 3 + 7;
    for i in 0..rows {
        text.push_str(&format!("Program {i},KY,{}\n", 1_000_000_000 + i));
    }
    // A duplicate of the first row, far from it: still caught.
    text.push_str("Program 0,KY,1000000000\n");
    std::fs::write(&csv, text).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let imported = import(&mut store, &csv, false).unwrap();
    assert_eq!(imported.summary.added, rows);
    assert_eq!(imported.summary.skipped, 1);
    assert_eq!(store.count_programs().unwrap(), rows);
}

#[test]
fn the_parser_stops_when_the_writer_has_gone() {
    let (sender, receiver) = sync_channel(CHUNKS_AHEAD);
    drop(receiver);
    let mut sink = ChunkSink::new(crate::import::StreamPlanner::new(&[], 0), sender);
    let row = || ImportRow {
        line: 2,
        program: Program::new("A", UsState::parse("KY").unwrap()),
        contacts: Vec::new(),
    };
    for _ in 1..CHUNK {
        assert!(sink.push(row()).is_ok(), "a chunk is sent only when full");
    }
    assert!(sink.push(row()).is_err());
}
