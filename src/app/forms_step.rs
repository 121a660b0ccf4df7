//! What a key does on a form's selected field, apart from which record
//! the form edits: a choice steps and saves, Enter on text opens an
//! input (the notes editor for a multi-line field), typed text is parsed
//! into the field. `forms` applies the outcome to the right record.

use super::effect::Effect;
use super::forms::FormTarget;
use super::onboarding::SmtpField;
use super::{Input, InputPurpose};
use crate::domain::fields::{Field, FieldSet, cycle_back};
use crate::domain::record_fields::{ContactField, InteractionField, ProfileField};
use crate::domain::tracking_fields::{LetterField, RotationField};

/// A key on a form's selected field: Enter, or ←/→ (`PrevValue` /
/// `NextValue`), which step a choice field back or forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    Enter,
    Next,
    Prev,
}

/// What a key on a field does: a choice steps and saves; Enter on text
/// opens an input prefilled with the current value (a notes field, a
/// multi-line editor); ←/→ on text does nothing.
pub(super) enum Step<T> {
    Save(T),
    Edit {
        label: &'static str,
        initial: String,
        multi_line: bool,
    },
    Nothing,
}

pub(super) fn step_of<F: FieldSet>(
    target: &F::Target,
    index: usize,
    press: Press,
) -> Option<Step<F::Target>>
where
    F::Target: Clone,
{
    let field = *F::all().get(index)?;
    Some(match (field.is_choice(), press) {
        (true, Press::Prev) => {
            let mut changed = target.clone();
            cycle_back(field, &mut changed);
            Step::Save(changed)
        }
        (true, _) => {
            let mut changed = target.clone();
            field.cycle(&mut changed);
            Step::Save(changed)
        }
        (false, Press::Enter) => Step::Edit {
            label: field.label(),
            initial: field.get(target),
            multi_line: field.is_multi_line(),
        },
        (false, _) => Step::Nothing,
    })
}

/// The input that edits a field: one line, or the notes editor.
pub(super) fn field_input(
    target: FormTarget,
    index: usize,
    label: &str,
    initial: &str,
    multi_line: bool,
) -> Input {
    let purpose = InputPurpose::EditField { target, index };
    if multi_line {
        Input::notes(purpose, label, initial)
    } else {
        Input::new(purpose, label, initial)
    }
}

/// Whether field `index` of `target`'s form holds several lines.
pub(super) fn is_multi_line(target: FormTarget, index: usize) -> bool {
    fn of<F: FieldSet>(index: usize) -> bool {
        F::all().get(index).is_some_and(|f| f.is_multi_line())
    }
    match target {
        FormTarget::Program(_) => of::<Field>(index),
        FormTarget::Contact(_) => of::<ContactField>(index),
        FormTarget::Interaction(_) => of::<InteractionField>(index),
        FormTarget::Profile => of::<ProfileField>(index),
        FormTarget::Rotation(_) => of::<RotationField>(index),
        FormTarget::Letter(_) => of::<LetterField>(index),
        FormTarget::Smtp => of::<SmtpField>(index),
    }
}

/// Applies typed text to a field: Ok(None) when nothing changed.
pub(super) fn with_text<F: FieldSet>(
    target: &F::Target,
    index: usize,
    text: &str,
) -> Result<Option<F::Target>, String>
where
    F::Target: Clone + PartialEq,
{
    let Some(field) = F::all().get(index) else {
        return Ok(None);
    };
    let mut changed = target.clone();
    field.set(&mut changed, text)?;
    Ok((changed != *target).then_some(changed))
}

pub(super) fn map_step<T>(step: Step<T>, effect: impl FnOnce(T) -> Effect) -> Step<Effect> {
    match step {
        Step::Save(t) => Step::Save(effect(t)),
        Step::Edit {
            label,
            initial,
            multi_line,
        } => Step::Edit {
            label,
            initial,
            multi_line,
        },
        Step::Nothing => Step::Nothing,
    }
}
