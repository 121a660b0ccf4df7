//! Effects that reach outside the database: writing .eml files, the
//! clipboard, the browser, the editor, and looking for attached files on
//! disk. (Sending mail runs on the job runner, `super::jobs`; composing,
//! which renders templates, is in `super::sent`.) Each turns its outcome
//! into events; failures are explained to the user and never end the app.

use std::io::{self, Read, Write};

use super::{Screen, Services};
use crate::app::effect::{AttachCheck, Effect};
use crate::app::event::Event;
use crate::mail::Sender;
use crate::outreach;

pub fn perform(services: &mut Services, screen: &mut dyn Screen, effect: Effect) -> Vec<Event> {
    match effect {
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
                Ok(()) => vec![Event::Done(format!(
                    "Saved {} (private, 0600).",
                    path.display()
                ))],
                Err(e) => vec![Event::Failed(format!("Could not save the .eml: {e}"))],
            }
        }
        Effect::CopyText(text) => match screen.write_raw(&osc52(&text)) {
            Ok(()) => vec![Event::Done(
                "Copied the body to the clipboard (OSC 52).".into(),
            )],
            Err(e) => vec![Event::Failed(format!("Could not copy: {e}"))],
        },
        Effect::OpenUrl(url) => {
            let browser = services.config.browser.as_deref();
            // What failed comes first and the reason right after it: a
            // mailto: link carries the whole draft, so it goes last, cut.
            let what = if url.starts_with("mailto:") {
                "Mail app not opened"
            } else {
                "Website not opened"
            };
            match crate::open::open_link(browser, &url) {
                Ok(()) => vec![Event::Done("Opened in your browser or mail app.".into())],
                Err(why) => vec![Event::Failed(format!(
                    "{what}: {why}. ({})",
                    crate::ui::text::fit(&url, 60)
                ))],
            }
        }
        Effect::EditExternally(text) => match edit_externally(screen, &text) {
            Ok(edited) => vec![Event::EditorClosed(edited)],
            Err(e) => vec![Event::Failed(e)],
        },
        Effect::SaveSmtp(smtp) => {
            match crate::config::smtp_file::save_smtp(&services.config_path, &smtp) {
                Ok(()) => {
                    services.config.smtp = Some((*smtp).clone());
                    vec![Event::SmtpSaved(smtp)]
                }
                Err(e) => vec![Event::Failed(format!("Not saved: {e}"))],
            }
        }
        Effect::CompletePath(prefix) => vec![Event::PathCompleted(complete_path(&prefix))],
        // A saved profile hears more than what is missing: each file's
        // size, and whether it is readable and within the limit.
        Effect::CheckAttachments {
            paths,
            why: AttachCheck::ProfileSaved,
        } => vec![Event::ProfileFilesChecked(outreach::attachments::check(
            &paths,
        ))],
        Effect::CheckAttachments { paths, why } => vec![Event::AttachmentsChecked {
            missing: outreach::attachments::missing(&paths),
            why,
        }],
        _ => Vec::new(),
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

/// A missing editor says which and what to do, not "No such file or
/// directory (os error 2)".
fn editor_not_started(program: &str, e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::NotFound {
        io::Error::new(
            e.kind(),
            format!(
                "{program} not found — install it, or set $VISUAL or $EDITOR to an editor you have (nano, say)"
            ),
        )
    } else {
        e
    }
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
            .status()
            .map_err(|e| editor_not_started(&argv[0], e))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_editor_is_named_with_what_to_do() {
        let e = editor_not_started("vim", io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(
            e.to_string(),
            "vim not found — install it, or set $VISUAL or $EDITOR to an editor you have (nano, say)"
        );
        let other = editor_not_started("vim", io::Error::from(io::ErrorKind::PermissionDenied));
        assert_eq!(other.kind(), io::ErrorKind::PermissionDenied);
    }
}
