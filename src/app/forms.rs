//! One form view for every record the user edits field by field: a
//! program, a contact, a log entry, the profile. Each change is saved the
//! moment it is made, through an effect.

use super::AppState;
use super::board;
use super::command::Command;
use super::effect::Effect;
use super::field_conflict::{self, FormRecord};
pub use super::forms_step::Press;
use super::forms_step::{Step, field_input, is_multi_line, map_step, step_of, with_text};
use super::onboarding::{self, SmtpField};
use super::route::{Handled, move_cursor};
use crate::domain::fields::{Field, FieldSet};
use crate::domain::record_fields::{ContactField, InteractionField, ProfileField};
use crate::domain::tracking_fields::{LetterField, RotationField};
use crate::domain::{ContactId, InteractionId, LetterId, ProgramId, RotationId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    Program(ProgramId),
    Contact(ContactId),
    Interaction(InteractionId),
    Profile,
    Rotation(RotationId),
    Letter(LetterId),
    /// The SMTP setup form (values in `state.smtp_form`).
    Smtp,
}

/// An open form: what it edits and which field has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub target: FormTarget,
    pub selected: usize,
}

/// One line of a form as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRow {
    pub label: &'static str,
    pub value: String,
    pub choice: bool,
}

impl FormTarget {
    /// How many fields the form has.
    pub fn field_count(self) -> usize {
        match self {
            FormTarget::Program(_) => Field::ALL.len(),
            FormTarget::Contact(_) => ContactField::ALL.len(),
            FormTarget::Interaction(_) => InteractionField::ALL.len(),
            FormTarget::Profile => ProfileField::ALL.len(),
            FormTarget::Rotation(_) => RotationField::all().len(),
            FormTarget::Letter(_) => LetterField::all().len(),
            FormTarget::Smtp => SmtpField::all().len(),
        }
    }

    pub fn program(self) -> Option<ProgramId> {
        match self {
            FormTarget::Program(id) => Some(id),
            _ => None,
        }
    }
}

/// Commands while a form is open: move between fields, Enter edits one.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let Some(form) = state.form else {
        return Handled::Ignored;
    };
    match cmd {
        Command::Submit => submit(state, form, effects),
        Command::Cancel => {
            discard_unconfirmed(state, effects);
            state.form = None;
            if let Some(popup) = state.form_returns_to.take() {
                state.popup = Some(popup);
            }
        }
        Command::SetStatus => {
            let program = form.target.program();
            board::pick_status(state, program);
        }
        Command::NextValue => press(state, form, Press::Next, effects),
        Command::PrevValue => press(state, form, Press::Prev, effects),
        _ => {
            let page = state.list.page();
            let len = form.target.field_count();
            return match &mut state.form {
                Some(form) => move_cursor(cmd, &mut form.selected, len, page),
                None => Handled::Ignored,
            };
        }
    }
    Handled::Consumed
}

/// Closes the form if it shows `target` (its record is gone).
pub fn close_on(state: &mut AppState, target: FormTarget) {
    if state.form.is_some_and(|f| f.target == target) {
        state.form = None;
        state.form_returns_to = None;
    }
    if state.unconfirmed == Some(target) {
        state.unconfirmed = None;
    }
}

/// A record was just created to open its form: until a field is
/// confirmed, leaving the form discards it.
///
/// Why delete-on-leave rather than a draft held in state until the first
/// confirmed field: every form edits a stored row by id (each confirmed
/// field is saved at once, the panes and the header's counts read the
/// stored rows), so a draft would need a second path through every form,
/// its rows and its validation. The one rule here covers contacts,
/// rotations and letters alike.
pub fn opened_new(state: &mut AppState, target: FormTarget) {
    state.form = Some(Form {
        target,
        selected: 0,
    });
    state.unconfirmed = Some(target);
}

/// A field of `target` was confirmed (typed and Enter, or a choice
/// cycled): the record is the user's now, and Esc keeps it.
fn confirmed(state: &mut AppState, target: FormTarget) {
    if state.unconfirmed == Some(target) {
        state.unconfirmed = None;
    }
}

/// Esc on a new record's form before any field was confirmed (or quitting
/// then): delete the record created for it.
pub fn discard_unconfirmed(state: &mut AppState, effects: &mut Vec<Effect>) {
    let (effect, what) = match state.unconfirmed.take() {
        Some(FormTarget::Contact(id)) => (Effect::DeleteContact(id), "contact"),
        Some(FormTarget::Rotation(id)) => (Effect::DeleteRotation(id), "rotation"),
        Some(FormTarget::Letter(id)) => (Effect::DeleteLetter(id), "letter"),
        _ => return,
    };
    effects.push(effect);
    state.info(format!("Nothing saved: the new {what} was discarded."));
}

fn rows_of<F: FieldSet>(target: &F::Target) -> Vec<FormRow> {
    F::all()
        .iter()
        .map(|f| FormRow {
            label: f.label(),
            value: f.get(target),
            choice: f.is_choice(),
        })
        .collect()
}

/// The form's rows and title, or None when its record is gone.
pub fn rows(state: &AppState, target: FormTarget) -> Option<(String, Vec<FormRow>)> {
    match target {
        FormTarget::Program(id) => {
            let p = state.list.get(id)?;
            Some((p.name.clone(), rows_of::<Field>(p)))
        }
        FormTarget::Contact(id) => {
            let c = state.log.contacts.iter().find(|c| c.id == id)?;
            let title = if c.name.is_empty() {
                c.role.label().to_string()
            } else {
                c.name.clone()
            };
            Some((format!("Contact: {title}"), rows_of::<ContactField>(c)))
        }
        FormTarget::Interaction(id) => {
            let i = state.log.interactions.iter().find(|i| i.id == id)?;
            Some(("Log entry".to_string(), rows_of::<InteractionField>(i)))
        }
        FormTarget::Smtp => Some((
            "Sending by email — saved to config.toml when complete; the password stays out of it"
                .into(),
            rows_of::<SmtpField>(state.smtp_form.as_ref()?),
        )),
        FormTarget::Rotation(id) => {
            let r = state.rotations.iter().find(|r| r.id == id)?;
            let name = state
                .list
                .programs()
                .iter()
                .find(|p| p.id == r.program_id)
                .map(|p| p.name.clone());
            Some((
                format!("Rotation at {}", name.unwrap_or_default()),
                rows_of::<RotationField>(r),
            ))
        }
        FormTarget::Letter(id) => {
            let l = state.letters.iter().find(|l| l.id == id)?;
            Some((
                format!("Letter from {}", l.writer),
                rows_of::<LetterField>(l),
            ))
        }
        FormTarget::Profile => Some((
            "Your profile (used in templates and fit checks)".into(),
            rows_of::<ProfileField>(&state.profile),
        )),
    }
}

/// Enter on the selected field of an open form.
pub fn submit(state: &mut AppState, form: Form, effects: &mut Vec<Effect>) {
    press(state, form, Press::Enter, effects);
}

/// A key on the selected field of an open form.
pub fn press(state: &mut AppState, form: Form, press: Press, effects: &mut Vec<Effect>) {
    if form.target == FormTarget::Smtp {
        let Some(smtp) = state.smtp_form.clone() else {
            return;
        };
        match step_of::<SmtpField>(&smtp, form.selected, press) {
            Some(Step::Save(changed)) => onboarding::smtp_changed(state, changed, effects),
            Some(Step::Edit {
                label,
                initial,
                multi_line,
            }) => {
                let input = field_input(form.target, form.selected, label, &initial, multi_line);
                state.input = Some(input);
            }
            Some(Step::Nothing) | None => {}
        }
        return;
    }
    let step = match form.target {
        FormTarget::Program(id) => state
            .list
            .programs()
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| saving_step::<Field>(p, form.selected, press)),
        FormTarget::Contact(id) => state
            .log
            .contacts
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| saving_step::<ContactField>(c, form.selected, press)),
        FormTarget::Interaction(id) => state
            .log
            .interactions
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| saving_step::<InteractionField>(i, form.selected, press)),
        FormTarget::Rotation(id) => state
            .rotations
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| saving_step::<RotationField>(r, form.selected, press)),
        FormTarget::Letter(id) => state
            .letters
            .iter()
            .find(|l| l.id == id)
            .and_then(|l| saving_step::<LetterField>(l, form.selected, press)),
        FormTarget::Smtp => None,
        FormTarget::Profile => saving_step::<ProfileField>(&state.profile, form.selected, press),
    };
    match step {
        None => state.form = None,
        Some(Step::Save(effect)) => {
            confirmed(state, form.target);
            effects.push(effect);
        }
        Some(Step::Edit {
            label,
            initial,
            multi_line,
        }) => {
            let input = field_input(form.target, form.selected, label, &initial, multi_line);
            state.input = Some(input);
        }
        Some(Step::Nothing) => {}
    }
}

/// [`step_of`] whose save is the field edit of `shown` (only that field,
/// only over what the form showed: `field_conflict`).
fn saving_step<F: FormRecord>(
    shown: &F::Target,
    index: usize,
    press: Press,
) -> Option<Step<Effect>> {
    let field = *F::all().get(index)?;
    step_of::<F>(shown, index, press)
        .map(|s| map_step(s, |e| field_conflict::save(shown, field, e)))
}

/// [`with_text`] as the field edit that saves it.
fn saving_text<F: FormRecord>(
    shown: &F::Target,
    index: usize,
    text: &str,
) -> Result<Option<Effect>, String>
where
    F::Target: PartialEq,
{
    let Some(&field) = F::all().get(index) else {
        return Ok(None);
    };
    Ok(with_text::<F>(shown, index, text)?.map(|e| field_conflict::save(shown, field, e)))
}

/// Typed text for a field: the effect that saves it, None when unchanged,
/// or the reason the text is not valid.
pub fn apply_text(
    state: &AppState,
    target: FormTarget,
    index: usize,
    text: &str,
) -> Result<Option<Effect>, String> {
    let text = &if is_multi_line(target, index) {
        crate::domain::text::multi_line(text)
    } else {
        crate::domain::text::one_line(text)
    };
    Ok(match target {
        FormTarget::Program(id) => match state.list.get(id) {
            Some(p) => saving_text::<Field>(p, index, text)?,
            None => None,
        },
        FormTarget::Contact(id) => match state.log.contacts.iter().find(|c| c.id == id) {
            Some(c) => saving_text::<ContactField>(c, index, text)?,
            None => None,
        },
        FormTarget::Interaction(id) => match state.log.interactions.iter().find(|i| i.id == id) {
            Some(i) => saving_text::<InteractionField>(i, index, text)?,
            None => None,
        },
        FormTarget::Rotation(id) => match state.rotations.iter().find(|r| r.id == id) {
            Some(r) => saving_text::<RotationField>(r, index, text)?,
            None => None,
        },
        FormTarget::Letter(id) => match state.letters.iter().find(|l| l.id == id) {
            Some(l) => saving_text::<LetterField>(l, index, text)?,
            None => None,
        },
        FormTarget::Smtp => None,
        FormTarget::Profile => saving_text::<ProfileField>(&state.profile, index, text)?,
    })
}

/// Typed text for an SMTP field: the changed settings, None when unchanged.
pub fn smtp_text(
    state: &AppState,
    index: usize,
    text: &str,
) -> Result<Option<crate::mail::SmtpConfig>, String> {
    match &state.smtp_form {
        Some(s) => with_text::<SmtpField>(s, index, text),
        None => Ok(None),
    }
}

/// Typed text for a form field: saved when it is valid and changed, or
/// the reason it is not valid.
pub fn field_typed(
    state: &mut AppState,
    target: FormTarget,
    index: usize,
    text: &str,
    effects: &mut Vec<Effect>,
) -> Result<(), String> {
    if target == FormTarget::Smtp {
        if let Some(changed) = smtp_text(state, index, text)? {
            onboarding::smtp_changed(state, changed, effects);
        }
    } else {
        effects.extend(apply_text(state, target, index, text)?);
        confirmed(state, target);
    }
    Ok(())
}
