//! Editable fields of contacts, log entries and the applicant profile, in
//! the same shape as program fields (see `fields::FieldSet`).

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::contact::Title;
use super::fields::{FieldSet, next_in, parse, parse_choice};
use super::profile::validate_usmle_id;
use super::{Channel, Contact, Direction, Interaction, PreferredMethod, Profile, Role, StepResult};

/// Declares a field enum with its labels and `ALL`.
macro_rules! field_enum {
    ($name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            fn text(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

field_enum!(ContactField {
    Role => "Role",
    Name => "Name",
    Email => "Email",
    Phone => "Phone",
    // After name, email and phone, so those rows keep their places.
    Title => "Title",
    PreferredName => "Preferred name",
    LinkedIn => "LinkedIn",
    Preferred => "Preferred method",
    Source => "Source",
    AsOf => "Confirmed on",
    Notes => "Notes",
});

impl FieldSet for ContactField {
    type Target = Contact;
    fn all() -> &'static [Self] {
        Self::ALL
    }
    fn label(self) -> &'static str {
        self.text()
    }
    fn is_choice(self) -> bool {
        matches!(
            self,
            ContactField::Role | ContactField::Title | ContactField::Preferred
        )
    }
    fn is_multi_line(self) -> bool {
        self == ContactField::Notes
    }
    fn get(self, c: &Contact) -> String {
        match self {
            ContactField::Role => c.role.label().into(),
            ContactField::Title => c.title.map_or("none", Title::label).into(),
            ContactField::Name => c.name.clone(),
            ContactField::PreferredName => c.preferred_name.clone(),
            ContactField::Email => c.email.clone(),
            ContactField::Phone => c.phone.clone(),
            ContactField::LinkedIn => c.linkedin.clone(),
            ContactField::Preferred => c.preferred.label().into(),
            ContactField::Source => c.source.clone(),
            ContactField::AsOf => c.as_of.map(|d| d.to_string()).unwrap_or_default(),
            ContactField::Notes => c.notes.clone(),
        }
    }
    fn set(self, c: &mut Contact, text: &str) -> Result<(), String> {
        let t = text.trim();
        match self {
            ContactField::Role => c.role = parse_choice(t, Role::parse)?,
            ContactField::Title => c.title = Title::read(t)?,
            ContactField::Name => c.name = t.into(),
            ContactField::PreferredName => c.preferred_name = t.into(),
            ContactField::Email => c.email = optional_email(t)?,
            ContactField::Phone => c.phone = t.into(),
            ContactField::LinkedIn => c.linkedin = t.into(),
            ContactField::Preferred => c.preferred = parse_choice(t, PreferredMethod::parse)?,
            ContactField::Source => c.source = t.into(),
            ContactField::AsOf => c.as_of = parse_date(t)?,
            ContactField::Notes => c.notes = text.into(),
        }
        Ok(())
    }
    fn cycle(self, c: &mut Contact) {
        match self {
            ContactField::Role => c.role = next_in(Role::ALL, c.role),
            ContactField::Title => c.title = next_in(&TITLE_CHOICES, c.title),
            ContactField::Preferred => c.preferred = next_in(PreferredMethod::ALL, c.preferred),
            _ => {}
        }
    }
}

/// The title field's values in the order Enter cycles them.
const TITLE_CHOICES: [Option<Title>; 5] = [
    None,
    Some(Title::Dr),
    Some(Title::Ms),
    Some(Title::Mr),
    Some(Title::Mx),
];

field_enum!(InteractionField {
    When => "When",
    Channel => "Channel",
    Direction => "Direction",
    Summary => "Summary",
});

impl FieldSet for InteractionField {
    type Target = Interaction;
    fn all() -> &'static [Self] {
        Self::ALL
    }
    fn label(self) -> &'static str {
        self.text()
    }
    fn is_choice(self) -> bool {
        matches!(
            self,
            InteractionField::Channel | InteractionField::Direction
        )
    }
    fn is_multi_line(self) -> bool {
        self == InteractionField::Summary
    }
    fn get(self, i: &Interaction) -> String {
        match self {
            InteractionField::When => {
                i.at.with_timezone(&Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            }
            InteractionField::Channel => i.channel.label().into(),
            InteractionField::Direction => i.direction.label().into(),
            InteractionField::Summary => i.summary.clone(),
        }
    }
    fn set(self, i: &mut Interaction, text: &str) -> Result<(), String> {
        let t = text.trim();
        match self {
            InteractionField::When => i.at = parse_local_time(t)?,
            InteractionField::Channel => i.channel = parse_choice(t, Channel::parse)?,
            InteractionField::Direction => i.direction = parse_choice(t, Direction::parse)?,
            InteractionField::Summary if t.is_empty() => return Err("say what happened".into()),
            InteractionField::Summary => i.summary = t.into(),
        }
        Ok(())
    }
    fn cycle(self, i: &mut Interaction) {
        match self {
            InteractionField::Channel => i.channel = next_in(Channel::ALL, i.channel),
            InteractionField::Direction => i.direction = next_in(Direction::ALL, i.direction),
            _ => {}
        }
    }
}

field_enum!(ProfileField {
    FullName => "Full name",
    Email => "Email",
    Phone => "Phone",
    MedicalSchool => "Medical school",
    Country => "Country",
    GraduationYear => "Graduation year",
    Student => "Still a student",
    Step1 => "USMLE Step 1",
    Step2 => "USMLE Step 2 CK score",
    Ecfmg => "ECFMG status",
    NeedsVisa => "Needs a visa",
    TargetSpecialty => "Target specialty",
    Related => "Related specialties",
    Available => "Available",
    HomeState => "Home state",
    Signature => "Signature",
    CvPath => "CV file",
    ScoresPath => "Score report file",
    // Last, so the rows above keep their places.
    UsmleId => "ECFMG/USMLE ID",
});

impl FieldSet for ProfileField {
    type Target = Profile;
    fn all() -> &'static [Self] {
        Self::ALL
    }
    fn label(self) -> &'static str {
        self.text()
    }
    fn is_choice(self) -> bool {
        matches!(
            self,
            ProfileField::Student | ProfileField::Step1 | ProfileField::NeedsVisa
        )
    }
    fn is_multi_line(self) -> bool {
        self == ProfileField::Signature
    }
    fn get(self, p: &Profile) -> String {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        match self {
            ProfileField::FullName => p.full_name.clone(),
            ProfileField::Email => p.email.clone(),
            ProfileField::Phone => p.phone.clone(),
            ProfileField::MedicalSchool => p.medical_school.clone(),
            ProfileField::Country => p.country.clone(),
            ProfileField::GraduationYear => {
                p.graduation_year.map(|y| y.to_string()).unwrap_or_default()
            }
            ProfileField::Student => yes_no(p.is_student),
            ProfileField::Step1 => p.step1.label().into(),
            ProfileField::Step2 => p.step2_score.map(|s| s.to_string()).unwrap_or_default(),
            ProfileField::Ecfmg => p.ecfmg_status.clone(),
            ProfileField::UsmleId => p.usmle_id.clone(),
            ProfileField::NeedsVisa => yes_no(p.needs_visa),
            ProfileField::TargetSpecialty => p.target_specialty.clone(),
            ProfileField::Related => p.related_specialties.join(", "),
            ProfileField::Available => p.available.clone(),
            ProfileField::HomeState => p
                .home_state
                .map(|s| format!("{} {}", s.code(), s.name()))
                .unwrap_or_default(),
            ProfileField::Signature => p.signature.clone(),
            ProfileField::CvPath => p.cv_path.clone(),
            ProfileField::ScoresPath => p.scores_path.clone(),
        }
    }
    fn set(self, p: &mut Profile, text: &str) -> Result<(), String> {
        let t = text.trim();
        match self {
            ProfileField::FullName => p.full_name = t.into(),
            ProfileField::Email => p.email = optional_email(t)?,
            ProfileField::Phone => p.phone = t.into(),
            ProfileField::MedicalSchool => p.medical_school = t.into(),
            ProfileField::Country => p.country = t.into(),
            ProfileField::GraduationYear if t.is_empty() => p.graduation_year = None,
            ProfileField::GraduationYear => {
                let year = parse::bounded(t, "as a graduation year", 1950, 2100)?;
                p.graduation_year = u16::try_from(year).ok();
            }
            ProfileField::Student => p.is_student = parse_yes_no(t)?,
            ProfileField::Step1 => p.step1 = parse_choice(t, StepResult::parse)?,
            ProfileField::Step2 if t.is_empty() => p.step2_score = None,
            ProfileField::Step2 => {
                let score = parse::bounded(t, "points", 1, 300)?;
                p.step2_score = u16::try_from(score).ok();
            }
            ProfileField::Ecfmg => p.ecfmg_status = t.into(),
            ProfileField::UsmleId => {
                validate_usmle_id(t)?;
                p.usmle_id = t.into();
            }
            ProfileField::NeedsVisa => p.needs_visa = parse_yes_no(t)?,
            ProfileField::TargetSpecialty => p.target_specialty = t.into(),
            ProfileField::Related => {
                p.related_specialties = t
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            }
            ProfileField::Available => p.available = t.into(),
            ProfileField::HomeState if t.is_empty() => p.home_state = None,
            ProfileField::HomeState => p.home_state = Some(parse::state(t)?),
            ProfileField::Signature => p.signature = text.into(),
            ProfileField::CvPath => p.cv_path = parse::path(t)?,
            ProfileField::ScoresPath => p.scores_path = parse::path(t)?,
        }
        Ok(())
    }
    fn cycle(self, p: &mut Profile) {
        match self {
            ProfileField::Student => p.is_student = !p.is_student,
            ProfileField::NeedsVisa => p.needs_visa = !p.needs_visa,
            ProfileField::Step1 => p.step1 = next_in(StepResult::ALL, p.step1),
            _ => {}
        }
    }
}

/// Yes or no (`parse::yes_no`); "unknown" is not an answer here.
pub(crate) fn parse_yes_no(t: &str) -> Result<bool, String> {
    match parse::yes_no(t)? {
        crate::domain::Tri::Yes => Ok(true),
        crate::domain::Tri::No => Ok(false),
        crate::domain::Tri::Unknown => Err(format!("{t:?} is not yes or no: write yes or no")),
    }
}

/// A date in any form `parse::date` reads; blank means none.
pub(crate) fn parse_date(t: &str) -> Result<Option<NaiveDate>, String> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Ok(Some(parse::date(t)?))
}

/// An email address, or blank for none.
fn optional_email(t: &str) -> Result<String, String> {
    if t.is_empty() {
        return Ok(String::new());
    }
    Ok(parse::email(t)?)
}

/// "2026-11-20 14:30", or a day alone in any form `parse::date` reads
/// ("11/20/2026", "Nov 20, 2026": noon that day), in local time.
fn parse_local_time(t: &str) -> Result<DateTime<Utc>, String> {
    let naive = NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M")
        .or_else(|_| parse::date(t).map(|d| d.and_hms_opt(12, 0, 0).unwrap_or_default()))
        .map_err(|_| {
            format!("{t:?} is not a time: write one like 2026-11-20 14:30, or a day alone")
        })?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|dt| dt.with_timezone(&Utc))
        .ok_or_else(|| format!("{t} does not exist in your time zone (a DST gap)"))
}

/// Guesses channel and direction from a quick note, so "phoned the
/// coordinator, left voicemail" needs no further keys. The form that opens
/// next lets the user correct the guess.
pub fn guess_interaction(summary: &str) -> (Channel, Direction) {
    let s = summary.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    let channel = if has(&["phone", "call", "voicemail", "rang"]) {
        Channel::Phone
    } else if has(&["visit", "in person", "toured", "met "]) {
        Channel::Visit
    } else if has(&["linkedin"]) {
        Channel::LinkedIn
    } else {
        Channel::Email
    };
    let direction = if has(&[
        "replied",
        "reply",
        "received",
        "they ",
        "answered",
        "got ",
        "heard back",
        "responded",
    ]) {
        Direction::In
    } else {
        Direction::Out
    };
    (channel, direction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_email_is_validated_and_choices_cycle() {
        let mut c = Contact::default();
        assert!(ContactField::Email.set(&mut c, "not-an-email").is_err());
        ContactField::Email.set(&mut c, "gme@example.org").unwrap();
        assert_eq!(c.email, "gme@example.org");
        ContactField::Role.cycle(&mut c);
        assert_eq!(c.role, Role::ProgramDirector);
    }

    #[test]
    fn contact_title_cycles_through_none_and_reads_text() {
        let mut c = Contact::default();
        assert!(ContactField::Title.is_choice());
        assert_eq!(ContactField::Title.get(&c), "none");
        let mut seen = Vec::new();
        for _ in 0..5 {
            ContactField::Title.cycle(&mut c);
            seen.push(ContactField::Title.get(&c));
        }
        assert_eq!(seen, ["Dr.", "Ms.", "Mr.", "Mx.", "none"]);
        ContactField::Title.set(&mut c, "doctor").unwrap();
        assert_eq!(c.title, Some(Title::Dr));
        ContactField::Title.set(&mut c, "").unwrap();
        assert_eq!(c.title, None);
        assert!(ContactField::Title.set(&mut c, "Coordinator").is_err());
        ContactField::PreferredName.set(&mut c, "  Dana ").unwrap();
        assert_eq!(ContactField::PreferredName.get(&c), "Dana");
    }

    #[test]
    fn profile_fields_round_trip_through_text() {
        let mut p = Profile::default();
        for (f, text) in [
            (ProfileField::GraduationYear, "2021"),
            (ProfileField::Step2, "245"),
            (ProfileField::HomeState, "Kentucky"),
            (ProfileField::Related, "Family Medicine, Pediatrics"),
            (ProfileField::NeedsVisa, "yes"),
            (ProfileField::Step1, "pass"),
            (ProfileField::UsmleId, "0-123-456-7"),
        ] {
            f.set(&mut p, text).unwrap();
            let mut q = p.clone();
            f.set(&mut q, &f.get(&p)).unwrap();
            assert_eq!(p, q, "{f:?}");
        }
        assert_eq!(p.home_state.map(|s| s.code()), Some("KY"));
        assert!(ProfileField::GraduationYear.set(&mut p, "19").is_err());
        assert!(ProfileField::UsmleId.set(&mut p, "my id").is_err());
        assert_eq!(p.usmle_id, "0-123-456-7");
    }

    #[test]
    fn quick_notes_guess_channel_and_direction() {
        assert_eq!(
            guess_interaction("Phoned coordinator, left voicemail"),
            (Channel::Phone, Direction::Out)
        );
        assert_eq!(
            guess_interaction("Coordinator replied: apply via VSLO"),
            (Channel::Email, Direction::In)
        );
        assert_eq!(
            guess_interaction("Visited the clinic"),
            (Channel::Visit, Direction::Out)
        );
    }

    #[test]
    fn interaction_time_parses_local_and_refuses_junk() {
        let mut i = Interaction {
            id: Default::default(),
            program_id: Default::default(),
            contact_id: None,
            at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
            channel: Channel::Email,
            direction: Direction::Out,
            summary: "x".into(),
            eml_path: None,
        };
        InteractionField::When
            .set(&mut i, "2026-11-20 14:30")
            .unwrap();
        assert_eq!(InteractionField::When.get(&i), "2026-11-20 14:30");
        InteractionField::When.set(&mut i, "11/21/2026").unwrap();
        assert!(InteractionField::When.get(&i).starts_with("2026-11-21 "));
        assert!(InteractionField::When.set(&mut i, "yesterday").is_err());
        assert!(InteractionField::Summary.set(&mut i, " ").is_err());
    }
}
