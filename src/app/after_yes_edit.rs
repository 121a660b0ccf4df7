//! Editing inside the after-yes overlays (issue 19's follow-up): change or
//! remove the document under the cursor (`e`, `x` in `K`), record an
//! application's submitted-on date and decision (`o` in `E`), and type a
//! rotation's travel cost (`t` in `$`). Each opens a one-line prompt
//! filled with what is stored, so editing is retyping the part that
//! changed; dates go through the shared parser (`fields::parse::date`).

use chrono::NaiveDate;

use super::effect::Effect;
use super::{AppState, Input, InputPurpose, Popup};
use crate::domain::ProgramId;
use crate::domain::application::Decision;
use crate::domain::budget::BudgetLine;
use crate::domain::costs::parse_amount;
use crate::domain::documents::{Document, DocumentId};
use crate::domain::fields::parse;

/// The row under the cursor of a list of `len` rows (the cursor may have
/// run past the end: scrolling does not know the length).
fn row(scroll: usize, len: usize) -> Option<usize> {
    (len > 0).then(|| scroll.min(len - 1))
}

/// The shelf document under the cursor of the documents overlay.
pub fn selected_document(state: &AppState, scroll: usize) -> Option<&Document> {
    let docs = &state.plans.documents;
    row(scroll, docs.len()).and_then(|i| docs.get(i))
}

/// The budget line under the cursor of the budget overlay.
pub fn selected_budget_line(state: &AppState, scroll: usize) -> Option<BudgetLine> {
    let lines = state.plans.budget(state.list.programs()).lines;
    row(scroll, lines.len()).and_then(|i| lines.into_iter().nth(i))
}

fn day_text(day: Option<NaiveDate>) -> String {
    day.map_or(String::new(), |d| d.to_string())
}

/// `e` over the shelf: the document's kind and dates, to retype.
pub fn edit_document(state: &mut AppState, scroll: usize) {
    let Some(doc) = selected_document(state, scroll) else {
        state.error("No document to edit: `a` adds one.");
        return;
    };
    let text = format!(
        "{}, {}, {}",
        doc.kind.label(),
        day_text(doc.obtained),
        if doc.expiry_is_typed() {
            day_text(doc.expires)
        } else {
            String::new()
        }
    );
    let label = "Document: kind, date obtained[, expiry] (blank expiry: the kind's default)";
    state.input = Some(Input::new(
        InputPurpose::EditDocument(doc.id),
        label,
        text.trim_end_matches([',', ' ']),
    ));
}

/// `x` over the shelf: asks first, then removes the document.
pub fn remove_document(state: &mut AppState, scroll: usize) {
    let Some(doc) = selected_document(state, scroll) else {
        state.error("No document to remove.");
        return;
    };
    let message = format!("Remove the {} from the shelf?", doc.kind.label());
    let effect = Effect::DeleteDocument(doc.id);
    state.confirm_returns_to = state.popup.take();
    state.popup = Some(Popup::Confirm { message, effect });
}

/// "KIND, OBTAINED[, EXPIRES]": the parts of a document as typed, dates
/// in any form the shared parser reads, commas and all ("TB test, Sept 1,
/// 2026").
pub fn document_parts(text: &str) -> Result<Document, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let kind = parts
        .first()
        .and_then(|k| crate::domain::documents::DocKind::parse(k))
        .ok_or("A document needs a kind: TB test, BLS, passport…")?;
    let mut doc = Document::new(kind);
    (doc.obtained, doc.expires) = two_dates(&parts[1..], ("obtained", "expiry"))?;
    Ok(doc)
}

/// Two optional dates from comma-separated parts, where a date may hold
/// a comma itself ("March 5, 2027"): the split at which both read with the longest first.
fn two_dates(
    parts: &[&str],
    what: (&str, &str),
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), String> {
    let joined = |ps: &[&str]| ps.join(", ");
    // From the longest first date down, so one date is the obtained one.
    for split in (0..=parts.len()).rev() {
        let first = optional_day(Some(&joined(&parts[..split])), what.0);
        let second = optional_day(Some(&joined(&parts[split..])), what.1);
        if let (Ok(a), Ok(b)) = (first, second) {
            return Ok((a, b));
        }
    }
    // None reads: say what is wrong with the plain reading.
    let a = optional_day(parts.first().copied(), what.0)?;
    let b = optional_day(Some(&joined(parts.get(1..).unwrap_or_default())), what.1)?;
    Ok((a, b))
}

/// A blank part is no date; anything else goes through the shared parser.
fn optional_day(part: Option<&str>, what: &str) -> Result<Option<NaiveDate>, String> {
    match part.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => parse::date(p)
            .map(Some)
            .map_err(|e| format!("{e} ({what})")),
    }
}

/// The edited document: the typed parts over the stored one, so its file
/// path and notes (not in the prompt) are kept.
pub fn document_edited(
    state: &AppState,
    id: DocumentId,
    text: &str,
    effects: &mut Vec<Effect>,
) -> Result<(), String> {
    let typed = document_parts(text)?;
    let Some(stored) = state.plans.documents.iter().find(|d| d.id == id) else {
        return Err("That document is gone from the shelf.".into());
    };
    let doc = Document {
        kind: typed.kind,
        obtained: typed.obtained,
        expires: typed.expires,
        ..stored.clone()
    };
    effects.push(Effect::UpdateDocument(Box::new(doc)));
    Ok(())
}

/// `o` in a checklist: the application's submitted-on date, decision and
/// decision date, as stored (blank when there is no application yet).
pub fn edit_outcome(state: &mut AppState, program: ProgramId) {
    let app = state
        .plans
        .applications
        .iter()
        .rev()
        .find(|a| a.program_id == program);
    let text = match app {
        Some(a) => format!(
            "{}, {}, {}",
            day_text(a.submitted_on),
            a.decision.code(),
            day_text(a.decided_on)
        ),
        None => format!("{}, pending", state.today),
    };
    let label = "Submitted on, decision[, decided on] (2026-12-01, accepted, 2027-01-10)";
    state.input = Some(Input::new(
        InputPurpose::ApplicationOutcome(program),
        label,
        text.trim_end_matches([',', ' ']),
    ));
}

/// What the outcome prompt read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub submitted_on: Option<NaiveDate>,
    pub decision: Decision,
    pub decided_on: Option<NaiveDate>,
}

/// "2026-12-01, accepted, 2027-01-10". A decision other than pending
/// with no date was decided `today`; pending has no decision date.
pub fn parse_outcome(text: &str, today: NaiveDate) -> Result<Outcome, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    // The decision word splits the dates, which may hold commas.
    let (submitted_on, decision, decided_on) = match parts
        .iter()
        .position(|p| Decision::parse(p).is_some())
    {
        Some(i) => (
            optional_day(Some(&parts[..i].join(", ")), "submitted on")?,
            Decision::parse(parts[i]).unwrap_or_default(),
            optional_day(Some(&parts[i + 1..].join(", ")), "decided on")?,
        ),
        None => match optional_day(Some(text.trim()), "submitted on") {
            Ok(day) => (day, Decision::Pending, None),
            Err(_) if parts.len() > 1 => {
                let word = parts[parts.len() - 1];
                return Err(format!(
                    "{word:?} is not a decision: pending, accepted, waitlisted, declined or withdrawn"
                ));
            }
            Err(e) => return Err(e),
        },
    };
    let decided_on = match (decision, decided_on) {
        (Decision::Pending, _) => None,
        (_, Some(day)) => Some(day),
        (_, None) => Some(today),
    };
    Ok(Outcome {
        submitted_on,
        decision,
        decided_on,
    })
}

pub fn outcome_typed(
    state: &AppState,
    program: ProgramId,
    text: &str,
    effects: &mut Vec<Effect>,
) -> Result<(), String> {
    let outcome = parse_outcome(text, state.today)?;
    effects.push(Effect::SaveOutcome { program, outcome });
    Ok(())
}

/// `t` in the budget: the travel cost of the rotation under the cursor.
pub fn edit_travel(state: &mut AppState, scroll: usize) {
    let Some(line) = selected_budget_line(state, scroll) else {
        state.error("Nothing planned yet: record a rotation (L) first.");
        return;
    };
    let Some(rotation) = line.rotation_id else {
        state.error("Travel belongs to a rotation: record this one in L first.");
        return;
    };
    let current = format!("{}.{:02}", line.travel.0 / 100, line.travel.0 % 100);
    state.input = Some(Input::new(
        InputPurpose::Travel(rotation),
        "Travel (flights, trains, visa) for this rotation: an amount, 0 for none",
        &current,
    ));
}

pub fn travel_typed(
    rotation: crate::domain::RotationId,
    text: &str,
    effects: &mut Vec<Effect>,
) -> Result<(), String> {
    let amount = parse_amount(text)
        .ok_or_else(|| format!("{text:?} is not an amount like 450 or 1,200.50"))?;
    effects.push(Effect::SetTravel(rotation, amount));
    Ok(())
}
