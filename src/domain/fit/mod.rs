//! Does the applicant fit what a program asks? The guides say to read each
//! program's requirements and keep "the ones with whom you fit the
//! description" — and, when a program says nothing about IMGs, to assume
//! they are accepted and keep it.
//!
//! So a requirement the program does not state, or one the profile cannot
//! answer yet, is *unknown*: it asks the user to check, and never counts as
//! a failure. Only a stated requirement the profile clearly misses fails.
//!
//! The verdict is advice, not a verdict on the program's status: a user who
//! wants to keep a program that does not fit moves its status away from
//! `not_a_fit` and writes why in its notes. Nothing here changes a status.
//!
//! Specialty is not part of fit: it is a filter (`in_my_specialties`).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::fields::Field;
use super::{Profile, Program, StepResult, Tri, Visa, squash, text_enum};

text_enum! {
    /// The overall answer. Declared in sort order: best first.
    pub enum Verdict {
        Fits = ("fits", "fits"),
        Check = ("check", "check"),
        NotFit = ("not_fit", "not a fit"),
    }
}

text_enum! {
    /// How one requirement came out.
    pub enum ReasonKind {
        Ok = ("ok", "ok"),
        Unknown = ("unknown", "unknown"),
        Fails = ("fails", "fails"),
    }
}

/// Which requirement a reason is about, so a screen can label or group
/// reasons without parsing their words. Each compares the profile with one
/// program field, and is called by that field's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Criterion {
    Imgs,
    Graduates,
    Graduation,
    Step1,
    Step2,
    Visa,
}

impl Criterion {
    pub const ALL: &'static [Criterion] = &[
        Criterion::Imgs,
        Criterion::Graduates,
        Criterion::Graduation,
        Criterion::Step1,
        Criterion::Step2,
        Criterion::Visa,
    ];

    /// The stable code JSON output carries.
    pub fn code(self) -> &'static str {
        match self {
            Criterion::Imgs => "imgs",
            Criterion::Graduates => "graduates",
            Criterion::Graduation => "graduation",
            Criterion::Step1 => "step1",
            Criterion::Step2 => "step2",
            Criterion::Visa => "visa",
        }
    }

    /// The program field the requirement is stated in.
    pub fn field(self) -> Field {
        match self {
            Criterion::Imgs => Field::AcceptsImgs,
            Criterion::Graduates => Field::TakesGraduates,
            Criterion::Graduation => Field::GradWithinYears,
            Criterion::Step1 => Field::Step1PassRequired,
            Criterion::Step2 => Field::MinStep2Score,
            Criterion::Visa => Field::Visa,
        }
    }

    /// The field's label from the field table, as the detail form shows it.
    pub fn label(self) -> &'static str {
        self.field().label()
    }
}

impl Serialize for Criterion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One requirement compared with the profile, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub criterion: Criterion,
    pub kind: ReasonKind,
    pub text: String,
}

/// The verdict and every reason behind it, in a fixed criterion order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fit {
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
}

impl Fit {
    /// Any failure makes it not a fit; otherwise any unknown asks for a
    /// check; otherwise it fits.
    pub fn from_reasons(reasons: Vec<Reason>) -> Fit {
        let has = |kind| reasons.iter().any(|r| r.kind == kind);
        let verdict = if has(ReasonKind::Fails) {
            Verdict::NotFit
        } else if has(ReasonKind::Unknown) {
            Verdict::Check
        } else {
            Verdict::Fits
        };
        Fit { verdict, reasons }
    }
}

/// Sort key: fits first, then check, then not a fit.
pub fn fit_rank(v: Verdict) -> u8 {
    match v {
        Verdict::Fits => 0,
        Verdict::Check => 1,
        Verdict::NotFit => 2,
    }
}

/// Compares the profile with every requirement the program records.
/// `today` fixes "years since graduation" (`today.year() - graduation_year`).
pub fn check(profile: &Profile, program: &Program, today: NaiveDate) -> Fit {
    Fit::from_reasons(vec![
        imgs(program.accepts_imgs),
        graduates(profile, program.requirements.takes_graduates),
        graduation(profile, program.requirements.grad_within_years, today),
        step1(profile.step1, program.requirements.step1_pass_required),
        step2(profile.step2_score, program.requirements.min_step2_score),
        visa(profile.needs_visa, program.visa),
    ])
}

/// True when the program's specialty is the applicant's target or one of
/// the related ones (ignoring case and punctuation). With no target set, or
/// no specialty recorded for the program, every program passes: the filter
/// only hides what it knows to be elsewhere.
pub fn in_my_specialties(profile: &Profile, program: &Program) -> bool {
    let target = squash(&profile.target_specialty);
    let theirs = squash(&program.specialty);
    if target.is_empty() || theirs.is_empty() {
        return true;
    }
    std::iter::once(target)
        .chain(profile.related_specialties.iter().map(|s| squash(s)))
        .any(|mine| !mine.is_empty() && mine == theirs)
}

fn reason(criterion: Criterion, kind: ReasonKind, text: impl Into<String>) -> Reason {
    Reason {
        criterion,
        kind,
        text: text.into(),
    }
}

fn imgs(accepts: Tri) -> Reason {
    let (kind, text) = match accepts {
        Tri::Yes => (ReasonKind::Ok, "program accepts IMGs"),
        Tri::No => (ReasonKind::Fails, "program does not accept IMGs"),
        Tri::Unknown => (
            ReasonKind::Unknown,
            "IMG policy not stated — the guides say keep it",
        ),
    };
    reason(Criterion::Imgs, kind, text)
}

fn graduates(profile: &Profile, takes_graduates: Tri) -> Reason {
    let (kind, text) = match (profile.is_student, takes_graduates) {
        (_, Tri::Yes) => (ReasonKind::Ok, "program takes graduates"),
        (true, Tri::No) => (
            ReasonKind::Ok,
            "program takes students only; you are still a student",
        ),
        (true, Tri::Unknown) => (
            ReasonKind::Ok,
            "you are still a student, so whether graduates are taken does not matter",
        ),
        (false, Tri::No) => (
            ReasonKind::Fails,
            "program takes students only; you have graduated",
        ),
        (false, Tri::Unknown) => (
            ReasonKind::Unknown,
            "not stated whether the program takes graduates",
        ),
    };
    reason(Criterion::Graduates, kind, text)
}

/// A missing limit is "no limit stated", not unknown: the program record has
/// no other way to say "no limit", so treating it as unknown would leave
/// such a program at "check" forever, whatever the user confirms.
fn graduation(profile: &Profile, within: Option<u8>, today: NaiveDate) -> Reason {
    let c = Criterion::Graduation;
    let Some(limit) = within else {
        return reason(
            c,
            ReasonKind::Ok,
            "no limit on years since graduation stated",
        );
    };
    let rule = format!("program takes ≤ {limit} years since graduation");
    if profile.is_student {
        return reason(c, ReasonKind::Ok, format!("still a student; {rule}"));
    }
    let Some(year) = profile.graduation_year else {
        return reason(
            c,
            ReasonKind::Unknown,
            format!("{rule}; add your graduation year to your profile"),
        );
    };
    let years = today.year() - i32::from(year);
    if years <= i32::from(limit) {
        reason(c, ReasonKind::Ok, format!("graduated {year}, {rule}"))
    } else {
        reason(
            c,
            ReasonKind::Fails,
            format!("graduated {year} ({years} years ago), {rule}"),
        )
    }
}

fn step1(mine: StepResult, required: Tri) -> Reason {
    let (kind, text) = match (required, mine) {
        (Tri::No, _) => (ReasonKind::Ok, "Step 1 pass not required"),
        (Tri::Yes, StepResult::Pass) => (ReasonKind::Ok, "Step 1 passed, as the program requires"),
        (Tri::Yes, StepResult::NotTaken) => (
            ReasonKind::Unknown,
            "Step 1 not yet taken; program requires a pass",
        ),
        (Tri::Yes, StepResult::Fail) => (
            ReasonKind::Fails,
            "program requires a Step 1 pass; your profile says fail",
        ),
        // A pass meets any Step 1 rule, so the program's silence is moot.
        (Tri::Unknown, StepResult::Pass) => (ReasonKind::Ok, "Step 1 passed"),
        (Tri::Unknown, _) => (
            ReasonKind::Unknown,
            "not stated whether a Step 1 pass is required",
        ),
    };
    reason(Criterion::Step1, kind, text)
}

/// As with graduation, a missing minimum reads "no minimum stated".
fn step2(mine: Option<u16>, minimum: Option<u16>) -> Reason {
    let c = Criterion::Step2;
    match (minimum, mine) {
        (None, _) => reason(c, ReasonKind::Ok, "no minimum Step 2 CK score stated"),
        (Some(min), None) => reason(
            c,
            ReasonKind::Unknown,
            format!("program asks for Step 2 CK ≥ {min}; add your score to your profile"),
        ),
        (Some(min), Some(score)) if score >= min => reason(
            c,
            ReasonKind::Ok,
            format!("Step 2 CK {score}, program asks ≥ {min}"),
        ),
        (Some(min), Some(score)) => reason(
            c,
            ReasonKind::Fails,
            format!("Step 2 CK {score} is below the program's minimum of {min}"),
        ),
    }
}

fn visa(needs_visa: bool, sponsors: Visa) -> Reason {
    let c = Criterion::Visa;
    if !needs_visa {
        return reason(c, ReasonKind::Ok, "you need no visa");
    }
    match sponsors {
        Visa::None => reason(
            c,
            ReasonKind::Fails,
            "you need a visa (J-1 or H-1B); program sponsors none",
        ),
        Visa::Unknown => reason(
            c,
            ReasonKind::Unknown,
            "you need a visa; program's visa sponsorship not stated",
        ),
        Visa::J1 | Visa::H1b | Visa::Both => reason(
            c,
            ReasonKind::Ok,
            format!("you need a visa; program sponsors {}", sponsors.label()),
        ),
    }
}

#[cfg(test)]
mod tests;
