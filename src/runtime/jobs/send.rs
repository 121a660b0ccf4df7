//! Sending one draft, and the onboarding's test message, as jobs: the SMTP
//! conversation can take seconds (a slow server, a password manager that
//! asks), and the screen must keep answering meanwhile.
//!
//! Either can be cancelled until the server has taken the login; from MAIL
//! FROM on (and so through DATA) a send runs to its end, because a message
//! cut off there may or may not have gone out.

use std::path::PathBuf;

use super::{Job, RunParams};
use crate::app::effect::Effect;
use crate::app::event::{Event, ProgramLoaded};
use crate::app::jobs::{JobKind, Progress};
use crate::clock::Clock;
use crate::domain::{DraftId, ProgramId};
use crate::mail::{SendError, SmtpConfig, SmtpStep};
use crate::outreach::{self, Mailer, SendDraftError};
use crate::runtime::Services;
use crate::store::Store;

/// Copied out of `Services` for the worker.
struct Outbox {
    db: PathBuf,
    smtp: SmtpConfig,
    /// For `save_sent`: a copy into the Sent folder after the send.
    imap: Option<crate::mail::imap::ImapConfig>,
    sent_dir: PathBuf,
    follow_up_days: u32,
    /// The session's clock: the send's stamps and its follow-up date.
    clock: Clock,
}

/// Says where a send has got ("Sending to x (connecting)"); answers
/// whether to go on.
fn stepper<'a>(params: &'a RunParams, what: &'a str) -> impl FnMut(SmtpStep) -> bool + 'a {
    move |step| {
        if params.cancelled() {
            return false;
        }
        match step {
            SmtpStep::Connecting => params.report(format!("{what} (connecting)"), true),
            SmtpStep::Sending => params.report(format!("{what} (sending)"), false),
        }
        true
    }
}

/// Said instead of starting a send when config.toml has no [smtp].
pub fn not_set_up(services: &Services) -> Event {
    Event::Report(
        "Sending is not set up".into(),
        vec![
            "Press W and choose “Set up sending by email”: usce writes the [smtp] section".into(),
            format!(
                "of {} for you (the password stays out of it).",
                services.config_path.display()
            ),
            String::new(),
            "Meanwhile: x saves a .eml file, m opens your mail app, y copies the body.".into(),
        ],
    )
}

/// Sends a draft; `again` sends a template this program already received.
pub fn draft(services: &Services, smtp: SmtpConfig, id: DraftId, again: bool) -> Job {
    let outbox = Outbox {
        db: services.db_path.clone(),
        smtp,
        imap: services.config.imap.clone(),
        sent_dir: services.sent_dir.clone(),
        follow_up_days: services.config.follow_up.after_send_days,
        clock: services.clock,
    };
    let to = services
        .store
        .get_draft(id)
        .ok()
        .flatten()
        .map(|d| d.to)
        .unwrap_or_default();
    let what = format!("Sending to {to}");
    let start = Progress::new(format!("{what} (preparing)"), true);
    Job::new(JobKind::Send, start, move |params| {
        Ok(send_draft(&outbox, id, again, &what, params))
    })
}

fn send_draft(
    outbox: &Outbox,
    id: DraftId,
    again: bool,
    what: &str,
    params: &RunParams,
) -> Vec<Event> {
    let mut store = match Store::open(&outbox.db) {
        Ok(store) => store.with_clock(outbox.clock),
        Err(e) => return vec![Event::Failed(e.to_string())],
    };
    let mailer = Mailer {
        smtp: &outbox.smtp,
        sent_dir: &outbox.sent_dir,
        follow_up_days: outbox.follow_up_days,
    };
    let sent = outreach::send_draft_reporting(
        &mut store,
        &mailer,
        id,
        outbox.clock.now(),
        again,
        &mut stepper(params, what),
    );
    match sent {
        Err(outreach::SendDraftError::TemplateAlreadySent { template }) => {
            vec![already_sent(&store, id, &template)]
        }
        Err(SendDraftError::InFlight(entry)) => vec![Event::Report(
            "Not sent — an earlier send of it is not recorded yet".into(),
            vec![
                SendDraftError::InFlight(entry).to_string(),
                String::new(),
                "Restart usce to be asked whether it went out.".into(),
            ],
        )],
        Err(SendDraftError::Smtp(SendError::Cancelled)) => vec![Event::Done(
            "Send cancelled before it reached the server; the draft is unchanged.".into(),
        )],
        Ok(sent) => {
            let program = sent.draft.program_id;
            let mut actions = reload(&store, program);
            actions.extend(due_list(&store));
            let saved = crate::sync::save_sent_copy(outbox.imap.as_ref(), &sent.eml_path)
                .map(|warning| format!(" Note: {warning}."))
                .unwrap_or_default();
            actions.push(Event::Done(format!(
                "Sent to {}. Server: {}. {}Follow-up set for {}.{saved}",
                sent.draft.to,
                sent.server_response.trim(),
                closed_words(sent.closed_follow_ups.len()),
                sent.follow_up.due.format("%-d %b")
            )));
            actions
        }
        Err(e) => {
            // Only the kind of failure is logged: the message can carry a
            // password command's stderr.
            tracing::warn!(draft = id.0, "send failed");
            vec![Event::Report(
                "Not sent — the draft is unchanged".into(),
                vec![e.to_string()],
            )]
        }
    }
}

/// Asks before a repeat, naming the earlier send: "Sent “request_rotation”
/// to gme@x.edu on 1 Dec 14:05 — send again?"
fn already_sent(store: &Store, id: DraftId, template: &str) -> Event {
    let first = store
        .get_draft(id)
        .ok()
        .flatten()
        .and_then(|d| store.first_send(d.program_id, template).ok().flatten());
    let when = first
        .map(|e| format!(" {}", e.to_and_when()))
        .unwrap_or_default();
    Event::Ask(
        format!(
            "This program was already sent “{template}”{when}. Send it again (a second nudge, say)?"
        ),
        Box::new(Effect::SendDraftAgain(id)),
    )
}

/// The Due view's list after a send closed the follow-ups it answered, so
/// the view and the header's count agree with `usce due`.
fn due_list(store: &Store) -> Option<Event> {
    match store.list_open_follow_ups() {
        Ok(list) => Some(Event::DueLoaded(list)),
        Err(e) => Some(Event::Failed(e.to_string())),
    }
}

/// Says what the send closed; nothing when it answered no follow-up.
fn closed_words(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "Closed the follow-up it answered. ".into(),
        n => format!(
            "Closed the {} it answered. ",
            crate::domain::plural::count(n, "follow-up")
        ),
    }
}

/// Fresh rows for a program after something changed several of them.
fn reload(store: &Store, program: ProgramId) -> Vec<Event> {
    let mut actions = Vec::new();
    match store.get_program(program) {
        Ok(Some(p)) => actions.push(Event::ProgramSaved(Box::new(p))),
        Ok(None) => {}
        Err(e) => actions.push(Event::Failed(e.to_string())),
    }
    let loaded = (|| {
        Ok::<_, crate::store::StoreError>(ProgramLoaded {
            program,
            contacts: store.list_contacts(program)?,
            interactions: store.list_interactions(program)?,
            draft: store.current_draft(program)?,
            sent: store.sent_messages(program)?,
            follow_ups: store
                .list_follow_ups(program)?
                .into_iter()
                .filter(|f| f.is_open())
                .collect(),
            status_changes: store.list_status_changes(program)?,
        })
    })();
    match loaded {
        Ok(l) => actions.push(Event::ProgramLoaded(Box::new(l))),
        Err(e) => actions.push(Event::Failed(e.to_string())),
    }
    actions
}

/// A short message to the user's own address through the configured
/// server: proves host, login and password before real outreach.
pub fn test_message(services: &Services, smtp: SmtpConfig) -> Result<Job, Event> {
    let profile = services
        .store
        .profile()
        .map_err(|e| Event::Report("The test message was not sent".into(), vec![e.to_string()]))?;
    let to = profile.email;
    let start = Progress::new(format!("Sending a test message to {to} (preparing)"), true);
    let what = format!("Sending a test message to {to}");
    let clock = services.clock;
    Ok(Job::new(JobKind::TestMessage, start, move |params| {
        Ok(vec![send_test(&smtp, &to, &what, clock, params)])
    }))
}

fn send_test(smtp: &SmtpConfig, to: &str, what: &str, clock: Clock, params: &RunParams) -> Event {
    let result = (|| {
        let from = smtp.sender()?;
        let mail = crate::mail::OutgoingMail {
            from,
            to: vec![to.to_owned()],
            cc: Vec::new(),
            subject: "usce test message".into(),
            body: "This is a test from usce. If you can read it, sending works.\n".into(),
            attachments: Vec::new(),
        };
        let built = crate::mail::build_message(&mail, clock.now())?;
        crate::mail::send_reporting(smtp, &built.message, &mut stepper(params, what))?;
        Ok::<_, SendDraftError>(())
    })();
    match result {
        Ok(()) => Event::Done(format!(
            "Test message sent to {to}. Check your inbox (and spam folder)."
        )),
        Err(SendDraftError::Smtp(SendError::Cancelled)) => {
            Event::Done("Test message cancelled before it reached the server.".into())
        }
        Err(e) => Event::Report("The test message was not sent".into(), vec![e.to_string()]),
    }
}
