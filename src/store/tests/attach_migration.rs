//! The step that makes drafts attach the profile's files at send time
//! moves data, so it gets a test of its own on a database as it was just
//! before it.

use rusqlite::Connection;

use crate::domain::DraftId;
use crate::store::{Store, migrations};

#[test]
fn unsent_composed_drafts_with_the_profiles_files_follow_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usce.db");
    {
        let conn = Connection::open(&path).unwrap();
        super::migrate_up_to(&conn, migrations::ATTACH_FROM_PROFILE);
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
