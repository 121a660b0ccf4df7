//! `usce sync`: read new mail over IMAP (read-only) and log the replies,
//! auto-replies and bounces among it; plausible messages wait for review
//! (`usce sync --review`).

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Cli, CliResult};
use crate::config;
use crate::paths;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// List the messages waiting for review instead of syncing.
    #[arg(long)]
    pub review: bool,
    /// Also list each message left alone, with why.
    #[arg(long)]
    pub verbose_skips: bool,
    /// Only check the connection: log in and open each folder read-only.
    #[arg(long)]
    pub check: bool,
}

pub fn run(cli: &Cli, store: &mut Store, args: &SyncArgs, out: &mut dyn Write) -> CliResult {
    if args.review {
        for p in store.open_proposals()? {
            writeln!(
                out,
                "{}  {}  {}  {}",
                p.program_name, p.from, p.subject, p.message_id
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let config_path = paths::config(cli.config.as_deref())?;
    let loaded = config::load(&config_path)?;
    for warning in &loaded.warnings {
        writeln!(std::io::stderr(), "warning: {warning}")?;
    }
    let Some(imap) = &loaded.config.imap else {
        return Err(format!(
            "no [imap] section in {}: add one to read replies (see README, \"Replies\")",
            config_path.display()
        )
        .into());
    };
    if args.check {
        for line in crate::sync::check(imap)? {
            writeln!(out, "{line}")?;
        }
        writeln!(out, "IMAP works; nothing was changed.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let smtp_from = loaded.config.smtp.as_ref().map(|s| s.from.as_str());
    let own = crate::sync::own_addresses(imap, smtp_from);
    let summary = crate::sync::sync(store, imap, &own)?;
    writeln!(out, "{}", summary.line())?;
    if args.verbose_skips {
        for why in &summary.skipped {
            writeln!(out, "  skipped {why}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
