use chrono::TimeZone;

use super::*;
use crate::domain::documents::{DocKind, Document, DocumentId, StandardDoc};
use crate::domain::{
    FollowUp, FollowUpId, ProgramId, Rotation, RotationId, RotationKind, Status, UsState,
};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

/// Two programs, one pursued (1) and one turned down (2).
fn programs() -> Vec<Program> {
    let mut p = Program::new("Lakeside IM", UsState::parse("IL").unwrap());
    p.id = ProgramId(1);
    p.status = Status::Shortlisted;
    p.rotation.applications_open = Some(day(1, 15));
    p.application.deadline = "apply 2 months ahead".into();
    let mut ignored = Program::new("Not for me", UsState::parse("OH").unwrap());
    ignored.id = ProgramId(2);
    ignored.status = Status::NotAFit;
    ignored.rotation.applications_open = Some(day(1, 20));
    vec![p, ignored]
}

fn plans() -> Plans {
    let mut r = Rotation::new(ProgramId(1), RotationKind::Elective, day(4, 5), day(4, 30));
    r.id = RotationId(3);
    let mut tb = Document::new(DocKind::Standard(StandardDoc::TbTest));
    tb.id = DocumentId(4);
    tb.obtained = Some(NaiveDate::from_ymd_opt(2026, 4, 20).unwrap());
    Plans {
        rotations: vec![r],
        documents: vec![tb],
        ..Plans::default()
    }
}

fn follow_up(id: i64, due: NaiveDate, note: &str) -> OpenFollowUp {
    OpenFollowUp {
        follow_up: FollowUp {
            id: FollowUpId(id),
            program_id: ProgramId(1),
            contact_id: None,
            due,
            note: note.into(),
            done_at: None,
            snoozed_from: vec![],
        },
        program_name: "Lakeside IM".into(),
        state: UsState::parse("IL").unwrap(),
        contact_name: None,
    }
}

fn options(follow_ups: FollowUpsAs) -> CalendarOptions {
    CalendarOptions {
        follow_ups,
        time_zone: Some("America/Chicago".into()),
        stamp: Utc.with_ymd_and_hms(2027, 1, 2, 3, 4, 5).unwrap(),
    }
}

/// (UID, the component's text) for every component, parsed back.
fn components(text: &str) -> Vec<(String, String)> {
    let parsed: Calendar = text.parse().unwrap();
    parsed
        .components
        .iter()
        .map(|c| {
            let text = match c {
                icalendar::CalendarComponent::Event(e) => e.to_string(),
                icalendar::CalendarComponent::Todo(t) => t.to_string(),
                other => format!("{other:?}"),
            };
            let uid = text
                .lines()
                .find_map(|l| l.strip_prefix("UID:"))
                .unwrap()
                .to_string();
            (uid, text)
        })
        .collect()
}

#[test]
fn the_feed_parses_back_with_every_kind_of_entry() {
    let text = write_calendar(
        &programs(),
        &plans(),
        &[follow_up(9, day(1, 10), "ask about dates")],
        &options(FollowUpsAs::Todo),
    );
    assert!(text.contains("\r\n"), "RFC 5545 lines end in CRLF");
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let kinds: Vec<&str> = parsed.components.iter().map(|c| c.name.as_ref()).collect();
    assert_eq!(kinds, ["VTODO", "VEVENT", "VEVENT", "VEVENT", "VEVENT"]);
    let uids: Vec<String> = components(&text).into_iter().map(|(u, _)| u).collect();
    assert_eq!(
        uids,
        [
            "follow-up-9@usce",
            "opens-1@usce",
            "deadline-1@usce",
            "rotation-3@usce",
            "document-4@usce"
        ]
    );
    assert!(text.contains("DUE;VALUE=DATE:20270110"), "{text}");
    // Multi-day: DTEND is the day after the last day.
    assert!(text.contains("DTSTART;VALUE=DATE:20270405"), "{text}");
    assert!(text.contains("DTEND;VALUE=DATE:20270501"), "{text}");
    // Lead time: 60 days before the rotation's start.
    assert!(text.contains("SUMMARY:Apply by: Lakeside IM"), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20270204"), "{text}");
    assert!(text.contains("SUMMARY:TB test expires"), "{text}");
    assert!(text.contains("X-WR-TIMEZONE:America/Chicago"), "{text}");
    assert!(text.contains("DTSTAMP:20270102T030405Z"), "{text}");
    assert!(
        !text.contains("Not for me"),
        "a program not pursued stays out"
    );
}

#[test]
fn follow_ups_may_be_all_day_events_instead() {
    let text = write_calendar(
        &[],
        &Plans::default(),
        &[follow_up(9, day(1, 10), "")],
        &options(FollowUpsAs::Event),
    );
    assert!(!text.contains("VTODO"), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20270110"), "{text}");
    assert!(text.contains("DTEND;VALUE=DATE:20270111"), "{text}");
}

#[test]
fn uids_are_stable_and_a_changed_follow_up_changes_only_its_entry() {
    let plans = plans();
    let before = [
        follow_up(9, day(1, 10), "first"),
        follow_up(10, day(1, 12), "second"),
    ];
    let mut after = before.clone();
    after[1].follow_up.due = day(1, 19);
    let opts = options(FollowUpsAs::Todo);
    let a = components(&write_calendar(&programs(), &plans, &before, &opts));
    let again = components(&write_calendar(&programs(), &plans, &before, &opts));
    assert_eq!(a, again, "the same data gives the same feed");
    let b = components(&write_calendar(&programs(), &plans, &after, &opts));
    assert_eq!(
        a.iter().map(|(u, _)| u).collect::<Vec<_>>(),
        b.iter().map(|(u, _)| u).collect::<Vec<_>>()
    );
    let changed: Vec<&str> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x.1 != y.1)
        .map(|(x, _)| x.0.as_str())
        .collect();
    assert_eq!(changed, ["follow-up-10@usce"]);
}
