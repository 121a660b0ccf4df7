//! The applicant: what templates sign with and what fit checks compare.

use serde::{Deserialize, Serialize};

use super::{RotationKind, UsState, text_enum};

text_enum! {
    #[derive(Default)]
    pub enum StepResult {
        #[default]
        NotTaken = ("not_taken", "not taken"),
        Pass = ("pass", "pass"),
        Fail = ("fail", "fail"),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub medical_school: String,
    pub country: String,
    pub graduation_year: Option<u16>,
    /// Still a student (false means graduate).
    pub is_student: bool,
    pub step1: StepResult,
    pub step2_score: Option<u16>,
    /// Free text: "certified", "pending Step 2 CK", "not started".
    pub ecfmg_status: String,
    /// Needs a J-1 or H-1B to train in the U.S.
    pub needs_visa: bool,
    pub target_specialty: String,
    /// Neighbouring specialties worth rotating in too.
    pub related_specialties: Vec<String>,
    pub available: String,
    pub home_state: Option<UsState>,
    pub signature: String,
    pub cv_path: String,
    pub scores_path: String,
    /// The ECFMG/USMLE ID (one number, issued by ECFMG), which coordinators
    /// use to find the applicant's records; signed under the name.
    pub usmle_id: String,
}

/// An ECFMG/USMLE ID is a number, often written with dashes ("0-123-456-7");
/// blank means not known yet.
pub fn validate_usmle_id(id: &str) -> Result<(), String> {
    let digits = id.chars().filter(char::is_ascii_digit).count();
    let only_number = id
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    if id.trim().is_empty() || (only_number && (7..=9).contains(&digits)) {
        Ok(())
    } else {
        Err(format!(
            "{id:?} is not an ECFMG/USMLE ID: 8 digits, like 0-123-456-7"
        ))
    }
}

/// One file sent with the applicant's emails, and what to call it in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attachment<'a> {
    /// "CV", "USMLE score report": the words after "my" in a letter.
    pub what: &'static str,
    pub path: &'a str,
}

/// What a rotation request asks a program for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotationAsk {
    Core,
    Elective,
    Observership,
    Externship,
    ObservershipOrExternship,
}

impl RotationAsk {
    /// For a subject line: "core rotation", "observership".
    pub fn words(self) -> &'static str {
        match self {
            RotationAsk::Core => "core rotation",
            RotationAsk::Elective => "elective rotation",
            RotationAsk::Observership => "observership",
            RotationAsk::Externship => "externship",
            RotationAsk::ObservershipOrExternship => "observership or externship",
        }
    }

    /// For a sentence: "a core rotation", "an observership".
    pub fn with_article(self) -> &'static str {
        match self {
            RotationAsk::Core => "a core rotation",
            RotationAsk::Elective => "an elective rotation",
            RotationAsk::Observership => "an observership",
            RotationAsk::Externship => "an externship",
            RotationAsk::ObservershipOrExternship => "an observership or externship",
        }
    }
}

impl Profile {
    /// The files a new email carries: the CV and the score report, when
    /// their paths are filled in.
    pub fn attachments(&self) -> Vec<Attachment<'_>> {
        [
            ("CV", &self.cv_path),
            ("USMLE score report", &self.scores_path),
        ]
        .into_iter()
        .map(|(what, path)| Attachment {
            what,
            path: path.trim(),
        })
        .filter(|a| !a.path.is_empty())
        .collect()
    }

    /// What to ask a program with these rotation kinds for. Electives and
    /// core rotations are for enrolled students, so a graduate asks for
    /// the observership or externship the program offers. A student, or a
    /// graduate where the program lists neither, asks for a core rotation
    /// when there is one and an elective otherwise.
    pub fn rotation_to_ask(&self, kinds: &[RotationKind]) -> RotationAsk {
        let offers = |kind| kinds.contains(&kind);
        if !self.is_student {
            match (
                offers(RotationKind::Observership),
                offers(RotationKind::Externship),
            ) {
                (true, true) => return RotationAsk::ObservershipOrExternship,
                (true, false) => return RotationAsk::Observership,
                (false, true) => return RotationAsk::Externship,
                (false, false) => {}
            }
        }
        if offers(RotationKind::Core) {
            RotationAsk::Core
        } else {
            RotationAsk::Elective
        }
    }

    /// The lines under "Sincerely,": the applicant's own signature, or
    /// their name and school, then the email, phone and ECFMG/USMLE ID
    /// that a coordinator needs to answer, each unless the signature
    /// already has it. `None` without a signature or a name.
    pub fn signature_block(&self) -> Option<String> {
        let own = self.signature.trim();
        if own.is_empty() && self.full_name.trim().is_empty() {
            return None;
        }
        let mut lines: Vec<String> = if own.is_empty() {
            [&self.full_name, &self.medical_school]
                .into_iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            own.lines().map(|l| l.trim_end().to_owned()).collect()
        };
        let written = lines.join("\n").to_lowercase();
        let id = self.usmle_id.trim();
        for (value, line) in [
            (self.email.trim(), self.email.trim().to_owned()),
            (self.phone.trim(), self.phone.trim().to_owned()),
            (id, format!("ECFMG/USMLE ID: {id}")),
        ] {
            if !value.is_empty() && !written.contains(&value.to_lowercase()) {
                lines.push(line);
            }
        }
        Some(lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graduate() -> Profile {
        Profile {
            full_name: "Amina Yusuf".into(),
            medical_school: "University of Ibadan".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn a_graduate_asks_for_the_observership_or_externship_offered() {
        use RotationKind::*;
        let g = graduate();
        assert_eq!(
            g.rotation_to_ask(&[Elective, Observership]),
            RotationAsk::Observership
        );
        assert_eq!(
            g.rotation_to_ask(&[Core, Externship]),
            RotationAsk::Externship
        );
        assert_eq!(
            g.rotation_to_ask(&[Observership, Externship]),
            RotationAsk::ObservershipOrExternship
        );
        // Neither offered: what the program lists.
        assert_eq!(g.rotation_to_ask(&[Elective, Core]), RotationAsk::Core);
        assert_eq!(g.rotation_to_ask(&[]), RotationAsk::Elective);
    }

    #[test]
    fn a_student_asks_for_a_core_or_elective_rotation() {
        use RotationKind::*;
        let s = Profile {
            is_student: true,
            ..graduate()
        };
        assert_eq!(s.rotation_to_ask(&[Observership, Core]), RotationAsk::Core);
        assert_eq!(
            s.rotation_to_ask(&[Observership, Elective]),
            RotationAsk::Elective
        );
        assert_eq!(s.rotation_to_ask(&[Externship]), RotationAsk::Elective);
        assert_eq!(RotationAsk::Elective.with_article(), "an elective rotation");
        assert_eq!(RotationAsk::Core.words(), "core rotation");
    }

    #[test]
    fn attachments_are_the_filled_in_paths() {
        let mut p = graduate();
        assert!(p.attachments().is_empty());
        p.scores_path = " /home/a/usmle.pdf ".into();
        assert_eq!(
            p.attachments(),
            [Attachment {
                what: "USMLE score report",
                path: "/home/a/usmle.pdf"
            }]
        );
        p.cv_path = "/home/a/cv.pdf".into();
        let what: Vec<&str> = p.attachments().iter().map(|a| a.what).collect();
        assert_eq!(what, ["CV", "USMLE score report"]);
    }

    #[test]
    fn the_signature_adds_email_phone_and_id_when_known() {
        let mut p = graduate();
        assert_eq!(
            p.signature_block().as_deref(),
            Some("Amina Yusuf\nUniversity of Ibadan")
        );
        p.email = "amina@example.org".into();
        p.phone = "+234 801 234 5678".into();
        p.usmle_id = "0-123-456-7".into();
        assert_eq!(
            p.signature_block().as_deref(),
            Some(
                "Amina Yusuf\nUniversity of Ibadan\namina@example.org\n+234 801 234 5678\n\
                 ECFMG/USMLE ID: 0-123-456-7"
            )
        );
        // The applicant's own signature keeps its lines; what it already
        // says is not repeated.
        p.signature = "Dr. Amina Yusuf, MBBS\nAmina@Example.org".into();
        assert_eq!(
            p.signature_block().as_deref(),
            Some(
                "Dr. Amina Yusuf, MBBS\nAmina@Example.org\n+234 801 234 5678\n\
                 ECFMG/USMLE ID: 0-123-456-7"
            )
        );
        let nobody = Profile {
            email: "x@example.org".into(),
            medical_school: "Somewhere".into(),
            ..Profile::default()
        };
        assert_eq!(nobody.signature_block(), None);
    }

    #[test]
    fn usmle_ids_are_numbers() {
        for ok in ["", "0-123-456-7", "01234567", "0123 4567"] {
            assert!(validate_usmle_id(ok).is_ok(), "{ok}");
        }
        for bad in ["abc", "12", "0-123-456-7-890-12", "ID 01234567"] {
            assert!(validate_usmle_id(bad).is_err(), "{bad}");
        }
    }
}
