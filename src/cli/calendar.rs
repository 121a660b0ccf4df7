//! `usce calendar -o FILE`: the calendar feed (RFC 5545) of follow-ups,
//! application windows, rotations and document expiries.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::CliResult;
use crate::clock::Clock;
use crate::config::{Config, FollowUpsAs};
use crate::export::calendar::CalendarOptions;
use crate::export::calendar_file::{feed, save, time_zone_from_env};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FollowUpsArg {
    Todo,
    Event,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write here (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Follow-ups as to-dos or all-day events (default: config
    /// `calendar.follow_ups`, else todo).
    #[arg(long, value_enum)]
    pub follow_ups: Option<FollowUpsArg>,
}

pub fn run(
    store: &Store,
    args: &CalendarArgs,
    config: &Config,
    clock: Clock,
    out: &mut dyn Write,
) -> CliResult {
    let options = CalendarOptions {
        follow_ups: match args.follow_ups {
            Some(FollowUpsArg::Todo) => FollowUpsAs::Todo,
            Some(FollowUpsArg::Event) => FollowUpsAs::Event,
            None => config.calendar.follow_ups,
        },
        time_zone: time_zone_from_env(),
        stamp: clock.now(),
    };
    match &args.output {
        Some(path) => {
            save(store, path, &options)?;
            writeln!(out, "wrote {}", path.display())?;
        }
        None => out.write_all(feed(store, &options)?.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
