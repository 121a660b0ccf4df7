//! The draft editor as an email, through the real runtime: files are
//! checked on disk when a draft is composed, when the Attach field is
//! typed and when the profile is saved, and the profile's files as they
//! are at send time are the ones the server receives.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use crate::support;

use crossterm::event::{KeyCode, KeyEvent};
use support::app::App;
use support::smtp_server::{Options, TestSmtpServer};
use tempfile::TempDir;
use usce::app::command::Command;
use usce::app::msg::{Msg, UserInput};
use usce::app::{AppState, Pane};
use usce::config::Config;
use usce::domain::record_fields::ProfileField;
use usce::domain::{Contact, DraftHeader, Profile, Program, Role, StepResult, UsState};
use usce::mail::{Security, SmtpConfig};
use usce::runtime::{Headless, Services, dispatch, settle};
use usce::store::Store;

const JOBS_DONE: std::time::Duration = std::time::Duration::from_secs(30);

struct World {
    dir: TempDir,
    services: Services,
    state: AppState,
    screen: Headless,
}

fn world(smtp_port: Option<u16>) -> World {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&support::app::db_path(dir.path())).unwrap();
    let mut program = Program::new(
        "Bluegrass Regional Internal Medicine",
        UsState::parse("KY").unwrap(),
    );
    program.specialty = "Internal Medicine".into();
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
    let profile = Profile {
        full_name: "Amína Yúsuf".into(),
        email: "amina.yusuf@example.org".into(),
        medical_school: "University of Example Medical College".into(),
        graduation_year: Some(2023),
        step1: StepResult::Pass,
        target_specialty: "Internal Medicine".into(),
        available: "from June 2 to July 25, 2027".into(),
        cv_path: dir.path().join("old-cv.pdf").display().to_string(),
        ..Profile::default()
    };
    store.save_profile(&profile).unwrap();
    let smtp = smtp_port.map(|port| SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: None,
        from: "Amína Yúsuf <amina.yusuf@example.org>".into(),
        password_env: None,
        password_cmd: None,
        ca_file: None,
    });
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
        dir,
        services,
        state,
        screen,
    }
}

impl World {
    fn act(&mut self, msg: impl Into<Msg>) {
        dispatch(&mut self.services, &mut self.screen, &mut self.state, msg);
        assert!(settle(
            &mut self.services,
            &mut self.screen,
            &mut self.state,
            JOBS_DONE
        ));
    }

    /// Types into the open one-line input, replacing what it held.
    fn type_line(&mut self, text: &str) {
        self.act(Command::ClearInput);
        for c in text.chars() {
            self.act(UserInput::InputKey(KeyEvent::from(KeyCode::Char(c))));
        }
        self.act(Command::Submit);
    }

    fn compose_request(&mut self) {
        self.state.focus = Pane::Draft;
        self.act(Command::Compose);
        self.act(Command::Submit);
        let index = self
            .state
            .templates
            .iter()
            .position(|t| t == "request_rotation")
            .unwrap();
        for _ in 0..index {
            self.act(Command::Down);
        }
        self.act(Command::Submit);
    }

    fn status(&self) -> (String, bool) {
        let s = self
            .state
            .status
            .clone()
            .unwrap_or_else(|| panic!("no status; popup {:?}", self.state.popup));
        (s.text, s.is_error)
    }

    fn file(&self, name: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, b"%PDF-1.4 test").unwrap();
        path.display().to_string()
    }
}

fn missing(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn a_missing_cv_is_named_at_compose_and_the_fixed_profile_path_is_what_is_sent() {
    let server = TestSmtpServer::start(Options::default());
    let mut w = world(Some(server.port));
    w.compose_request();
    let old_cv = missing(w.dir.path(), "old-cv.pdf");
    let (text, error) = w.status();
    assert!(error && text.contains(&old_cv), "{text}");

    // Fix the CV path in the profile form: the draft follows it.
    let new_cv = w.file("cv-2027.pdf");
    w.act(Command::StopEditing);
    w.act(Command::Profile);
    let row = ProfileField::ALL
        .iter()
        .position(|f| *f == ProfileField::CvPath)
        .unwrap();
    for _ in 0..row {
        w.act(Command::Down);
    }
    w.act(Command::Submit);
    w.type_line(&new_cv);
    assert_eq!(w.services.store.profile().unwrap().cv_path, new_cv);
    assert!(
        w.state.status.as_ref().is_none_or(|s| !s.is_error),
        "the new file is there: {:?}",
        w.state.status
    );
    w.act(Command::Cancel);

    w.act(Command::SendDraft);
    w.act(Command::Confirm);
    let (_, received) = server.finish();
    assert_eq!(received.len(), 1);
    let data = &received[0].data;
    assert!(data.contains("cv-2027.pdf"), "{data}");
    assert!(!data.contains("old-cv.pdf"), "{data}");
}

#[test]
fn saving_the_profile_with_a_path_to_nothing_says_so() {
    let mut w = world(None);
    w.act(Command::Profile);
    let row = ProfileField::ALL
        .iter()
        .position(|f| *f == ProfileField::ScoresPath)
        .unwrap();
    for _ in 0..row {
        w.act(Command::Down);
    }
    w.act(Command::Submit);
    let scores = missing(w.dir.path(), "usmle.pdf");
    w.type_line(&scores);
    assert_eq!(w.services.store.profile().unwrap().scores_path, scores);
    let (text, error) = w.status();
    assert!(error && text.contains(&scores), "{text}");
}

#[test]
fn the_attach_field_keeps_only_files_that_exist() {
    let mut w = world(None);
    w.compose_request();
    w.act(Command::StopEditing);
    w.act(Command::Up);
    assert_eq!(w.state.draft.header, Some(DraftHeader::Attach));
    w.act(Command::EditDraft);
    let gone = missing(w.dir.path(), "gone.pdf");
    w.type_line(&gone);
    let (text, error) = w.status();
    assert!(error && text.contains(&gone), "{text}");
    assert!(w.state.input.is_some(), "the field stays open to fix");
    let program = w.state.draft.program.unwrap();
    let stored = w.services.store.current_draft(program).unwrap().unwrap();
    assert!(stored.attach_from_profile, "nothing kept: {stored:?}");

    let cv = w.file("cv.pdf");
    w.type_line(&cv);
    assert!(w.state.input.is_none());
    let stored = w.services.store.current_draft(program).unwrap().unwrap();
    assert!(!stored.attach_from_profile);
    assert_eq!(stored.attachments, [cv]);
    assert_eq!(stored.template.as_deref(), Some("request_rotation"));
}

#[test]
fn a_bad_address_in_the_to_field_is_refused_and_the_stored_draft_is_kept() {
    let mut w = world(None);
    w.compose_request();
    w.act(Command::StopEditing);
    for _ in 0..4 {
        w.act(Command::Up);
    }
    w.act(Command::EditDraft);
    w.type_line("coordinator at example dot org");
    assert!(w.status().1, "{:?}", w.status());
    w.act(Command::Cancel);
    let program = w.state.draft.program.unwrap();
    let stored = w.services.store.current_draft(program).unwrap().unwrap();
    assert_eq!(stored.to, "im.coordinator@example.org");
    assert_eq!(w.state.draft.draft.to, "im.coordinator@example.org");
}
