//! The "ledger" schema step moves data: old ledger rows gain their person,
//! draft and log entry; sends the old ledger never knew (no template) get
//! rows; duplicate live drafts of one person are detached, their text kept.

use rusqlite::Connection;

use super::super::migrations::STEPS;
use super::*;
use crate::domain::{ContactId, LedgerEntry, SendState};

/// The step this test is about, wherever the list puts it.
fn ledger_step() -> usize {
    STEPS
        .iter()
        .position(|s| s.contains("CREATE TABLE send_ledger_v2"))
        .unwrap()
}

const OLD_DATA: &str = r#"
INSERT INTO programs (id, name, state, accepts_imgs, visa, step1_pass_required, takes_graduates,
    hands_on, status, created_at, updated_at)
VALUES (1, 'Bluegrass IM', 'KY', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown',
    'contacted', '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z');
INSERT INTO contacts (id, program_id, role, name, email, preferred)
VALUES (7, 1, 'coordinator', 'Dana', 'dana@x.edu', 'email');
INSERT INTO drafts (id, program_id, contact_id, template, to_addr, subject, status, message_id,
    sent_at, updated_at)
VALUES
 (1, 1, 7, 'request_rotation', 'dana@x.edu', 'Rotation', 'sent', '<1@x>',
  '2025-01-02T10:00:00.000000000Z', '2025-01-02T10:00:00.000000000Z'),
 (2, 1, 7, NULL, 'dana@x.edu', 'A question', 'sent', '<2@x>',
  '2025-01-03T10:00:00.000000000Z', '2025-01-03T10:00:00.000000000Z'),
 (3, 1, 7, 'express_interest', 'dana@x.edu', 'Older', 'draft', NULL, NULL,
  '2025-01-04T10:00:00.000000000Z'),
 (4, 1, 7, 'express_interest', 'dana@x.edu', 'Newer', 'draft', NULL, NULL,
  '2025-01-05T10:00:00.000000000Z');
INSERT INTO interactions (id, program_id, contact_id, at, channel, direction, summary, eml_path)
VALUES
 (11, 1, 7, '2025-01-02T10:00:00.000000000Z', 'email', 'out', 'Sent: Rotation',
  '/sent/20250102-100000-1-1.eml'),
 (12, 1, 7, '2025-01-03T10:00:00.000000000Z', 'email', 'out', 'Sent: A question',
  '/sent/20250103-100000-1-2.eml');
INSERT INTO send_ledger (program_id, template, message_id, sent_at, eml_path)
VALUES (1, 'request_rotation', '<1@x>', '2025-01-02T10:00:00.000000000Z',
  '/sent/20250102-100000-1-1.eml');
"#;

fn entries(store: &Store) -> Vec<LedgerEntry> {
    let sql = format!("{} ORDER BY l.id", super::super::convert::LEDGER_SELECT);
    let mut stmt = store.conn.prepare(&sql).unwrap();
    stmt.query_map([], |row| LedgerEntry::try_from(row))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn the_ledger_step_keeps_every_send_and_links_it_and_detaches_duplicate_drafts() {
    let conn = Connection::open_in_memory().unwrap();
    let step = ledger_step();
    for s in &STEPS[..step] {
        conn.execute_batch(s).unwrap();
    }
    conn.pragma_update(None, "user_version", step as i64)
        .unwrap();
    conn.execute_batch(OLD_DATA).unwrap();

    let store = Store::prepare(conn).unwrap();

    let rows = entries(&store);
    assert_eq!(rows.len(), 2, "{rows:?}");
    let rotation = &rows[0];
    assert_eq!(rotation.template.as_deref(), Some("request_rotation"));
    assert_eq!(
        (
            rotation.contact_id,
            rotation.draft_id,
            rotation.interaction_id
        ),
        (
            Some(ContactId(7)),
            Some(DraftId(1)),
            Some(InteractionId(11))
        )
    );
    assert_eq!((rotation.state, rotation.again), (SendState::Sent, false));
    let question = &rows[1];
    assert_eq!(question.template, None);
    assert_eq!(question.draft_id, Some(DraftId(2)));
    assert_eq!(question.interaction_id, Some(InteractionId(12)));
    assert_eq!(
        question.eml_path.as_deref(),
        Some("/sent/20250103-100000-1-2.eml")
    );
    assert!(
        store
            .already_sent(ProgramId(1), "request_rotation")
            .unwrap()
    );

    let older = store.get_draft(DraftId(3)).unwrap().unwrap();
    assert_eq!((older.contact_id, older.template), (None, None));
    assert_eq!(older.subject, "Older", "the text stays");
    let newer = store.get_draft(DraftId(4)).unwrap().unwrap();
    assert_eq!(newer.contact_id, Some(ContactId(7)));
    assert_eq!(newer.template.as_deref(), Some("express_interest"));
    let sent = store.sent_messages(ProgramId(1)).unwrap();
    assert_eq!(
        sent.iter().map(|s| s.log_entry).collect::<Vec<_>>(),
        [Some(InteractionId(12)), Some(InteractionId(11))]
    );
}
