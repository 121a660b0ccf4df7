//! The screens issue 15 asked to see, drawn in process at 120×36 and 80×24
//! on a clock stopped at 1 Dec 2026 (so dates never move): the list with
//! long real-style program names, the board, the rotation form inside the
//! Rotations and letters overlay (drawn once), the welcome after `X`, and
//! the contact log with entries. Invented people only.
#![allow(clippy::unwrap_used, clippy::panic)]

use chrono::{TimeZone, Utc};

use crate::support;

use support::driver::Driver;
use usce::config::Config;
use usce::domain::{
    Channel, Contact, Direction, Interaction, InteractionId, Profile, Program, Role, Status,
    UsState,
};
use usce::store::Store;

const SIZES: [(u16, u16); 2] = [(120, 36), (80, 24)];

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 14, 0, 0).unwrap()
}

/// Kentucky's programs as FREIDA names them, and one in Ohio.
fn long_names(store: &mut Store) {
    let ky = UsState::parse("KY").unwrap();
    let oh = UsState::parse("OH").unwrap();
    let rows = [
        (
            "University of Kentucky College of Medicine Program — Internal Medicine",
            ky,
            "Lexington",
            "Internal Medicine",
            Status::Researching,
        ),
        (
            "University of Louisville School of Medicine Program — Family Medicine",
            ky,
            "Louisville",
            "Family Medicine",
            Status::Shortlisted,
        ),
        (
            "Appalachian Regional Healthcare (Hazard) Program — Internal Medicine",
            ky,
            "Hazard",
            "Internal Medicine",
            Status::Contacted,
        ),
        (
            "Baptist Health Madisonville Program",
            ky,
            "Madisonville",
            "Family Medicine",
            Status::Replied,
        ),
        (
            "Owensboro Health Program",
            ky,
            "Owensboro",
            "Internal Medicine",
            Status::Accepted,
        ),
        (
            "Ohio State University Wexner Medical Center Program — Psychiatry",
            oh,
            "Columbus",
            "Psychiatry",
            Status::Contacted,
        ),
    ];
    for (name, state, city, specialty, status) in rows {
        let mut p = Program::new(name, state);
        p.city = city.into();
        p.specialty = specialty.into();
        p.status = status;
        store.insert_program(&p).unwrap();
    }
}

fn snapshot(d: &Driver, name: &str) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), d.screen(w, h));
    }
}

#[test]
fn the_list_with_long_names_keeps_each_names_start_and_its_city() {
    let d = Driver::at(at(), long_names, Config::default());
    let screen = d.screen(120, 36);
    assert!(screen.contains("Lexington"), "{screen}");
    assert!(screen.contains("University of Kentucky"), "{screen}");
    snapshot(&d, "list_long_names");
}

#[test]
fn the_board_with_long_names_shows_two_lines_a_card_and_the_selected_in_full() {
    let mut d = Driver::at(at(), long_names, Config::default());
    d.keys("B");
    let screen = d.screen(120, 36);
    assert!(
        screen.contains("Appalachian Regional Healthcare (Hazard) Program — Internal Medicine"),
        "the selected card in full:\n{screen}"
    );
    snapshot(&d, "board_long_names");
}

#[test]
fn the_rotation_form_is_drawn_once_inside_the_overlay() {
    let mut d = Driver::at(at(), long_names, Config::default());
    d.keys("Lr");
    let screen = d.screen(120, 36);
    assert_eq!(screen.matches("Start").count(), 1, "{screen}");
    snapshot(&d, "rotation_form_in_overlay");
    d.keys("<Esc>a");
    let screen = d.screen(120, 36);
    assert_eq!(screen.matches("Writer").count(), 1, "{screen}");
    snapshot(&d, "letter_form_in_overlay");
}

#[test]
fn the_welcome_after_x_offers_no_samples_and_the_whole_smtp_line() {
    let mut d = Driver::at(
        at(),
        |store| {
            store
                .save_profile(&Profile {
                    full_name: "Amina Yusuf".into(),
                    ..Profile::default()
                })
                .unwrap();
        },
        Config::default(),
    );
    assert!(d.state().list.programs().iter().all(|p| p.is_sample));
    d.keys("Xy");
    assert!(d.state().list.programs().is_empty(), "{}", d.status());
    d.keys("W");
    let screen = d.screen(120, 36);
    assert!(!screen.contains("sample program"), "{screen}");
    assert!(
        screen.contains("→ Import a list of programs"),
        "the next step:\n{screen}"
    );
    assert!(
        screen.contains("m opens your mail app, y copies"),
        "the SMTP line is whole:\n{screen}"
    );
    snapshot(&d, "welcome_after_x");
}

#[test]
fn the_contact_log_with_entries_and_a_status_line() {
    let mut d = Driver::at(
        at(),
        |store| {
            long_names(store);
            let id = store.list_programs().unwrap()[0].id;
            let person = store
                .insert_contact(&Contact {
                    program_id: id,
                    role: Role::Coordinator,
                    name: "Dana Whitfield".into(),
                    email: "im.coordinator@example.edu".into(),
                    ..Contact::default()
                })
                .unwrap();
            let entry = |day: u32, direction, channel, summary: &str| Interaction {
                id: InteractionId(0),
                program_id: id,
                contact_id: Some(person.id),
                at: Utc.with_ymd_and_hms(2026, 11, day, 15, 0, 0).unwrap(),
                channel,
                direction,
                summary: summary.into(),
                eml_path: None,
            };
            for e in [
                entry(
                    20,
                    Direction::Out,
                    Channel::Phone,
                    "Phoned the coordinator, left a voicemail about a March elective",
                ),
                entry(
                    24,
                    Direction::Out,
                    Channel::Email,
                    "Emailed the rotation request with CV and Step 2 CK report",
                ),
                entry(
                    27,
                    Direction::In,
                    Channel::Email,
                    "Coordinator replied: apply through VSLO by 15 January",
                ),
            ] {
                store.log_interaction(&e).unwrap();
            }
        },
        Config::default(),
    );
    d.keys("<Tab>");
    let screen = d.screen(120, 36);
    assert!(!screen.contains("Nothing logged yet"), "{screen}");
    assert!(screen.contains("status contacted → replied"), "{screen}");
    snapshot(&d, "contact_log_with_entries");
}
