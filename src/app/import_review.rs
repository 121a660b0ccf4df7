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
use super::route::{Handled, close_popup, move_cursor};
use super::{AppState, Input, InputPurpose, Popup};
use crate::domain::fields::parse;
use crate::import::mapping::{Choice, field_keys, parse_field};

/// The preview being looked at, the column selected, and the picker's
/// cursor when it is open.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReview {
    pub preview: ImportPreview,
    pub selected: usize,
    /// The picker's highlighted entry in [`picker_entries`].
    pub picking: Option<usize>,
}

/// What the picker offers: "ignored", then every field key.
pub fn picker_entries() -> Vec<String> {
    std::iter::once("ignored".to_string())
        .chain(field_keys())
        .collect()
}

/// A preview with a summary and columns opens the mapping step; one that
/// lacks a state asks for it first. The caller handles the rest.
pub fn opened(state: &mut AppState, preview: ImportPreview) -> Option<ImportPreview> {
    if preview.needs_state {
        let label = format!(
            "{} has no state column — the state of every row",
            file_name(&preview)
        );
        state.input = Some(Input::new(
            InputPurpose::ImportState {
                request: Box::new(preview.request),
            },
            label,
            "",
        ));
        return None;
    }
    if preview.summary.is_none() || preview.columns.is_empty() {
        return Some(preview);
    }
    state.popup = Some(Popup::ImportReview(Box::new(ImportReview {
        preview,
        selected: 0,
        picking: None,
    })));
    None
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
    let Some(Popup::ImportReview(review)) = &mut state.popup else {
        return Handled::Ignored;
    };
    if let Some(picked) = review.picking.as_mut() {
        return match cmd {
            Command::Confirm | Command::Submit => {
                let entry = picker_entries().get(*picked).cloned().unwrap_or_default();
                let request = rechosen(review, &entry);
                state.popup = None;
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
        Command::Confirm => {
            let request = review.preview.request.clone();
            state.popup = None;
            effects.push(request.apply_effect());
            Handled::Consumed
        }
        Command::Cancel => close_popup(state),
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
