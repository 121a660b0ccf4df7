//! Limits on what an import reads.

use std::fs;

use super::*;

#[test]
fn imported_names_are_capped_at_300_characters_with_a_line_numbered_message() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("long.csv");
    let ok = "N".repeat(300);
    let long = "N".repeat(1_500);
    fs::write(
        &csv,
        format!(
            "program_name,state,coordinator_name,coordinator_email,contact_info\n\
             {ok},KY,{ok},dana@example.edu,\n\
             {long},KY,Dana,dana@example.edu,\n\
             Fine Program,KY,{long},dana@example.edu,\n\
             Other Program,KY,,,\"{long}\ndana@example.edu\"\n"
        ),
    )
    .unwrap();
    // --strict: a person's name is optional, so without it lines 4 and 5
    // would import with the name left unknown (and listed).
    let out = usce(dir.path())
        .args(["import", "--strict"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let file = csv.display();
    for line in [
        format!("{file}:3: program_name: is 1500 characters long; a name can have at most 300"),
        format!("{file}:4: coordinator_name: is 1500 characters long; a name can have at most 300"),
        format!("{file}:5: contact_info: is 1500 characters long; a name can have at most 300"),
    ] {
        assert!(err.contains(&line), "{line} missing in:\n{err}");
    }
    assert!(!err.contains(":2:"), "a 300-character name is fine:\n{err}");
}

// ---- 10: bounded input ----

fn import_refusal(dir: &Path, args: &[&str], file: &Path) -> String {
    let out = usce(dir)
        .arg("import")
        .args(args)
        .arg(file)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn import_refuses_fifos_devices_and_directories_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A FIFO nobody writes to: opening it would wait forever.
    for (path, kind) in [
        (fifo.as_path(), "a named pipe (FIFO)"),
        (Path::new("/dev/zero"), "a device"),
        (dir.path(), "a directory"),
    ] {
        for args in [&[][..], &["--dry-run"][..], &["--update"][..]] {
            let err = import_refusal(dir.path(), args, path);
            let expected = format!(
                "usce: cannot import {}: it is {kind}, not a regular file",
                path.display()
            );
            assert!(err.contains(&expected), "{args:?}: {err}");
        }
    }
}

#[test]
fn import_refuses_a_file_over_the_size_limit_before_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: 250 MB long, no disk space used; only its size is looked at.
    let big = dir.path().join("big.csv");
    fs::File::create(&big)
        .unwrap()
        .set_len(250_000_000)
        .unwrap();
    let err = import_refusal(dir.path(), &[], &big);
    assert!(
        err.contains("it is 250 MB, over the 200 MB limit (usce import --max-size MB raises it)"),
        "{err}"
    );
    // The limit is the user's to set.
    let small = dir.path().join("small.csv");
    let mut text = String::from("program_name,state\n");
    while text.len() < 1_500_000 {
        text.push_str("Some Internal Medicine Program,KY\n");
    }
    fs::write(&small, &text).unwrap();
    let err = import_refusal(dir.path(), &["--max-size", "1"], &small);
    assert!(err.contains("it is 2 MB, over the 1 MB limit"), "{err}");
    let out = usce(dir.path())
        .args(["import", "--dry-run", "--max-size", "2"])
        .arg(&small)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[cfg(unix)]
#[test]
fn a_huge_header_or_row_is_refused_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    // 8 million columns: reading them as names took 507 MB per 2 million.
    let wide = dir.path().join("wide.csv");
    fs::write(&wide, "a,".repeat(8_000_000)).unwrap();
    let wide_row = dir.path().join("wide_row.csv");
    fs::write(
        &wide_row,
        format!("program_name,state\nX,KY{}\nY,KY\n", ",".repeat(8_000_000)),
    )
    .unwrap();
    let big_cell = dir.path().join("big_cell.csv");
    fs::write(
        &big_cell,
        format!(
            "program_name,state,notes\nX,KY,{}\nY,KY,{}\n",
            "n".repeat(70_000),
            "n".repeat(65_536)
        ),
    )
    .unwrap();
    for (file, message) in [
        (
            &wide,
            "wide.csv:1: header: has 8000001 columns; usce reads at most 1000",
        ),
        (
            &wide_row,
            "wide_row.csv:2: row: has 8000002 cells; a row can have at most 1000",
        ),
        (
            &big_cell,
            "big_cell.csv:2: notes: is 69 KB; a cell can hold at most 64 KB",
        ),
    ] {
        for mode in ["--dry-run", "--update"] {
            let file = file.display().to_string();
            let out = usce_within(dir.path(), 400, &["import", mode, &file]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                !out.status.success() && err.contains(message),
                "{mode}: {out:?}"
            );
        }
    }
    // A cell of exactly 64 KB is fine: only line 2 is reported.
    let out = usce(dir.path())
        .arg("import")
        .arg(&big_cell)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("big_cell.csv:3:"), "{err}");
}

#[test]
fn a_file_of_errors_stops_after_a_thousand_problems() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("wrong.csv");
    fs::write(
        &csv,
        format!("program_name,state\n{}", "X,ZZ\n".repeat(100_000)),
    )
    .unwrap();
    let err = import_refusal(dir.path(), &[], &csv);
    let problems = err.lines().filter(|l| l.contains("wrong.csv:")).count();
    assert_eq!(problems, 1_001, "{}", &err[..err.len().min(2_000)]);
    assert!(
        err.contains("wrong.csv:1002: row: stopped reading after 1000 problems"),
        "{}",
        err.lines().last().unwrap_or("")
    );
}
