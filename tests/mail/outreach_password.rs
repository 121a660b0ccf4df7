//! The SMTP password must never land on disk: not in the database, its
//! WAL, the copies of sent mail, nor anything else under the data dir.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::fs;

use support::outreach::{TEMPLATE, files_under, stdout_of, three_programs, usce, write_config};
use support::smtp_server::{Options, TestSmtpServer};

const VAR: &str = "USCE_TEST_SMTP_PASSWORD";
const PASSWORD: &str = "Zq7-distinctive-app-password-94kX";

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn base64_matches_the_rfc_4648_examples() {
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
}

#[test]
fn the_password_reaches_the_server_and_nowhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("usce.db");
    three_programs(&db);
    let server = TestSmtpServer::start(Options {
        login: Some(("amina".into(), PASSWORD.into())),
        ..Options::default()
    });
    let config = write_config(dir.path(), server.port, Some(VAR));
    // A second connection kept open keeps the WAL file from being folded
    // back and deleted when the command exits, so it can be scanned too.
    let _reader = usce::store::Store::open(&db).unwrap();

    let run = usce(&db, &config)
        .env(VAR, PASSWORD)
        .args(["outreach", "--template", TEMPLATE, "--send", "--delay", "0"])
        .assert()
        .success();
    let (commands, messages) = server.finish();

    // The login really happened, so the password was in play.
    assert_eq!(messages.len(), 3);
    assert_eq!(commands.iter().filter(|c| *c == "AUTH ***").count(), 3);

    let needles = [
        PASSWORD.as_bytes().to_vec(),
        base64(PASSWORD.as_bytes()).into_bytes(),
        // The whole AUTH PLAIN response, as it crossed the wire.
        base64(format!("\0amina\0{PASSWORD}").as_bytes()).into_bytes(),
    ];
    let files = files_under(&data);
    assert!(
        files.iter().any(|f| f.ends_with("usce.db-wal")),
        "{files:?}"
    );
    assert_eq!(
        files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "eml"))
            .count(),
        3,
        "{files:?}"
    );
    let output = run.get_output();
    let mut scanned = vec![
        ("stdout".to_string(), output.stdout.clone()),
        ("stderr".to_string(), output.stderr.clone()),
    ];
    for file in files {
        scanned.push((file.display().to_string(), fs::read(&file).unwrap()));
    }
    for (name, bytes) in &scanned {
        for needle in &needles {
            assert!(
                !contains(bytes, needle),
                "{name} holds the password ({})",
                String::from_utf8_lossy(needle)
            );
        }
    }
    assert!(stdout_of(output).contains("sent 3, 0 not sent"));
}
