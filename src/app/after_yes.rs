//! After a program says yes (issue 19): the document shelf, a program's
//! application checklist and the budget, as overlays that scroll (the
//! `help` context), from the plans the runtime loads (`Effect::LoadPlans`).

use serde::{Deserialize, Serialize};

use super::command::Command;
use super::effect::Effect;
use super::route::Handled;
use super::{AppState, Popup};
use crate::domain::ProgramId;
use crate::domain::application::{ChecklistLine, checklist};
use crate::domain::documents::{best_of, parse_kinds};
use crate::domain::readiness::Plans;

/// Which overlay the loaded plans are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterYesView {
    Documents,
    Budget,
    /// The application checklist of one program.
    Checklist(ProgramId),
    /// No overlay: fresh plans for the rows' readiness and the Due view.
    Refresh,
}

/// `K`, `$`: load the plans; the overlay opens when they arrive.
pub fn open(view: AfterYesView, effects: &mut Vec<Effect>) {
    effects.push(Effect::LoadPlans(view));
}

/// `A`: the selected program's checklist.
pub fn open_checklist(state: &mut AppState, effects: &mut Vec<Effect>) {
    match state.list.selected_program() {
        Some(p) => open(AfterYesView::Checklist(p.id), effects),
        None => state.error("Select a program to see its application checklist."),
    }
}

/// The plans arrived: keep them (rows show readiness from them) and open
/// the overlay they were loaded for, keeping the cursor when it is
/// already open (a tick reloads them).
pub fn plans_loaded(state: &mut AppState, plans: Plans, view: AfterYesView) {
    state.plans = plans;
    if view == AfterYesView::Refresh {
        return;
    }
    let scroll = match &state.popup {
        Some(Popup::AfterYes { view: open, scroll }) if *open == view => *scroll,
        _ => 0,
    };
    state.popup = Some(Popup::AfterYes { view, scroll });
}

/// The checklist lines of `program` as the overlay shows them.
pub fn lines(state: &AppState, program: ProgramId) -> Vec<ChecklistLine<'_>> {
    let Some(p) = state.list.get(program) else {
        return Vec::new();
    };
    match state
        .plans
        .applications
        .iter()
        .rev()
        .find(|a| a.program_id == program)
    {
        Some(app) => checklist(p, app, &state.plans.documents),
        // No application yet: the program's kinds, none ticked.
        None => parse_kinds(&p.application.required_docs)
            .into_iter()
            .map(|kind| ChecklistLine {
                on_shelf: best_of(&state.plans.documents, &kind),
                item: None,
                kind,
            })
            .collect(),
    }
}

/// Commands over the after-yes overlays: `a` `e` `x` over the shelf,
/// `t` in the budget, and in a checklist Enter (tick) and `o` (outcome).
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    use super::after_yes_edit as edit;
    let Some(Popup::AfterYes { view, scroll }) = state.popup else {
        return Handled::Ignored;
    };
    match (view, cmd) {
        (AfterYesView::Documents, Command::AddDocument) => {
            let label = "Document: kind, date obtained[, expiry] (TB test, 2026-09-01)";
            state.input = Some(super::Input::new(
                super::InputPurpose::NewDocument,
                label,
                "",
            ));
        }
        (AfterYesView::Documents, Command::EditDocument) => edit::edit_document(state, scroll),
        (AfterYesView::Documents, Command::RemoveDocument) => edit::remove_document(state, scroll),
        (AfterYesView::Budget, Command::Travel) => edit::edit_travel(state, scroll),
        (AfterYesView::Checklist(program), Command::Outcome) => edit::edit_outcome(state, program),
        (AfterYesView::Checklist(program), Command::Submit) => {
            tick_line(state, program, scroll, effects)
        }
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

/// Enter on a checklist line: ticks it as sent today (attaching the
/// shelf's document of that kind when there is one), or unticks it.
fn tick_line(state: &AppState, program: ProgramId, scroll: usize, effects: &mut Vec<Effect>) {
    let line = lines(state, program).into_iter().nth(scroll);
    if let Some(line) = line {
        let kind = line.kind.clone();
        effects.push(if line.is_done() {
            Effect::UntickChecklist { program, kind }
        } else {
            Effect::TickChecklist {
                program,
                kind,
                on: state.today,
                document: line.on_shelf.map(|d| d.id),
            }
        });
    }
}

/// "docs 5/7 · TB expires before start (2027-02-01)" for a program that
/// states its required documents; the rows and the board show it.
pub fn readiness_line(state: &AppState, program: &crate::domain::Program) -> Option<String> {
    crate::domain::readiness::readiness(
        program,
        &state.rotations,
        &state.plans.documents,
        state.today,
    )
    .map(|r| r.line())
}

/// "TB test, 2026-09-01" or "passport, , 2031-05-01": a document for the
/// shelf. A blank expiry derives it from the kind.
pub fn document_typed(text: &str, effects: &mut Vec<Effect>) -> Result<(), String> {
    let doc = super::after_yes_edit::document_parts(text)?;
    effects.push(Effect::InsertDocument(Box::new(doc)));
    Ok(())
}
