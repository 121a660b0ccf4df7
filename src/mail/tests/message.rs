use std::fs;

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

use crate::mail::message::{clean_header, guess_content_type};
use crate::mail::{MessageError, OutgoingMail, Sender, build_message, mailto_url, to_eml};

fn mail() -> OutgoingMail {
    OutgoingMail {
        from: Sender {
            name: "Amina Yusuf".into(),
            email: "amina.yusuf@example.org".into(),
        },
        to: vec!["Dana Whitfield <im.coordinator@example.edu>".into()],
        cc: vec![],
        subject: "Elective rotation request".into(),
        body: "Dear Ms. Whitfield,\n\nThank you.\n".into(),
        attachments: vec![],
    }
}

/// When every test message is built: one fixed instant, as a fixed clock
/// gives.
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 12, 0, 0).unwrap()
}

fn eml_text(mail: &OutgoingMail) -> String {
    String::from_utf8(to_eml(&build_message(mail, at()).unwrap().message)).unwrap()
}

/// Everything before the first empty line.
fn header_block(eml: &str) -> &str {
    eml.split_once("\r\n\r\n").map(|(h, _)| h).unwrap()
}

/// Names of the top-level header fields, in order (continuation lines,
/// which start with white space, belong to the field above).
fn header_names(eml: &str) -> Vec<String> {
    header_block(eml)
        .split("\r\n")
        .filter(|line| !line.starts_with([' ', '\t']))
        .map(|line| line.split(':').next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn plain_mail_has_the_expected_headers_and_a_utf8_text_body() {
    let built = build_message(&mail(), at()).unwrap();
    let eml = String::from_utf8(to_eml(&built.message)).unwrap();
    let mut names = header_names(&eml);
    names.sort();
    assert_eq!(
        names,
        [
            "Content-Transfer-Encoding",
            "Content-Type",
            "Date",
            "From",
            "MIME-Version",
            "Message-ID",
            "Subject",
            "To"
        ]
    );
    assert!(eml.contains("Content-Type: text/plain; charset=utf-8\r\n"));
    assert!(eml.contains("From: \"Amina Yusuf\" <amina.yusuf@example.org>\r\n"));
    assert!(eml.contains("Dear Ms. Whitfield,\r\n\r\nThank you.\r\n"));
    assert!(!eml.to_ascii_lowercase().contains("text/html"));
    assert!(built.message_id.starts_with('<'));
    assert!(built.message_id.ends_with("@example.org>"));
    assert!(eml.contains(&format!("Message-ID: {}\r\n", built.message_id)));
    // Built at the same instant (a fixed clock), the ids still differ.
    let other = build_message(&mail(), at()).unwrap();
    assert_ne!(other.message_id, built.message_id);
}

#[test]
fn the_date_header_is_the_instant_given() {
    let eml = eml_text(&mail());
    assert!(
        header_block(&eml).contains("Date: Tue, 10 Mar 2026 12:00:00 +0000\r\n"),
        "{eml}"
    );
}

#[test]
fn line_breaks_in_header_values_cannot_inject_headers() {
    let evil = "\r\nBcc: evil@example.org";
    let mut m = mail();
    m.subject = format!("Rotation request{evil}");
    m.from.name = format!("Amina{evil}\nX-Evil: 1\0");
    // Recipients with junk around the address are refused, never passed on.
    for bad in [
        format!("Dana{evil} <im.coordinator@example.edu>"),
        format!("gme@example.edu{evil}"),
    ] {
        m.to = vec![bad];
        assert!(matches!(
            build_message(&m, at()),
            Err(MessageError::BadAddress(_))
        ));
    }
    m.to = vec!["Dana\r\n Whitfield <im.coordinator@example.edu>".into()];
    let built = build_message(&m, at()).unwrap();
    let eml = String::from_utf8(to_eml(&built.message)).unwrap();
    let headers = header_block(&eml).to_ascii_lowercase();
    assert!(
        !headers.contains("\nbcc:") && !headers.starts_with("bcc:"),
        "{eml}"
    );
    assert!(!headers.contains("\nx-evil:"), "{eml}");
    assert!(!eml.contains('\0'));
    let recipients: Vec<String> = built
        .message
        .envelope()
        .to()
        .iter()
        .map(|a| a.to_string())
        .collect();
    assert_eq!(recipients, ["im.coordinator@example.edu"]);
    assert!(eml.contains("Subject: Rotation request Bcc: evil@example.org\r\n"));
    assert!(eml.contains("To: \"Dana Whitfield\" <im.coordinator@example.edu>\r\n"));
}

#[test]
fn non_ascii_subject_and_names_are_rfc2047_encoded() {
    let mut m = mail();
    m.subject = "Demande de stage – médecine interne 🩺".into();
    m.from.name = "Amína Yúsuf".into();
    m.to = vec!["Zoë Ångström <zoe@example.edu>".into()];
    let eml = eml_text(&m);
    let headers = header_block(&eml);
    assert!(headers.is_ascii(), "{headers}");
    let subject_line = headers
        .split("\r\n")
        .find(|l| l.starts_with("Subject:"))
        .unwrap();
    assert!(
        subject_line.to_ascii_lowercase().contains("=?utf-8?b?"),
        "{subject_line}"
    );
    assert!(headers.contains("From: =?utf-8?"), "{headers}");
    assert!(headers.contains("<amina.yusuf@example.org>"));
}

#[test]
fn attachments_become_mime_parts_with_a_guessed_type() {
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("Amina CV.pdf");
    fs::write(&cv, b"%PDF-1.4 fake cv").unwrap();
    let scores = dir.path().join("scores.bin");
    fs::write(&scores, [0u8, 159, 146, 150]).unwrap();
    let mut m = mail();
    m.attachments = vec![cv, scores];
    let eml = eml_text(&m);
    assert!(header_block(&eml).contains("Content-Type: multipart/mixed;"));
    assert!(eml.contains("Content-Type: text/plain; charset=utf-8"));
    assert!(eml.contains("Content-Type: application/pdf"));
    assert!(eml.contains("Content-Disposition: attachment; filename=\"Amina CV.pdf\""));
    assert!(eml.contains("JVBERi0xLjQgZmFrZSBjdg=="), "{eml}"); // base64 of the PDF
    assert!(eml.contains("AJ+Slg=="), "{eml}");
    assert!(eml.contains("Content-Type: application/octet-stream"));
}

#[test]
fn content_types_cover_what_applicants_attach() {
    for (file, kind) in [
        ("cv.PDF", "application/pdf"),
        ("scan.png", "image/png"),
        ("photo.JPG", "image/jpeg"),
        ("photo.jpeg", "image/jpeg"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("archive.zip", "application/octet-stream"),
        ("no_extension", "application/octet-stream"),
    ] {
        assert_eq!(guess_content_type(file.as_ref()), kind, "{file}");
    }
}

#[test]
fn bad_input_gives_typed_errors() {
    let mut m = mail();
    m.to = vec![" ".into()];
    assert!(matches!(
        build_message(&m, at()),
        Err(MessageError::NoRecipient)
    ));
    let mut m = mail();
    m.to = vec!["not an address".into()];
    assert!(matches!(
        build_message(&m, at()),
        Err(MessageError::BadAddress(_))
    ));
    let mut m = mail();
    m.attachments = vec!["/definitely/not/here.pdf".into()];
    let err = build_message(&m, at()).unwrap_err();
    assert!(
        err.to_string().contains("/definitely/not/here.pdf"),
        "{err}"
    );
}

#[test]
fn mailto_percent_encodes_subject_and_body() {
    let url = mailto_url(
        &["im.coordinator@example.edu".into()],
        &["gme@example.edu".into()],
        "Rotation request – A&B?",
        "Dear Dana,\nThanks 100%",
    );
    assert_eq!(
        url,
        "mailto:im.coordinator@example.edu?cc=gme@example.edu\
         &subject=Rotation%20request%20%E2%80%93%20A%26B%3F\
         &body=Dear%20Dana%2C%0D%0AThanks%20100%25"
    );
    assert_eq!(
        mailto_url(&["a@b.org".into()], &[], "", ""),
        "mailto:a@b.org"
    );
}

#[test]
fn clean_header_removes_breaks_and_controls() {
    assert_eq!(clean_header(" a\r\nb\0c\td\u{7f} "), "a bc d");
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[A-Za-z \r\n:;<>\"@.,=?\t\0é–😀]{0,80}",
        Just("x\r\nBcc: evil@example.org".to_owned()),
        Just("x\n\nbody injected".to_owned()),
    ]
}

/// The fields a benign message of this shape has; a hostile one must have
/// exactly the same.
fn check_no_new_headers(subject: &str, name: &str, body: &str) -> Result<(), TestCaseError> {
    let baseline = header_names(&eml_text(&mail()));
    let mut m = mail();
    m.subject = subject.to_owned();
    m.from.name = name.to_owned();
    m.body = body.to_owned();
    let built = build_message(&m, at());
    prop_assert!(built.is_ok(), "{:?}", built.err());
    let eml = String::from_utf8(to_eml(
        &built
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .message,
    ))
    .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let block = header_block(&eml);
    prop_assert!(!block.replace("\r\n", "").contains(['\r', '\n', '\0']));
    prop_assert_eq!(header_names(&eml), baseline.clone());

    // A display name for a recipient goes through the parser instead.
    m.to = vec![format!("{name} <im.coordinator@example.edu>")];
    match build_message(&m, at()) {
        Ok(built) => {
            let eml = String::from_utf8_lossy(&to_eml(&built.message)).into_owned();
            prop_assert_eq!(header_names(&eml), baseline);
        }
        Err(e) => prop_assert!(matches!(e, MessageError::BadAddress(_)), "{e}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]
    #[test]
    fn hostile_strings_never_panic_nor_add_header_lines(
        subject in text(), name in text(), body in text()
    ) {
        check_no_new_headers(&subject, &name, &body)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]
    #[test]
    #[ignore = "slow; run with --ignored"]
    fn hostile_strings_never_panic_nor_add_header_lines_10k(
        subject in text(), name in text(), body in text()
    ) {
        check_no_new_headers(&subject, &name, &body)?;
    }
}
