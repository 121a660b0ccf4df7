//! Sending mail through the real path to a real SMTP server on 127.0.0.1
//! started by the test: the mail library (`smtp`), drafts and batches
//! (`outreach_smtp`), and the password kept off the disk
//! (`outreach_password`), sends dated by one clock (`clock`), replies
//! that keep one thread per person (`threads`), and the issue-14 double
//! send replayed through the TUI, the CLI and a kill (`double_send`). The
//! password-in-the-log check has a binary of its own
//! (tests/log_secrets.rs): it installs the process-wide logger.

#[path = "../support/mod.rs"]
mod support;

mod clock;
mod double_send;
mod imap_harness;
mod imap_sync;
mod imap_sync_more;
mod outreach_password;
mod outreach_smtp;
mod smtp;
mod smtp_tls;
mod threads;
