//! Sends a killed usce left in flight, settled before `usce outreach
//! --send` plans anything: recorded when the archive shows the server took
//! them, cleared when they never got that far, and otherwise left for the
//! user to answer with `--interrupted sent|unsent`. Never sent again.

use std::io::Write;

use clap::ValueEnum;

use super::CliResult;
use crate::outreach::send::interrupted::{self, Settled};
use crate::store::Store;
use crate::ui::text::clean;

/// The user's word on interrupted sends whose fate usce cannot tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Answer {
    /// They went out (your mail app's Sent folder has them, or a reply came).
    Sent,
    /// They did not go out: they may be sent again.
    Unsent,
}

/// Settles what can be settled and says so; returns how many are still
/// waiting for the user's word (the batch skips those programs).
pub fn settle(
    store: &mut Store,
    follow_up_days: u32,
    answer: Option<Answer>,
    out: &mut dyn Write,
) -> CliResult<usize> {
    let found = interrupted::settle_interrupted(store, follow_up_days)?;
    for settled in &found.settled {
        match settled {
            Settled::Recorded(e) => writeln!(
                out,
                "recorded an interrupted send: “{}” {} (the server had taken it; the copy is in {})",
                clean(&e.subject),
                clean(&e.to_and_when()),
                clean(e.eml_path.as_deref().unwrap_or("the sent folder"))
            )?,
            Settled::Cleared(e) => writeln!(
                out,
                "cleared an interrupted send: “{}” {} never reached the server; the draft is unsent",
                clean(&e.subject),
                clean(&e.to_and_when())
            )?,
        }
    }
    let mut waiting = 0;
    for e in &found.unknown {
        match answer {
            Some(Answer::Sent) => {
                interrupted::mark_went_out(store, e.id, follow_up_days)?;
                writeln!(
                    out,
                    "recorded as sent, as you said: “{}” {}",
                    clean(&e.subject),
                    clean(&e.to_and_when())
                )?;
            }
            Some(Answer::Unsent) => {
                interrupted::mark_not_sent(store, e.id)?;
                writeln!(
                    out,
                    "marked not sent, as you said: “{}” {} (it may be sent again)",
                    clean(&e.subject),
                    clean(&e.to_and_when())
                )?;
            }
            None => {
                waiting += 1;
                writeln!(
                    out,
                    "INTERRUPTED: “{}” {} may or may not have gone out (usce stopped while the \
                     server had it). Look in your mail app's Sent folder, then run again with \
                     --interrupted sent or --interrupted unsent. It is not sent again until then.",
                    clean(&e.subject),
                    clean(&e.to_and_when())
                )?;
            }
        }
    }
    Ok(waiting)
}
