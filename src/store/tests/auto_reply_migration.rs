//! The step that brings earlier auto-replies into the contact log moves
//! data, so it gets a test on a database as it was just before it.

use rusqlite::Connection;

use crate::domain::{Direction, ProgramId, Status};
use crate::store::{Store, migrations};

#[test]
fn auto_replies_synced_before_join_the_log_as_auto_replies_and_count_for_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    {
        let conn = Connection::open(&path).unwrap();
        super::migrate_up_to(&conn, migrations::AUTO_REPLIES_IN_LOG);
        conn.execute_batch(
            "INSERT INTO programs (id, name, state, accepts_imgs, visa, step1_pass_required, \
             takes_graduates, hands_on, status, created_at, updated_at) VALUES (1, 'P', 'KY', \
             'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'contacted', \
             '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z');
             INSERT INTO inbound_messages (message_id, kind, program_id, from_addr, subject, at)
             VALUES ('<ooo@x>', 'auto_reply', 1, 'gme@p.org', ' Out of office until 5 Jan ',
                     '2025-12-01T10:00:00.000000000Z'),
                    ('<b@x>', 'bounce', NULL, 'mailer@p.org', 'Undeliverable',
                     '2025-12-01T11:00:00.000000000Z');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let log = store.list_interactions(ProgramId(1)).unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].direction, Direction::AutoReply);
    assert_eq!(log[0].summary, "Out of office until 5 Jan");
    let program = store.get_program(ProgramId(1)).unwrap().unwrap();
    assert_eq!(program.status, Status::Contacted);
    assert_eq!(store.reply_after_last_email(ProgramId(1)).unwrap(), None);
    // The message's row now points at its log entry, as a reply's does.
    let linked: Option<i64> = store
        .conn
        .query_row(
            "SELECT interaction_id FROM inbound_messages WHERE message_id = '<ooo@x>'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(linked, Some(log[0].id.0));
}
