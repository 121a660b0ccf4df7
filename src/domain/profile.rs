//! The applicant: what templates sign with and what fit checks compare.

use serde::{Deserialize, Serialize};

use super::{UsState, text_enum};

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
