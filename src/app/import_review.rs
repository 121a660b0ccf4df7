//! The import preview's mapping step (issue 16 item 3): every source column
//! with what it maps to, which came from a saved mapping, and a picker to
//! map a column to another field (or ignore it) before confirming. A
//! change re-runs the preview with it; yes imports with the choices, and
//! the import saves them under the file's headers.
//!
//! A file without a state column asks first for one state for every row
//! (item 4), read by the same state parser as every other state field.

use super::command::Command;
use super::effect::Effect;
use super::event::{ImportPreview, ImportRequest};
use super::route::{Handled, move_cursor};
use super::{AppState, Input, InputPurpose, Popup};
use crate::domain::fields::parse;
use crate::import::mapping::{Choice, field_keys, parse_field, second_person_keys};

/// The preview being looked at, the column selected, and the picker's
/// cursor when it is open.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReview {
    pub preview: ImportPreview,
    pub selected: usize,
    /// The picker's highlighted entry in [`picker_entries`].
    pub picking: Option<usize>,
}

/// What the picker offers: "ignored", every field key, then the people
/// fields of a second person of each role (`coordinator_email_2`).
pub fn picker_entries() -> Vec<String> {
    std::iter::once("ignored".to_string())
        .chain(field_keys())
        .chain(second_person_keys())
        .collect()
}

/// A preview of a file without a state column asks for one state for
/// every row first (and so opens nothing else); any other is handed back.
pub fn asks_for_a_state(state: &mut AppState, preview: ImportPreview) -> Option<ImportPreview> {
    if !preview.needs_state {
        return Some(preview);
    }
    let label = format!(
        "{} has no state column — the state of every row",
        file_name(&preview)
    );
    let mut request = preview.request;
    request.path = preview.path;
    state.input = Some(Input::new(
        InputPurpose::ImportState {
            request: Box::new(request),
        },
        label,
        "",
    ));
    None
}

/// A preview that lists its columns opens the mapping step beside its
/// confirmation, or beside the list of why it cannot be imported (a column
/// mapped wrongly is fixed there); any other clears an earlier one.
pub fn review(state: &mut AppState, preview: &ImportPreview) {
    state.import_review = (!preview.columns.is_empty()).then(|| {
        let mut preview = preview.clone();
        preview.request.path = preview.path.clone();
        Box::new(ImportReview {
            preview,
            selected: 0,
            picking: None,
        })
    });
}

impl AppState {
    /// The mapping step, while the confirmation it belongs to is open (the
    /// question imports the file the review lists), or the list of the
    /// problems of the preview it holds.
    pub fn reviewing(&self) -> Option<&ImportReview> {
        let review = self.import_review.as_deref()?;
        let path = match &self.popup {
            Some(Popup::Info { lines, .. })
                if review.preview.summary.is_none() && *lines == review.preview.problems =>
            {
                return Some(review);
            }
            Some(Popup::Confirm {
                effect: Effect::ApplyImport(path),
                ..
            }) => path,
            Some(Popup::Confirm {
                effect: Effect::ApplyImportWith(request),
                ..
            }) => &request.path,
            _ => return None,
        };
        (*path == review.preview.path).then_some(review)
    }
}

fn file_name(preview: &ImportPreview) -> String {
    preview.path.file_name().map_or_else(
        || preview.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The state typed for every row: previewed again with it, or refused
/// with the parser's reason (and its did-you-mean).
pub fn state_typed(
    request: &ImportRequest,
    text: &str,
    effects: &mut Vec<Effect>,
) -> Result<(), String> {
    let state = parse::state(text).map_err(String::from)?;
    let mut request = request.clone();
    request.state = Some(state);
    effects.push(Effect::PreviewImportWith(Box::new(request)));
    Ok(())
}

/// Commands while the mapping step is open.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    let Some(review) = state.import_review.as_deref_mut() else {
        return Handled::Ignored;
    };
    if let Some(picked) = review.picking.as_mut() {
        return match cmd {
            Command::Confirm | Command::Submit => {
                let entry = picker_entries().get(*picked).cloned().unwrap_or_default();
                let request = rechosen(review, &entry);
                closed(state);
                effects.push(Effect::PreviewImportWith(Box::new(request)));
                Handled::Consumed
            }
            Command::Cancel => {
                review.picking = None;
                Handled::Consumed
            }
            Command::ChangeMapping => Handled::Consumed,
            _ => move_cursor(cmd, picked, picker_entries().len(), page),
        };
    }
    match cmd {
        // A refused file has nothing to say yes to: only a mapping or
        // the file can change that.
        Command::Confirm if review.preview.summary.is_none() => Handled::Consumed,
        Command::Confirm => {
            if let Some(Popup::Confirm { effect, .. }) = state.popup.take() {
                effects.push(effect);
            }
            closed(state);
            Handled::Consumed
        }
        // A refused file's list of problems stays, to be scrolled whole;
        // a second Esc closes it.
        Command::Cancel if review.preview.summary.is_none() => {
            state.import_review = None;
            Handled::Consumed
        }
        Command::Cancel => {
            closed(state);
            Handled::Consumed
        }
        Command::ChangeMapping => {
            review.picking = Some(current_entry(review));
            Handled::Consumed
        }
        _ => {
            let len = review.preview.columns.len();
            move_cursor(cmd, &mut review.selected, len, page)
        }
    }
}

/// The question and its mapping step go together.
fn closed(state: &mut AppState) {
    state.popup = None;
    state.import_review = None;
}

/// The picker opens on what the selected column maps to now.
fn current_entry(review: &ImportReview) -> usize {
    let target = review
        .preview
        .columns
        .get(review.selected)
        .map(|c| c.target.as_str())
        .unwrap_or_default();
    let key = target.split(' ').next().unwrap_or_default();
    picker_entries().iter().position(|e| e == key).unwrap_or(0)
}

/// The request with the selected column mapped to `entry` (a field key or
/// "ignored"); this time's earlier picks are kept.
fn rechosen(review: &ImportReview, entry: &str) -> ImportRequest {
    let mut request = review.preview.request.clone();
    let Some(column) = review.preview.columns.get(review.selected) else {
        return request;
    };
    let choice = parse_field(entry).unwrap_or(Choice::Ignore);
    request.choices.retain(|(h, _)| h != &column.header);
    request.choices.push((column.header.clone(), choice));
    request
}
