//! Letters of recommendation: the goal of a rotation. The Match asks for
//! three, and for an IMG they count most when written by U.S. physicians.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ProgramId, RotationId};

/// Letters from U.S. physicians an application needs.
pub const LETTERS_NEEDED: usize = 3;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct LetterId(pub i64);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Letter {
    pub id: LetterId,
    /// Where the writer works; a letter outlives the program's row, so this
    /// becomes `None` if the program is deleted.
    pub program_id: Option<ProgramId>,
    /// The rotation the letter came from, if any.
    pub rotation_id: Option<RotationId>,
    pub writer: String,
    pub writer_is_us_physician: bool,
    pub requested_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    pub uploaded_to_eras: bool,
    pub notes: String,
}

impl Letter {
    /// Rules the store enforces before saving.
    pub fn validate(&self) -> Result<(), String> {
        if self.writer.trim().is_empty() {
            return Err("a letter needs a writer".into());
        }
        if let (Some(asked), Some(got)) = (self.requested_on, self.received_on)
            && got < asked
        {
            return Err(format!(
                "a letter cannot arrive ({got}) before it was requested ({asked})"
            ));
        }
        Ok(())
    }

    /// Received by `today`: a letter marked received on a later date (a
    /// promised date typed ahead) has not arrived yet.
    pub fn is_received(&self, today: NaiveDate) -> bool {
        self.received_on.is_some_and(|day| day <= today)
    }

    /// Counts toward the Match requirement: received by `today`, from a
    /// U.S. physician.
    pub fn counts_toward_match(&self, today: NaiveDate) -> bool {
        self.is_received(today) && self.writer_is_us_physician
    }
}

/// Progress toward [`LETTERS_NEEDED`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LettersProgress {
    /// Received letters written by U.S. physicians: the number that matters.
    pub received_from_us_physicians: usize,
    /// Received letters from anyone.
    pub received: usize,
    /// Every letter recorded, asked for or received.
    pub total: usize,
}

impl LettersProgress {
    /// Progress on `today`: letters received on a later date do not count yet.
    pub fn of(letters: &[Letter], today: NaiveDate) -> LettersProgress {
        LettersProgress {
            received_from_us_physicians: letters
                .iter()
                .filter(|l| l.counts_toward_match(today))
                .count(),
            received: letters.iter().filter(|l| l.is_received(today)).count(),
            total: letters.len(),
        }
    }

    /// Enough U.S. letters for the Match.
    pub fn is_enough(&self) -> bool {
        self.received_from_us_physicians >= LETTERS_NEEDED
    }

    /// How many more U.S. letters are needed (0 once there are enough).
    pub fn still_needed(&self) -> usize {
        LETTERS_NEEDED.saturating_sub(self.received_from_us_physicians)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn letter(us: bool, received: Option<NaiveDate>) -> Letter {
        Letter {
            writer: "Dr. Example".into(),
            writer_is_us_physician: us,
            requested_on: Some(day(1, 10)),
            received_on: received,
            ..Letter::default()
        }
    }

    #[test]
    fn only_received_us_letters_count_toward_three() {
        let letters = [
            letter(true, Some(day(2, 1))),
            letter(true, None),
            letter(false, Some(day(2, 3))),
            letter(true, Some(day(2, 5))),
        ];
        let p = LettersProgress::of(&letters, day(12, 31));
        assert_eq!(
            p,
            LettersProgress {
                received_from_us_physicians: 2,
                received: 3,
                total: 4
            }
        );
        assert!(!p.is_enough());
        assert_eq!(p.still_needed(), 1);
        let mut more = letters.to_vec();
        more.push(letter(true, Some(day(3, 1))));
        more.push(letter(true, Some(day(3, 2))));
        let p = LettersProgress::of(&more, day(12, 31));
        assert!(p.is_enough());
        assert_eq!(p.still_needed(), 0);
    }

    #[test]
    fn a_letter_needs_a_writer_and_sane_dates() {
        assert!(letter(true, Some(day(1, 10))).validate().is_ok());
        let nameless = Letter {
            writer: "  ".into(),
            ..Letter::default()
        };
        assert!(nameless.validate().unwrap_err().contains("writer"));
        let early = letter(true, Some(day(1, 9)));
        assert!(
            early
                .validate()
                .unwrap_err()
                .contains("before it was requested")
        );
    }

    #[test]
    fn a_letter_received_on_a_future_date_does_not_count_until_that_day() {
        let letters = [letter(true, Some(day(3, 10)))];
        assert_eq!(
            LettersProgress::of(&letters, day(3, 9)).received_from_us_physicians,
            0
        );
        assert_eq!(LettersProgress::of(&letters, day(3, 9)).received, 0);
        assert_eq!(
            LettersProgress::of(&letters, day(3, 10)).received_from_us_physicians,
            1
        );
    }
}
