//! Messages from a program's domain waiting for the user's word: listed,
//! attached (logged as the program's reply) or ignored.

use rusqlite::{Connection, OptionalExtension, params};

use super::super::convert::Stamp;
use super::super::{Doing, Result, Store};
use super::{InboundReply, KINDS_DOING, LoggedReply, log_reply};
use crate::domain::inbound::Proposal;
use crate::domain::{ContactId, ProgramId};

impl Store {
    /// Proposals waiting for the user, newest first.
    pub fn open_proposals(&self) -> Result<Vec<Proposal>> {
        const DOING: &str = "loading messages to review";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT m.message_id, m.program_id, p.name, m.from_addr, m.at, m.subject, m.snippet \
                 FROM inbound_messages m JOIN programs p ON p.id = m.program_id \
                 WHERE m.kind = 'proposal' ORDER BY m.at DESC, m.message_id",
            )
            .doing(DOING)?;
        let rows = stmt
            .query_map([], |row| {
                Ok(Proposal {
                    message_id: row.get(0)?,
                    program: row.get(1)?,
                    program_name: row.get(2)?,
                    from: row.get(3)?,
                    at: row.get::<_, Stamp>(4)?.0,
                    subject: row.get(5)?,
                    snippet: row.get(6)?,
                })
            })
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// The user says a proposal is a reply from the program (and, when
    /// given, that contact): it is logged as any reply is.
    pub fn attach_proposal(
        &mut self,
        message_id: &str,
        contact: Option<ContactId>,
    ) -> Result<Option<LoggedReply>> {
        const DOING: &str = "attaching a message to its program";
        let tx = self.conn.transaction().doing(DOING)?;
        let Some(p) = proposal(&tx, message_id)? else {
            return Ok(None);
        };
        let reply = InboundReply { contact, ..p };
        let logged = log_reply(&tx, &reply, self.clock.now())?;
        tx.prepare_cached(
            "UPDATE inbound_messages SET kind = 'reply', contact_id = ?2, interaction_id = ?3 \
             WHERE message_id = ?1",
        )
        .doing(DOING)?
        .execute(params![message_id, contact, logged.interaction])
        .doing(DOING)?;
        tx.commit().doing(DOING)?;
        Ok(Some(logged))
    }

    /// The user says a proposal is nothing: it is kept only as seen (so a
    /// later sync does not propose it again), without its words.
    pub fn ignore_proposal(&mut self, message_id: &str) -> Result<bool> {
        let n = self
            .conn
            .prepare_cached(
                "UPDATE inbound_messages SET kind = 'ignored', snippet = '', subject = '' \
                 WHERE message_id = ?1 AND kind = 'proposal'",
            )
            .doing("ignoring a message")?
            .execute([message_id])
            .doing("ignoring a message")?;
        Ok(n > 0)
    }

    /// The program a recorded message belongs to.
    pub fn proposal_program(&self, message_id: &str) -> Result<Option<ProgramId>> {
        self.conn
            .prepare_cached("SELECT program_id FROM inbound_messages WHERE message_id = ?1")
            .doing(KINDS_DOING)?
            .query_row([message_id], |row| row.get::<_, Option<ProgramId>>(0))
            .optional()
            .doing(KINDS_DOING)
            .map(Option::flatten)
    }
}

fn proposal(conn: &Connection, message_id: &str) -> Result<Option<InboundReply>> {
    conn.prepare_cached(
        "SELECT program_id, from_addr, at, subject, snippet FROM inbound_messages \
         WHERE message_id = ?1 AND kind = 'proposal'",
    )
    .doing(KINDS_DOING)?
    .query_row([message_id], |row| {
        Ok(InboundReply {
            message_id: message_id.to_owned(),
            program: row.get(0)?,
            contact: None,
            from: row.get(1)?,
            at: row.get::<_, Stamp>(2)?.0,
            subject: row.get(3)?,
            snippet: row.get(4)?,
        })
    })
    .optional()
    .doing(KINDS_DOING)
}
