//! Figures derived from several records stay true on the event that
//! changes them (issue 15 item 10): the header's "⏰ N due" badge, a row's
//! next step, and the log's "status contacted → replied" line. Driven by
//! keys through the keymap in process; each assertion is made right after
//! the key, before anything else could reload.
#![allow(clippy::unwrap_used, clippy::panic)]

use chrono::Days;

use crate::support;

use support::driver::Driver;
use usce::config::Config;
use usce::domain::{FollowUp, FollowUpId, Program, ProgramId, Status, UsState};
use usce::store::Store;

/// The program list's row that names `name` (not a pane title naming it).
fn row(screen: &str, name: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(&format!(" {name} ")) && !l.contains(&format!("— {name}")))
        .unwrap_or_else(|| panic!("{name} is on screen:\n{screen}"))
        .to_string()
}

fn follow_up(store: &mut Store, program: ProgramId, days_ago: u64) {
    let today = chrono::Local::now().date_naive();
    store
        .insert_follow_up(&FollowUp {
            id: FollowUpId(0),
            program_id: program,
            contact_id: None,
            due: today.checked_sub_days(Days::new(days_ago)).unwrap(),
            note: "Follow up".into(),
            done_at: None,
            snoozed_from: Vec::new(),
        })
        .unwrap();
}

/// Alpha (selected at start, so its rows are the loaded ones) and Beta,
/// which has two follow-ups due: neither is the program in the log pane.
fn two_programs() -> (Driver, ProgramId) {
    let ky = UsState::parse("KY").unwrap();
    let mut beta = ProgramId(0);
    let d = Driver::with(
        |store| {
            store
                .insert_program(&Program::new("Alpha Clinic", ky))
                .unwrap();
            beta = store
                .insert_program(&Program::new("Beta Clinic", ky))
                .unwrap()
                .id;
            follow_up(store, beta, 2);
            follow_up(store, beta, 1);
        },
        Config::default(),
    );
    (d, beta)
}

#[test]
fn marking_a_follow_up_done_in_d_updates_the_badge_and_that_programs_row_at_once() {
    let (mut d, beta) = two_programs();
    assert_eq!(
        d.state().log.program.map(|p| p.0),
        d.state().list.selected_program().map(|p| p.id.0)
    );
    assert_ne!(
        d.state().log.program,
        Some(beta),
        "Beta is not the loaded program"
    );
    let screen = d.screen(120, 36);
    assert!(screen.contains("2 due (D)"), "{screen}");
    assert!(
        row(&screen, "Beta Clinic").contains("follow up"),
        "{screen}"
    );

    // The overdue one first: done. The badge and Beta's row follow now.
    d.keys("Dx");
    let screen = d.screen(120, 36);
    assert!(screen.contains("1 due (D)"), "{screen}");
    d.keys("x<Esc>");
    let screen = d.screen(120, 36);
    assert!(
        !screen.contains("due (D)"),
        "no badge once none is due:\n{screen}"
    );
    let beta_row = row(&screen, "Beta Clinic");
    assert!(!beta_row.contains("follow up"), "{beta_row}");
    assert!(
        !d.state().next_actions.contains_key(&beta),
        "{:?}",
        d.state().next_actions
    );
}

#[test]
fn a_follow_up_scheduled_for_today_counts_in_the_badge_at_once() {
    let (mut d, _) = two_programs();
    assert!(d.screen(120, 36).contains("2 due (D)"));
    // F, the menu's last choice (a date), and today's date typed.
    let today = d.state().today.format("%Y-%m-%d").to_string();
    d.keys("Fjjjjjjjjjjjj<Enter>");
    d.keys(&today);
    d.keys("<Enter>");
    let screen = d.screen(120, 36);
    assert!(screen.contains("3 due (D)"), "{}\n{screen}", d.status());
    assert!(
        row(&screen, "Alpha Clinic").contains("follow up"),
        "{screen}"
    );
}

#[test]
fn deleting_a_program_drops_its_follow_ups_from_the_badge() {
    let (mut d, beta) = two_programs();
    d.keys("j");
    assert_eq!(d.state().list.selected_program().map(|p| p.id), Some(beta));
    d.keys("dy");
    let screen = d.screen(120, 36);
    assert!(!screen.contains("due (D)"), "{screen}");
    assert!(d.state().due.is_empty());
}

#[test]
fn a_reply_logged_shows_the_status_line_in_the_log_at_once() {
    let ky = UsState::parse("KY").unwrap();
    let mut d = Driver::with(
        |store| {
            let p = store
                .insert_program(&Program::new("Alpha Clinic", ky))
                .unwrap();
            store.set_status(p.id, Status::Contacted).unwrap();
        },
        Config::default(),
    );
    d.keys("<Tab>ncoordinator replied: apply through VSLO<Enter><Esc>");
    let status = d.state().list.selected_program().map(|p| p.status);
    assert_eq!(status, Some(Status::Replied), "{}", d.status());
    let screen = d.screen(120, 36);
    assert!(screen.contains("status contacted → replied"), "{screen}");
}
