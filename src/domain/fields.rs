//! Program fields as the detail view edits them: a label, the text shown,
//! and parsing text back with a clear message when it is not valid.

use chrono::NaiveDate;

use super::{
    AppRoute, Program, RotationKind, Status, Tri, UsState, Visa, program::validate_external_id,
};

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
}

/// The next value after `cur` in `all`, wrapping around.
pub fn next_in<T: Copy + PartialEq>(all: &[T], cur: T) -> T {
    let i = all
        .iter()
        .position(|v| *v == cur)
        .map_or(0, |i| (i + 1) % all.len());
    all[i]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Institution,
    Specialty,
    State,
    City,
    Website,
    ExternalId,
    Status,
    AcceptsImgs,
    Visa,
    ImgPercent,
    GradWithinYears,
    Step1PassRequired,
    MinStep2Score,
    TakesGraduates,
    RotationKinds,
    HandsOn,
    Weeks,
    Fee,
    ApplicationsOpen,
    Route,
    Tags,
    Notes,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Name,
        Field::Institution,
        Field::Specialty,
        Field::State,
        Field::City,
        Field::Website,
        Field::ExternalId,
        Field::Status,
        Field::AcceptsImgs,
        Field::Visa,
        Field::ImgPercent,
        Field::GradWithinYears,
        Field::Step1PassRequired,
        Field::MinStep2Score,
        Field::TakesGraduates,
        Field::RotationKinds,
        Field::HandsOn,
        Field::Weeks,
        Field::Fee,
        Field::ApplicationsOpen,
        Field::Route,
        Field::Tags,
        Field::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Institution => "Institution",
            Field::Specialty => "Specialty",
            Field::State => "State",
            Field::City => "City",
            Field::Website => "Website",
            Field::ExternalId => "ACGME id",
            Field::Status => "Status",
            Field::AcceptsImgs => "Accepts IMGs",
            Field::Visa => "Visa sponsorship",
            Field::ImgPercent => "IMG %",
            Field::GradWithinYears => "Graduated within (yrs)",
            Field::Step1PassRequired => "Step 1 pass required",
            Field::MinStep2Score => "Min Step 2 CK",
            Field::TakesGraduates => "Takes graduates",
            Field::RotationKinds => "Rotation types",
            Field::HandsOn => "Hands-on",
            Field::Weeks => "Weeks",
            Field::Fee => "Fee",
            Field::ApplicationsOpen => "Applications open",
            Field::Route => "Application route",
            Field::Tags => "Values / tags",
            Field::Notes => "Notes",
        }
    }

    /// Fields with a few fixed values are cycled rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            Field::Status
                | Field::AcceptsImgs
                | Field::Visa
                | Field::Step1PassRequired
                | Field::TakesGraduates
                | Field::HandsOn
                | Field::Route
        )
    }

    /// The field's value as text; what an edit starts from.
    pub fn get(self, p: &Program) -> String {
        let opt = |v: Option<String>| v.unwrap_or_default();
        match self {
            Field::Name => p.name.clone(),
            Field::Institution => p.institution.clone(),
            Field::Specialty => p.specialty.clone(),
            Field::State => format!("{} {}", p.state.code(), p.state.name()),
            Field::City => p.city.clone(),
            Field::Website => p.website.clone(),
            Field::ExternalId => opt(p.external_id.clone()),
            Field::Status => p.status.label().to_string(),
            Field::AcceptsImgs => p.accepts_imgs.label().to_string(),
            Field::Visa => p.visa.label().to_string(),
            Field::ImgPercent => opt(p.img_percent.map(|v| format!("{v}%"))),
            Field::GradWithinYears => opt(p.requirements.grad_within_years.map(|v| v.to_string())),
            Field::Step1PassRequired => p.requirements.step1_pass_required.label().to_string(),
            Field::MinStep2Score => opt(p.requirements.min_step2_score.map(|v| v.to_string())),
            Field::TakesGraduates => p.requirements.takes_graduates.label().to_string(),
            Field::RotationKinds => p
                .rotation
                .kinds
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", "),
            Field::HandsOn => p.rotation.hands_on.label().to_string(),
            Field::Weeks => opt(p.rotation.weeks.map(|v| v.to_string())),
            Field::Fee => p.rotation.fee.clone(),
            Field::ApplicationsOpen => opt(p.rotation.applications_open.map(|d| d.to_string())),
            Field::Route => p.route.map(|r| r.label().to_string()).unwrap_or_default(),
            Field::Tags => p.tags.join(", "),
            Field::Notes => p.notes.clone(),
        }
    }

    /// Parses text into the field. Blank clears optional fields.
    pub fn set(self, p: &mut Program, text: &str) -> Result<(), String> {
        let t = text.trim();
        match self {
            Field::Name if t.is_empty() => return Err("a program needs a name".into()),
            Field::Name => p.name = t.to_string(),
            Field::Institution => p.institution = t.to_string(),
            Field::Specialty => p.specialty = t.to_string(),
            Field::State => {
                let code = t.split_whitespace().next().unwrap_or("");
                p.state = UsState::parse(t)
                    .or_else(|| UsState::parse(code))
                    .ok_or_else(|| format!("{t:?} is not a U.S. state or territory"))?;
            }
            Field::City => p.city = t.to_string(),
            Field::Website => p.website = t.to_string(),
            Field::ExternalId if t.is_empty() => p.external_id = None,
            Field::ExternalId => {
                validate_external_id(t)?;
                p.external_id = Some(t.to_string());
            }
            Field::Status => p.status = parse_choice(t, Status::parse)?,
            Field::AcceptsImgs => p.accepts_imgs = parse_choice(t, Tri::parse)?,
            Field::Visa => p.visa = parse_choice(t, Visa::parse)?,
            Field::ImgPercent => p.img_percent = parse_number(t.trim_end_matches('%'), 100)?,
            Field::GradWithinYears => p.requirements.grad_within_years = parse_number(t, 60)?,
            Field::Step1PassRequired => {
                p.requirements.step1_pass_required = parse_choice(t, Tri::parse)?
            }
            Field::MinStep2Score => p.requirements.min_step2_score = parse_number(t, 300)?,
            Field::TakesGraduates => p.requirements.takes_graduates = parse_choice(t, Tri::parse)?,
            Field::RotationKinds => {
                let mut kinds = Vec::new();
                for part in t
                    .split([',', ';', '/'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                {
                    let kind = RotationKind::parse(part).ok_or_else(|| {
                        format!("{part:?} is not a rotation type (core, elective, sub-internship, externship, observership)")
                    })?;
                    if !kinds.contains(&kind) {
                        kinds.push(kind);
                    }
                }
                p.rotation.kinds = kinds;
            }
            Field::HandsOn => p.rotation.hands_on = parse_choice(t, Tri::parse)?,
            Field::Weeks => p.rotation.weeks = parse_number(t, 52)?,
            Field::Fee => p.rotation.fee = t.to_string(),
            Field::ApplicationsOpen if t.is_empty() => p.rotation.applications_open = None,
            Field::ApplicationsOpen => {
                p.rotation.applications_open = Some(
                    NaiveDate::parse_from_str(t, "%Y-%m-%d")
                        .map_err(|_| format!("{t:?} is not a date like 2027-03-01"))?,
                )
            }
            Field::Route if t.is_empty() => p.route = None,
            Field::Route => p.route = Some(parse_choice(t, AppRoute::parse)?),
            Field::Tags => {
                p.tags = t
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            }
            Field::Notes => p.notes = text.to_string(),
        }
        Ok(())
    }

    /// Moves a choice field to its next value (wrapping).
    pub fn cycle(self, p: &mut Program) {
        match self {
            Field::Status => p.status = next_in(Status::ALL, p.status),
            Field::AcceptsImgs => p.accepts_imgs = next_in(Tri::ALL, p.accepts_imgs),
            Field::Visa => p.visa = next_in(Visa::ALL, p.visa),
            Field::Step1PassRequired => {
                p.requirements.step1_pass_required =
                    next_in(Tri::ALL, p.requirements.step1_pass_required)
            }
            Field::TakesGraduates => {
                p.requirements.takes_graduates = next_in(Tri::ALL, p.requirements.takes_graduates)
            }
            Field::HandsOn => p.rotation.hands_on = next_in(Tri::ALL, p.rotation.hands_on),
            Field::Route => {
                let all: Vec<Option<AppRoute>> = std::iter::once(None)
                    .chain(AppRoute::ALL.iter().copied().map(Some))
                    .collect();
                p.route = next_in(&all, p.route);
            }
            _ => {}
        }
    }
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
