//! A residency program: the unit the applicant researches and contacts.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{UsState, text_enum};

/// Row id in the store. `ProgramId(0)` marks a program not yet saved.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct ProgramId(pub i64);

text_enum! {
    /// Yes / no / not stated. The guides say a program that does not state
    /// its IMG policy is kept as "unknown", never treated as "no".
    #[derive(Default)]
    pub enum Tri {
        #[default]
        Unknown = ("unknown", "unknown"),
        Yes = ("yes", "yes"),
        No = ("no", "no"),
    }
}

text_enum! {
    /// Which visas a program sponsors for residents.
    #[derive(Default)]
    pub enum Visa {
        #[default]
        Unknown = ("unknown", "unknown"),
        None = ("none", "none"),
        J1 = ("j1", "J-1"),
        H1b = ("h1b", "H-1B"),
        Both = ("both", "J-1 + H-1B"),
    }
}

text_enum! {
    /// Kinds of clinical experience a program offers visitors. Core beats
    /// elective; anything hands-on beats an observership.
    pub enum RotationKind {
        Core = ("core", "core"),
        Elective = ("elective", "elective"),
        SubInternship = ("subi", "sub-internship"),
        Externship = ("externship", "externship"),
        Observership = ("observership", "observership"),
    }
}

text_enum! {
    /// How one applies for a rotation there.
    pub enum AppRoute {
        Vslo = ("vslo", "VSLO"),
        Direct = ("direct", "direct"),
        PaidPlacement = ("paid", "paid placement"),
        Network = ("network", "personal network"),
    }
}

text_enum! {
    /// The outreach pipeline. Order matters: it is the order of progress,
    /// used to decide whether an event may move a program "forward".
    #[derive(Default)]
    pub enum Status {
        #[default]
        Researching = ("researching", "researching"),
        Shortlisted = ("shortlisted", "shortlisted"),
        NotAFit = ("not_a_fit", "not a fit"),
        Contacted = ("contacted", "contacted"),
        Replied = ("replied", "replied"),
        Applied = ("applied", "applied"),
        Accepted = ("accepted", "accepted"),
        Declined = ("declined", "declined"),
        Completed = ("completed", "completed"),
    }
}

impl Status {
    /// A one-character mark, so status never depends on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Researching => "·",
            Status::Shortlisted => "☆",
            Status::NotAFit => "✗",
            Status::Contacted => "→",
            Status::Replied => "←",
            Status::Applied => "✎",
            Status::Accepted => "✓",
            Status::Declined => "⊘",
            Status::Completed => "★",
        }
    }

    /// The status a program moves to when something is logged: a first
    /// outbound contact makes it contacted, a first reply makes it replied,
    /// unless the user already moved it further.
    pub fn after_interaction(self, direction: super::Direction) -> Option<Status> {
        let target = match direction {
            super::Direction::Out => Status::Contacted,
            super::Direction::In => Status::Replied,
            // Not an answer: the status stays where it is.
            super::Direction::AutoReply => return None,
        };
        (self.rank() < target.rank()).then_some(target)
    }

    /// Rank in the pipeline for "has it got at least this far?" questions.
    /// Terminal outcomes rank above the steps that lead to them.
    pub fn rank(self) -> u8 {
        match self {
            Status::Researching => 0,
            Status::Shortlisted | Status::NotAFit => 1,
            Status::Contacted => 2,
            Status::Replied => 3,
            Status::Applied => 4,
            Status::Accepted | Status::Declined => 5,
            Status::Completed => 6,
        }
    }
}

/// What a program asks of a visiting IMG. `None` means "not stated".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Requirements {
    /// Graduated no more than this many years ago.
    pub grad_within_years: Option<u8>,
    /// USMLE Step 1 must be passed (Step 1 is pass/fail since 2022).
    pub step1_pass_required: Tri,
    pub min_step2_score: Option<u16>,
    /// Takes graduates, not only current students.
    pub takes_graduates: Tri,
}

/// The rotation(s) a program offers visitors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RotationOffer {
    pub kinds: Vec<RotationKind>,
    pub hands_on: Tri,
    pub weeks: Option<u8>,
    /// Free text as the program states it: "$1,200", "$300/week", "none".
    pub fee: String,
    pub applications_open: Option<NaiveDate>,
}

/// What applying asks and costs, as the program states it (issue 19).
/// Kept as written; `domain::costs` and `domain::readiness` read amounts,
/// dates and lead times out of the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationTerms {
    /// Document kinds it asks for (`domain::documents::DocKind` names).
    pub required_docs: Vec<String>,
    /// "$75", "none".
    pub application_fee: String,
    /// "yes", "no", "$800/month".
    pub housing: String,
    /// A date ("2027-03-01") or a lead time ("apply 3 months ahead").
    pub deadline: String,
    pub onboarding_notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Program {
    pub id: ProgramId,
    /// The program number (ACGME's is 10 digits; letters, digits and '-' up
    /// to 16 are accepted), kept as text: leading zeros matter.
    pub external_id: Option<String>,
    /// The NRMP program code (`1234567C0`), when the list gives one.
    pub nrmp_code: Option<String>,
    pub name: String,
    pub institution: String,
    pub specialty: String,
    pub state: UsState,
    pub city: String,
    pub website: String,
    /// The program's own line (office or switchboard), as written; a
    /// person's phone is on their contact.
    pub main_phone: String,
    pub accepts_imgs: Tri,
    pub visa: Visa,
    pub img_percent: Option<u8>,
    pub requirements: Requirements,
    pub rotation: RotationOffer,
    pub application: ApplicationTerms,
    pub route: Option<AppRoute>,
    /// Values that attract the applicant: "global health", "research"…
    pub tags: Vec<String>,
    pub status: Status,
    pub notes: String,
    /// Rows seeded from the bundled demo list, removable in one go.
    pub is_sample: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Default for Program {
    fn default() -> Self {
        Program {
            id: ProgramId::default(),
            external_id: None,
            nrmp_code: None,
            name: String::new(),
            institution: String::new(),
            specialty: String::new(),
            state: UsState::default(),
            city: String::new(),
            website: String::new(),
            main_phone: String::new(),
            accepts_imgs: Tri::Unknown,
            visa: Visa::Unknown,
            img_percent: None,
            requirements: Requirements::default(),
            rotation: RotationOffer::default(),
            application: ApplicationTerms::default(),
            route: None,
            tags: Vec::new(),
            status: Status::Researching,
            notes: String::new(),
            is_sample: false,
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            updated_at: DateTime::<Utc>::UNIX_EPOCH,
        }
    }
}

impl Program {
    /// A fresh, unsaved program with the two fields every program needs.
    pub fn new(name: impl Into<String>, state: UsState) -> Program {
        Program {
            name: name.into(),
            state,
            ..Program::default()
        }
    }
}

/// Checks a program number (ACGME, NRMP or a source's own id): letters,
/// digits and '-', at most 16. Leading zeros are kept as given.
pub fn validate_external_id(id: &str) -> Result<(), String> {
    let id = id.trim();
    if id.is_empty() || id.len() > 16 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(format!(
            "{id:?} is not a program number (letters, digits and '-', at most 16)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_parse_codes_and_labels() {
        assert_eq!(Status::parse("Not a fit"), Some(Status::NotAFit));
        assert_eq!(Status::parse("not_a_fit"), Some(Status::NotAFit));
        assert_eq!(Visa::parse("H-1B"), Some(Visa::H1b));
        assert_eq!(
            RotationKind::parse("Sub-Internship"),
            Some(RotationKind::SubInternship)
        );
        assert_eq!(
            AppRoute::parse("paid placement"),
            Some(AppRoute::PaidPlacement)
        );
        assert_eq!(Tri::parse("maybe"), None);
    }

    #[test]
    fn codes_are_unique_per_enum() {
        let codes: std::collections::HashSet<_> = Status::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes.len(), Status::ALL.len());
    }

    #[test]
    fn status_rank_orders_the_pipeline() {
        assert!(Status::Contacted.rank() > Status::Shortlisted.rank());
        assert!(Status::Replied.rank() > Status::Contacted.rank());
        assert!(Status::Completed.rank() > Status::Accepted.rank());
    }

    #[test]
    fn external_ids_keep_leading_zeros() {
        assert!(validate_external_id("0140521105").is_ok());
        assert!(validate_external_id("14 05").is_err());
        assert!(validate_external_id("").is_err());
    }
}
