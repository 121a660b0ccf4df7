//! usce: a terminal outreach planner for IMGs hunting U.S. clinical
//! experience. The binary is thin; everything lives here so tests reach it.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod export;
pub mod import;
pub mod logging;
pub mod mail;
pub mod open;
pub mod outreach;
pub mod paths;
pub mod runtime;
pub mod sample_gen;
pub mod store;
pub mod sync;
pub mod tui;
pub mod ui;
