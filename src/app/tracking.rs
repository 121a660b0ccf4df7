//! Rotations and letters of recommendation: the point of all the outreach.
//! The Match asks for three letters from U.S. physicians; the header keeps
//! count, and accepting a rotation offers to record it.

use chrono::Days;

use super::command::Command;
use super::effect::Effect;
use super::forms::{self, Form, FormTarget};
use super::route::{Handled, close_popup, move_cursor};
use super::{AppState, Popup};
use crate::domain::letter::LettersProgress;
use crate::domain::{Letter, LetterId, Program, Rotation, RotationId, RotationKind, Status};

/// A line of the tracking screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackRow {
    Rotation(usize),
    Letter(usize),
}

pub fn rows(state: &AppState) -> Vec<TrackRow> {
    (0..state.rotations.len())
        .map(TrackRow::Rotation)
        .chain((0..state.letters.len()).map(TrackRow::Letter))
        .collect()
}

pub fn progress(state: &AppState) -> LettersProgress {
    LettersProgress::of(&state.letters, state.today)
}

pub fn open(state: &mut AppState, effects: &mut Vec<Effect>) {
    state.popup = Some(Popup::Tracking { selected: 0 });
    effects.push(Effect::LoadTracking);
}

/// Commands while the tracking screen is open (its forms are `forms`').
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::AddRotation => add_rotation(state, effects),
        Command::AddLetter => add_letter(state, effects),
        Command::OpenDetail => edit(state),
        Command::Delete => delete(state),
        Command::Cancel => return close_popup(state),
        _ => {
            let (page, len) = (state.list.page(), rows(state).len());
            return match &mut state.popup {
                Some(Popup::Tracking { selected }) => move_cursor(cmd, selected, len, page),
                _ => Handled::Ignored,
            };
        }
    }
    Handled::Consumed
}

fn selected_row(state: &AppState) -> Option<TrackRow> {
    let Some(Popup::Tracking { selected }) = state.popup else {
        return None;
    };
    rows(state).get(selected).copied()
}

/// A new rotation at the selected program: dates a month out, four weeks
/// long, the program's offered type; the form opens to correct them.
pub fn new_rotation(program: &Program, today: chrono::NaiveDate) -> Rotation {
    let start = today.checked_add_days(Days::new(30)).unwrap_or(today);
    let end = start.checked_add_days(Days::new(27)).unwrap_or(start);
    let kind = program
        .rotation
        .kinds
        .first()
        .copied()
        .unwrap_or(RotationKind::Elective);
    Rotation {
        specialty: program.specialty.clone(),
        weeks: Some(program.rotation.weeks.unwrap_or(4)),
        fee: program.rotation.fee.clone(),
        hands_on: program.rotation.hands_on == crate::domain::Tri::Yes,
        ..Rotation::new(program.id, kind, start, end)
    }
}

pub fn add_rotation(state: &mut AppState, effects: &mut Vec<Effect>) {
    match state.list.selected_program() {
        Some(p) => effects.push(Effect::InsertRotation(Box::new(new_rotation(
            p,
            state.today,
        )))),
        None => state.info("Select a program in the list first: the rotation is recorded there."),
    }
}

pub fn add_letter(state: &mut AppState, effects: &mut Vec<Effect>) {
    let program_id = state.list.selected_program().map(|p| p.id);
    let rotation_id = program_id.and_then(|id| {
        state
            .rotations
            .iter()
            .find(|r| r.program_id == id)
            .map(|r| r.id)
    });
    effects.push(Effect::InsertLetter(Box::new(Letter {
        program_id,
        rotation_id,
        writer: "New letter writer".into(),
        writer_is_us_physician: true,
        requested_on: Some(state.today),
        ..Letter::default()
    })));
}

/// Enter: edit the selected rotation or letter.
pub fn edit(state: &mut AppState) {
    let target = match selected_row(state) {
        Some(TrackRow::Rotation(i)) => state.rotations.get(i).map(|r| FormTarget::Rotation(r.id)),
        Some(TrackRow::Letter(i)) => state.letters.get(i).map(|l| FormTarget::Letter(l.id)),
        None => None,
    };
    if let Some(target) = target {
        state.form = Some(Form {
            target,
            selected: 0,
        });
    }
}

/// d: delete the selected rotation or letter, after asking.
pub fn delete(state: &mut AppState) {
    let confirm = match selected_row(state) {
        Some(TrackRow::Rotation(i)) => state.rotations.get(i).map(|r| {
            (
                format!("Delete the rotation starting {}?", r.start),
                Effect::DeleteRotation(r.id),
            )
        }),
        Some(TrackRow::Letter(i)) => state.letters.get(i).map(|l| {
            (
                format!("Delete the letter from {}?", l.writer),
                Effect::DeleteLetter(l.id),
            )
        }),
        None => None,
    };
    if let Some((message, effect)) = confirm {
        state.confirm_returns_to = state.popup.take();
        state.popup = Some(Popup::Confirm { message, effect });
    }
}

pub fn rotation_saved(state: &mut AppState, r: Rotation, added: bool) {
    let id = r.id;
    match state.rotations.iter_mut().find(|x| x.id == id) {
        Some(slot) => *slot = r,
        None => state.rotations.push(r),
    }
    state.rotations.sort_by_key(|r| (r.start, r.id));
    if added {
        // Placeholder dates: Esc before any field is confirmed discards it.
        forms::opened_new(state, FormTarget::Rotation(id));
    }
}

pub fn letter_saved(state: &mut AppState, l: Letter, added: bool) {
    let id = l.id;
    match state.letters.iter_mut().find(|x| x.id == id) {
        Some(slot) => *slot = l,
        None => state.letters.push(l),
    }
    if added {
        // A placeholder writer: Esc before any field is confirmed discards it.
        forms::opened_new(state, FormTarget::Letter(id));
    }
}

pub fn rotation_deleted(state: &mut AppState, id: RotationId) {
    state.rotations.retain(|r| r.id != id);
    clamp(state);
    forms::close_on(state, FormTarget::Rotation(id));
}

pub fn letter_deleted(state: &mut AppState, id: LetterId) {
    state.letters.retain(|l| l.id != id);
    clamp(state);
    forms::close_on(state, FormTarget::Letter(id));
}

fn clamp(state: &mut AppState) {
    let n = rows(state).len();
    if let Some(Popup::Tracking { selected }) = &mut state.popup {
        *selected = (*selected).min(n.saturating_sub(1));
    }
}

/// A program just became accepted: offer to record its rotation, unless
/// one is already on file.
pub fn offer_rotation(state: &mut AppState, before: Option<Status>, program: &Program) {
    let newly = program.status == Status::Accepted && before.is_some_and(|s| s != Status::Accepted);
    let known = state.rotations.iter().any(|r| r.program_id == program.id);
    if newly && !known && state.popup.is_none() {
        state.popup = Some(Popup::Confirm {
            message: format!(
                "Accepted at {}! Record the rotation now (dates, type, hands-on, weeks, fee)?",
                program.name
            ),
            effect: Effect::InsertRotation(Box::new(new_rotation(program, state.today))),
        });
    }
}
