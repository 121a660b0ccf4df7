//! `usce import` leaves its pages in the write-ahead log for the next usce
//! to copy into the database file; nothing is lost meanwhile, and the
//! next close (or the TUI's start-up job) completes the file.

use std::path::Path;

use super::*;
use crate::import::Decision;

fn added(count: usize) -> Vec<Decision> {
    (0..count)
        .map(|i| Decision::Add {
            program: Program::new(format!("Clinic {i}"), state("KY")),
            contacts: vec![Contact {
                name: format!("Dana Whitfield {i}"),
                email: format!("dana{i}@example.org"),
                ..Contact::default()
            }],
        })
        .collect()
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn wal(db: &Path) -> std::path::PathBuf {
    db.with_extension("db-wal")
}

/// The programs a copy of the database file alone holds, without its log:
/// what a user copying `usce.db` by hand would get.
fn programs_in_file_alone(db: &Path) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    std::fs::copy(db, &copy).unwrap();
    Store::open(&copy).unwrap().list_programs().unwrap().len()
}

#[test]
fn an_import_left_in_the_log_is_read_meanwhile_and_copied_at_the_next_close() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    store.leave_checkpoints_to_next_usce().unwrap();
    store.apply_import(&added(2000)).unwrap();
    drop(store);
    assert!(file_len(&wal(&db)) > 0, "the pages stay in the log");
    assert_eq!(
        programs_in_file_alone(&db),
        0,
        "and are not in the file yet"
    );

    // Another usce reads them from the log...
    let next = Store::open(&db).unwrap();
    assert_eq!(next.list_programs().unwrap().len(), 2000);
    assert_eq!(next.list_contacts(ProgramId(1)).unwrap().len(), 1);
    // ...and its close copies them into the file.
    drop(next);
    assert_eq!(programs_in_file_alone(&db), 2000);
}

#[test]
fn a_checkpoint_copies_the_log_into_the_file_while_another_usce_has_it_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    let mut importer = Store::open(&db).unwrap();
    importer.leave_checkpoints_to_next_usce().unwrap();
    importer.apply_import(&added(500)).unwrap();
    let tui = Store::open(&db).unwrap();
    let done = tui.checkpoint().unwrap();
    assert!(done.logged > 0);
    assert_eq!(done.copied, done.logged, "nobody needed the old pages");
    assert_eq!(programs_in_file_alone(&db), 500);
    drop((importer, tui));
}

#[test]
fn a_log_an_earlier_import_left_is_copied_before_the_next_import_adds_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    // The real threshold is 4 MB (a national list); 64 KB here.
    const COPY_FIRST: u64 = 64 * 1024;
    let mut first = Store::open(&db).unwrap();
    first.leave_checkpoints_copying_over(COPY_FIRST).unwrap();
    first.apply_import(&added(1000)).unwrap();
    drop(first);
    assert!(file_len(&wal(&db)) > COPY_FIRST, "a log worth copying");
    assert_eq!(programs_in_file_alone(&db), 0);

    let mut second = Store::open(&db).unwrap();
    second.leave_checkpoints_copying_over(COPY_FIRST).unwrap();
    assert_eq!(
        programs_in_file_alone(&db),
        1000,
        "the first import is in the file before the second starts"
    );
    second.apply_import(&added(10)).unwrap();
    drop(second);
    assert_eq!(
        Store::open(&db).unwrap().list_programs().unwrap().len(),
        1010
    );
}
