use super::*;
use crate::domain::{Requirements, UsState};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

/// A graduate who meets everything a program below can ask.
fn graduate() -> Profile {
    Profile {
        graduation_year: Some(2020),
        is_student: false,
        step1: StepResult::Pass,
        step2_score: Some(240),
        needs_visa: true,
        target_specialty: "Internal Medicine".into(),
        ..Profile::default()
    }
}

/// A program that states every requirement, each one met by `graduate()`.
fn strict_program() -> Program {
    Program {
        accepts_imgs: Tri::Yes,
        visa: Visa::J1,
        requirements: Requirements {
            grad_within_years: Some(5),
            step1_pass_required: Tri::Yes,
            min_step2_score: Some(240),
            takes_graduates: Tri::Yes,
        },
        specialty: "Internal Medicine".into(),
        ..Program::new("Strict", UsState::from_code("KY").unwrap())
    }
}

fn reason_for(fit: &Fit, c: Criterion) -> &Reason {
    fit.reasons.iter().find(|r| r.criterion == c).unwrap()
}

fn kind_of(profile: &Profile, program: &Program, c: Criterion) -> ReasonKind {
    reason_for(&check(profile, program, today()), c).kind
}

#[test]
fn every_requirement_met_fits_with_one_reason_per_criterion() {
    let fit = check(&graduate(), &strict_program(), today());
    assert_eq!(fit.verdict, Verdict::Fits, "{fit:#?}");
    assert_eq!(fit.reasons.len(), Criterion::ALL.len());
    assert!(fit.reasons.iter().all(|r| r.kind == ReasonKind::Ok));
}

#[test]
fn any_failure_wins_over_unknowns() {
    let mut p = strict_program();
    p.accepts_imgs = Tri::Unknown;
    p.visa = Visa::None;
    let fit = check(&graduate(), &p, today());
    assert_eq!(fit.verdict, Verdict::NotFit);
}

#[test]
fn unknown_alone_asks_for_a_check_never_a_failure() {
    let p = Program {
        specialty: "Internal Medicine".into(),
        ..Program::new("Silent", UsState::from_code("OH").unwrap())
    };
    let fit = check(&graduate(), &p, today());
    assert_eq!(fit.verdict, Verdict::Check, "{fit:#?}");
    assert!(fit.reasons.iter().all(|r| r.kind != ReasonKind::Fails));
}

#[test]
fn img_policy() {
    let mut p = strict_program();
    p.accepts_imgs = Tri::No;
    assert_eq!(kind_of(&graduate(), &p, Criterion::Imgs), ReasonKind::Fails);
    p.accepts_imgs = Tri::Unknown;
    let fit = check(&graduate(), &p, today());
    let r = reason_for(&fit, Criterion::Imgs);
    assert_eq!(r.kind, ReasonKind::Unknown);
    assert_eq!(r.text, "IMG policy not stated — the guides say keep it");
    assert_eq!(fit.verdict, Verdict::Check);
}

#[test]
fn exactly_the_limit_of_years_since_graduation_fits() {
    let mut me = graduate();
    me.graduation_year = Some(2020); // 2025 - 2020 = 5, limit 5
    let fit = check(&me, &strict_program(), today());
    let r = reason_for(&fit, Criterion::Graduation);
    assert_eq!(r.kind, ReasonKind::Ok);
    assert_eq!(
        r.text,
        "graduated 2020, program takes ≤ 5 years since graduation"
    );
    me.graduation_year = Some(2019);
    let fit = check(&me, &strict_program(), today());
    let r = reason_for(&fit, Criterion::Graduation);
    assert_eq!(r.kind, ReasonKind::Fails);
    assert_eq!(
        r.text,
        "graduated 2019 (6 years ago), program takes ≤ 5 years since graduation"
    );
    assert_eq!(fit.verdict, Verdict::NotFit);
}

#[test]
fn graduation_year_missing_asks_to_fill_in_the_profile() {
    let mut me = graduate();
    me.graduation_year = None;
    let fit = check(&me, &strict_program(), today());
    let r = reason_for(&fit, Criterion::Graduation);
    assert_eq!(r.kind, ReasonKind::Unknown);
    assert!(r.text.contains("add your graduation year"), "{}", r.text);
    assert_eq!(fit.verdict, Verdict::Check);
}

#[test]
fn students_and_missing_limits_pass_the_graduation_rule() {
    let student = Profile {
        is_student: true,
        graduation_year: Some(2010),
        ..graduate()
    };
    assert_eq!(
        kind_of(&student, &strict_program(), Criterion::Graduation),
        ReasonKind::Ok
    );
    let mut p = strict_program();
    p.requirements.grad_within_years = None;
    let old = Profile {
        graduation_year: Some(1990),
        ..graduate()
    };
    assert_eq!(kind_of(&old, &p, Criterion::Graduation), ReasonKind::Ok);
}

#[test]
fn students_only_programs_fail_graduates_but_not_students() {
    let mut p = strict_program();
    p.requirements.takes_graduates = Tri::No;
    assert_eq!(
        kind_of(&graduate(), &p, Criterion::Graduates),
        ReasonKind::Fails
    );
    let student = Profile {
        is_student: true,
        ..graduate()
    };
    assert_eq!(kind_of(&student, &p, Criterion::Graduates), ReasonKind::Ok);
    p.requirements.takes_graduates = Tri::Unknown;
    assert_eq!(
        kind_of(&graduate(), &p, Criterion::Graduates),
        ReasonKind::Unknown
    );
    assert_eq!(kind_of(&student, &p, Criterion::Graduates), ReasonKind::Ok);
}

#[test]
fn step1_rules() {
    let cases = [
        (Tri::Yes, StepResult::Pass, ReasonKind::Ok),
        (Tri::Yes, StepResult::NotTaken, ReasonKind::Unknown),
        (Tri::Yes, StepResult::Fail, ReasonKind::Fails),
        (Tri::No, StepResult::Fail, ReasonKind::Ok),
        (Tri::No, StepResult::NotTaken, ReasonKind::Ok),
        (Tri::Unknown, StepResult::Pass, ReasonKind::Ok),
        (Tri::Unknown, StepResult::NotTaken, ReasonKind::Unknown),
        (Tri::Unknown, StepResult::Fail, ReasonKind::Unknown),
    ];
    for (required, mine, want) in cases {
        let mut p = strict_program();
        p.requirements.step1_pass_required = required;
        let me = Profile {
            step1: mine,
            ..graduate()
        };
        assert_eq!(
            kind_of(&me, &p, Criterion::Step1),
            want,
            "{required:?} {mine:?}"
        );
    }
}

#[test]
fn step2_score_equal_to_the_minimum_fits() {
    let mut me = graduate();
    me.step2_score = Some(240);
    let fit = check(&me, &strict_program(), today());
    let r = reason_for(&fit, Criterion::Step2);
    assert_eq!(r.kind, ReasonKind::Ok);
    assert_eq!(r.text, "Step 2 CK 240, program asks ≥ 240");
    me.step2_score = Some(239);
    let fit = check(&me, &strict_program(), today());
    assert_eq!(reason_for(&fit, Criterion::Step2).kind, ReasonKind::Fails);
    assert_eq!(fit.verdict, Verdict::NotFit);
}

#[test]
fn step2_missing_on_either_side() {
    let me = Profile {
        step2_score: None,
        ..graduate()
    };
    assert_eq!(
        kind_of(&me, &strict_program(), Criterion::Step2),
        ReasonKind::Unknown
    );
    let mut p = strict_program();
    p.requirements.min_step2_score = None;
    assert_eq!(kind_of(&me, &p, Criterion::Step2), ReasonKind::Ok);
}

#[test]
fn visa_rules() {
    let cases = [
        (Visa::None, ReasonKind::Fails),
        (Visa::Unknown, ReasonKind::Unknown),
        (Visa::J1, ReasonKind::Ok),
        (Visa::H1b, ReasonKind::Ok),
        (Visa::Both, ReasonKind::Ok),
    ];
    for (sponsors, want) in cases {
        let mut p = strict_program();
        p.visa = sponsors;
        assert_eq!(
            kind_of(&graduate(), &p, Criterion::Visa),
            want,
            "{sponsors:?}"
        );
        let no_visa = Profile {
            needs_visa: false,
            ..graduate()
        };
        assert_eq!(kind_of(&no_visa, &p, Criterion::Visa), ReasonKind::Ok);
    }
    let mut p = strict_program();
    p.visa = Visa::None;
    let fit = check(&graduate(), &p, today());
    assert_eq!(
        reason_for(&fit, Criterion::Visa).text,
        "you need a visa (J-1 or H-1B); program sponsors none"
    );
}

#[test]
fn fit_rank_orders_fits_check_not() {
    let mut all = vec![Verdict::NotFit, Verdict::Fits, Verdict::Check];
    all.sort_by_key(|v| fit_rank(*v));
    assert_eq!(all, [Verdict::Fits, Verdict::Check, Verdict::NotFit]);
}

#[test]
fn specialty_filter_matches_target_or_related_ignoring_case() {
    let mut me = graduate();
    me.related_specialties = vec!["Family Medicine".into()];
    let mut p = strict_program();
    p.specialty = "internal medicine".into();
    assert!(in_my_specialties(&me, &p));
    p.specialty = "FAMILY MEDICINE".into();
    assert!(in_my_specialties(&me, &p));
    p.specialty = "Surgery".into();
    assert!(!in_my_specialties(&me, &p));
    p.specialty = String::new();
    assert!(in_my_specialties(&me, &p), "unrecorded specialty is kept");
    p.specialty = "Surgery".into();
    me.target_specialty = "  ".into();
    assert!(in_my_specialties(&me, &p), "no target means no filter");
}

#[test]
fn fit_serialises_as_codes() {
    let mut p = strict_program();
    p.visa = Visa::None;
    let json = serde_json::to_value(check(&graduate(), &p, today())).unwrap();
    assert_eq!(json["verdict"], "not_fit");
    assert_eq!(json["reasons"][5]["criterion"], "visa");
    assert_eq!(json["reasons"][5]["kind"], "fails");
}

#[test]
fn each_criterion_reads_the_field_it_names_and_takes_its_label() {
    let before = check(&graduate(), &strict_program(), today());
    for &c in Criterion::ALL {
        let field = c.field();
        let mut p = strict_program();
        let unstated = if field.is_choice() { "unknown" } else { "" };
        field.set(&mut p, unstated).unwrap();
        let after = check(&graduate(), &p, today());
        assert_ne!(reason_for(&after, c), reason_for(&before, c), "{c:?}");
        assert_eq!(c.label(), field.label());
    }
    assert_eq!(Criterion::Step2.label(), "Min Step 2 CK");
    assert_eq!(
        serde_json::to_string(&Criterion::Step2).unwrap(),
        "\"step2\""
    );
}
