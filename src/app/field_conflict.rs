//! A form saves one field at a time, and only over the value it showed.
//! When another session (a second TUI, `usce import --update`) changed
//! that field meanwhile, the store writes nothing and this asks the user
//! which value to keep, showing both.

use super::AppState;
use super::Popup;
use super::effect::Effect;
use crate::domain::Program;
use crate::domain::fields::Field;

/// The effect that saves `field` of `edited`, as long as the store still
/// holds what `shown` (the program the form showed) has there.
pub fn set_program_field(shown: &Program, field: Field, edited: Program) -> Effect {
    Effect::SetProgramField {
        field,
        shown: field.get(shown),
        edited: Box::new(edited),
    }
}

/// The save found `field` changed elsewhere: the form now shows the stored
/// program (with every other session's edits), and a question offers to
/// replace the stored value with the user's. Yes saves over the value just
/// shown; no keeps it.
pub fn changed(state: &mut AppState, field: Field, stored: Program, wanted: Program) {
    let message = format!(
        "{} changed meanwhile to {} (elsewhere). Replace with {}?",
        field.label(),
        quoted(&field.get(&stored)),
        quoted(&field.get(&wanted)),
    );
    let effect = set_program_field(&stored, field, wanted);
    state.list.upsert(stored);
    state.popup = Some(Popup::Confirm { message, effect });
}

fn quoted(value: &str) -> String {
    if value.is_empty() {
        "(empty)".into()
    } else {
        format!("\u{201c}{value}\u{201d}")
    }
}

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
