//! Sends through the real code path (render → build → `send`) to a real
//! SMTP server listening on 127.0.0.1 inside the test, then reads back what
//! the server stored.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::fs;
use std::net::TcpListener;

use chrono::NaiveDate;
use usce::domain::{Contact, Profile, Program, Role, RotationKind, StepResult, UsState};
use usce::mail::{
    OutgoingMail, RenderInput, Security, SendError, SmtpConfig, TemplateSet, build_message, send,
};

use support::mime::Part;
use support::smtp_server::{Options, TestSmtpServer};

const PASSWORD: &str = "s3cret-app-password";

fn config(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: Some("amina".into()),
        from: "Amína Yúsuf <amina.yusuf@example.org>".into(),
        password_env: None,
        // Run without a shell: echo prints its one argument.
        password_cmd: Some(vec!["echo".into(), PASSWORD.into()]),
        ca_file: None,
    }
}

fn login() -> Option<(String, String)> {
    Some(("amina".into(), PASSWORD.into()))
}

fn rendered_mail(attachment: &std::path::Path) -> (OutgoingMail, String, String) {
    let program = Program {
        name: "Hospital São Lucas Internal Medicine".into(),
        specialty: "Internal Medicine".into(),
        city: "Louisville".into(),
        rotation: usce::domain::RotationOffer {
            kinds: vec![RotationKind::Elective],
            ..Default::default()
        },
        ..Program::new("", UsState::parse("KY").unwrap())
    };
    let contact = Contact {
        role: Role::Coordinator,
        name: "Dana Whitfield".into(),
        email: "im.coordinator@example.edu".into(),
        ..Contact::default()
    };
    let profile = Profile {
        full_name: "Amína Yúsuf".into(),
        email: "amina.yusuf@example.org".into(),
        medical_school: "University of Ibadan".into(),
        graduation_year: Some(2023),
        step1: StepResult::Pass,
        target_specialty: "Internal Medicine".into(),
        available: "from June 2 to July 25, 2025".into(),
        ..Profile::default()
    };
    let rendered = TemplateSet::load(None)
        .unwrap()
        .render(
            "request_rotation",
            &RenderInput {
                program: &program,
                contact: Some(&contact),
                profile: &profile,
                today: NaiveDate::from_ymd_opt(2025, 3, 4).unwrap(),
            },
        )
        .unwrap();
    // A line starting with a dot must survive SMTP dot-stuffing.
    let body = format!("{}.\n.. and a line that starts with dots\n", rendered.body);
    let mail = OutgoingMail {
        from: config(0).sender().unwrap(),
        to: vec![format!("{} <{}>", contact.name, contact.email)],
        cc: vec!["gme.office@example.edu".into()],
        subject: rendered.subject.clone(),
        body: body.clone(),
        attachments: vec![attachment.to_owned()],
    };
    (mail, rendered.subject, body)
}

#[test]
fn a_rendered_email_arrives_intact_at_a_real_smtp_server() {
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("Amína CV.pdf");
    let cv_bytes: Vec<u8> = b"%PDF-1.4\n".iter().copied().chain(0..=255u8).collect();
    fs::write(&cv, &cv_bytes).unwrap();
    let (mail, subject, body) = rendered_mail(&cv);
    assert!(!subject.is_ascii(), "the subject should exercise RFC 2047");
    let built = build_message(&mail, usce::clock::Clock::real().now()).unwrap();

    let server = TestSmtpServer::start(Options {
        login: login(),
        ..Options::default()
    });
    let receipt = send(&config(server.port), &built.message).unwrap();
    let (commands, messages) = server.finish();

    assert_eq!(receipt.message_id, built.message_id);
    assert!(receipt.server_response.starts_with("250"), "{receipt:?}");
    assert!(receipt.server_response.contains("queued as TEST42"));
    assert!(commands.iter().any(|c| c == "AUTH ***"), "{commands:?}");
    assert_eq!(commands.last().map(String::as_str), Some("QUIT"));

    let [received] = messages.as_slice() else {
        panic!("expected one message, got {}", messages.len());
    };
    assert_eq!(received.mail_from, "amina.yusuf@example.org");
    assert_eq!(
        received.rcpt_to,
        ["im.coordinator@example.edu", "gme.office@example.edu"]
    );

    let message = Part::parse(&received.data);
    assert!(message.header("Subject").unwrap().is_ascii());
    assert_eq!(message.decoded("Subject").unwrap(), subject);
    assert_eq!(
        message.decoded("From").unwrap(),
        "Amína Yúsuf <amina.yusuf@example.org>"
    );
    assert_eq!(
        message.decoded("To").unwrap(),
        "\"Dana Whitfield\" <im.coordinator@example.edu>"
    );
    assert_eq!(message.header("Cc").unwrap(), "gme.office@example.edu");
    assert_eq!(message.header("Message-ID").unwrap(), built.message_id);
    assert!(message.header("Bcc").is_none());
    assert!(message.header("Date").is_some());

    let parts = message.parts();
    assert_eq!(parts.len(), 2);
    let text = &parts[0];
    assert_eq!(
        text.header("Content-Type").unwrap(),
        "text/plain; charset=utf-8"
    );
    let text_body = String::from_utf8(text.content()).unwrap();
    assert_eq!(text_body, body.replace('\n', "\r\n"));
    assert!(text_body.contains("\r\n.. and a line that starts with dots\r\n"));
    assert!(text_body.contains("Dear Dana Whitfield,"));

    let attachment = &parts[1];
    assert_eq!(
        attachment.header("Content-Type").unwrap(),
        "application/pdf"
    );
    assert!(
        attachment
            .decoded("Content-Disposition")
            .unwrap()
            .starts_with("attachment;"),
    );
    assert_eq!(attachment.content(), cv_bytes);
}

#[test]
fn a_refused_recipient_returns_the_servers_reason() {
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("cv.pdf");
    fs::write(&cv, b"%PDF-1.4").unwrap();
    let (mut mail, _, _) = rendered_mail(&cv);
    mail.to = vec!["nobody@example.edu".into()];
    mail.cc.clear();
    let built = build_message(&mail, usce::clock::Clock::real().now()).unwrap();

    let server = TestSmtpServer::start(Options {
        login: login(),
        reject_recipients: vec!["nobody@example.edu".into()],
        ..Options::default()
    });
    let err = send(&config(server.port), &built.message).unwrap_err();
    let (commands, messages) = server.finish();

    let text = err.to_string();
    assert!(matches!(err, SendError::Rejected(_)), "{err:?}");
    assert!(text.contains("550"), "{text}");
    assert!(text.contains("Recipient address rejected"), "{text}");
    assert!(messages.is_empty());
    assert!(!commands.iter().any(|c| c == "DATA"), "{commands:?}");
}

#[test]
fn a_wrong_password_returns_the_servers_reason() {
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("cv.pdf");
    fs::write(&cv, b"%PDF-1.4").unwrap();
    let (mail, _, _) = rendered_mail(&cv);
    let built = build_message(&mail, usce::clock::Clock::real().now()).unwrap();

    let server = TestSmtpServer::start(Options {
        login: Some(("amina".into(), "another-password".into())),
        ..Options::default()
    });
    let err = send(&config(server.port), &built.message).unwrap_err();
    let (_, messages) = server.finish();

    let text = err.to_string();
    assert!(text.contains("535"), "{text}");
    assert!(
        text.contains("Authentication credentials invalid"),
        "{text}"
    );
    assert!(!text.contains(PASSWORD), "{text}");
    assert!(messages.is_empty());
}

#[test]
fn a_server_that_is_not_there_is_reported_as_a_connection_error() {
    // Bind then drop: the port is free, so connecting is refused at once.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("cv.pdf");
    fs::write(&cv, b"%PDF-1.4").unwrap();
    let (mail, _, _) = rendered_mail(&cv);
    let built = build_message(&mail, usce::clock::Clock::real().now()).unwrap();

    let err = send(&config(port), &built.message).unwrap_err();
    match &err {
        SendError::Connection {
            host,
            port: p,
            reason,
        } => {
            assert_eq!((host.as_str(), *p), ("127.0.0.1", port));
            assert!(reason.to_ascii_lowercase().contains("refused"), "{reason}");
        }
        other => panic!("expected a connection error, got {other:?}"),
    }
}
