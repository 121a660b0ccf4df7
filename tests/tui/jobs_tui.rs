//! Background jobs seen from a terminal: the real binary in a PTY sends a
//! draft to the in-repo SMTP server, which holds its answer to DATA until
//! the test lets it go. Meanwhile the keys must keep working and the
//! footer must show how far the send got. No sleeps: every wait is on the
//! screen or the server, with a deadline.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::outreach::{add_program, profile, write_config};
use support::pty::{Tui, WAIT};
use support::smtp_server::{Gate, Options, TestSmtpServer};
use tempfile::TempDir;
use usce::domain::{Direction, Draft, DraftStatus, Status};
use usce::store::Store;

const TO: &str = "coordinator@example.edu";
const SUBJECT: &str = "Rotation request";

#[test]
fn keys_keep_working_and_progress_shows_while_a_send_waits_on_a_slow_server() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let gate = Gate::default();
    let server = TestSmtpServer::start_holding_data(Options::default(), gate.clone());
    let config = write_config(dir.path(), server.port, None);
    let alpha = {
        let mut store = Store::open(&db).unwrap();
        store.set_setting("welcomed", "1").unwrap();
        store.save_profile(&profile(None)).unwrap();
        let alpha = add_program(&mut store, "Alpha Internal Medicine", "OH", TO);
        add_program(
            &mut store,
            "Beta Internal Medicine",
            "OH",
            "beta@example.edu",
        );
        store
            .save_draft(&Draft {
                program_id: alpha,
                to: TO.into(),
                subject: SUBJECT.into(),
                body: "Dear coordinator,\n\nMay I visit?\n".into(),
                ..Draft::default()
            })
            .unwrap();
        alpha
    };
    let config_env = config.display().to_string();
    let mut tui = Tui::spawn(&db, &[("USCE_CONFIG", &config_env)], 120, 36);
    tui.wait_for("Beta Internal Medicine");
    // The list starts on its first program.
    tui.wait_for("Contact log — Alpha Internal Medicine");
    tui.wait_for(SUBJECT);
    // To the draft pane, send, confirm.
    tui.send("\t");
    tui.send("\t");
    tui.wait_for("s send");
    tui.send("s");
    tui.wait_for("now?");
    tui.send("y");

    // The server holds DATA: the send is in flight and stays there.
    assert!(gate.wait_reached(WAIT), "the send never reached DATA");
    tui.wait_for(&format!("Sending to {TO} (sending)…"));
    // Back to the list (a lone Esc) and down one: the selection moves
    // while the send still waits.
    tui.send("\x1b");
    tui.wait_for("fold");
    tui.send("j");
    let screen = tui.wait_until("the selection moved with the send still shown", |s| {
        s.contains("Contact log — Beta Internal Medicine")
            && s.contains(&format!("Sending to {TO} (sending)…"))
    });
    assert!(
        !gate.timed_out(),
        "the server answered (its hold ran out) before the screen showed this:\n{screen}"
    );
    assert!(
        screen.contains("Alpha Internal Medicine"),
        "the list is all there:\n{screen}"
    );

    // The server answers: the send completes and is logged.
    gate.release();
    tui.wait_for(&format!("Sent to {TO}. Server: 250"));
    tui.wait_gone("(sending)…");
    tui.send("k");
    tui.wait_for("Contact log — Alpha Internal Medicine");
    tui.wait_for(&format!("Sent: {SUBJECT}"));
    tui.send("q");
    assert!(tui.wait_exit().success());

    let (_, received) = server.finish();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].rcpt_to, vec![TO.to_string()]);
    let store = Store::open(&db).unwrap();
    let draft = store.current_draft(alpha).unwrap();
    let sent = store.list_drafts(alpha).unwrap();
    assert!(
        sent.iter()
            .any(|d| d.subject == SUBJECT && d.status == DraftStatus::Sent),
        "{sent:?} / current {draft:?}"
    );
    let log = store.list_interactions(alpha).unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].summary, format!("Sent: {SUBJECT}"));
    assert_eq!(log[0].direction, Direction::Out);
    let program = store.get_program(alpha).unwrap().unwrap();
    assert_eq!(program.status, Status::Contacted);
}
