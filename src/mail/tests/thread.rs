//! Replies carry the thread headers, and only replies do.

use chrono::{DateTime, TimeZone, Utc};

use crate::domain::thread::ThreadHeaders;
use crate::mail::{OutgoingMail, Sender, build_message, build_message_in_thread, to_eml};

fn mail() -> OutgoingMail {
    OutgoingMail {
        from: Sender {
            name: "Amina Yusuf".into(),
            email: "amina.yusuf@example.org".into(),
        },
        to: vec!["im.coordinator@example.edu".into()],
        cc: vec![],
        subject: "Re: Elective rotation request".into(),
        body: "Dear Ms. Whitfield,\n".into(),
        attachments: vec![],
    }
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 17, 12, 0, 0).unwrap()
}

/// Header fields with continuation lines joined, as a reader unfolds them.
fn headers(eml: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8(eml.to_vec()).unwrap();
    let head = text.split_once("\r\n\r\n").unwrap().0.to_owned();
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            fields.last_mut().unwrap().1.push_str(line);
        } else {
            let (name, value) = line.split_once(':').unwrap();
            fields.push((name.to_owned(), value.trim_start().to_owned()));
        }
    }
    fields
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[test]
fn a_reply_carries_in_reply_to_and_the_whole_references_chain() {
    let thread = ThreadHeaders {
        in_reply_to: "<2b@example.org>".into(),
        references: vec![
            "<1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a@example.org>".into(),
            "<2b@example.org>".into(),
        ],
    };
    let built = build_message_in_thread(&mail(), Some(&thread), at()).unwrap();
    let fields = headers(&to_eml(&built.message));
    assert_eq!(field(&fields, "In-Reply-To"), Some("<2b@example.org>"));
    let references: Vec<&str> = field(&fields, "References")
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        references,
        [
            "<1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a@example.org>",
            "<2b@example.org>"
        ]
    );
    // Its own id is new, and in the sender's domain.
    assert!(built.message_id.ends_with("@example.org>"));
    assert!(!references.contains(&built.message_id.as_str()));
}

#[test]
fn a_first_message_has_no_thread_headers_and_blank_ids_are_left_out() {
    let first = headers(&to_eml(&build_message(&mail(), at()).unwrap().message));
    assert_eq!(field(&first, "In-Reply-To"), None);
    assert_eq!(field(&first, "References"), None);
    let blank = ThreadHeaders {
        in_reply_to: " ".into(),
        references: vec!["".into()],
    };
    let built = build_message_in_thread(&mail(), Some(&blank), at()).unwrap();
    let fields = headers(&to_eml(&built.message));
    assert_eq!(field(&fields, "In-Reply-To"), None);
    assert_eq!(field(&fields, "References"), None);
}

#[test]
fn an_id_cannot_smuggle_in_a_header() {
    let thread = ThreadHeaders {
        in_reply_to: "<1@example.org>\r\nBcc: eve@example.net".into(),
        references: vec!["<1@example.org>\nX-Evil: 1".into()],
    };
    let built = build_message_in_thread(&mail(), Some(&thread), at()).unwrap();
    let fields = headers(&to_eml(&built.message));
    assert!(field(&fields, "Bcc").is_none());
    assert!(field(&fields, "X-Evil").is_none());
}
