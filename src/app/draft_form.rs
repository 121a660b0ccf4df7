//! The header form above the draft's body: Up/Down select To, Cc,
//! Subject or Attach (or the body, below them), Enter edits the selected
//! field in a one-line input. Addresses are checked as typed; attached
//! files are checked on disk (through an effect) before they are kept.

use super::effect::{AttachCheck, Effect};
use super::{AppState, Input, InputPurpose};
use crate::domain::attached_file::{self, CheckedFile, Found};
use crate::domain::draft_headers::profile_attachments;
use crate::domain::{DraftHeader, Profile};

/// Moves the selection one field up or down; the body sits below Attach.
pub fn select(state: &mut AppState, up: bool) {
    let pane = &mut state.draft;
    pane.header = match (pane.header, up) {
        (None, true) => DraftHeader::ALL.last().copied(),
        (None, false) => None,
        (Some(h), true) => h.above().or(Some(h)),
        (Some(h), false) => h.below(),
    };
}

/// Enter on a header: a one-line input holding its value.
pub fn edit(state: &mut AppState, header: DraftHeader) {
    let initial = header.get(&state.draft.draft);
    state.input = Some(Input::new(
        InputPurpose::DraftHeader(header),
        header.prompt(),
        &initial,
    ));
}

/// Text typed into a header field. A bad address keeps the input open
/// (the caller shows why); files are checked before they are kept.
pub fn typed(
    state: &mut AppState,
    header: DraftHeader,
    text: &str,
    effects: &mut Vec<Effect>,
) -> Result<(), String> {
    let Some(program) = state.draft.program else {
        return Ok(());
    };
    let mut changed = state.draft.draft.clone();
    header.set(&mut changed, text)?;
    if changed == state.draft.draft {
        return Ok(());
    }
    if header == DraftHeader::Attach && !changed.attach_from_profile {
        let paths = changed.attachment_paths(&state.profile);
        if !paths.is_empty() {
            effects.push(Effect::CheckAttachments {
                paths,
                why: AttachCheck::Typed {
                    program,
                    text: text.to_string(),
                },
            });
            return Ok(());
        }
    }
    keep(state, changed, effects);
    Ok(())
}

fn keep(state: &mut AppState, d: crate::domain::Draft, effects: &mut Vec<Effect>) {
    state.draft.draft = d;
    effects.push(Effect::SaveDraft(Box::new(state.draft.draft.clone())));
}

/// The disk answered: a typed Attach field is kept only when every file
/// is there; a composed draft or a saved profile names what is missing.
pub fn attachments_checked(
    state: &mut AppState,
    missing: Vec<String>,
    why: AttachCheck,
    effects: &mut Vec<Effect>,
) {
    let names = missing.join(", ");
    match why {
        AttachCheck::Typed { program, text } if state.draft.program == Some(program) => {
            if missing.is_empty() {
                let mut changed = state.draft.draft.clone();
                if DraftHeader::Attach.set(&mut changed, &text).is_ok() {
                    keep(state, changed, effects);
                }
            } else {
                let why = format!(
                    "No such file: {names}. The attachments are unchanged; fix the path or Esc."
                );
                state.error(why.clone());
                let purpose = InputPurpose::DraftHeader(DraftHeader::Attach);
                state.input = Some(
                    Input::continuing(purpose, DraftHeader::Attach.prompt(), &text).refused(why),
                );
            }
        }
        AttachCheck::Typed { .. } => {}
        _ if missing.is_empty() => {}
        AttachCheck::Composed(program) if state.draft.program == Some(program) => {
            state.error(format!(
                "Draft composed, but an attachment is missing: {names}. Fix the path in your \
                 profile (P) or the draft's Attach field before sending."
            ));
        }
        AttachCheck::Composed(_) => {}
        AttachCheck::ProfileSaved => {
            let files: Vec<CheckedFile> = missing
                .into_iter()
                .map(|path| CheckedFile {
                    path,
                    found: Found::Missing,
                })
                .collect();
            profile_files_checked(state, &files);
        }
    }
}

/// The profile's files as found after a save: their sizes ("cv.pdf ·
/// 412 KB"), or what is wrong, with a file above the attachment limit a
/// warning rather than a refusal (the profile is saved either way).
pub fn profile_files_checked(state: &mut AppState, files: &[CheckedFile]) {
    let (text, warning) = attached_file::report(files, crate::mail::message::MAX_ATTACHMENT_BYTES);
    if warning {
        state.error(text);
    } else {
        state.info(text);
    }
}

/// The profile is about to change to `new`: when its CV or score report
/// path changed, check that the files are there.
pub fn profile_saved(state: &AppState, new: &Profile, effects: &mut Vec<Effect>) {
    let paths = profile_attachments(new);
    if paths != profile_attachments(&state.profile) && !paths.is_empty() {
        effects.push(Effect::CheckAttachments {
            paths,
            why: AttachCheck::ProfileSaved,
        });
    }
}
