//! The runner on its own: refusals, failures, cancels, panics. Jobs here
//! block on channels the test holds, so nothing depends on timing; every
//! wait has a deadline.

use std::net::TcpListener;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::*;
use crate::app::jobs::JobEvent;
use crate::domain::{Draft, Program, UsState};
use crate::mail::{Security, SmtpConfig};
use crate::store::Store;

const DEADLINE: Duration = Duration::from_secs(20);

/// A job of `kind` that runs until the test sends on the returned channel.
fn held(kind: JobKind) -> (Job, std::sync::mpsc::Sender<()>) {
    let (release, wait): (_, Receiver<()>) = channel();
    let job = Job::new(kind, Progress::new("held", true), move |_| {
        let _ = wait.recv_timeout(DEADLINE);
        Ok(vec![Event::Done("released".into())])
    });
    (job, release)
}

fn started_id(actions: &[Event]) -> JobId {
    match actions {
        [Event::Job(JobEvent::Started { id, .. })] => *id,
        other => panic!("not started: {other:?}"),
    }
}

/// Every action until `id` has finished, or a panic at the deadline.
fn until_finished(jobs: &mut Jobs, id: JobId) -> Vec<Event> {
    let mut seen = Vec::new();
    loop {
        let actions = jobs.next_within(DEADLINE).expect("the job reports in time");
        let finished = actions.contains(&Event::Job(JobEvent::Finished { id }));
        seen.extend(actions);
        if finished {
            return seen;
        }
    }
}

/// Every action until no job runs.
fn until_idle(jobs: &mut Jobs) -> Vec<Event> {
    let mut seen = Vec::new();
    while jobs.is_busy() {
        seen.extend(jobs.next_within(DEADLINE).expect("the jobs report in time"));
    }
    seen
}

#[test]
fn a_second_send_while_one_runs_is_refused_with_a_message() {
    let mut jobs = Jobs::default();
    let (first, release) = held(JobKind::Send);
    let id = started_id(&jobs.start(first));
    let (second, _keep) = held(JobKind::Send);
    assert_eq!(
        jobs.start(second),
        vec![Event::Failed(
            "A send is already in progress; wait for it to finish.".into()
        )]
    );
    // A batch could send the same draft: refused too. An import is not.
    let (batch, _b) = held(JobKind::Batch);
    assert!(matches!(&jobs.start(batch)[..], [Event::Failed(m)] if m.contains("send")));
    let (import, import_release) = held(JobKind::Import);
    let import_id = started_id(&jobs.start(import));
    release.send(()).unwrap();
    let seen = until_finished(&mut jobs, id);
    assert!(seen.contains(&Event::Done("released".into())), "{seen:?}");
    // Once it ended, a new send starts.
    let (again, again_release) = held(JobKind::Send);
    let again_id = started_id(&jobs.start(again));
    again_release.send(()).unwrap();
    import_release.send(()).unwrap();
    let seen = until_idle(&mut jobs);
    for id in [again_id, import_id] {
        assert!(seen.contains(&Event::Job(JobEvent::Finished { id })));
    }
}

#[test]
fn a_failing_job_becomes_a_failed_message_after_its_end() {
    let mut jobs = Jobs::default();
    let job = Job::new(JobKind::Import, Progress::new("x", true), |_| {
        Err("the file vanished".to_owned())
    });
    let id = started_id(&jobs.start(job));
    let seen = until_finished(&mut jobs, id);
    assert_eq!(
        seen,
        vec![
            Event::Job(JobEvent::Finished { id }),
            Event::Failed("the file vanished".into())
        ]
    );
    assert!(!jobs.is_busy());
}

#[test]
#[allow(clippy::panic)]
fn a_panicking_job_is_reported_and_frees_its_kind() {
    let mut jobs = Jobs::default();
    let job = Job::new(JobKind::Send, Progress::new("x", true), |_| {
        panic!("a bug in a job")
    });
    let id = started_id(&jobs.start(job));
    let seen = until_finished(&mut jobs, id);
    assert!(
        matches!(&seen[1..], [Event::Failed(m)] if m.contains("stopped unexpectedly")),
        "{seen:?}"
    );
    let (next, release) = held(JobKind::Send);
    let next_id = started_id(&jobs.start(next));
    release.send(()).unwrap();
    until_finished(&mut jobs, next_id);
}

#[test]
fn cancel_is_seen_by_the_worker_and_wakes_its_pacing_wait() {
    let mut jobs = Jobs::default();
    let (waiting, is_waiting) = channel();
    let job = Job::new(JobKind::Batch, Progress::new("x", true), move |params| {
        params.report("paced", true);
        let _ = waiting.send(());
        // Far longer than the test's deadline: only a cancel ends it in time.
        let cancelled = params.wait_or_cancel(Duration::from_secs(600));
        assert!(params.cancelled());
        Ok(vec![Event::Done(format!("cancelled: {cancelled}"))])
    });
    let id = started_id(&jobs.start(job));
    is_waiting.recv_timeout(DEADLINE).unwrap();
    jobs.cancel(id);
    let seen = until_finished(&mut jobs, id);
    assert!(
        seen.contains(&Event::Job(JobEvent::Progress {
            id,
            progress: Progress::new("paced", true)
        })),
        "{seen:?}"
    );
    assert_eq!(seen.last(), Some(&Event::Done("cancelled: true".into())));
}

#[test]
fn a_newer_next_step_load_cancels_the_running_one() {
    let mut jobs = Jobs::default();
    let (go, wait) = channel::<()>();
    let old = Job::new(JobKind::NextSteps, Progress::new("x", false), move |p| {
        let _ = wait.recv_timeout(DEADLINE);
        Ok(vec![Event::Done(format!(
            "old cancelled: {}",
            p.cancelled()
        ))])
    });
    let old_id = started_id(&jobs.start(old));
    let new = Job::new(JobKind::NextSteps, Progress::new("x", false), |_| {
        Ok(vec![])
    });
    let new_id = started_id(&jobs.start(new));
    assert_ne!(old_id, new_id);
    go.send(()).unwrap();
    let seen = until_idle(&mut jobs);
    assert!(seen.contains(&Event::Done("old cancelled: true".into())));
}

#[test]
fn counts_are_grouped_by_thousands() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(4_000), "4,000");
    assert_eq!(thousands(15_000), "15,000");
    assert_eq!(thousands(1_234_567), "1,234,567");
}

/// The runtime's services on `store` (opened on `db`, inside `dir`),
/// sending to the test server on `port`.
fn services_on(store: Store, db: std::path::PathBuf, dir: &std::path::Path, port: u16) -> Services {
    Services {
        clock: store.clock(),
        store,
        templates: crate::mail::TemplateSet::load(None).unwrap(),
        config: crate::config::Config {
            smtp: Some(loopback(port)),
            ..Default::default()
        },
        sent_dir: dir.join("sent"),
        config_path: dir.join("config.toml"),
        db_path: db,
        templates_dir: dir.join("templates"),
        jobs: Jobs::default(),
        calendar_seen: None,
    }
}

/// Plain SMTP to a server on this machine (allowed only for loopback).
fn loopback(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        username: None,
        from: "a@example.org".into(),
        password_env: None,
        password_cmd: None,
        ca_file: None,
    }
}

/// Through `perform`, as the app does: a send to a server that never
/// greets stays in flight, and a second `SendDraft` is refused.
#[test]
fn a_second_send_draft_effect_is_refused_while_the_first_is_in_flight() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    let program = store
        .insert_program(&Program::new("Test IM", UsState::parse("OH").unwrap()))
        .unwrap();
    let draft = store
        .save_draft(&Draft {
            program_id: program.id,
            to: "coordinator@example.org".into(),
            subject: "Hello".into(),
            body: "Hi".into(),
            ..Draft::default()
        })
        .unwrap();
    // Takes the connection and says nothing until told to hang up.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (hang_up, told) = channel::<()>();
    let (connected, is_connected) = channel::<()>();
    let silent = std::thread::spawn(move || {
        let (socket, _) = listener.accept().unwrap();
        connected.send(()).unwrap();
        let _ = told.recv_timeout(DEADLINE);
        drop(socket);
    });
    let mut services = services_on(store, db, dir.path(), port);
    let id = started_id(&perform(&mut services, Effect::SendDraft(draft.id)));
    is_connected.recv_timeout(DEADLINE).unwrap();
    let refused = perform(&mut services, Effect::SendDraft(draft.id));
    assert!(
        matches!(&refused[..], [Event::Failed(m)] if m.starts_with("A send is already in progress")),
        "{refused:?}"
    );
    hang_up.send(()).unwrap();
    let seen = until_finished(&mut services.jobs, id);
    assert!(
        seen.iter()
            .any(|a| matches!(a, Event::Report(title, _) if title.starts_with("Not sent"))),
        "{seen:?}"
    );
    silent.join().unwrap();
}

/// Just enough of an SMTP server to greet when told, answer EHLO and QUIT,
/// and record every command it got.
fn greets_when_told(
    listener: TcpListener,
) -> (
    std::sync::mpsc::Sender<()>,
    Receiver<()>,
    std::thread::JoinHandle<Vec<String>>,
) {
    use std::io::{BufRead, BufReader, Write};
    let (greet, told) = channel::<()>();
    let (accepted, is_accepted) = channel::<()>();
    let server = std::thread::spawn(move || {
        let (socket, _) = listener.accept().unwrap();
        accepted.send(()).unwrap();
        told.recv_timeout(DEADLINE).unwrap();
        let mut out = socket.try_clone().unwrap();
        let mut lines = BufReader::new(socket);
        out.write_all(b"220 test ready\r\n").unwrap();
        let mut commands = Vec::new();
        let mut line = String::new();
        while lines.read_line(&mut line).unwrap_or(0) > 0 {
            let command = line.trim_end().to_owned();
            line.clear();
            let quit = command.eq_ignore_ascii_case("QUIT");
            out.write_all(if quit { b"221 bye\r\n" } else { b"250 ok\r\n" })
                .unwrap();
            commands.push(command);
            if quit {
                break;
            }
        }
        commands
    });
    (greet, is_accepted, server)
}

/// A cancel while the server has not even greeted: the send stops before
/// MAIL FROM, so nothing is handed over; a second test message meanwhile
/// is refused.
#[test]
fn a_test_message_cancelled_while_connecting_sends_nothing() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut store = Store::open(&db).unwrap();
    store
        .save_profile(&crate::domain::Profile {
            email: "me@example.org".into(),
            ..Default::default()
        })
        .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (greet, accepted, server) = greets_when_told(listener);
    let mut services = services_on(store, db, dir.path(), port);
    let id = started_id(&perform(&mut services, Effect::SendTest));
    accepted.recv_timeout(DEADLINE).unwrap();
    let refused = perform(&mut services, Effect::SendTest);
    assert!(
        matches!(&refused[..], [Event::Failed(m)] if m.starts_with("The test message is still")),
        "{refused:?}"
    );
    perform(&mut services, Effect::CancelJob(id));
    greet.send(()).unwrap();
    let seen = until_finished(&mut services.jobs, id);
    assert_eq!(
        seen.last(),
        Some(&Event::Done(
            "Test message cancelled before it reached the server.".into()
        ))
    );
    let commands = server.join().unwrap();
    assert!(
        !commands.iter().any(|c| c.starts_with("MAIL")),
        "{commands:?}"
    );
    assert_eq!(commands.last().map(String::as_str), Some("QUIT"));
}

/// The TUI's start-up job copies what a `usce import` left in the log into
/// the database file, so no edit on the UI thread has to.
#[test]
fn the_checkpoint_job_copies_an_import_left_in_the_log_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    let mut importer = Store::open(&db).unwrap();
    importer.leave_checkpoints_to_next_usce().unwrap();
    let program = Program::new("Clinic", UsState::parse("KY").unwrap());
    importer
        .apply_import(&[crate::import::Decision::Add {
            program,
            contacts: Vec::new(),
        }])
        .unwrap();
    drop(importer);
    let in_file_alone = || {
        let copy = dir.path().join("copy.db");
        std::fs::copy(&db, &copy).unwrap();
        let n = Store::open(&copy).unwrap().count_programs().unwrap();
        std::fs::remove_file(&copy).unwrap();
        n
    };
    assert_eq!(in_file_alone(), 0, "the import waits in the log");
    // The TUI's own connection is open meanwhile, as at start-up.
    let tui = Store::open(&db).unwrap();
    let mut jobs = Jobs::default();
    let id = started_id(&jobs.start(checkpoint::job(db.clone())));
    let seen = until_finished(&mut jobs, id);
    assert!(
        !seen.iter().any(|e| matches!(e, Event::Failed(_))),
        "{seen:?}"
    );
    assert_eq!(in_file_alone(), 1);
    drop(tui);
}

/// A checkpoint that cannot be made (here: the database's folder is a
/// file) is SQLite's to make later, not a failure to show at start-up.
#[test]
fn a_checkpoint_that_cannot_run_says_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let mut jobs = Jobs::default();
    let id = started_id(&jobs.start(checkpoint::job(not_a_folder.join("usce.db"))));
    let seen = until_finished(&mut jobs, id);
    assert!(
        !seen.iter().any(|e| matches!(e, Event::Failed(_))),
        "{seen:?}"
    );
}
