//! Editable fields of rotations and letters of recommendation, in the
//! same shape as program fields (see `fields::FieldSet`).

use chrono::{NaiveDate, TimeDelta};

use super::fields::{FieldSet, next_in, parse};
use super::record_fields::{parse_date, parse_yes_no};
use super::{Letter, Rotation, RotationKind};

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// A required date: blank is refused rather than read as "none".
fn date(text: &str) -> Result<NaiveDate, String> {
    parse_date(text)?.ok_or_else(|| {
        "a date is needed: write a date like 2027-03-05, 03/05/2027 or March 5, 2027".to_string()
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotationField {
    Start,
    End,
    Kind,
    HandsOn,
    Specialty,
    Weeks,
    Fee,
}

impl FieldSet for RotationField {
    type Target = Rotation;
    fn all() -> &'static [Self] {
        use RotationField::*;
        &[Start, End, Kind, HandsOn, Specialty, Weeks, Fee]
    }
    fn label(self) -> &'static str {
        match self {
            RotationField::Start => "Starts",
            RotationField::End => "Ends (last day)",
            RotationField::Kind => "Type",
            RotationField::HandsOn => "Hands-on",
            RotationField::Specialty => "Specialty",
            RotationField::Weeks => "Weeks",
            RotationField::Fee => "Fee",
        }
    }
    fn is_choice(self) -> bool {
        matches!(self, RotationField::Kind | RotationField::HandsOn)
    }
    fn get(self, r: &Rotation) -> String {
        match self {
            RotationField::Start => r.start.to_string(),
            RotationField::End => r.end.to_string(),
            RotationField::Kind => r.kind.label().into(),
            RotationField::HandsOn => yes_no(r.hands_on),
            RotationField::Specialty => r.specialty.clone(),
            RotationField::Weeks => r.weeks.map(|w| w.to_string()).unwrap_or_default(),
            RotationField::Fee => r.fee.clone(),
        }
    }
    fn set(self, r: &mut Rotation, text: &str) -> Result<(), String> {
        let mut changed = r.clone();
        match self {
            RotationField::Start => {
                changed.start = date(text)?;
                // A start past the current end moves the end along by the
                // same amount, so the rotation keeps its length (its weeks)
                // and the user need not fix the end first. A start that
                // stays on or before the end leaves the end alone.
                if changed.start > r.end {
                    changed.end = changed.start + (r.end - r.start).max(TimeDelta::zero());
                }
            }
            RotationField::End => changed.end = date(text)?,
            RotationField::Kind => changed.kind = parse::rotation_kind(text)?,
            RotationField::HandsOn => changed.hands_on = parse_yes_no(text.trim())?,
            RotationField::Specialty => changed.specialty = text.trim().into(),
            RotationField::Weeks if text.trim().is_empty() => changed.weeks = None,
            RotationField::Weeks => changed.weeks = Some(parse::weeks(text)?),
            RotationField::Fee => changed.fee = text.trim().into(),
        }
        changed.validate()?;
        *r = changed;
        Ok(())
    }
    fn cycle(self, r: &mut Rotation) {
        match self {
            RotationField::Kind => r.kind = next_in(RotationKind::ALL, r.kind),
            RotationField::HandsOn => r.hands_on = !r.hands_on,
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterField {
    Writer,
    UsPhysician,
    Requested,
    Received,
    Uploaded,
    Notes,
}

impl FieldSet for LetterField {
    type Target = Letter;
    fn all() -> &'static [Self] {
        use LetterField::*;
        &[Writer, UsPhysician, Requested, Received, Uploaded, Notes]
    }
    fn label(self) -> &'static str {
        match self {
            LetterField::Writer => "Writer",
            LetterField::UsPhysician => "U.S. physician",
            LetterField::Requested => "Requested on",
            LetterField::Received => "Received on",
            LetterField::Uploaded => "Uploaded to ERAS",
            LetterField::Notes => "Notes",
        }
    }
    fn is_choice(self) -> bool {
        matches!(self, LetterField::UsPhysician | LetterField::Uploaded)
    }
    fn is_multi_line(self) -> bool {
        self == LetterField::Notes
    }
    fn get(self, l: &Letter) -> String {
        match self {
            LetterField::Writer => l.writer.clone(),
            LetterField::UsPhysician => yes_no(l.writer_is_us_physician),
            LetterField::Requested => l.requested_on.map(|d| d.to_string()).unwrap_or_default(),
            LetterField::Received => l.received_on.map(|d| d.to_string()).unwrap_or_default(),
            LetterField::Uploaded => yes_no(l.uploaded_to_eras),
            LetterField::Notes => l.notes.clone(),
        }
    }
    fn set(self, l: &mut Letter, text: &str) -> Result<(), String> {
        match self {
            LetterField::Writer if text.trim().is_empty() => {
                return Err("who writes the letter?".into());
            }
            LetterField::Writer => l.writer = text.trim().into(),
            LetterField::UsPhysician => l.writer_is_us_physician = parse_yes_no(text.trim())?,
            LetterField::Requested => l.requested_on = parse_date(text)?,
            LetterField::Received => l.received_on = parse_date(text)?,
            LetterField::Uploaded => l.uploaded_to_eras = parse_yes_no(text.trim())?,
            LetterField::Notes => l.notes = text.into(),
        }
        Ok(())
    }
    fn cycle(self, l: &mut Letter) {
        match self {
            LetterField::UsPhysician => l.writer_is_us_physician = !l.writer_is_us_physician,
            LetterField::Uploaded => l.uploaded_to_eras = !l.uploaded_to_eras,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ProgramId;

    #[test]
    fn a_rotation_cannot_end_before_it_starts() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut r = Rotation::new(
            ProgramId(1),
            RotationKind::Elective,
            day("2027-06-01"),
            day("2027-06-28"),
        );
        assert!(RotationField::End.set(&mut r, "2027-05-01").is_err());
        assert_eq!(r.end, day("2027-06-28"));
        RotationField::Kind.cycle(&mut r);
        assert_eq!(r.kind, RotationKind::SubInternship);
    }

    #[test]
    fn a_start_after_the_end_moves_the_end_along_keeping_the_length() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut r = Rotation::new(
            ProgramId(1),
            RotationKind::Elective,
            day("2027-06-01"),
            day("2027-06-28"),
        );
        RotationField::Start.set(&mut r, "2027-08-02").unwrap();
        assert_eq!((r.start, r.end), (day("2027-08-02"), day("2027-08-29")));
        // Within the current span, only the start changes.
        RotationField::Start.set(&mut r, "2027-08-10").unwrap();
        assert_eq!((r.start, r.end), (day("2027-08-10"), day("2027-08-29")));
    }

    #[test]
    fn letter_dates_and_flags_parse() {
        let mut l = Letter {
            writer: "Dr. A".into(),
            ..Letter::default()
        };
        LetterField::Received.set(&mut l, "2027-07-01").unwrap();
        LetterField::UsPhysician.cycle(&mut l);
        assert!(l.writer_is_us_physician && l.received_on.is_some());
        assert!(LetterField::Writer.set(&mut l, " ").is_err());
    }
}
