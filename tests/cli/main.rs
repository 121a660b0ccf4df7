//! The command line, run as a user would: the real binary on a temp
//! database, each run isolated from the real home (`support::command`).
//! One test binary per group, because linking each file on its own took
//! most of `cargo test`'s build.

#[path = "../support/mod.rs"]
mod support;

mod after_yes;
mod apply;
mod calendar;
mod cli;
mod cli_due;
mod cli_fit;
mod cli_import;
mod cli_outreach;
mod cli_outreach_skips;
mod cli_polish;
mod cli_sample;
mod closed_pipe;
mod import_duplicates;
mod import_formats;
mod main_phone;
mod needs_repair;
mod readme_export;
mod real_lists;
