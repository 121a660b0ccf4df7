//! Whole flows through the real runtime: keys' actions go through the
//! reducer, effects run against a real store, real templates and a real
//! SMTP server on 127.0.0.1. Only the terminal is replaced (Headless); the
//! app starts as `usce` does (`support::app`).
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::app::App;
use support::smtp_server::{Options, TestSmtpServer};
use tempfile::TempDir;
use usce::app::command::Command;
use usce::app::event::Event;
use usce::app::msg::Msg;
use usce::app::{AppState, Pane, Popup};
use usce::config::Config;
use usce::domain::{
    Contact, Direction, DraftStatus, Profile, Program, Role, Status, StepResult, UsState,
};
use usce::mail::{Security, SmtpConfig};
use usce::runtime::{Headless, Services, dispatch, settle};
use usce::store::Store;

/// Plain SMTP to the test server on this machine (allowed only for loopback).
fn loopback_smtp(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: None,
        from: "Amína Yúsuf <amina.yusuf@example.org>".into(),
        password_env: None,
        password_cmd: None,
        ca_file: None,
    }
}

/// A deadline for background jobs, never a pause: they report sooner.
const JOBS_DONE: std::time::Duration = std::time::Duration::from_secs(30);

struct World {
    _dir: TempDir,
    services: Services,
    state: AppState,
    screen: Headless,
}

fn world(smtp: Option<SmtpConfig>) -> World {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&support::app::db_path(dir.path())).unwrap();
    let mut program = Program::new(
        "Bluegrass Regional Internal Medicine",
        UsState::parse("KY").unwrap(),
    );
    program.specialty = "Internal Medicine".into();
    program.city = "Lexington".into();
    program.institution = "Bluegrass Regional Medical Center".into();
    let program = store.insert_program(&program).unwrap();
    store
        .insert_contact(&Contact {
            program_id: program.id,
            role: Role::Coordinator,
            name: "Jordan Coordinator".into(),
            email: "im.coordinator@example.org".into(),
            ..Contact::default()
        })
        .unwrap();
    let config = Config {
        smtp,
        ..Config::default()
    };
    let App {
        services,
        state,
        screen,
    } = support::app::start(dir.path(), store, config);
    World {
        _dir: dir,
        services,
        state,
        screen,
    }
}

impl World {
    /// Dispatches, then waits for the jobs it started (a send, an import,
    /// a batch) to report back, as the event loop would.
    fn act(&mut self, msg: impl Into<Msg>) {
        dispatch(&mut self.services, &mut self.screen, &mut self.state, msg);
        assert!(settle(
            &mut self.services,
            &mut self.screen,
            &mut self.state,
            JOBS_DONE
        ));
    }

    fn fill_profile(&mut self) {
        let profile = Profile {
            full_name: "Amína Yúsuf".into(),
            email: "amina.yusuf@example.org".into(),
            medical_school: "University of Example Medical College".into(),
            country: "Nigeria".into(),
            graduation_year: Some(2023),
            step1: StepResult::Pass,
            step2_score: Some(245),
            target_specialty: "Internal Medicine".into(),
            available: "from June 2 to July 25, 2027".into(),
            needs_visa: true,
            ..Profile::default()
        };
        self.act(Event::ProfileSaved(Box::new(profile.clone())));
        self.services.store.save_profile(&profile).unwrap();
    }

    /// c, Enter on the coordinator, then Enter on the named template.
    fn compose(&mut self, template: &str) {
        self.state.focus = Pane::Draft;
        self.act(Command::Compose);
        self.act(Command::Submit);
        let index = self
            .state
            .templates
            .iter()
            .position(|t| t == template)
            .unwrap();
        for _ in 0..index {
            self.act(Command::Down);
        }
        self.act(Command::Submit);
    }
}

#[test]
fn composing_with_an_empty_profile_names_the_missing_fields_and_saves_nothing() {
    let mut w = world(None);
    w.compose("request_rotation");
    let Some(Popup::Info { lines, .. }) = &w.state.popup else {
        panic!("{:?}", w.state.popup)
    };
    assert!(lines[0].contains("profile.full_name"), "{lines:?}");
    let program = w.state.list.selected_program().unwrap().id;
    assert_eq!(w.services.store.current_draft(program).unwrap(), None);
}

#[test]
fn composing_renders_the_template_into_a_saved_draft_that_survives_a_reload() {
    let mut w = world(None);
    w.fill_profile();
    w.compose("request_rotation");
    assert!(w.state.popup.is_none(), "{:?}", w.state.popup);
    let text = w.state.draft.editor.lines().join("\n");
    // The headers are the form's; the editor holds the body alone.
    assert_eq!(w.state.draft.draft.to, "im.coordinator@example.org");
    assert!(text.starts_with("Dear "), "{text}");
    assert!(text.contains("Bluegrass Regional"), "{text}");
    assert!(text.contains("Amína Yúsuf"), "{text}");
    let program = w.state.list.selected_program().unwrap().id;
    let saved = w.services.store.current_draft(program).unwrap().unwrap();
    assert_eq!(saved.template.as_deref(), Some("request_rotation"));
    assert_eq!(saved.to, "im.coordinator@example.org");
}

#[test]
fn sending_through_smtp_marks_sent_logs_it_schedules_a_follow_up_and_advances_status() {
    let server = TestSmtpServer::start(Options::default());
    let smtp = loopback_smtp(server.port);
    let mut w = world(Some(smtp));
    w.fill_profile();
    w.compose("request_rotation");
    w.act(Command::StopEditing);
    w.act(Command::SendDraft);
    assert!(matches!(w.state.popup, Some(Popup::Confirm { .. })));
    w.act(Command::Confirm);
    let (_, received) = server.finish();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].rcpt_to, vec!["im.coordinator@example.org"]);
    let program = w.state.list.selected_program().unwrap();
    assert_eq!(program.status, Status::Contacted);
    let log = &w.state.log.interactions;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].direction, Direction::Out);
    assert!(
        log[0]
            .eml_path
            .as_deref()
            .is_some_and(|p| std::path::Path::new(p).exists())
    );
    let drafts = w.services.store.list_drafts(program.id).unwrap();
    assert_eq!(drafts[0].status, DraftStatus::Sent);
    assert_eq!(
        w.services.store.list_follow_ups(program.id).unwrap().len(),
        1
    );
    assert!(
        w.state
            .status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Sent to im.coordinator@example.org"))
    );
}

#[test]
fn a_refused_recipient_leaves_the_draft_unsent_and_explains_why() {
    let server = TestSmtpServer::start(Options {
        reject_recipients: vec!["im.coordinator@example.org".into()],
        ..Options::default()
    });
    let smtp = loopback_smtp(server.port);
    let mut w = world(Some(smtp));
    w.fill_profile();
    w.compose("request_rotation");
    w.act(Command::StopEditing);
    w.act(Command::SendDraft);
    w.act(Command::Confirm);
    let _ = server.finish();
    let Some(Popup::Info { title, lines, .. }) = &w.state.popup else {
        panic!("{:?}", w.state.popup)
    };
    assert!(title.contains("Not sent"), "{title}");
    assert!(lines.join(" ").contains("550"), "{lines:?}");
    let program = w.state.list.selected_program().unwrap();
    assert_eq!(program.status, Status::Researching);
    assert_eq!(
        w.services
            .store
            .current_draft(program.id)
            .unwrap()
            .unwrap()
            .status,
        DraftStatus::Draft
    );
    assert!(w.state.log.interactions.is_empty());
}

#[test]
fn sending_without_smtp_settings_points_to_the_config_and_the_alternatives() {
    let mut w = world(None);
    w.fill_profile();
    w.compose("request_rotation");
    w.act(Command::StopEditing);
    w.act(Command::SendDraft);
    w.act(Command::Confirm);
    let Some(Popup::Info { lines, .. }) = &w.state.popup else {
        panic!("{:?}", w.state.popup)
    };
    let text = lines.join(" ");
    assert!(
        text.contains("[smtp]") && text.contains("config.toml") && text.contains("Press W"),
        "{lines:?}"
    );
}

#[test]
fn copy_uses_osc52_and_export_writes_a_private_eml() {
    let mut w = world(None);
    w.fill_profile();
    w.compose("express_interest");
    w.act(Command::StopEditing);
    w.act(Command::CopyDraft);
    let written = String::from_utf8(w.screen.written.clone()).unwrap();
    assert!(
        // crossterm's CopyToClipboard ends OSC 52 with ST (ESC \), not BEL.
        written.starts_with("\x1b]52;c;") && written.ends_with("\x1b\\"),
        "{written:?}"
    );
    let path = w._dir.path().join("out").join("draft.eml");
    let draft = w.state.draft.draft.id;
    w.act(Command::ExportEml);
    let effects_path = path.display().to_string();
    // Replace the suggested path with ours, as a user would.
    let Some(input) = &mut w.state.input else {
        panic!()
    };
    *input = usce::app::Input::new(input.purpose.clone(), "Save .eml as", &effects_path);
    w.act(Command::Submit);
    let eml = std::fs::read_to_string(&path).unwrap();
    assert!(eml.contains("To: im.coordinator@example.org"), "{eml}");
    assert!(draft.0 > 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn logging_a_reply_moves_the_program_to_replied_and_keeps_further_statuses() {
    let mut w = world(None);
    w.state.focus = Pane::Log;
    w.act(Command::NewLogEntry);
    let Some(input) = &mut w.state.input else {
        panic!()
    };
    *input = usce::app::Input::new(
        input.purpose.clone(),
        "x",
        "Coordinator replied: apply via VSLO",
    );
    w.act(Command::Submit);
    assert_eq!(
        w.state.list.selected_program().unwrap().status,
        Status::Replied
    );
    assert!(
        w.state.form.is_some(),
        "the new entry's form opens for corrections"
    );
    let id = w.state.list.selected_program().unwrap().id;
    w.services.store.set_status(id, Status::Accepted).unwrap();
    w.act(Command::Reload);
    w.act(Command::Cancel);
    w.act(Command::NewLogEntry);
    let Some(input) = &mut w.state.input else {
        panic!()
    };
    *input = usce::app::Input::new(input.purpose.clone(), "x", "Emailed a thank-you");
    w.act(Command::Submit);
    assert_eq!(
        w.state.list.selected_program().unwrap().status,
        Status::Accepted
    );
    assert_eq!(w.services.store.list_interactions(id).unwrap().len(), 2);
}

#[test]
fn batch_outreach_sends_to_the_filtered_list_in_the_background_and_never_twice() {
    let server = TestSmtpServer::start(Options::default());
    let smtp = loopback_smtp(server.port);
    let mut w = world(Some(smtp));
    w.services.config.outreach.delay_secs = 0;
    w.fill_profile();
    for (name, state, email) in [
        ("Ohio Valley Family Medicine", "OH", "fm@example.org"),
        ("Lakeshore Pediatrics", "OH", "peds@example.org"),
        ("Cumberland Internal Medicine", "KY", ""),
    ] {
        let p = w
            .services
            .store
            .insert_program(&Program::new(name, UsState::parse(state).unwrap()))
            .unwrap();
        if !email.is_empty() {
            w.services
                .store
                .insert_contact(&Contact {
                    program_id: p.id,
                    role: Role::Coordinator,
                    email: email.into(),
                    ..Contact::default()
                })
                .unwrap();
        }
    }
    w.act(Command::Reload);
    // Only Ohio is listed: two programs with a coordinator email.
    w.state.list.set_filter("OH");
    assert_eq!(w.state.list.matched_len(), 2);
    w.act(Command::BatchOutreach);
    let index = w
        .state
        .templates
        .iter()
        .position(|t| t == "express_interest")
        .unwrap();
    for _ in 0..index {
        w.act(Command::Down);
    }
    w.act(Command::Submit);
    let Some(Popup::Confirm { message, .. }) = &w.state.popup else {
        panic!("{:?}", w.state.popup)
    };
    assert!(message.contains("to 2 programs"), "{message}");
    // The batch runs as a job; `act` waits for it to finish.
    w.act(Command::Confirm);
    let finished = match &w.state.popup {
        Some(Popup::Info { title, lines, .. }) if title == "Batch finished" => lines.first(),
        _ => None,
    };
    assert!(finished.unwrap().starts_with("Sent 2 of 2"));
    let (_, received) = server.finish();
    let mut to: Vec<String> = received.iter().flat_map(|r| r.rcpt_to.clone()).collect();
    to.sort();
    assert_eq!(to, vec!["fm@example.org", "peds@example.org"]);
    let contacted = w
        .state
        .list
        .programs()
        .iter()
        .filter(|p| p.status == Status::Contacted)
        .count();
    assert_eq!(contacted, 2, "the list was reloaded with the new statuses");
    // Planning the same batch again finds nothing left to send.
    w.act(Command::Cancel);
    w.act(Command::BatchOutreach);
    for _ in 0..index {
        w.act(Command::Down);
    }
    w.act(Command::Submit);
    let Some(Popup::Info { title, lines, .. }) = &w.state.popup else {
        panic!("{:?}", w.state.popup)
    };
    assert!(title.starts_with("Nothing to send"), "{title}");
    assert!(lines.iter().any(|l| l.contains("2 already")), "{lines:?}");
}

#[test]
fn a_second_nudge_with_the_same_template_is_asked_about_then_sent() {
    let server = TestSmtpServer::start(Options::default());
    let smtp = loopback_smtp(server.port);
    let mut w = world(Some(smtp));
    w.fill_profile();
    for round in 0..2 {
        w.compose("follow_up");
        w.act(Command::StopEditing);
        w.act(Command::SendDraft);
        w.act(Command::Confirm);
        if round == 1 {
            let Some(Popup::Confirm { message, .. }) = &w.state.popup else {
                panic!("{:?}", w.state.popup)
            };
            assert!(message.contains("already sent"), "{message}");
            w.act(Command::Confirm);
        }
        assert!(
            w.state
                .status
                .as_ref()
                .is_some_and(|s| s.text.starts_with("Sent to")),
            "{:?}",
            w.state.status
        );
    }
    let (_, received) = server.finish();
    assert_eq!(received.len(), 2);
}

#[test]
fn every_program_gets_its_next_step_from_the_database_at_start() {
    let w = world(None);
    let program = w.state.list.selected_program().unwrap().id;
    assert_eq!(
        w.state.next_actions.get(&program).map(|a| a.text.as_ref()),
        Some("email coordinator")
    );
}
