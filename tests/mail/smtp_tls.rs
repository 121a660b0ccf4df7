//! STARTTLS and implicit-TLS SMTP end to end: the in-repo server speaks
//! TLS with a certificate made for the test, trusted through `ca_file`.

#![allow(clippy::unwrap_used, clippy::panic)]

use usce::mail::{OutgoingMail, Security, SendError, Sender, SmtpConfig, build_message, send};

use crate::support::smtp_server::{Options, TestSmtpServer, TlsMode};
use crate::support::tls::make_certificate;

const PASSWORD: &str = "tls-test-password";

fn config(port: u16, security: Security, ca_file: Option<std::path::PathBuf>) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security,
        username: Some("amina".into()),
        from: "Amina <amina.yusuf@example.org>".into(),
        password_env: None,
        password_cmd: Some(vec!["echo".into(), PASSWORD.into()]),
        ca_file,
    }
}

fn message() -> lettre::Message {
    let mail = OutgoingMail {
        from: Sender::parse("Amina <amina.yusuf@example.org>").unwrap(),
        to: vec!["coordinator@example.edu".into()],
        subject: "Rotation request".into(),
        body: "Dear coordinator,\nI am writing about a rotation.\n".into(),
        ..OutgoingMail::default()
    };
    build_message(&mail, usce::clock::Clock::real().now())
        .unwrap()
        .message
}

fn server(mode: TlsMode, dir: &std::path::Path) -> TestSmtpServer {
    TestSmtpServer::start(Options {
        login: Some(("amina".into(), PASSWORD.into())),
        tls: Some((mode, dir.to_path_buf())),
        ..Options::default()
    })
}

#[test]
fn starttls_and_implicit_tls_deliver_with_the_servers_certificate_in_ca_file() {
    for (mode, security) in [
        (TlsMode::StartTls, Security::StartTls),
        (TlsMode::Implicit, Security::Tls),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let cert = make_certificate(dir.path());
        let server = server(mode, dir.path());
        let receipt = send(&config(server.port, security, Some(cert)), &message()).unwrap();
        let (commands, messages) = server.finish();
        assert!(
            receipt.server_response.starts_with("250"),
            "{mode:?}: {receipt:?}"
        );
        assert_eq!(messages.len(), 1, "{mode:?}");
        assert!(messages[0].data.contains("I am writing about a rotation."));
        if mode == TlsMode::StartTls {
            assert!(commands.iter().any(|c| c == "STARTTLS"), "{commands:?}");
            // The login came only after the upgrade.
            let tls_at = commands.iter().position(|c| c == "STARTTLS").unwrap();
            let auth_at = commands.iter().position(|c| c == "AUTH ***").unwrap();
            assert!(auth_at > tls_at, "{commands:?}");
        }
    }
}

#[test]
fn an_untrusted_certificate_stops_the_send_before_the_password_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    make_certificate(dir.path());
    let server = server(TlsMode::Implicit, dir.path());
    let err = send(&config(server.port, Security::Tls, None), &message()).unwrap_err();
    let (commands, messages) = server.finish();
    assert!(matches!(err, SendError::Connection { .. }), "{err:?}");
    assert!(
        err.to_string().to_lowercase().contains("certificate"),
        "{err}"
    );
    assert!(messages.is_empty());
    assert!(
        !commands.iter().any(|c| c.starts_with("AUTH")),
        "{commands:?}"
    );
}
