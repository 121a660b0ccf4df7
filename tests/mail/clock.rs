//! One clock, end to end. With `USCE_TODAY` fixed, a send (from the command
//! line or from the TUI, to a real SMTP server on 127.0.0.1) dates its log
//! entry, its status change, its mail and its follow-up from that day, and
//! the command line and the TUI agree on fit and on what is due.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Utc};
use serde_json::Value;
use tempfile::TempDir;

use support::outreach::{TEMPLATE, add_program, profile, write_config};
use support::smtp_server::{Options, Received, TestSmtpServer};
use usce::app::AppState;
use usce::app::due::{DueRow, rows};
use usce::clock::Clock;
use usce::domain::due::Bucket;
use usce::domain::fit::Verdict;
use usce::domain::{Direction, DraftStatus, ProgramId, Status};
use usce::runtime::{Headless, Services, dispatch, perform_effect};
use usce::store::Store;

/// The day the request goes out.
const SEND_DAY: &str = "2026-03-10";
/// A week later (the config's `after_send_days = 7`).
const FOLLOW_UP_DAY: &str = "2026-03-17";
/// 14 hours ahead of UTC, in POSIX spelling (no time zone database needed).
/// There the local date and the UTC date differ for 14 hours of each day,
/// so a stamp dated in UTC instead of local time shows.
const TZ_AHEAD: &str = "<+14>-14";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The calendar date at `at` for a user in `TZ_AHEAD`.
fn date_ahead(at: DateTime<Utc>) -> NaiveDate {
    let ahead = FixedOffset::east_opt(14 * 3600).unwrap();
    at.with_timezone(&ahead).date_naive()
}

struct Fixture {
    dir: TempDir,
    db: PathBuf,
    program: ProgramId,
}

/// One Kentucky program with a coordinator, taking graduates of at most 5
/// years. The applicant graduated in 2021: 5 years in 2026 (nothing fails),
/// 6 in 2027 (not a fit).
fn fixture() -> Fixture {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    store
        .save_profile(&usce::domain::Profile {
            graduation_year: Some(2021),
            ..profile(None)
        })
        .unwrap();
    let program = add_program(
        &mut store,
        "Bluegrass Internal Medicine",
        "KY",
        "ky.coordinator@example.edu",
    );
    let mut stored = store.get_program(program).unwrap().unwrap();
    stored.requirements.grad_within_years = Some(5);
    store.update_program(&stored).unwrap();
    Fixture { dir, db, program }
}

/// The real binary on the fixture, on `today`, in `TZ_AHEAD`, with its
/// config and log under the temp dir (the support builder isolates it).
fn usce_on(f: &Fixture, config: &Path, today: &str) -> assert_cmd::Command {
    let mut cmd = support::outreach::usce(&f.db, config);
    cmd.env("USCE_TODAY", today).env("TZ", TZ_AHEAD);
    cmd
}

/// A config without SMTP, for the commands that only read.
fn no_smtp(f: &Fixture) -> PathBuf {
    f.dir.path().join("none").join("config.toml")
}

/// `usce outreach --send` on `SEND_DAY`; returns what the server received.
fn send_from_the_command_line(f: &Fixture) -> Received {
    let server = TestSmtpServer::start(Options::default());
    let config = write_config(f.dir.path(), server.port, None);
    usce_on(f, &config, SEND_DAY)
        .args(["outreach", "--template", TEMPLATE, "--send", "--delay", "0"])
        .assert()
        .success();
    let (_, mut received) = server.finish();
    assert_eq!(received.len(), 1);
    received.remove(0)
}

fn json(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

/// The fit verdict `usce list` gives the program on `today`.
fn cli_verdict(f: &Fixture, today: &str) -> String {
    let listed = json(usce_on(f, &no_smtp(f), today).args(["list", "--format", "json"]));
    let program = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == f.program.0)
        .unwrap();
    program["fit"]["verdict"].as_str().unwrap().to_string()
}

/// The bucket `usce due` puts the program's follow-up in on `today`
/// (looking two weeks ahead), if it lists it.
fn cli_due(f: &Fixture, today: &str) -> Option<(String, i64)> {
    let due =
        json(usce_on(f, &no_smtp(f), today).args(["due", "--within", "2w", "--format", "json"]));
    due.as_array()
        .unwrap()
        .iter()
        .find(|d| d["program_id"] == f.program.0)
        .map(|d| {
            let bucket = d["bucket"].as_str().unwrap().to_string();
            (bucket, d["days"].as_i64().unwrap())
        })
}

/// The TUI as it starts on `today` (`USCE_TODAY`'s value, parsed as the
/// TUI does), with its start-up loads done.
fn tui_on(f: &Fixture, config: &Path, today: &str) -> (Services, AppState) {
    let clock = Clock::parse(Some(today)).unwrap();
    let (mut services, mut state) = usce::tui::load(&f.db, config, clock).unwrap();
    let mut screen = Headless::default();
    usce::runtime::start(&mut services, &mut screen, &mut state);
    settled(&mut services, &mut screen, &mut state);
    (services, state)
}

/// Waits for the jobs started so far (a send, the next-step load) to
/// report back, as the event loop would.
fn settled(services: &mut Services, screen: &mut Headless, state: &mut AppState) {
    let deadline = std::time::Duration::from_secs(60);
    assert!(usce::runtime::settle(services, screen, state, deadline));
}

/// The Due view's bucket for the program's follow-up, if it shows one.
fn tui_due(state: &AppState, program: ProgramId) -> Option<Bucket> {
    let mut heading = None;
    for row in rows(state) {
        match row {
            DueRow::Heading(bucket, _) => heading = Some(bucket),
            DueRow::Item(i) if state.due[i].follow_up.program_id == program => return heading,
            DueRow::Item(_) => {}
        }
    }
    None
}

fn tui_verdict(state: &AppState, program: ProgramId) -> Verdict {
    let index = state
        .list
        .programs()
        .iter()
        .position(|p| p.id == program)
        .unwrap();
    state.list.verdict(index)
}

#[test]
fn a_send_on_a_fixed_day_is_logged_that_day_and_followed_up_a_week_later() {
    let f = fixture();
    let received = send_from_the_command_line(&f);

    let store = Store::open(&f.db).unwrap();
    let log = store.list_interactions(f.program).unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].direction, Direction::Out);
    assert_eq!(date_ahead(log[0].at), day(SEND_DAY), "{:?}", log[0].at);

    let follow_ups = store.list_follow_ups(f.program).unwrap();
    assert_eq!(follow_ups.len(), 1, "{follow_ups:?}");
    assert_eq!(follow_ups[0].due, day(FOLLOW_UP_DAY));

    let drafts = store.list_drafts(f.program).unwrap();
    assert_eq!(drafts[0].status, DraftStatus::Sent);
    assert_eq!(drafts[0].sent_at, Some(log[0].at));

    let program = store.get_program(f.program).unwrap().unwrap();
    assert_eq!(program.status, Status::Contacted);
    assert_eq!(date_ahead(program.updated_at), day(SEND_DAY));
    let changes = store.list_status_changes(f.program).unwrap();
    let contacted = changes.iter().find(|c| c.to == Status::Contacted).unwrap();
    assert_eq!(contacted.at, log[0].at);

    // The mail itself is dated by the same clock, to the second.
    let date = log[0].at.format("Date: %a, %d %b %Y %H:%M:%S +0000\r\n");
    assert!(
        received.data.contains(&date.to_string()),
        "{date}in\n{}",
        received.data
    );
}

#[test]
fn usce_due_finds_the_follow_up_on_the_seventh_day() {
    let f = fixture();
    send_from_the_command_line(&f);
    let within_0d = |today: &str| {
        let due = json(
            usce_on(&f, &no_smtp(&f), today).args(["due", "--within", "0d", "--format", "json"]),
        );
        due.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["program_id"] == f.program.0)
            .map(|d| d["bucket"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(within_0d("2026-03-16"), Vec::<String>::new());
    assert_eq!(within_0d(FOLLOW_UP_DAY), [Bucket::Today.code()]);
    assert_eq!(within_0d("2026-03-18"), [Bucket::Overdue.code()]);
}

#[test]
fn the_command_line_and_the_tui_agree_on_fit_and_due_on_the_same_day() {
    let f = fixture();
    send_from_the_command_line(&f);
    let config = no_smtp(&f);
    // Either side of the year the graduation window closes, so a TUI that
    // read the real clock would disagree with the command line on one.
    let days = [
        (SEND_DAY, Verdict::Check, Bucket::ThisWeek, 7),
        (FOLLOW_UP_DAY, Verdict::Check, Bucket::Today, 0),
        ("2027-03-10", Verdict::NotFit, Bucket::Overdue, -358),
    ];
    for (today, verdict, bucket, days_left) in days {
        let (_, state) = tui_on(&f, &config, today);
        assert_eq!(state.today, day(today));
        assert_eq!(state.list.fit_today(), day(today));
        assert_eq!(tui_verdict(&state, f.program), verdict, "{today}");
        assert_eq!(cli_verdict(&f, today), verdict.code(), "{today}");

        assert_eq!(tui_due(&state, f.program), Some(bucket), "{today}");
        assert_eq!(
            cli_due(&f, today),
            Some((bucket.code().to_string(), days_left)),
            "{today}"
        );
        // The row's next step is the same follow-up, on the same day.
        let next = state.next_actions.get(&f.program).unwrap();
        assert_eq!(next.due, Some(day(FOLLOW_UP_DAY)), "{today}: {next:?}");
    }
}

#[test]
fn a_send_from_the_tui_on_a_fixed_day_is_logged_that_day_and_followed_up_a_week_later() {
    let f = fixture();
    let server = TestSmtpServer::start(Options::default());
    let config = write_config(f.dir.path(), server.port, None);
    let (mut services, mut state) = tui_on(&f, &config, SEND_DAY);
    let mut screen = Headless::default();
    let contact = services.store.list_contacts(f.program).unwrap()[0].id;
    let compose = usce::app::effect::Effect::Compose {
        program: f.program,
        contact: Some(contact),
        template: TEMPLATE.into(),
        answers: None,
    };
    for action in perform_effect(&mut services, &mut screen, compose) {
        dispatch(&mut services, &mut screen, &mut state, action);
    }
    let draft = services.store.current_draft(f.program).unwrap().unwrap();
    let send = usce::app::effect::Effect::SendDraft(draft.id);
    for action in perform_effect(&mut services, &mut screen, send) {
        dispatch(&mut services, &mut screen, &mut state, action);
    }
    settled(&mut services, &mut screen, &mut state);
    let (_, received) = server.finish();
    assert_eq!(received.len(), 1);

    // In this process the user's time zone is the machine's.
    let local_day = |at: DateTime<Utc>| at.with_timezone(&Local).date_naive();
    let log = services.store.list_interactions(f.program).unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(local_day(log[0].at), day(SEND_DAY), "{:?}", log[0].at);
    let follow_ups = services.store.list_follow_ups(f.program).unwrap();
    assert_eq!(follow_ups.len(), 1, "{follow_ups:?}");
    assert_eq!(follow_ups[0].due, day(FOLLOW_UP_DAY));
    // Entries the user types are stamped with the state's time, which the
    // runtime takes from the same clock.
    assert_eq!(local_day(state.now), day(SEND_DAY));
    // The row's next step is that follow-up.
    let next = state.next_actions.get(&f.program).unwrap();
    assert_eq!(next.due, Some(day(FOLLOW_UP_DAY)), "{next:?}");
}

#[test]
fn a_malformed_usce_today_stops_the_tui_and_every_command_before_the_database_is_touched() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("never.db");
    let config = dir.path().join("config.toml");
    let commands: [&[&str]; 6] = [
        &["tui"],
        &["due"],
        &["stats"],
        &["states", "--done", "KY"],
        &["import", "programs.csv"],
        &["sample", "--generate", "3", "--out", "sample.csv"],
    ];
    for args in commands {
        let run = support::outreach::usce(&db, &config)
            .current_dir(dir.path())
            .env("USCE_TODAY", "next Tuesday")
            .args(args)
            .assert()
            .failure();
        let err = String::from_utf8(run.get_output().stderr.clone()).unwrap();
        assert!(
            err.contains("USCE_TODAY=\"next Tuesday\" is not a date; use YYYY-MM-DD"),
            "{args:?}: {err}"
        );
        assert!(!db.exists(), "{args:?} opened the database");
        assert!(!dir.path().join("sample.csv").exists(), "{args:?}");
    }
}
