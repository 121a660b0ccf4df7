//! What a reply needs from the last message sent to the same person: its
//! Message-ID, subject and the thread before it (see
//! [`crate::domain::thread`]).
//!
//! Read through this one function so the rest of usce does not care where
//! sent messages live: today that is the sent rows of `drafts`
//! (`message_id`, `subject`, `sent_at`), which record every sent email.

use rusqlite::params;

use super::super::{Doing, Result, Store};
use crate::domain::thread::PreviousMessage;
use crate::domain::{ContactId, DraftStatus, ProgramId};

impl Store {
    /// The last message sent to `contact` at `program`, with the ids of the
    /// ones before it (oldest first) as its References; `None` when nothing
    /// has been sent to them there. Every email to a person is one thread,
    /// so the chain is every earlier message to them.
    pub fn last_sent_message(
        &self,
        program: ProgramId,
        contact: ContactId,
    ) -> Result<Option<PreviousMessage>> {
        const DOING: &str = "reading the last message sent";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT message_id, subject FROM drafts WHERE program_id = ?1 \
                 AND contact_id = ?2 AND status = ?3 AND message_id IS NOT NULL \
                 AND message_id <> '' ORDER BY sent_at, id",
            )
            .doing(DOING)?;
        let sent = stmt
            .query_map(params![program, contact, DraftStatus::Sent], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .doing(DOING)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .doing(DOING)?;
        let mut ids: Vec<String> = sent.iter().map(|(id, _)| id.clone()).collect();
        Ok(sent.last().map(|(message_id, subject)| {
            ids.pop();
            PreviousMessage {
                message_id: message_id.clone(),
                subject: subject.clone(),
                references: ids,
            }
        }))
    }
}
