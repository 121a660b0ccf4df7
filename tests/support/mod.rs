//! Helpers for integration tests: a real SMTP server on 127.0.0.1 and a
//! small MIME reader to check what it received.

#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

pub mod crash;
pub mod mime;
pub mod outreach;
pub mod pty;
pub mod smtp_server;
