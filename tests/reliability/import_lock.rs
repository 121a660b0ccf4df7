//! `usce import` reads its whole input before it takes the write lock, so
//! another usce writing meanwhile (a TUI's autosave, a second CLI) never
//! waits on it, and never sees "database is locked", however slowly the
//! input comes. Coordinated through the import's standard input, which
//! the test writes: no sleeps, no timing.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::io::Write;
use std::process::Stdio;

use tempfile::TempDir;
use usce::domain::{Program, UsState};
use usce::store::Store;

const ROWS: usize = 20_000;

fn rows(from: usize, to: usize) -> String {
    (from..to)
        .map(|i| {
            format!(
                "{},Steady Program {i},Internal Medicine,City {},KY\n",
                5_000_000_000u64 + i as u64,
                i % 97
            )
        })
        .collect()
}

#[test]
fn another_writer_succeeds_while_an_import_waits_on_its_input() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    drop(Store::open(&db).unwrap());

    let mut import = support::usce_process(&db)
        .args(["import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = import.stdin.take().unwrap();
    // Far more than a pipe holds (64 KB): when this returns, the import
    // has opened the database and is reading, with the rest still to come.
    let first = format!(
        "program_id,program_name,specialty_name,city,state\n{}",
        rows(0, ROWS / 2)
    );
    assert!(first.len() > 512 * 1024);
    input.write_all(first.as_bytes()).unwrap();

    // A write while the import waits for the rest of its input: with the
    // lock held during reading it would wait 5 s and fail.
    let mut other = Store::open(&db).unwrap();
    let mut meanwhile = Program::new("Written Meanwhile", UsState::parse("OH").unwrap());
    meanwhile.external_id = Some("9999999999".into());
    other
        .insert_program(&meanwhile)
        .expect("a write while the import reads its input");
    assert_eq!(other.count_programs().unwrap(), 1);

    // The rest, with the program written meanwhile as its last row: the
    // import plans against the database as it is after reading, so it
    // sees that program and skips the row.
    let rest = format!(
        "{}9999999999,Written Meanwhile,Internal Medicine,Akron,OH\n",
        rows(ROWS / 2, ROWS)
    );
    input.write_all(rest.as_bytes()).unwrap();
    drop(input);
    let output = import.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("locked"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(&format!("added {ROWS}, updated 0, skipped 1")),
        "{stdout}"
    );
    assert_eq!(
        Store::open(&db).unwrap().count_programs().unwrap(),
        ROWS + 1
    );
}
