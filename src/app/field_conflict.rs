//! A form saves one field at a time, and only over the value it showed.
//! When another session (a second TUI, `usce import --update`) changed
//! that field meanwhile, the store writes nothing and this asks the user
//! which value to keep, showing both. One path for every record a form
//! edits: programs, contacts, log entries, rotations, letters, the profile.

use super::AppState;
use super::Popup;
use super::effect::Effect;
use super::event::Event;
use super::{fit, log, tracking};
use crate::domain::fields::{Field, FieldEdit, FieldSet};
use crate::domain::record_fields::{ContactField, InteractionField, ProfileField};
use crate::domain::tracking_fields::{LetterField, RotationField};
use crate::domain::{Contact, Interaction, Letter, Profile, Program, Rotation};

/// A field edit of a record other than a program (a program's is
/// `Effect::SetProgramField`), for `Effect::SetField`.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordEdit {
    Contact(FieldEdit<ContactField>),
    Interaction(FieldEdit<InteractionField>),
    Rotation(FieldEdit<RotationField>),
    Letter(FieldEdit<LetterField>),
    Profile(FieldEdit<ProfileField>),
}

/// An edit the store did not make because a field it writes changed
/// elsewhere since the form showed it, with the record as stored now.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict<F: FieldSet> {
    pub edit: FieldEdit<F>,
    pub stored: Box<F::Target>,
}

/// [`Conflict`] of any record but a program, for `Event::FieldChanged`.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordConflict {
    Contact(Conflict<ContactField>),
    Interaction(Conflict<InteractionField>),
    Rotation(Conflict<RotationField>),
    Letter(Conflict<LetterField>),
    Profile(Conflict<ProfileField>),
}

/// `$body` with `$e` bound to what any variant of a [`RecordEdit`] or
/// [`RecordConflict`] holds: the one place that lists the kinds.
#[macro_export]
macro_rules! each_record {
    ($kind:ident, $value:expr, $e:ident => $body:expr) => {
        match $value {
            $kind::Contact($e) => $body,
            $kind::Interaction($e) => $body,
            $kind::Rotation($e) => $body,
            $kind::Letter($e) => $body,
            $kind::Profile($e) => $body,
        }
    };
}

/// What the app does with one kind of record's field edits.
pub trait FormRecord: FieldSet<Target: Clone> {
    /// The effect that saves `edit`.
    fn save(edit: FieldEdit<Self>) -> Effect;
    /// What the runtime reports when the edit was saved.
    fn saved(saved: Self::Target) -> Event;
    /// What it reports when the store held another value.
    fn changed(conflict: Conflict<Self>) -> Event;
    /// The app's copy of the record becomes `stored` (what a save does).
    fn show(state: &mut AppState, stored: Self::Target);
}

/// The effect that saves `field` of `edited`, as long as the store still
/// holds what `shown` (the record the form showed) has there.
pub fn save<F: FormRecord>(shown: &F::Target, field: F, edited: F::Target) -> Effect {
    F::save(FieldEdit::new(field, shown, edited))
}

/// A program's save found `field` changed elsewhere (see [`ask`]).
pub fn changed(state: &mut AppState, field: Field, stored: Program, wanted: Program) {
    // What the form showed no longer matters: the retry is made over
    // the stored value (`FieldEdit::over`).
    let edit = FieldEdit {
        field,
        shown: vec![(field, field.get(&stored))],
        edited: Box::new(wanted),
    };
    ask(
        state,
        Conflict {
            edit,
            stored: Box::new(stored),
        },
    );
}

/// The save found a field changed elsewhere: the form now shows the stored
/// record (with every other session's edits), and a question offers to
/// replace the stored value with the user's. Yes saves over the value just
/// shown; no keeps it.
pub fn ask<F: FormRecord>(state: &mut AppState, conflict: Conflict<F>) {
    let Conflict { edit, stored } = conflict;
    // The field that changed elsewhere: for an edit that moved another
    // field along (a rotation's end with its start), it may be that one.
    let field = edit
        .shown
        .iter()
        .find(|(f, shown)| f.get(&stored) != *shown)
        .map_or(edit.field, |(f, _)| *f);
    let message = format!(
        "{} changed meanwhile to {} (elsewhere). Replace with {}?",
        field.label(),
        quoted(&field.get(&stored)),
        quoted(&field.get(&edit.edited)),
    );
    let effect = F::save(edit.over(&stored));
    F::show(state, *stored);
    state.popup = Some(Popup::Confirm { message, effect });
}

/// `Event::FieldChanged`: [`ask`] for whichever record it is.
pub fn record_changed(state: &mut AppState, conflict: RecordConflict) {
    each_record!(RecordConflict, conflict, c => ask(state, c))
}

fn quoted(value: &str) -> String {
    if value.is_empty() {
        "(empty)".into()
    } else {
        format!("\u{201c}{value}\u{201d}")
    }
}

impl FormRecord for Field {
    /// A program edit writes one field; a conflict's retry carries the
    /// stored text it replaces.
    fn save(edit: FieldEdit<Field>) -> Effect {
        let field = edit.field;
        let shown = edit
            .shown
            .into_iter()
            .find(|(f, _)| *f == field)
            .map(|(_, text)| text)
            .unwrap_or_default();
        Effect::SetProgramField {
            field,
            shown,
            edited: edit.edited,
        }
    }
    fn saved(saved: Program) -> Event {
        Event::ProgramSaved(Box::new(saved))
    }
    fn changed(conflict: Conflict<Field>) -> Event {
        Event::ProgramFieldChanged {
            field: conflict.edit.field,
            stored: conflict.stored,
            wanted: conflict.edit.edited,
        }
    }
    fn show(state: &mut AppState, stored: Program) {
        state.list.upsert(stored);
    }
}

/// The `FormRecord` of a record other than a program: its `RecordEdit`
/// and `RecordConflict` variant, its saved event and what showing it does.
macro_rules! form_record {
    ($field:ty, $target:ty, $kind:ident, $saved:expr, $show:expr) => {
        impl FormRecord for $field {
            fn save(edit: FieldEdit<$field>) -> Effect {
                Effect::SetField(RecordEdit::$kind(edit))
            }
            fn saved(saved: $target) -> Event {
                $saved(Box::new(saved))
            }
            fn changed(conflict: Conflict<$field>) -> Event {
                Event::FieldChanged(RecordConflict::$kind(conflict))
            }
            fn show(state: &mut AppState, stored: $target) {
                $show(state, stored)
            }
        }
    };
}

form_record!(
    ContactField,
    Contact,
    Contact,
    |c| Event::ContactSaved(c, false),
    |state, c| log::contact_saved(state, c, false)
);
form_record!(
    InteractionField,
    Interaction,
    Interaction,
    |i| Event::InteractionSaved(i, false),
    |state, i| log::interaction_saved(state, i, false)
);
form_record!(
    RotationField,
    Rotation,
    Rotation,
    |r| Event::RotationSaved(r, false),
    |state, r| tracking::rotation_saved(state, r, false)
);
form_record!(
    LetterField,
    Letter,
    Letter,
    |l| Event::LetterSaved(l, false),
    |state, l| tracking::letter_saved(state, l, false)
);
form_record!(
    ProfileField,
    Profile,
    Profile,
    Event::ProfileSaved,
    fit::profile_saved
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::command::Command;
    use crate::app::event::Event;
    use crate::app::fixtures;
    use crate::app::update::update;

    #[test]
    fn a_field_changed_elsewhere_shows_both_values_and_yes_saves_over_the_new_one() {
        let mut state = fixtures::state();
        let shown = state.list.selected_program().unwrap().clone();
        let mut stored = shown.clone();
        stored.city = "Akron".into();
        stored.institution = "Elsewhere Health".into();
        let mut wanted = shown.clone();
        wanted.city = "Toledo".into();
        update(
            &mut state,
            Event::ProgramFieldChanged {
                field: Field::City,
                stored: Box::new(stored.clone()),
                wanted: Box::new(wanted.clone()),
            },
        );
        let Some(Popup::Confirm { message, .. }) = &state.popup else {
            panic!("{:?}", state.popup)
        };
        assert!(message.contains("Akron"), "{message}");
        assert!(message.contains("Toledo"), "{message}");
        // The form shows what is stored now, the other session's edits too.
        let now = state.list.selected_program().unwrap();
        assert_eq!(
            (now.city.as_str(), now.institution.as_str()),
            ("Akron", "Elsewhere Health")
        );
        let effects = update(&mut state, Command::Confirm);
        assert_eq!(
            effects,
            [Effect::SetProgramField {
                field: Field::City,
                shown: "Akron".into(),
                edited: Box::new(wanted),
            }]
        );
    }

    #[test]
    fn no_keeps_the_value_stored_elsewhere() {
        let mut state = fixtures::state();
        let shown = state.list.selected_program().unwrap().clone();
        let mut stored = shown.clone();
        stored.city = "Akron".into();
        let mut wanted = shown;
        wanted.city = "Toledo".into();
        update(
            &mut state,
            Event::ProgramFieldChanged {
                field: Field::City,
                stored: Box::new(stored),
                wanted: Box::new(wanted),
            },
        );
        let effects = update(&mut state, Command::Cancel);
        assert!(effects.is_empty(), "{effects:?}");
        assert!(state.popup.is_none());
        assert_eq!(state.list.selected_program().unwrap().city, "Akron");
    }
}
