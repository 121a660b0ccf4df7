//! The SMTP password never reaches the log, even at the most verbose
//! level, nor does the text of a message. One test per binary: logging is
//! set up once per process.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use std::fs;

use support::smtp_server::{Options, TestSmtpServer};
use tracing::level_filters::LevelFilter;
use usce::mail::{OutgoingMail, Security, Sender, SmtpConfig, build_message, send};

const PASSWORD: &str = "hunter2-Correct-Horse-Battery";
const BODY_MARKER: &str = "confidential-body-text-7731";

fn config(port: u16, password_cmd: Vec<String>) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: Some("amina".into()),
        from: "Amina Yusuf <amina.yusuf@example.org>".into(),
        password_env: None,
        password_cmd: Some(password_cmd),
        ca_file: None,
    }
}

/// The password in every form it travels in: plain, and base64 inside
/// `AUTH PLAIN` (`\0user\0password`) and `AUTH LOGIN`.
fn password_forms() -> Vec<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let base64 = |bytes: &[u8]| -> String {
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n =
                chunk.iter().fold(0u32, |n, b| n << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    };
    // Unpadded, so it also matches inside a longer base64 run.
    assert_eq!(base64(b"hello"), "aGVsbG8");
    assert_eq!(base64(b"\0a\0b"), "AGEAYg");
    vec![
        PASSWORD.to_string(),
        base64(format!("\0amina\0{PASSWORD}").as_bytes()),
        base64(PASSWORD.as_bytes()),
    ]
}

#[test]
fn the_password_and_the_message_never_reach_the_log() {
    let dir = tempfile::tempdir().unwrap();
    usce::logging::init_in(dir.path(), LevelFilter::TRACE).unwrap();
    let mail = OutgoingMail {
        from: Sender {
            name: "Amina Yusuf".into(),
            email: "amina.yusuf@example.org".into(),
        },
        to: vec!["Dana Whitfield <im.coordinator@example.edu>".into()],
        cc: vec![],
        subject: format!("Rotation request {BODY_MARKER}"),
        body: format!("Dear Dr. Whitfield,\n{BODY_MARKER}\n"),
        attachments: vec![],
    };
    let message = build_message(&mail, usce::clock::Clock::real().now())
        .unwrap()
        .message;

    // A send that logs in with the password and succeeds.
    let server = TestSmtpServer::start(Options {
        login: Some(("amina".into(), PASSWORD.into())),
        ..Options::default()
    });
    let echo = vec!["echo".to_string(), PASSWORD.to_string()];
    send(&config(server.port, echo), &message).unwrap();
    let (commands, received) = server.finish();
    assert_eq!(received.len(), 1, "{commands:?}");

    // A password command that fails and prints the password on stderr:
    // the user sees its stderr, the log must not.
    let leaky = vec![
        "sh".to_string(),
        "-c".to_string(),
        format!("echo 'bad passphrase for {PASSWORD}' >&2; exit 1"),
    ];
    let err = send(&config(1, leaky), &message).unwrap_err();
    assert!(
        err.to_string().contains(PASSWORD),
        "the user is told: {err}"
    );

    let log: String = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.is_symlink())
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    assert!(log.contains("mail sent"), "{log}");
    assert!(log.contains("password command failed"), "{log}");
    for form in password_forms() {
        assert!(!log.contains(&form), "{form:?} leaked into the log:\n{log}");
    }
    assert!(!log.contains(BODY_MARKER), "message text leaked:\n{log}");
    assert!(!log.contains("im.coordinator"), "address leaked:\n{log}");
}
