//! A rotation the applicant has booked or done: dates, kind and terms.
//! Unlike `RotationOffer` (what a program advertises), this is one stint.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Program, ProgramId, RotationKind, Status};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct RotationId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rotation {
    pub id: RotationId,
    pub program_id: ProgramId,
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    pub specialty: String,
    pub kind: RotationKind,
    /// Residency programs weigh hands-on experience far above observing.
    pub hands_on: bool,
    pub weeks: Option<u8>,
    /// Free text as agreed: "$1,200", "none".
    pub fee: String,
}

impl Rotation {
    /// An unsaved rotation with the fields every rotation needs.
    pub fn new(
        program_id: ProgramId,
        kind: RotationKind,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Self {
        Rotation {
            id: RotationId::default(),
            program_id,
            start,
            end,
            specialty: String::new(),
            kind,
            hands_on: false,
            weeks: None,
            fee: String::new(),
        }
    }

    /// Done by `today`: its last day has come. A letter request may go out
    /// on that day, when the writer has just seen the work.
    pub fn is_completed(&self, today: NaiveDate) -> bool {
        self.end <= today
    }

    /// Rules the store enforces before saving.
    pub fn validate(&self) -> Result<(), String> {
        if self.end < self.start {
            return Err(format!(
                "a rotation cannot end ({}) before it starts ({})",
                self.end, self.start
            ));
        }
        Ok(())
    }
}

/// Whether the applicant has finished a rotation at `program` by `today`:
/// one recorded there whose last day has come, or the program marked
/// completed (rotations need not be recorded).
pub fn rotation_done(rotations: &[Rotation], program: &Program, today: NaiveDate) -> bool {
    program.status == Status::Completed
        || rotations
            .iter()
            .any(|r| r.program_id == program.id && r.is_completed(today))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rotation_may_not_end_before_it_starts() {
        let d = |m, dd| NaiveDate::from_ymd_opt(2026, m, dd).unwrap();
        let ok = Rotation::new(ProgramId(1), RotationKind::Elective, d(3, 2), d(3, 2));
        assert!(ok.validate().is_ok());
        let bad = Rotation::new(ProgramId(1), RotationKind::Elective, d(3, 2), d(3, 1));
        assert!(bad.validate().unwrap_err().contains("before it starts"));
    }

    #[test]
    fn a_rotation_is_completed_from_its_last_day() {
        let d = |m, dd| NaiveDate::from_ymd_opt(2026, m, dd).unwrap();
        let r = Rotation::new(ProgramId(1), RotationKind::Elective, d(3, 2), d(3, 27));
        assert!(!r.is_completed(d(3, 26)));
        assert!(r.is_completed(d(3, 27)));
        assert!(r.is_completed(d(4, 1)));
    }

    #[test]
    fn a_rotation_is_done_at_a_program_by_its_record_or_its_status() {
        use crate::domain::UsState;
        let d = |m, dd| NaiveDate::from_ymd_opt(2026, m, dd).unwrap();
        let mut program = Program::new("Bluegrass IM", UsState::parse("KY").unwrap());
        program.id = ProgramId(1);
        let ended = Rotation::new(ProgramId(1), RotationKind::Elective, d(3, 2), d(3, 27));
        let elsewhere = Rotation::new(ProgramId(2), RotationKind::Elective, d(1, 5), d(1, 30));
        assert!(rotation_done(
            std::slice::from_ref(&ended),
            &program,
            d(3, 27)
        ));
        assert!(!rotation_done(&[ended], &program, d(3, 26)));
        assert!(!rotation_done(&[elsewhere], &program, d(4, 1)));
        program.status = Status::Completed;
        assert!(rotation_done(&[], &program, d(4, 1)));
    }
}
