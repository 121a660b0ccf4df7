//! Helpers for integration tests: the isolated `usce` command, a real SMTP
//! server on 127.0.0.1 and a small MIME reader to check what it received.

// Each test crate uses a different part of these.
#![allow(dead_code, unused_imports, clippy::unwrap_used, clippy::panic)]

pub mod app;
pub mod command;
pub mod crash;
pub mod driver;
pub mod mime;
pub mod outreach;
pub mod pty;
pub mod smtp_server;

pub use command::{Isolate, usce, usce_at_home, usce_process};
