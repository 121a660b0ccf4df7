//! Helpers for integration tests, declared once by each test binary's
//! main.rs: the isolated `usce` command (`command`, and `pty` for a
//! terminal), the app in process (`app`) and its key driver (`driver`), a
//! real SMTP server on 127.0.0.1 and a small MIME reader for what it got.

// Each test crate uses a different part of these.
#![allow(dead_code, unused_imports, clippy::unwrap_used, clippy::panic)]

pub mod app;
pub mod command;
pub mod corrupt;
pub mod crash;
pub mod driver;
pub mod mime;
pub mod outreach;
pub mod pty;
pub mod smtp_server;

pub use command::{Isolate, usce, usce_at_home, usce_process};
