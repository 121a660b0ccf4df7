//! Follow-ups a sent email answers. Sending to a person closes the
//! program's open follow-ups for that person and those for nobody in
//! particular, plus the one the draft was written to answer (the Due
//! view's `c`), whoever that names. Follow-ups for other people at the
//! program stay open: they wait on someone else.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::super::convert::Stamp;
use super::super::{Doing, Result, Store, StoreError};
use crate::domain::{Draft, DraftId, FollowUpId};

impl Store {
    /// Records that `draft` was written to answer `follow_up`, so sending it
    /// closes that follow-up (replacing any earlier link). Both must belong
    /// to the same program.
    pub fn link_draft_to_follow_up(&mut self, draft: DraftId, follow_up: FollowUpId) -> Result<()> {
        const DOING: &str = "linking the draft to its follow-up";
        let same_program: Option<bool> = self
            .conn
            .prepare_cached(
                "SELECT d.program_id = f.program_id FROM drafts d, follow_ups f \
                 WHERE d.id = ?1 AND f.id = ?2",
            )
            .doing(DOING)?
            .query_row(params![draft, follow_up], |row| row.get(0))
            .optional()
            .doing(DOING)?;
        match same_program {
            None => Err(StoreError::NotFound(format!(
                "draft {} or follow-up {}",
                draft.0, follow_up.0
            ))),
            Some(false) => Err(StoreError::Invalid(format!(
                "follow-up {} belongs to another program than draft {}",
                follow_up.0, draft.0
            ))),
            Some(true) => {
                self.conn
                    .prepare_cached(
                        "INSERT INTO draft_answers (draft_id, follow_up_id) VALUES (?1, ?2) \
                         ON CONFLICT (draft_id) DO UPDATE SET follow_up_id = excluded.follow_up_id",
                    )
                    .doing(DOING)?
                    .execute(params![draft, follow_up])
                    .doing(DOING)?;
                Ok(())
            }
        }
    }

    /// The follow-up `draft` was written to answer, if any.
    pub fn follow_up_answered_by(&self, draft: DraftId) -> Result<Option<FollowUpId>> {
        const DOING: &str = "reading the draft's follow-up";
        self.conn
            .prepare_cached("SELECT follow_up_id FROM draft_answers WHERE draft_id = ?1")
            .doing(DOING)?
            .query_row([draft], |row| row.get(0))
            .optional()
            .doing(DOING)
    }
}

/// Marks done, at `at`, every open follow-up the sent `draft` answers (see
/// the module comment) and returns their ids. Runs inside the send's
/// transaction, before the next follow-up is scheduled.
pub(super) fn close_answered_follow_ups(
    conn: &Connection,
    draft: &Draft,
    at: DateTime<Utc>,
) -> Result<Vec<FollowUpId>> {
    const DOING: &str = "closing the follow-ups the email answers";
    let mut stmt = conn
        .prepare_cached(
            "UPDATE follow_ups SET done_at = ?1 WHERE program_id = ?2 AND done_at IS NULL \
             AND (contact_id IS ?3 OR contact_id IS NULL OR id = \
             (SELECT follow_up_id FROM draft_answers WHERE draft_id = ?4)) RETURNING id",
        )
        .doing(DOING)?;
    let ids = stmt
        .query_map(
            params![Stamp(at), draft.program_id, draft.contact_id, draft.id],
            |row| row.get(0),
        )
        .doing(DOING)?
        .collect::<rusqlite::Result<Vec<FollowUpId>>>()
        .doing(DOING)?;
    Ok(ids)
}
