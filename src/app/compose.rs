//! Draft commands: compose from a template, send, export, copy, mailto,
//! external editor, ready. Pure: each returns the effects to run.

use super::command::Command;
use super::effect::Effect;
use super::route::{Handled, close_popup, move_cursor};
use super::{AppState, Input, InputPurpose, Pane, Popup};
use crate::domain::rotation::rotation_done;
use crate::domain::{Contact, DraftStatus, ProgramId};
use crate::mail::mailto_url;

/// Opens the compose picker for the selected program.
pub fn start(state: &mut AppState) {
    let Some(program) = state.log.program else {
        state.info("Select a program first.");
        return;
    };
    if state.templates.is_empty() {
        state.error("No email templates found: see the templates folder in your config directory.");
        return;
    }
    // The contact step is skipped when the program has nobody on file.
    let contact = if state.log.contacts.is_empty() {
        Some(None)
    } else {
        None
    };
    state.popup = Some(Popup::Compose {
        program,
        contact,
        selected: 0,
    });
}

/// Commands while the compose picker (contact, then template) is open.
pub fn picker(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let (page, len) = (state.list.page(), choice_count(state));
    let Some(Popup::Compose { selected, .. }) = &mut state.popup else {
        return Handled::Ignored;
    };
    match cmd {
        Command::Submit => {
            choose(state, effects);
            Handled::Consumed
        }
        Command::Cancel => close_popup(state),
        _ => move_cursor(cmd, selected, len, page),
    }
}

/// Commands while batch outreach asks for its template.
pub fn batch_picker(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let (page, len) = (state.list.page(), state.templates.len());
    let Some(Popup::BatchTemplate { selected }) = &mut state.popup else {
        return Handled::Ignored;
    };
    match cmd {
        Command::Submit => {
            let chosen = *selected;
            plan_batch(state, chosen, effects);
            Handled::Consumed
        }
        Command::Cancel => close_popup(state),
        _ => move_cursor(cmd, selected, len, page),
    }
}

/// Choices shown in the compose picker for its current step.
pub fn choices(state: &AppState) -> Vec<String> {
    match &state.popup {
        Some(Popup::Compose { contact: None, .. }) => state
            .log
            .contacts
            .iter()
            .map(contact_choice)
            .chain(std::iter::once("(nobody in particular)".to_string()))
            .collect(),
        Some(Popup::Compose {
            contact: Some(_), ..
        }) => state.templates.clone(),
        _ => Vec::new(),
    }
}

fn contact_choice(c: &Contact) -> String {
    let name = if c.name.is_empty() {
        "(no name)"
    } else {
        &c.name
    };
    let email = if c.email.is_empty() {
        "no email".to_string()
    } else {
        c.email.clone()
    };
    format!("{}: {name} <{email}>", c.role.label())
}

/// Enter in the compose picker: choose the contact, then the template.
pub fn choose(state: &mut AppState, effects: &mut Vec<Effect>) {
    let Some(Popup::Compose {
        program,
        contact,
        selected,
    }) = state.popup.clone()
    else {
        return;
    };
    match contact {
        None => {
            let chosen = state.log.contacts.get(selected).map(|c| c.id);
            state.popup = Some(Popup::Compose {
                program,
                contact: Some(chosen),
                selected: 0,
            });
        }
        Some(contact) => {
            state.popup = None;
            if let Some(template) = state.templates.get(selected) {
                let compose = Effect::Compose {
                    program,
                    contact,
                    template: template.clone(),
                    answers: None,
                };
                match letter_without_rotation(state, program, template) {
                    Some(message) => {
                        state.popup = Some(Popup::Confirm {
                            message,
                            effect: compose,
                        })
                    }
                    None => effects.push(compose),
                }
            }
        }
    }
}

/// The template that asks for a letter of recommendation.
const LETTER_TEMPLATE: &str = "lor_request";

/// A letter request thanks the writer for a rotation, so it is composed
/// straight away only where one is done; elsewhere this says so, for a
/// confirmation first.
fn letter_without_rotation(state: &AppState, program: ProgramId, template: &str) -> Option<String> {
    let program = state.list.get(program)?;
    if template != LETTER_TEMPLATE || rotation_done(&state.rotations, program, state.today) {
        return None;
    }
    Some(format!(
        "No completed rotation at {} is on record, and {LETTER_TEMPLATE} thanks the writer \
         for one. Compose it anyway?",
        program.name
    ))
}

/// How many choices the picker has now (for moving the cursor).
pub fn choice_count(state: &AppState) -> usize {
    choices(state).len()
}

pub fn send(state: &mut AppState) {
    let d = &state.draft.draft;
    if state.draft.program.is_some() && d.status == DraftStatus::Sent {
        let sent = d.clone();
        super::sent::ask_send_again(state, &sent);
    } else if state.draft.program.is_some()
        && d.id.0 == 0
        && let Some(last) = state.log.sent.first()
    {
        // The pane emptied after a send: s offers that one again.
        let sent = last.draft.clone();
        super::sent::ask_send_again(state, &sent);
    } else if state.draft.program.is_none() || d.id.0 == 0 {
        state.info("Nothing to send yet: compose a draft with c.");
    } else if d.to.trim().is_empty() {
        let key = |command| {
            state
                .keymap
                .key_for(super::keymap::KeyContext::Draft, &command)
        };
        let (up, edit) = (key(Command::Up), key(Command::EditDraft));
        state.error(format!(
            "The draft has no To: address. Select To: ({up}) and press {edit} to fill it in."
        ));
    } else {
        let attach = match d.attachment_paths(&state.profile).len() {
            0 => String::new(),
            n => format!(" with {}", crate::domain::plural::count(n, "attachment")),
        };
        let notes = super::sent::send_notes(state);
        let d = &state.draft.draft;
        state.popup = Some(Popup::Confirm {
            message: format!("Send “{}” to {}{attach} now?{notes}", d.subject, d.to),
            effect: Effect::SendDraft(d.id),
        });
    }
}

pub fn export_eml(state: &mut AppState) {
    let d = &state.draft.draft;
    if d.id.0 == 0 {
        state.info("Nothing to export yet: compose a draft with c.");
        return;
    }
    let name = state
        .list
        .selected_program()
        .map(|p| slug(&p.name))
        .unwrap_or_else(|| "draft".into());
    let suggestion = format!("~/{name}.eml");
    state.input = Some(Input::new(
        InputPurpose::ExportEmlPath { draft: d.id },
        "Save .eml as",
        &suggestion,
    ));
}

/// A file-name-safe version of a program name.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "draft".into()
    } else {
        s.chars().take(60).collect()
    }
}

pub fn copy(state: &mut AppState, effects: &mut Vec<Effect>) {
    if state.draft.draft.body.trim().is_empty() {
        state.info("The draft is empty.");
    } else {
        effects.push(Effect::CopyText(state.draft.draft.body.clone()));
    }
}

pub fn mailto(state: &mut AppState, effects: &mut Vec<Effect>) {
    let d = &state.draft.draft;
    if d.to.trim().is_empty() && d.body.trim().is_empty() {
        state.info("The draft is empty.");
        return;
    }
    let split = |s: &str| {
        s.split([',', ';'])
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    };
    effects.push(Effect::OpenUrl(mailto_url(
        &split(&d.to),
        &split(&d.cc),
        &d.subject,
        &d.body,
    )));
    if !d.attachments.is_empty() {
        state.info("mailto: cannot carry attachments; attach your CV and scores in the mail app.");
    }
}

pub fn external_editor(state: &mut AppState, effects: &mut Vec<Effect>) {
    if state.draft.program.is_some() {
        // The body only: headers are the form's, so an edit out there can
        // never drop the To line or the template.
        effects.push(Effect::EditExternally(state.draft.draft.body.clone()));
    }
}

/// The external editor closed: its text replaces the draft and is saved.
pub fn editor_closed(state: &mut AppState, text: String, effects: &mut Vec<Effect>) {
    if state.draft.program.is_none() {
        return;
    }
    let text = crate::domain::text::multi_line(&text);
    let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
    state.draft.editor = super::draft::body_editor(&text);
    state.draft.draft.body = text;
    effects.push(Effect::SaveDraft(Box::new(state.draft.draft.clone())));
    state.focus = Pane::Draft;
}

pub fn toggle_ready(state: &mut AppState, effects: &mut Vec<Effect>) {
    let d = &mut state.draft.draft;
    if state.draft.program.is_none() || d.status == DraftStatus::Sent {
        return;
    }
    d.status = match d.status {
        DraftStatus::Ready => DraftStatus::Draft,
        _ => DraftStatus::Ready,
    };
    effects.push(Effect::SaveDraft(Box::new(d.clone())));
}

pub fn open_website(state: &mut AppState, effects: &mut Vec<Effect>) {
    match state
        .list
        .selected_program()
        .map(|p| p.website.trim().to_string())
    {
        Some(text) if !text.is_empty() => match crate::open::website_link(&text) {
            Ok(url) => effects.push(Effect::OpenUrl(url)),
            Err(why) => state.error(why),
        },
        _ => state.info("No website on file for this program (Enter to add one)."),
    }
}

/// `O`: choose a template to send to every program in the filtered list.
pub fn start_batch(state: &mut AppState) {
    if state.templates.is_empty() {
        state.error("No email templates found: see the templates folder in your config directory.");
    } else if state.list.matched_len() == 0 {
        state.info("The list is empty: nothing to write to.");
    } else {
        state.popup = Some(Popup::BatchTemplate { selected: 0 });
    }
}

/// Enter on a template: plan the batch over the filtered programs.
pub fn plan_batch(state: &mut AppState, selected: usize, effects: &mut Vec<Effect>) {
    state.popup = None;
    if let Some(template) = state.templates.get(selected) {
        effects.push(Effect::PlanBatch {
            template: template.clone(),
            programs: state.list.matched_ids(),
        });
        state.info("Preparing the batch…");
    }
}

/// How to write to a program the batch left out: on its own, where the
/// send names what the batch skipped it for and asks first.
const OVERRIDE_HINT: &str = "To write to a skipped program anyway, select it and compose (c): \
    sending it asks first, naming what was sent before or why it was skipped.";

/// The plan is back: confirm with the count, or explain why nothing goes.
pub fn batch_planned(state: &mut AppState, preview: super::event::BatchPreview) {
    let mut lines = preview.skipped.clone();
    if preview.ready == 0 {
        lines.insert(
            0,
            "No program in the list can be sent this template:".into(),
        );
        lines.push(String::new());
        lines.push(OVERRIDE_HINT.into());
        state.popup = Some(Popup::Info {
            title: format!("Nothing to send with “{}”", preview.template),
            lines,
            scroll: 0,
        });
        return;
    }
    let mut message = format!(
        "Send “{}” to {} in the list? Emails go out one at a time in the background; you can keep working.",
        preview.template,
        crate::domain::plural::count(preview.ready, "program"),
    );
    if !lines.is_empty() {
        message.push_str(&format!("\n\nSkipped: {}.", lines.join("; ")));
        message.push_str(&format!("\n{OVERRIDE_HINT}"));
    }
    state.popup = Some(Popup::Confirm {
        message,
        effect: Effect::StartBatch {
            template: preview.template,
            programs: preview.programs,
        },
    });
}

/// Templates in the order of the outreach workflow (ask for a rotation,
/// show interest, visit, follow up, alumni, thanks, letters), then any the
/// user added, alphabetically.
pub fn workflow_order(mut names: Vec<String>) -> Vec<String> {
    const ORDER: [&str; 7] = [
        "request_rotation",
        "express_interest",
        "ask_to_visit",
        "follow_up",
        "ask_alumnus",
        "thank_you",
        "lor_request",
    ];
    names.sort_by_key(|n| {
        (
            ORDER.iter().position(|o| o == n).unwrap_or(ORDER.len()),
            n.clone(),
        )
    });
    names
}

#[cfg(test)]
mod tests {
    #[test]
    fn templates_follow_the_workflow_then_the_alphabet() {
        let names = [
            "zebra",
            "follow_up",
            "ask_alumnus",
            "request_rotation",
            "apple",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            super::workflow_order(names),
            [
                "request_rotation",
                "follow_up",
                "ask_alumnus",
                "apple",
                "zebra"
            ]
        );
    }
}
