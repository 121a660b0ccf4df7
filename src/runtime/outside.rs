//! Effects that reach outside the database: rendering templates, sending
//! mail, writing .eml files, the clipboard, the browser and the editor.
//! Each turns its outcome into actions; failures are explained to the user
//! and never end the app.

use std::io::{self, Read, Write};

use chrono::Utc;

use super::{Screen, Services};
use crate::app::action::{Action, ProgramLoaded};
use crate::app::effect::Effect;
use crate::clock;
use crate::mail::Sender;
use crate::outreach::{self, Mailer};
use crate::store::Store;

pub fn perform(services: &mut Services, screen: &mut dyn Screen, effect: Effect) -> Vec<Action> {
    match effect {
        Effect::Compose {
            program,
            contact,
            template,
        } => {
            match outreach::compose(
                &services.store,
                &services.templates,
                program,
                contact,
                &template,
                clock::today(),
            ) {
                Ok(draft) => match services.store.save_draft(&draft) {
                    Ok(saved) => vec![Action::DraftComposed(Box::new(saved))],
                    Err(e) => vec![Action::Failed(e.to_string())],
                },
                Err(e) => vec![Action::Report(
                    format!("Cannot compose “{template}”"),
                    vec![
                        e.to_string(),
                        String::new(),
                        "P opens your profile; Enter on a contact edits it.".into(),
                    ],
                )],
            }
        }
        Effect::SendDraft(id) => send(services, id, false),
        Effect::SendDraftAgain(id) => send(services, id, true),
        Effect::ExportEml { draft, path } => {
            let result = services
                .store
                .get_draft(draft)
                .map_err(|e| e.to_string())
                .and_then(|d| d.ok_or_else(|| "the draft is gone".to_string()))
                .and_then(|d| {
                    let from = sender(services)?;
                    outreach::export_eml(&services.store, &d, from, &path)
                        .map_err(|e| e.to_string())
                });
            match result {
                Ok(()) => vec![Action::Done(format!(
                    "Saved {} (private, 0600).",
                    path.display()
                ))],
                Err(e) => vec![Action::Failed(format!("Could not save the .eml: {e}"))],
            }
        }
        Effect::CopyText(text) => match screen.write_raw(&osc52(&text)) {
            Ok(()) => vec![Action::Done(
                "Copied the body to the clipboard (OSC 52).".into(),
            )],
            Err(e) => vec![Action::Failed(format!("Could not copy: {e}"))],
        },
        Effect::OpenUrl(url) => match crate::open::open_url(&url) {
            Ok(()) => vec![Action::Done("Opened in your browser or mail app.".into())],
            Err(e) => vec![Action::Failed(format!("Could not open {url}: {e}"))],
        },
        Effect::EditExternally(text) => match edit_externally(screen, &text) {
            Ok(edited) => vec![Action::EditorClosed(edited)],
            Err(e) => vec![Action::Failed(e)],
        },
        Effect::PlanBatch { template, programs } => {
            vec![super::batch::plan(services, &template, programs)]
        }
        Effect::StartBatch { .. } if services.batch.is_some() => {
            vec![Action::Failed(
                "A batch is already being sent; wait for it to finish.".into(),
            )]
        }
        Effect::StartBatch { template, programs } => {
            match super::batch::start(services, template, programs) {
                Ok(rx) => {
                    services.batch = Some(rx);
                    vec![Action::Done(
                        "Sending in the background; progress shows here.".into(),
                    )]
                }
                Err(e) => vec![Action::Report("Batch not started".into(), vec![e])],
            }
        }
        Effect::SaveSmtp(smtp) => {
            match crate::config::smtp_file::save_smtp(&services.config_path, &smtp) {
                Ok(()) => {
                    services.config.smtp = Some((*smtp).clone());
                    vec![Action::SmtpSaved(smtp)]
                }
                Err(e) => vec![Action::Failed(format!("Not saved: {e}"))],
            }
        }
        Effect::SendTest => vec![send_test(services)],
        Effect::CompletePath(prefix) => vec![Action::PathCompleted(complete_path(&prefix))],
        _ => Vec::new(),
    }
}

/// A short message to the user's own address through the configured
/// server: proves host, login and password before real outreach.
fn send_test(services: &Services) -> Action {
    let Some(smtp) = &services.config.smtp else {
        return Action::Failed("Sending is not set up yet.".into());
    };
    let result = (|| {
        let from = smtp.sender().map_err(|e| e.to_string())?;
        let profile = services.store.profile().map_err(|e| e.to_string())?;
        let mail = crate::mail::OutgoingMail {
            from,
            to: vec![profile.email.clone()],
            cc: Vec::new(),
            subject: "usce test message".into(),
            body: "This is a test from usce. If you can read it, sending works.\n".into(),
            attachments: Vec::new(),
        };
        let built = crate::mail::build_message(&mail).map_err(|e| e.to_string())?;
        crate::mail::send(smtp, &built.message).map_err(|e| e.to_string())?;
        Ok::<_, String>(profile.email)
    })();
    match result {
        Ok(to) => Action::Done(format!(
            "Test message sent to {to}. Check your inbox (and spam folder)."
        )),
        Err(e) => Action::Report("The test message was not sent".into(), vec![e]),
    }
}

/// Completes a typed path ("~/" understood) from the folder's listing.
fn complete_path(prefix: &str) -> String {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let expanded = match (prefix.strip_prefix("~/"), &home) {
        (Some(rest), Some(h)) => h.join(rest).display().to_string(),
        _ => prefix.to_string(),
    };
    let dir = match expanded.rfind('/') {
        Some(i) => expanded[..=i].to_string(),
        None => ".".to_string(),
    };
    let entries: Vec<(String, bool)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        e.path().is_dir(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let typed_name = match prefix.rfind('/') {
        Some(i) => &prefix[i + 1..],
        None => prefix,
    };
    let typed_dir = &prefix[..prefix.len() - typed_name.len()];
    crate::app::onboarding::complete_path(&format!("{typed_dir}{typed_name}"), &entries)
        .unwrap_or_else(|| prefix.to_string())
}

/// Who the mail is from: the SMTP `from`, else the profile's name and email.
fn sender(services: &Services) -> Result<Sender, String> {
    if let Some(smtp) = &services.config.smtp {
        return smtp.sender().map_err(|e| e.to_string());
    }
    let profile = services.store.profile().map_err(|e| e.to_string())?;
    if profile.email.is_empty() {
        return Err(
            "set your email in the profile (P) or an [smtp] from address in config.toml".into(),
        );
    }
    Ok(Sender {
        name: profile.full_name,
        email: profile.email,
    })
}

fn send(services: &mut Services, id: crate::domain::DraftId, again: bool) -> Vec<Action> {
    let Some(smtp) = services.config.smtp.clone() else {
        return vec![Action::Report(
            "Sending is not set up".into(),
            vec![
                "Press W and choose “Set up sending by email”: usce writes the [smtp] section"
                    .into(),
                format!(
                    "of {} for you (the password stays out of it).",
                    services.config_path.display()
                ),
                String::new(),
                "Meanwhile: x saves a .eml file, m opens your mail app, y copies the body.".into(),
            ],
        )];
    };
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: &services.sent_dir,
        follow_up_days: services.config.follow_up.after_send_days,
    };
    let sent = if again {
        outreach::send_draft_again(&mut services.store, &mailer, id, Utc::now())
    } else {
        outreach::send_draft(&mut services.store, &mailer, id, Utc::now())
    };
    match sent {
        Err(outreach::SendDraftError::TemplateAlreadySent { template }) => vec![Action::Ask(
            format!(
                "This program was already sent “{template}”. Send it again (a second nudge, say)?"
            ),
            Box::new(Effect::SendDraftAgain(id)),
        )],
        Ok(sent) => {
            let program = sent.draft.program_id;
            let mut actions = reload(&services.store, program);
            actions.push(Action::Done(format!(
                "Sent to {}. Server: {}. Follow-up set for {}.",
                sent.draft.to,
                sent.server_response.trim(),
                sent.follow_up.due.format("%-d %b")
            )));
            actions
        }
        Err(e) => {
            // Only the kind of failure is logged: the message can carry a
            // password command's stderr.
            tracing::warn!(draft = id.0, "send failed");
            vec![Action::Report(
                "Not sent — the draft is unchanged".into(),
                vec![e.to_string()],
            )]
        }
    }
}

/// Fresh rows for a program after something changed several of them.
fn reload(store: &Store, program: crate::domain::ProgramId) -> Vec<Action> {
    let mut actions = Vec::new();
    match store.get_program(program) {
        Ok(Some(p)) => actions.push(Action::ProgramSaved(Box::new(p))),
        Ok(None) => {}
        Err(e) => actions.push(Action::Failed(e.to_string())),
    }
    let loaded = (|| {
        Ok::<_, crate::store::StoreError>(ProgramLoaded {
            program,
            contacts: store.list_contacts(program)?,
            interactions: store.list_interactions(program)?,
            draft: store.current_draft(program)?,
            follow_ups: store
                .list_follow_ups(program)?
                .into_iter()
                .filter(|f| f.is_open())
                .collect(),
            status_changes: store.list_status_changes(program)?,
        })
    })();
    match loaded {
        Ok(l) => actions.push(Action::ProgramLoaded(Box::new(l))),
        Err(e) => actions.push(Action::Failed(e.to_string())),
    }
    actions
}

/// The OSC 52 sequence that asks the terminal to set the clipboard; it
/// works over SSH, where no local clipboard tool could.
pub fn osc52(text: &str) -> Vec<u8> {
    use crossterm::Command;
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ =
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(text).write_ansi(&mut sequence);
    sequence.into_bytes()
}

/// Writes the text to a private temp file, runs $VISUAL/$EDITOR on it
/// (argv, no shell) with the terminal handed over, and reads it back.
fn edit_externally(screen: &mut dyn Screen, text: &str) -> Result<String, String> {
    let argv =
        crate::open::editor_command(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok())
            .ok_or("set $VISUAL or $EDITOR to edit drafts in your editor")?;
    let dir = std::env::temp_dir().join(format!("usce-{}", std::process::id()));
    let path = dir.join("draft.eml.txt");
    let mut file = crate::paths::create_private_file(&path).map_err(|e| e.to_string())?;
    file.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    drop(file);
    let result = screen.suspended(&mut || {
        let status = std::process::Command::new(&argv[0])
            .args(&argv[1..])
            .arg(&path)
            .status()?;
        if !status.success() {
            return Err(io::Error::other(format!(
                "{} exited with {status}",
                argv[0]
            )));
        }
        let mut edited = String::new();
        std::fs::File::open(&path)?.read_to_string(&mut edited)?;
        Ok(edited)
    });
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_dir(&dir);
    result.map_err(|e| format!("The editor did not finish: {e}. The draft is unchanged."))
}
