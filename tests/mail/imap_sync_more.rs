//! `usce sync` against Dovecot: a renumbered folder, a message in two
//! folders, TLS with and without a trusted certificate, STARTTLS, and
//! hostile mail.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use usce::store::Store;

use crate::imap_sync::{plain_imap, sync};
use crate::support::dovecot::{self, USER};
use crate::support::outreach::{THREE, stdout_of, three_programs, usce, write_config};

fn config_with(dir: &Path, imap: &str) -> std::path::PathBuf {
    // No send happens here: any SMTP port will do.
    let path = write_config(dir, 2525, None);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(imap);
    std::fs::write(&path, text).unwrap();
    path
}

fn reply_from_contact(id: &str) -> String {
    format!(
        "From: <{}>\nTo: amina.yusuf@example.org\nSubject: Re: rotation\n\
         Date: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <{id}@example.edu>\n\nYes, June works.\n",
        THREE[0].2
    )
}

fn replies_logged(db: &Path) -> usize {
    Store::open(db).unwrap().count_inbound("reply").unwrap()
}

#[test]
fn a_new_uidvalidity_rereads_the_folder_and_a_message_in_two_folders_logs_once() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);
    let imap = format!(
        "{}folders = [\"INBOX\", \"Replies\"]\n",
        plain_imap(&server)
    );
    let config = config_with(dir.path(), &imap);
    server.deliver(&reply_from_contact("r1"));
    server.deliver_to("Replies", &reply_from_contact("r1"));
    let first = sync(&db, &config);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(stdout_of(&first).trim(), "1 new message · 1 reply logged");
    assert_eq!(replies_logged(&db), 1);

    let before = Store::open(&db)
        .unwrap()
        .imap_folder_state("Replies")
        .unwrap()
        .unwrap();
    let validity = server.recreate("Replies");
    assert_ne!(validity, before.0);
    server.deliver_to("Replies", &reply_from_contact("r1"));
    server.deliver_to("Replies", &reply_from_contact("r2"));
    let second = sync(&db, &config);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(stdout_of(&second).trim(), "1 new message · 1 reply logged");
    assert_eq!(replies_logged(&db), 2, "r1 again is not a duplicate");
    let after = Store::open(&db)
        .unwrap()
        .imap_folder_state("Replies")
        .unwrap()
        .unwrap();
    assert_eq!(after, (validity, 2));
}

fn tls_imap(security: &str, port: u16, ca_file: Option<&Path>) -> String {
    let ca = ca_file
        .map(|p| format!("ca_file = \"{}\"\n", p.display()))
        .unwrap_or_default();
    format!(
        "\n[imap]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"{security}\"\nusername = \"{USER}\"\n\
         password_env = \"USCE_TEST_IMAP_PASSWORD\"\n{ca}"
    )
}

#[test]
fn implicit_tls_and_starttls_sync_with_the_servers_certificate_in_ca_file() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);
    server.deliver(&reply_from_contact("tls1"));
    let tls = config_with(
        dir.path(),
        &tls_imap("tls", server.tls_port, Some(&server.cert)),
    );
    let out = sync(&db, &tls);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout_of(&out).trim(), "1 new message · 1 reply logged");

    server.deliver(&reply_from_contact("tls2"));
    let starttls = config_with(
        dir.path(),
        &tls_imap("starttls", server.port, Some(&server.cert)),
    );
    let out = sync(&db, &starttls);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout_of(&out).trim(), "1 new message · 1 reply logged");
}

#[test]
fn check_logs_in_and_counts_each_folder_without_changing_anything() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);
    server.deliver(&reply_from_contact("c1"));
    let config = config_with(dir.path(), &plain_imap(&server));
    let out = usce(&db, &config)
        .args(["sync", "--check"])
        .env("USCE_TEST_IMAP_PASSWORD", dovecot::PASSWORD)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout_of(&out),
        format!(
            "logged in to 127.0.0.1 as {USER}\nINBOX: 1 message\nIMAP works; nothing was changed.\n"
        )
    );
    assert_eq!(replies_logged(&db), 0, "a check logs nothing");
    let wrong = usce(&db, &config)
        .args(["sync", "--check"])
        .env("USCE_TEST_IMAP_PASSWORD", "wrong")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("login refused"));
}

#[test]
fn an_untrusted_certificate_is_refused_with_a_clear_error() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);
    server.deliver(&reply_from_contact("x1"));
    let config = config_with(dir.path(), &tls_imap("tls", server.tls_port, None));
    let out = sync(&db, &config);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("certificate that is not trusted") && stderr.contains("ca_file"),
        "{stderr}"
    );
    assert_eq!(replies_logged(&db), 0);
}

/// Malformed messages of many kinds; the `n`th is different from the rest.
pub fn hostile(n: usize) -> Vec<u8> {
    let junk: String = (0..n % 7 + 1)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    let text = match n % 10 {
        0 => format!(
            "From: x{n}@nowhere.example\nSubject: {n}\nContent-Type: multipart/mixed; boundary=\"never\"\n\n--wrong\nhalf a part"
        ),
        1 => format!(
            "From: x{n}@nowhere.example\nSubject: {n} {}\n\nhuge header",
            "h".repeat(200_000)
        ),
        2 => format!(
            "From: x{n}@nowhere.example\nSubject: =?x-bogus?B?////?= {n}\nContent-Type: text/plain; charset=\"x-klingon\"\nContent-Transfer-Encoding: base64\n\n%%%not base64%%%"
        ),
        3 => {
            let mut body = String::from("leaf");
            for depth in 0..40 {
                body = format!(
                    "Content-Type: multipart/mixed; boundary=\"b{depth}\"\n\n--b{depth}\n{body}\n--b{depth}--\n"
                );
            }
            format!("From: x{n}@nowhere.example\nSubject: nested {n}\n{body}")
        }
        4 => format!("Subject: no sender {n}\n\nbody"),
        5 => format!("From: \"unterminated <x{n}@\nSubject: {n}\n\n\u{0}\u{1}binary"),
        6 => format!(
            "From: x{n}@nowhere.example\nSubject: {n}\nContent-Type: text/html\n\n<p>{junk}<b"
        ),
        7 => format!(
            "From: x{n}@nowhere.example\nSubject: {n}\nMessage-ID: <<<>>>\nIn-Reply-To: <\nReferences: >< <a b>\n\nx"
        ),
        8 => format!(
            "From: x{n}@nowhere.example\nSubject: {n}\nDate: not a date at all\nContent-Type: multipart/report; report-type=delivery-status\n\nno parts"
        ),
        _ => format!("\n\n\n{junk} {n}"),
    };
    let mut bytes = text.into_bytes();
    if n % 10 == 9 {
        bytes.extend([0xff, 0xfe, 0x00, 0xc3]);
    }
    bytes
}

pub fn sync_hostile(count: usize, big_attachment: bool) {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);
    for n in 0..count {
        server.deliver_bytes("INBOX", &hostile(n));
    }
    if big_attachment {
        let blob = "QUFB".repeat(20 * 1024 * 1024 / 4 * 4 / 3);
        server.deliver(&format!(
            "From: <{}>\nSubject: big\nMessage-ID: <big@example.edu>\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment\nContent-Transfer-Encoding: base64\n\n{blob}\n--b--\n",
            THREE[0].2
        ));
    }
    let config = config_with(dir.path(), &plain_imap(&server));
    let out = usce(&db, &config)
        .args(["sync", "--verbose-skips"])
        .env("USCE_TEST_IMAP_PASSWORD", dovecot::PASSWORD)
        .output()
        .unwrap();
    let stdout = stdout_of(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let total = count + usize::from(big_attachment);
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{total} new messages")),
        "{first}"
    );
    let skipped = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("skipped "))
        .count();
    let logged = replies_logged(&db);
    assert_eq!(
        skipped + logged,
        total,
        "each is logged or skipped with a reason:\n{stdout}"
    );
}

#[test]
fn fifty_malformed_messages_sync_each_logged_or_skipped_with_a_reason() {
    sync_hostile(50, false);
}

#[test]
#[ignore = "long: 1,000 malformed messages and a 20 MB attachment"]
fn a_thousand_malformed_messages_and_a_20_mb_attachment_sync() {
    sync_hostile(1000, true);
}
