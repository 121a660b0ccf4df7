//! Editable fields. Program fields are declared once, in the table in
//! `program.rs` (label, form kind, CSV headers, parse and format, store
//! column); the detail form, import, export, `usce list`, fit and the store
//! all read them from there. The other records' forms implement
//! [`FieldSet`] by hand.

mod edit;
pub mod parse;
mod program;
mod spec;

pub use edit::FieldEdit;
pub use program::{CSV_ORDER, CSV_TRAILING, Field, specs};
pub use spec::{FormKind, Number, NumberAt, Slot, Spec, Unit, Value};

use super::Program;

/// A set of editable fields of one record type, so one form view and one
/// reducer path edit programs, contacts, log entries and the profile.
pub trait FieldSet: Copy + PartialEq + std::fmt::Debug + 'static {
    type Target;
    fn all() -> &'static [Self];
    fn label(self) -> &'static str;
    /// Fields with a few fixed values are cycled rather than typed.
    fn is_choice(self) -> bool;
    /// The value as text; what an edit starts from.
    fn get(self, target: &Self::Target) -> String;
    /// Parses text into the field, or says why it cannot.
    fn set(self, target: &mut Self::Target, text: &str) -> Result<(), String>;
    /// Moves a choice field to its next value (wrapping).
    fn cycle(self, target: &mut Self::Target);
    /// Whether the field holds several lines (notes): the form edits it
    /// in a multi-line editor.
    fn is_multi_line(self) -> bool {
        false
    }
}

/// Moves a choice field to its previous value (wrapping): the value that
/// `cycle` turns into the current one. Found by cycling a copy once round,
/// so no field set needs a second, backward table to keep in step.
pub fn cycle_back<F: FieldSet>(field: F, target: &mut F::Target)
where
    F::Target: Clone,
{
    let start = field.get(target);
    let mut probe = target.clone();
    // No choice field has anywhere near this many values; the bound only
    // keeps a field whose cycle never returns from looping.
    for _ in 0..256 {
        let before = probe.clone();
        field.cycle(&mut probe);
        if field.get(&probe) == start {
            *target = before;
            return;
        }
    }
}

impl FieldSet for Field {
    type Target = Program;
    fn all() -> &'static [Field] {
        Field::ALL
    }
    fn label(self) -> &'static str {
        Field::label(self)
    }
    fn is_choice(self) -> bool {
        Field::is_choice(self)
    }
    fn get(self, p: &Program) -> String {
        Field::get(self, p)
    }
    fn set(self, p: &mut Program, text: &str) -> Result<(), String> {
        Field::set(self, p, text)
    }
    fn cycle(self, p: &mut Program) {
        Field::cycle(self, p)
    }
    fn is_multi_line(self) -> bool {
        self.spec().value.form_kind() == FormKind::MultiLine
    }
}

/// The next value after `cur` in `all`, wrapping around.
pub fn next_in<T: Copy + PartialEq>(all: &[T], cur: T) -> T {
    let i = all
        .iter()
        .position(|v| *v == cur)
        .map_or(0, |i| (i + 1) % all.len());
    all[i]
}

pub(crate) fn parse_choice<T>(text: &str, parse: fn(&str) -> Option<T>) -> Result<T, String> {
    parse(text).ok_or_else(|| format!("{text:?} is not one of the choices"))
}

pub(crate) fn parse_number<T: TryFrom<u32>>(text: &str, max: u32) -> Result<Option<T>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let n: u32 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a whole number"))?;
    if n > max {
        return Err(format!("{n} is more than {max}"));
    }
    T::try_from(n)
        .map(Some)
        .map_err(|_| format!("{n} is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AppRoute, Tri, UsState};

    #[test]
    fn every_field_round_trips_through_its_text() {
        let mut p = Program::new("Internal Medicine", UsState::parse("KY").unwrap());
        let inputs = [
            (Field::State, "Ohio"),
            (Field::ExternalId, "0140521105"),
            (Field::ImgPercent, "35%"),
            (Field::RotationKinds, "core; observership"),
            (Field::Tags, "global health, research"),
            (Field::ApplicationsOpen, "2027-03-01"),
            (Field::Route, "VSLO"),
            (Field::Weeks, "8"),
            (Field::MinStep2Score, "230"),
        ];
        for (field, text) in inputs {
            field.set(&mut p, text).unwrap();
            let shown = field.get(&p);
            let mut q = p.clone();
            field.set(&mut q, &shown).unwrap();
            assert_eq!(p, q, "{field:?}");
        }
        assert_eq!(p.state.code(), "OH");
        assert_eq!(p.external_id.as_deref(), Some("0140521105"));
        assert_eq!(p.img_percent, Some(35));
    }

    #[test]
    fn bad_values_are_refused_with_reasons() {
        let mut p = Program::new("X", UsState::default());
        assert!(Field::Name.set(&mut p, "  ").is_err());
        assert!(
            Field::State
                .set(&mut p, "Atlantis")
                .unwrap_err()
                .contains("Atlantis")
        );
        assert!(
            Field::ImgPercent
                .set(&mut p, "140")
                .unwrap_err()
                .contains("100")
        );
        assert!(
            Field::RotationKinds
                .set(&mut p, "core, vacation")
                .unwrap_err()
                .contains("vacation")
        );
        assert!(Field::ApplicationsOpen.set(&mut p, "March").is_err());
        assert_eq!(p.name, "X");
    }

    #[test]
    fn cycling_back_undoes_cycling_forward() {
        let mut p = Program::default();
        for field in [Field::AcceptsImgs, Field::Visa, Field::Status, Field::Route] {
            let before = p.clone();
            field.cycle(&mut p);
            assert_ne!(p, before, "{field:?}");
            cycle_back(field, &mut p);
            assert_eq!(p, before, "{field:?}");
            cycle_back(field, &mut p);
            field.cycle(&mut p);
            assert_eq!(p, before, "{field:?}");
        }
        // From the first value, back wraps to the last.
        cycle_back(Field::Route, &mut p);
        assert_eq!(p.route, AppRoute::ALL.last().copied());
        assert!(Field::Notes.is_multi_line() && !Field::Name.is_multi_line());
    }

    #[test]
    fn cycling_wraps_around() {
        let mut p = Program::default();
        for _ in Tri::ALL {
            Field::AcceptsImgs.cycle(&mut p);
        }
        assert_eq!(p.accepts_imgs, Tri::Unknown);
        Field::Route.cycle(&mut p);
        assert_eq!(p.route, Some(AppRoute::Vslo));
    }
}
