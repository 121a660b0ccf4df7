//! The step that makes drafts attach the profile's files at send time
//! moves data, so it gets a test of its own on a database as it was just
//! before it.

use rusqlite::Connection;

use crate::domain::DraftId;
use crate::store::{Store, migrations};

/// Runs every step before `ATTACH_FROM_PROFILE`, wherever the merge puts
/// it, so the test never depends on a version number.
fn before_the_step(conn: &Connection) {
    let at = migrations::STEPS
        .iter()
        .position(|s| *s == migrations::ATTACH_FROM_PROFILE)
        .unwrap();
    for step in &migrations::STEPS[..at] {
        conn.execute_batch(step).unwrap();
    }
    conn.pragma_update(None, "user_version", at as i64).unwrap();
}

#[test]
fn unsent_composed_drafts_with_the_profiles_files_follow_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    {
        let conn = Connection::open(&path).unwrap();
        before_the_step(&conn);
        conn.execute_batch(
            "INSERT INTO programs (id, name, state, accepts_imgs, visa, step1_pass_required, \
             takes_graduates, hands_on, status, created_at, updated_at) VALUES (1, 'P', 'KY', \
             'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'researching', \
             '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z');
             INSERT INTO profile (id, step1, cv_path, scores_path) \
             VALUES (1, 'pass', ' /home/a/cv.pdf ', '/home/a/usmle.pdf');
             INSERT INTO drafts (id, program_id, template, attachments, status, updated_at) VALUES
               (1, 1, 'request_rotation', '[\"/home/a/cv.pdf\",\"/home/a/usmle.pdf\"]', 'draft',
                '2025-01-01T00:00:00.000000000Z'),
               (2, 1, 'request_rotation', '[\"/home/a/old-cv.pdf\"]', 'draft',
                '2025-01-01T00:00:00.000000000Z'),
               (3, 1, 'request_rotation', '[\"/home/a/cv.pdf\",\"/home/a/usmle.pdf\"]', 'sent',
                '2025-01-01T00:00:00.000000000Z'),
               (4, 1, NULL, '[]', 'draft', '2025-01-01T00:00:00.000000000Z');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let draft = |id| store.get_draft(DraftId(id)).unwrap().unwrap();
    let (same, own, sent, note) = (draft(1), draft(2), draft(3), draft(4));
    assert!(same.attach_from_profile);
    assert!(same.attachments.is_empty());
    assert!(
        !own.attach_from_profile,
        "a draft with other files keeps them"
    );
    assert_eq!(own.attachments, ["/home/a/old-cv.pdf"]);
    assert!(!sent.attach_from_profile, "what was sent stays as it was");
    assert_eq!(sent.attachments.len(), 2);
    assert!(!note.attach_from_profile, "a free note attaches nothing");
}
