//! `usce sync` end to end: mail sent by usce to the in-repo SMTP server,
//! answers delivered into a real Dovecot, and the sync's bookkeeping.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use usce::domain::{Direction, DraftStatus, Status};
use usce::store::Store;

use crate::support::dovecot::{self, Dovecot, PASSWORD, USER};
use crate::support::outreach::{THREE, stdout_of, three_programs, usce, write_config};
use crate::support::smtp_server::{Options, TestSmtpServer};

const PASSWORD_VAR: &str = "USCE_TEST_IMAP_PASSWORD";

/// `[smtp]` for the test server plus `[imap]` for Dovecot.
fn config(dir: &Path, smtp_port: u16, imap: &str) -> std::path::PathBuf {
    let path = write_config(dir, smtp_port, None);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(imap);
    std::fs::write(&path, text).unwrap();
    path
}

pub fn plain_imap(server: &Dovecot) -> String {
    format!(
        "\n[imap]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\nusername = \"{USER}\"\n\
         password_env = \"{PASSWORD_VAR}\"\n",
        server.port
    )
}

pub fn sync(db: &Path, config: &Path) -> std::process::Output {
    usce(db, config)
        .arg("sync")
        .env(PASSWORD_VAR, PASSWORD)
        .output()
        .unwrap()
}

/// The Message-ID usce sent to each of THREE, in order.
fn sent_ids(db: &Path, programs: &[usce::domain::ProgramId]) -> Vec<String> {
    let store = Store::open(db).unwrap();
    programs
        .iter()
        .map(|p| {
            let drafts = store.list_drafts(*p).unwrap();
            let sent = drafts
                .iter()
                .find(|d| d.status == DraftStatus::Sent)
                .unwrap();
            sent.message_id.clone().unwrap()
        })
        .collect()
}

fn deliver_the_five(server: &Dovecot, ids: &[String]) {
    let (ky, oh, tx) = (&ids[0], &ids[1], &ids[2]);
    server.deliver(&format!(
        "From: Coordinator <{}>\nTo: amina.yusuf@example.org\nSubject: Re: rotation\n\
         Date: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <reply-1@example.edu>\n\
         In-Reply-To: {ky}\nReferences: {ky}\n\nDear Amina,\nWe have a spot in June.\n\n\
         On Mon, Nov 30, 2026 Amina wrote:\n> Dear coordinator\n",
        THREE[0].2
    ));
    server.deliver(&format!(
        "From: <{}>\nTo: amina.yusuf@example.org\nSubject: Out of Office: rotation\n\
         Auto-Submitted: auto-replied\nDate: Tue, 01 Dec 2026 10:05:00 +0000\n\
         Message-ID: <ooo-1@example.edu>\nIn-Reply-To: {oh}\n\n\
         I am out of the office and will be back on December 28, 2026.\n",
        THREE[1].2
    ));
    server.deliver(&format!(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.edu>\nTo: amina.yusuf@example.org\n\
         Subject: Undelivered Mail Returned to Sender\nDate: Tue, 01 Dec 2026 10:06:00 +0000\n\
         Message-ID: <dsn-1@mx.example.edu>\nMIME-Version: 1.0\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n\
         --B\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n\
         --B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.edu\n\n\
         Final-Recipient: rfc822; {}\nAction: failed\nStatus: 5.1.1\n\n\
         --B\nContent-Type: text/rfc822-headers\n\nMessage-ID: {tx}\nSubject: rotation\n\n--B--\n",
        THREE[2].2
    ));
    server.deliver(
        "From: Program Director <director@buckeye-im.example.org>\nTo: amina.yusuf@example.org\n\
         Subject: Your rotation request\nDate: Tue, 01 Dec 2026 11:00:00 +0000\n\
         Message-ID: <stranger-1@buckeye-im.example.org>\n\nPlease send your CV again.\n",
    );
    server.deliver(&format!(
        "From: Amina <amina.yusuf@example.org>\nTo: {}\nSubject: Re: rotation\n\
         Date: Tue, 01 Dec 2026 12:00:00 +0000\nMessage-ID: <own-1@example.org>\n\
         In-Reply-To: {ky}\n\nThank you!\n",
        THREE[0].2
    ));
}

#[test]
fn sync_logs_one_reply_one_auto_reply_one_bounce_one_proposal_and_nothing_twice() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    let programs = three_programs(&db);
    {
        let mut store = Store::open(&db).unwrap();
        let mut oh = store.get_program(programs[1]).unwrap().unwrap();
        oh.website = "https://www.buckeye-im.example.org/gme".into();
        store.update_program(&oh).unwrap();
    }
    let smtp = TestSmtpServer::start(Options::default());
    let config = config(dir.path(), smtp.port, &plain_imap(&server));
    let sent = usce(&db, &config)
        .args([
            "outreach",
            "--template",
            "request_rotation",
            "--send",
            "--delay",
            "0",
        ])
        .output()
        .unwrap();
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );
    let (_, received) = smtp.finish();
    assert_eq!(received.len(), 3);
    let ids = sent_ids(&db, &programs);
    deliver_the_five(&server, &ids);
    let flags_before = server.flags("INBOX");
    assert_eq!(flags_before.len(), 5);

    let first = sync(&db, &config);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        stdout_of(&first).trim(),
        "5 new messages · 1 reply logged · 1 auto-reply · 1 bounce · 1 to review"
    );

    let store = Store::open(&db).unwrap();
    let ky = store.get_program(programs[0]).unwrap().unwrap();
    assert_eq!(ky.status, Status::Replied);
    assert!(
        store
            .list_follow_ups(ky.id)
            .unwrap()
            .iter()
            .all(|f| f.done_at.is_some())
    );
    let inbound: Vec<_> = store
        .list_interactions(ky.id)
        .unwrap()
        .into_iter()
        .filter(|i| i.direction == Direction::In)
        .collect();
    assert_eq!(inbound.len(), 1, "the own copy is not a reply: {inbound:?}");
    assert!(
        inbound[0].summary.contains("We have a spot in June."),
        "{}",
        inbound[0].summary
    );
    assert!(
        !inbound[0].summary.contains("Dear coordinator"),
        "quotes are left out"
    );

    let oh = store.get_program(programs[1]).unwrap().unwrap();
    assert_eq!(oh.status, Status::Contacted, "an auto-reply is not a reply");
    let open: Vec<_> = store
        .list_follow_ups(oh.id)
        .unwrap()
        .into_iter()
        .filter(|f| f.done_at.is_none())
        .collect();
    assert_eq!(open.len(), 1, "the cadence goes on");
    assert_eq!(
        open[0].due.to_string(),
        "2026-12-29",
        "moved after the return day"
    );
    // Issue 17 item 2: the auto-reply is in the log as an auto-reply, and
    // nothing counts it as the program's answer.
    let log = store.list_interactions(oh.id).unwrap();
    assert!(log.iter().all(|i| i.direction != Direction::In), "{log:?}");
    let auto: Vec<_> = log
        .iter()
        .filter(|i| i.direction == Direction::AutoReply)
        .collect();
    assert_eq!(auto.len(), 1, "{log:?}");
    assert_eq!(auto[0].summary, "Out of Office: rotation");
    assert_eq!(store.reply_after_last_email(oh.id).unwrap(), None);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let stats = store.outreach_stats(today).unwrap();
    assert_eq!(stats.overall.replied, 1, "only Kentucky's reply counts");

    assert!(store.bouncing_since(THREE[2].2).unwrap().is_some());
    assert_eq!(
        store.bouncing_addresses().unwrap(),
        vec![THREE[2].2.to_owned()]
    );
    let proposals = store.open_proposals().unwrap();
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].program, programs[1]);
    drop(store);

    let second = sync(&db, &config);
    assert!(second.status.success());
    assert_eq!(stdout_of(&second).trim(), "0 new messages");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.count_inbound("reply").unwrap(), 1);
    assert_eq!(
        server.flags("INBOX"),
        flags_before,
        "\\Seen and every flag unchanged"
    );
    assert!(
        flags_before
            .iter()
            .all(|(_, f)| !f.iter().any(|f| f.contains("Seen")))
    );
}

#[test]
fn save_sent_appends_the_exact_message_seen_to_the_sent_folder() {
    let Some(server) = dovecot::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usce.db");
    three_programs(&db);
    let smtp = TestSmtpServer::start(Options::default());
    let imap = format!(
        "{}save_sent = true\nsent_folder = \"Sent\"\n",
        plain_imap(&server)
    );
    let config = config(dir.path(), smtp.port, &imap);
    server.session().create("Sent").unwrap();
    let sent = usce(&db, &config)
        .args([
            "outreach",
            "--template",
            "request_rotation",
            "--send",
            "--delay",
            "0",
        ])
        .env(PASSWORD_VAR, PASSWORD)
        .output()
        .unwrap();
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );
    assert!(
        !stdout_of(&sent).contains("warning"),
        "{}",
        stdout_of(&sent)
    );
    let (_, received) = smtp.finish();
    let flags = server.flags("Sent");
    assert_eq!(flags.len(), received.len());
    assert!(
        flags
            .iter()
            .all(|(_, f)| f.iter().any(|f| f.contains("Seen"))),
        "{flags:?}"
    );
    // The copy is the .eml usce kept, byte for byte.
    let mut session = server.session();
    session.examine("Sent").unwrap();
    let fetched = session.uid_fetch("1", "BODY.PEEK[]").unwrap();
    let body = fetched.iter().next().unwrap().body().unwrap().to_vec();
    let emls = crate::support::outreach::files_under(&dir.path().join("sent"));
    let first = emls.iter().find(|p| std::fs::read(p).unwrap() == body);
    assert!(first.is_some(), "the Sent copy matches one of {emls:?}");
    assert_eq!(server.flags("INBOX").len(), 0);
}
