//! Realistic values to render and send with.

use chrono::NaiveDate;

use crate::domain::{
    AppRoute, Contact, Profile, Program, Role, RotationKind, RotationOffer, StepResult, UsState,
};
use crate::mail::RenderInput;

pub fn program() -> Program {
    Program {
        name: "University of Louisville Internal Medicine Residency".into(),
        institution: "University of Louisville".into(),
        specialty: "Internal Medicine".into(),
        city: "Louisville".into(),
        website: "https://example.edu/im".into(),
        tags: vec![
            "global health".into(),
            "research".into(),
            "rural health".into(),
        ],
        rotation: RotationOffer {
            kinds: vec![RotationKind::Elective, RotationKind::Core],
            weeks: Some(4),
            ..RotationOffer::default()
        },
        route: Some(AppRoute::Vslo),
        ..Program::new("", UsState::parse("KY").unwrap())
    }
}

pub fn contact() -> Contact {
    Contact {
        role: Role::Coordinator,
        name: "Ms. Dana Whitfield".into(),
        email: "im.coordinator@example.edu".into(),
        ..Contact::default()
    }
}

pub fn profile() -> Profile {
    Profile {
        full_name: "Amina Yusuf".into(),
        email: "amina.yusuf@example.org".into(),
        phone: "+234 801 234 5678".into(),
        medical_school: "University of Ibadan College of Medicine".into(),
        country: "Nigeria".into(),
        graduation_year: Some(2023),
        is_student: false,
        step1: StepResult::Pass,
        step2_score: Some(248),
        ecfmg_status: "certified".into(),
        needs_visa: true,
        target_specialty: "Internal Medicine".into(),
        related_specialties: vec!["Family Medicine".into(), "Pediatrics".into()],
        available: "from June 2 to July 25, 2025".into(),
        home_state: UsState::parse("KY"),
        signature: String::new(),
        cv_path: "/home/amina/cv.pdf".into(),
        scores_path: "/home/amina/usmle.pdf".into(),
        usmle_id: "0-123-456-7".into(),
    }
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 4).unwrap()
}

pub fn input<'a>(
    program: &'a Program,
    contact: Option<&'a Contact>,
    profile: &'a Profile,
) -> RenderInput<'a> {
    RenderInput {
        program,
        contact,
        profile,
        today: today(),
    }
}
