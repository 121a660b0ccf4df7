//! One field edit of any record, as a form makes it: what the user
//! changed, the text the form showed for each field the change writes,
//! and the record with the change made. The store writes those fields'
//! columns only, and only where it still holds what the form showed
//! (`store::FieldWrite`); `app::field_conflict` asks when it does not.

use super::FieldSet;

/// An edit of `field` (and of any field the change moved along with it,
/// like a rotation's end when its start passes it).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldEdit<F: FieldSet> {
    /// The field the user changed; a conflict question names it.
    pub field: F,
    /// Every field the edit writes, with the text the form showed for it
    /// (`FieldSet::get` of the record as shown).
    pub shown: Vec<(F, String)>,
    /// The record with the edit made. Only the fields in `shown` are
    /// written from it, so a copy stale in its other fields is fine.
    pub edited: Box<F::Target>,
}

impl<F: FieldSet> FieldEdit<F> {
    /// The edit that turns `shown` (the record the form showed) into
    /// `edited`: `field`, and every other field whose text differs.
    pub fn new(field: F, shown: &F::Target, edited: F::Target) -> FieldEdit<F> {
        let written = F::all()
            .iter()
            .copied()
            .filter(|f| *f == field || f.get(shown) != f.get(&edited));
        FieldEdit {
            field,
            shown: written.map(|f| (f, f.get(shown))).collect(),
            edited: Box::new(edited),
        }
    }

    /// The same edit, made again over `stored` (the record as another
    /// session left it): the fields it writes and the values it writes
    /// stay, only what "shown" means moves on.
    pub fn over(&self, stored: &F::Target) -> FieldEdit<F>
    where
        F::Target: Clone,
    {
        FieldEdit {
            field: self.field,
            shown: self
                .shown
                .iter()
                .map(|(f, _)| (*f, f.get(stored)))
                .collect(),
            edited: self.edited.clone(),
        }
    }

    /// The fields the edit writes.
    pub fn fields(&self) -> impl Iterator<Item = F> + '_ {
        self.shown.iter().map(|(f, _)| *f)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::tracking_fields::RotationField;
    use crate::domain::{ProgramId, Rotation, RotationKind};

    fn rotation() -> Rotation {
        let day = |d| NaiveDate::from_ymd_opt(2027, 6, d).unwrap();
        Rotation::new(ProgramId(1), RotationKind::Elective, day(1), day(28))
    }

    #[test]
    fn an_edit_writes_its_field_and_the_fields_it_moved_along() {
        let shown = rotation();
        let mut edited = shown.clone();
        RotationField::Start.set(&mut edited, "2027-08-02").unwrap();
        let edit = FieldEdit::new(RotationField::Start, &shown, edited);
        assert_eq!(
            edit.shown,
            [
                (RotationField::Start, "2027-06-01".to_string()),
                (RotationField::End, "2027-06-28".to_string()),
            ]
        );
        let mut fee = shown.clone();
        RotationField::Fee.set(&mut fee, "$300").unwrap();
        let edit = FieldEdit::new(RotationField::Fee, &shown, fee);
        assert_eq!(edit.fields().collect::<Vec<_>>(), [RotationField::Fee]);
    }

    #[test]
    fn an_edit_made_again_over_another_record_keeps_its_fields_and_values() {
        let shown = rotation();
        let mut edited = shown.clone();
        RotationField::Fee.set(&mut edited, "$300").unwrap();
        let edit = FieldEdit::new(RotationField::Fee, &shown, edited);
        let mut stored = shown.clone();
        stored.fee = "$100".into();
        stored.specialty = "Cardiology".into();
        let again = edit.over(&stored);
        assert_eq!(again.shown, [(RotationField::Fee, "$100".to_string())]);
        assert_eq!(again.edited, edit.edited);
    }
}
