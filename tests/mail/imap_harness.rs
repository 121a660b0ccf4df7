//! The Dovecot harness itself: it starts, takes delivered mail, and
//! reports flags without changing them.

#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support::dovecot;

#[test]
fn dovecot_serves_delivered_mail_unseen_on_both_listeners() {
    let Some(server) = dovecot::start() else {
        return;
    };
    server.deliver(
        "From: a@b.org\nTo: me@example.org\nSubject: one\nMessage-ID: <1@b.org>\n\nhello\n",
    );
    server.deliver_to(
        "Archive",
        "From: a@b.org\nSubject: two\nMessage-ID: <2@b.org>\n\nhi\n",
    );
    let inbox = server.flags("INBOX");
    assert_eq!(inbox.len(), 1, "{inbox:?}");
    assert!(inbox[0].1.iter().all(|f| !f.contains("Seen")), "{inbox:?}");
    assert_eq!(server.flags("Archive").len(), 1);
    assert!(std::net::TcpStream::connect(("127.0.0.1", server.tls_port)).is_ok());
    let before = server.uid_validity("Archive");
    assert_ne!(server.recreate("Archive"), before);
}
