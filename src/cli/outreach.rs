//! `usce outreach --template NAME [filters] [--dry-run | --eml-dir DIR | --send]`:
//! one template to every matching program, previewed, exported or sent.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{ArgGroup, Args};

use super::{Cli, CliResult};
use crate::config::{self, Loaded};
use crate::domain::ProgramId;
use crate::mail::{Sender, TemplateSet};
use crate::outreach::{
    self, Mailer, Pace, Plan, Ready, Selection, Sent, SkipReason, Stop, export_eml, sent_dir,
    templates_dir,
};
use crate::paths;
use crate::store::Store;
use crate::ui::text::{clean, fit};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mode").args(["dry_run", "send", "eml_dir"])))]
pub struct OutreachArgs {
    /// Template to render (request_rotation, express_interest, …, or your own).
    #[arg(long, value_name = "NAME")]
    pub template: String,
    /// Only programs in this state (USPS code or name); repeatable.
    #[arg(long = "state", value_name = "XX")]
    pub states: Vec<String>,
    /// Only programs with this status (e.g. shortlisted).
    #[arg(long)]
    pub status: Option<String>,
    /// Only programs whose specialty contains this (e.g. "internal medicine").
    #[arg(long)]
    pub specialty: Option<String>,
    /// Preview every email and every skipped program; write nothing (the default).
    #[arg(long)]
    pub dry_run: bool,
    /// Send for real through the [smtp] settings of the config file.
    #[arg(long)]
    pub send: bool,
    /// Write one .eml file per program into DIR instead of sending.
    #[arg(long, value_name = "DIR")]
    pub eml_dir: Option<PathBuf>,
    /// At most N programs this run.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Seconds between two emails (default: outreach.delay_secs, 20).
    #[arg(long, value_name = "SECS")]
    pub delay: Option<u64>,
    /// Stop once N emails were sent today (default: outreach.max_per_day).
    #[arg(long, value_name = "N")]
    pub max_per_day: Option<u32>,
    /// Send to program ID (the #number shown) even though it is skipped
    /// for having got this template already, being at replied or later,
    /// or having written after your last email; repeatable. Each one is
    /// listed with what is overridden.
    #[arg(long = "force", value_name = "ID")]
    pub force: Vec<i64>,
    /// Settle sends an earlier usce was killed in the middle of: say
    /// whether they went out (check your mail app's Sent folder).
    #[arg(long, value_name = "WHAT", requires = "send")]
    pub interrupted: Option<super::interrupted::Answer>,
}

pub fn run(
    cli: &Cli,
    db: &Path,
    store: &mut Store,
    args: &OutreachArgs,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    let config_path = paths::config(cli.config.as_deref())?;
    let loaded = config::load(&config_path)?;
    for warning in &loaded.warnings {
        writeln!(err, "warning: {}", clean(warning))?;
    }
    let templates = TemplateSet::load(Some(&templates_dir(&config_path)))?;
    if args.send {
        // Before planning, so a send the server took is in the ledger and
        // its program is skipped; one nobody can vouch for stays blocked.
        let follow_up_days = loaded.config.follow_up.after_send_days;
        super::interrupted::settle(store, follow_up_days, args.interrupted, out)?;
    }
    let selection = selection(args)?;
    let plan = outreach::plan(store, &templates, &selection, today)?;
    write_forced(&plan, args, out)?;

    if let Some(dir) = &args.eml_dir {
        write_emls(store, &loaded, &plan, dir, out)?;
        write_skipped(&plan, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.send {
        write_skipped(&plan, out)?;
        return send(store, db, &config_path, &loaded, args, &plan, out);
    }
    for ready in &plan.ready {
        write_preview(ready, out)?;
    }
    write_skipped(&plan, out)?;
    writeln!(
        out,
        "would send {} with template {} (dry run: nothing written; --send sends, --eml-dir DIR exports)",
        plural(plan.ready.len(), "email"),
        clean(&args.template)
    )?;
    Ok(ExitCode::SUCCESS)
}

fn selection(args: &OutreachArgs) -> CliResult<Selection> {
    let states = super::parse_states(&args.states)?;
    let status = super::parse_status(args.status.as_deref())?;
    Ok(Selection {
        template: args.template.clone(),
        states,
        status,
        specialty: args.specialty.clone(),
        limit: args.limit,
        programs: None,
        force: args.force.iter().copied().map(ProgramId).collect(),
    })
}

/// Each program sent to despite a skip reason, with every reason it
/// overrides, and each `--force` that overrode nothing: never silently.
fn write_forced(plan: &Plan, args: &OutreachArgs, out: &mut dyn Write) -> CliResult<()> {
    for ready in plan.ready.iter().filter(|r| !r.forced.is_empty()) {
        let reasons: Vec<String> = ready
            .forced
            .iter()
            .map(|(reason, detail)| with_detail(&reason.to_string(), detail))
            .collect();
        writeln!(
            out,
            "forced  {}: {} — sending anyway (--force {})",
            heading(ready),
            clean(&reasons.join("; ")),
            ready.program.id.0
        )?;
    }
    for id in &args.force {
        let used = plan
            .ready
            .iter()
            .any(|r| r.program.id.0 == *id && !r.forced.is_empty());
        if used {
            continue;
        }
        let why = match plan.skipped.iter().find(|s| s.program.id.0 == *id) {
            Some(s) => format!(
                "still skipped: {} cannot be overridden",
                with_detail(&s.reason.to_string(), &s.detail)
            ),
            None if plan.ready.iter().any(|r| r.program.id.0 == *id) => {
                "nothing to override (it is not skipped)".to_string()
            }
            None => "no such program in this selection".to_string(),
        };
        writeln!(out, "--force {id}: {}", clean(&why))?;
    }
    Ok(())
}

/// "already sent this template (to x@y.edu on 1 Dec 14:05)".
fn with_detail(reason: &str, detail: &str) -> String {
    if detail.is_empty() {
        reason.to_string()
    } else {
        format!("{reason} ({detail})")
    }
}

/// Every stored or rendered text printed here passes [`clean`], as in
/// `usce list`: a name, subject or server reply holding ESC, BEL, a line
/// break or U+2028 would otherwise drive the user's terminal.
fn heading(ready: &Ready) -> String {
    let p = &ready.program;
    format!("{}  {} (#{})", p.state.code(), clean(&p.name), p.id.0)
}

fn write_preview(ready: &Ready, out: &mut dyn Write) -> CliResult<()> {
    let draft = &ready.draft;
    writeln!(out, "── {}", heading(ready))?;
    let who = ready
        .contact
        .as_ref()
        .map(|c| match c.name.trim() {
            "" => format!(" ({})", c.role.label()),
            name => format!(" ({}, {})", c.role.label(), clean(name)),
        })
        .unwrap_or_default();
    writeln!(out, "   To:      {}{who}", clean(&draft.to))?;
    writeln!(out, "   Subject: {}", clean(&draft.subject))?;
    for line in draft.body.lines().filter(|l| !l.trim().is_empty()).take(3) {
        writeln!(out, "   │ {}", fit(line, 76))?;
    }
    if ready.reused {
        writeln!(out, "   Note: saved draft #{} is sent as saved", draft.id.0)?;
    }
    if ready.already_contacted() {
        writeln!(
            out,
            "   Note: status is already {}",
            ready.program.status.label()
        )?;
    }
    Ok(())
}

fn write_skipped(plan: &Plan, out: &mut dyn Write) -> CliResult<()> {
    if plan.over_limit > 0 {
        writeln!(
            out,
            "{} left out by --limit",
            plural(plan.over_limit, "more program")
        )?;
    }
    if plan.skipped.is_empty() {
        return Ok(());
    }
    writeln!(out, "skipped {}:", plural(plan.skipped.len(), "program"))?;
    for s in &plan.skipped {
        let p = &s.program;
        writeln!(
            out,
            "   {}  {} (#{}): {}",
            p.state.code(),
            clean(&p.name),
            p.id.0,
            clean(&with_detail(&s.reason.to_string(), &s.detail))
        )?;
    }
    if plan.skipped.iter().any(|s| s.reason.forcible()) {
        writeln!(
            out,
            "to send to one of those anyway: --force ID (already sent, replied or later, wrote after your last email)"
        )?;
    }
    // Profile gaps block every program at once; say so plainly.
    let blocked_by_profile = plan
        .skipped
        .iter()
        .filter(|s| matches!(&s.reason, SkipReason::Unresolved(f) if f.iter().any(|f| f.starts_with("profile."))))
        .count();
    if blocked_by_profile > 0 {
        writeln!(
            out,
            "{} waiting for blank profile fields: fill them in your profile and run again",
            plural(blocked_by_profile, "program")
        )?;
    }
    Ok(())
}

/// The sender of exported files: the SMTP `from` when configured, else the
/// profile's name and email.
fn export_sender(store: &Store, loaded: &Loaded) -> CliResult<Sender> {
    if let Some(smtp) = &loaded.config.smtp {
        return Ok(smtp.sender()?);
    }
    let profile = store.profile()?;
    if profile.email.trim().is_empty() {
        return Err(
            "the .eml files need a sender: fill in your email in the profile, \
                    or set [smtp] from in the config file"
                .into(),
        );
    }
    Ok(Sender {
        name: profile.full_name.trim().to_owned(),
        email: profile.email.trim().to_owned(),
    })
}

fn write_emls(
    store: &Store,
    loaded: &Loaded,
    plan: &Plan,
    dir: &Path,
    out: &mut dyn Write,
) -> CliResult<()> {
    let from = export_sender(store, loaded)?;
    paths::create_private_dir(dir)?;
    for ready in &plan.ready {
        let p = &ready.program;
        let path = dir.join(format!(
            "{}-{}-{}.eml",
            p.state.code(),
            p.id.0,
            slug(&p.name)
        ));
        export_eml(store, &ready.draft, from.clone(), &path)?;
        writeln!(out, "wrote {}", clean(&path.display().to_string()))?;
    }
    writeln!(
        out,
        "wrote {} to {} (nothing recorded in the database)",
        plural(plan.ready.len(), ".eml file"),
        clean(&dir.display().to_string())
    )?;
    Ok(())
}

fn send(
    store: &mut Store,
    db: &Path,
    config_path: &Path,
    loaded: &Loaded,
    args: &OutreachArgs,
    plan: &Plan,
    out: &mut dyn Write,
) -> CliResult {
    let smtp = loaded.config.smtp.as_ref().ok_or_else(|| {
        format!(
            "--send needs an [smtp] section in {}; see config.example.toml in the usce \
             sources, or use --eml-dir DIR to write the emails to files instead",
            config_path.display()
        )
    })?;
    let sent_dir = sent_dir(db);
    let mailer = Mailer {
        smtp,
        sent_dir: &sent_dir,
        follow_up_days: loaded.config.follow_up.after_send_days,
    };
    let pace = Pace {
        delay: Duration::from_secs(args.delay.unwrap_or(loaded.config.outreach.delay_secs)),
        max_per_day: args.max_per_day.or(loaded.config.outreach.max_per_day),
    };
    let mut printed: CliResult<()> = Ok(());
    let outcome = outreach::send_batch(
        store,
        &mailer,
        &plan.ready,
        pace,
        &mut std::thread::sleep,
        &mut |ready: &Ready, sent: &Sent| {
            if printed.is_ok() {
                printed = writeln!(
                    out,
                    "sent    {} → {} ({})",
                    heading(ready),
                    clean(&sent.draft.to),
                    clean(&sent.server_response)
                )
                .map_err(Into::into);
            }
            let imap = loaded.config.imap.as_ref();
            if let Some(warning) = crate::sync::save_sent_copy(imap, &sent.eml_path)
                && printed.is_ok()
            {
                printed = writeln!(out, "warning: {}", clean(&warning)).map_err(Into::into);
            }
        },
    );
    printed?;
    let total = plan.ready.len();
    let unsent = outcome.unsent(total);
    let code = match &outcome.stop {
        None => ExitCode::SUCCESS,
        Some(Stop::Failed { index, error }) => {
            if let Some(ready) = plan.ready.get(*index) {
                writeln!(
                    out,
                    "FAILED  {}: {}",
                    heading(ready),
                    clean(&error.to_string())
                )?;
            }
            ExitCode::FAILURE
        }
        Some(Stop::DailyCap { sent_today, .. }) => {
            writeln!(
                out,
                "daily limit reached: {} sent today",
                plural(*sent_today, "email")
            )?;
            ExitCode::SUCCESS
        }
    };
    for (index, error) in &outcome.skipped {
        if let Some(ready) = plan.ready.get(*index) {
            writeln!(
                out,
                "SKIPPED {}: {}",
                heading(ready),
                clean(&error.to_string())
            )?;
        }
    }
    let skipped = match outcome.skipped.len() {
        0 => String::new(),
        n => format!(", {n} skipped for a bad address"),
    };
    writeln!(
        out,
        "sent {}, {} not sent{skipped}",
        outcome.sent.len(),
        unsent.len()
    )?;
    if !unsent.is_empty() {
        for ready in plan.ready.get(unsent).unwrap_or_default() {
            writeln!(out, "   not sent: {}", heading(ready))?;
        }
        writeln!(
            out,
            "run the same command again to continue: programs already sent this template are skipped"
        )?;
    }
    Ok(code)
}

/// A file-name-safe form of a program name.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    slug.trim_end_matches('-').to_owned()
}

fn plural(n: usize, word: &str) -> String {
    crate::domain::plural::count(n, word)
}
