//! What IMAP sync reads and writes: where each folder got to, the index
//! matching looks in, and each acted-on message, keyed on its Message-ID
//! so nothing is logged twice.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::convert::{Day, Stamp};
use super::interactions::insert_interaction;
use super::programs::{change_status, get_program, program_not_found};
use super::status_history::current_status;
use super::{Doing, Result, Store};
use crate::domain::inbound::{KnownAddress, MailIndex, SentRef, is_free_mail, website_domain};
use crate::domain::{Channel, ContactId, Direction, Interaction, InteractionId, ProgramId};

/// A message to log as a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundReply {
    pub message_id: String,
    pub program: ProgramId,
    pub contact: Option<ContactId>,
    pub from: String,
    pub at: DateTime<Utc>,
    pub subject: String,
    pub snippet: String,
}

/// What logging a reply changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedReply {
    pub interaction: InteractionId,
    pub moved_to_replied: bool,
    pub closed_follow_ups: usize,
}

mod proposals;

const KINDS_DOING: &str = "recording an incoming message";

impl Store {
    /// `(uid_validity, last_uid)` of a folder synced before.
    pub fn imap_folder_state(&self, folder: &str) -> Result<Option<(u32, u32)>> {
        self.conn
            .prepare_cached("SELECT uid_validity, last_uid FROM imap_folders WHERE folder = ?1")
            .doing("reading sync state")?
            .query_row([folder], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()
            .doing("reading sync state")
    }

    pub fn set_imap_folder_state(
        &mut self,
        folder: &str,
        validity: u32,
        last_uid: u32,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO imap_folders (folder, uid_validity, last_uid) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (folder) DO UPDATE SET uid_validity = ?2, last_uid = ?3",
            )
            .doing("saving sync state")?
            .execute(params![folder, validity, last_uid])
            .doing("saving sync state")
            .map(|_| ())
    }

    /// Whether a message was already acted on (in any folder).
    pub fn inbound_seen(&self, message_id: &str) -> Result<bool> {
        seen(&self.conn, message_id)
    }

    /// The sent Message-IDs, contact addresses and program domains.
    pub fn mail_index(&self, own: &[String]) -> Result<MailIndex> {
        const DOING: &str = "loading what replies are matched against";
        let mut index = MailIndex {
            own: own.to_vec(),
            ..MailIndex::default()
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT message_id, program_id, contact_id, to_addr FROM drafts \
                 WHERE status = 'sent' AND message_id IS NOT NULL AND message_id <> ''",
            )
            .doing(DOING)?;
        index.sent = stmt
            .query_map([], |row| {
                Ok(SentRef {
                    message_id: row.get(0)?,
                    program: row.get(1)?,
                    contact: row.get(2)?,
                    to: row.get(3)?,
                })
            })
            .doing(DOING)?
            .collect::<rusqlite::Result<_>>()
            .doing(DOING)?;
        let mut stmt = self
            .conn
            .prepare("SELECT email, program_id, id FROM contacts WHERE trim(email) <> ''")
            .doing(DOING)?;
        index.contacts = stmt
            .query_map([], |row| {
                Ok(KnownAddress {
                    address: row.get::<_, String>(0)?.trim().to_owned(),
                    program: row.get(1)?,
                    contact: row.get(2)?,
                })
            })
            .doing(DOING)?
            .collect::<rusqlite::Result<_>>()
            .doing(DOING)?;
        let mut stmt = self
            .conn
            .prepare("SELECT id, website FROM programs WHERE trim(website) <> ''")
            .doing(DOING)?;
        let websites = stmt
            .query_map([], |row| {
                Ok((row.get::<_, ProgramId>(0)?, row.get::<_, String>(1)?))
            })
            .doing(DOING)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .doing(DOING)?;
        for (program, website) in websites {
            if let Some(domain) = website_domain(&website) {
                index.domains.push((domain, program));
            }
        }
        for contact in &index.contacts {
            if let Some(domain) = crate::domain::inbound::domain_of(&contact.address)
                && !is_free_mail(&domain)
            {
                index.domains.push((domain, contact.program));
            }
        }
        Ok(index.normalized())
    }

    /// Logs a reply, in one transaction with what it implies: the program
    /// moves to replied if it was earlier in the pipeline, its open
    /// follow-ups close (a reply stops the cadence, as a reply logged by
    /// hand does). `None` when the message was already logged.
    pub fn record_reply(&mut self, r: &InboundReply) -> Result<Option<LoggedReply>> {
        let tx = self.conn.transaction().doing(KINDS_DOING)?;
        if seen(&tx, &r.message_id)? {
            return Ok(None);
        }
        let logged = log_reply(&tx, r, self.clock.now())?;
        insert_row(&tx, "reply", r, Some(logged.interaction))?;
        tx.commit().doing(KINDS_DOING)?;
        Ok(Some(logged))
    }

    /// Records an automatic reply: logged as an auto-reply entry (shown in
    /// the contact log, never counted as an answer: the status stays and
    /// the cadence goes on), but a follow-up due before the sender is
    /// `back` moves to the day after. Returns how many moved, `None` when
    /// already seen.
    pub fn record_auto_reply(
        &mut self,
        r: &InboundReply,
        back: Option<NaiveDate>,
    ) -> Result<Option<usize>> {
        let tx = self.conn.transaction().doing(KINDS_DOING)?;
        if seen(&tx, &r.message_id)? {
            return Ok(None);
        }
        let mut moved = 0;
        if let Some(after) = back.and_then(|d| d.checked_add_days(Days::new(1))) {
            moved = tx
                .prepare_cached(
                    "UPDATE follow_ups SET due = ?2 WHERE program_id = ?1 AND done_at IS NULL \
                     AND due < ?2",
                )
                .doing(KINDS_DOING)?
                .execute(params![r.program, Day(after)])
                .doing(KINDS_DOING)?;
        }
        let logged = log_auto_reply(&tx, r)?;
        insert_row(
            &tx,
            "auto_reply",
            &InboundReply {
                snippet: String::new(),
                ..r.clone()
            },
            Some(logged),
        )?;
        tx.commit().doing(KINDS_DOING)?;
        Ok(Some(moved))
    }

    /// Marks `address` bouncing. `false` when this report was seen before.
    pub fn record_bounce(&mut self, r: &InboundReply, address: &str) -> Result<bool> {
        let tx = self.conn.transaction().doing(KINDS_DOING)?;
        if seen(&tx, &r.message_id)? {
            return Ok(false);
        }
        tx.prepare_cached(
            "INSERT INTO bouncing_addresses (address, since, message_id) VALUES (?1, ?2, ?3) \
             ON CONFLICT (address) DO NOTHING",
        )
        .doing(KINDS_DOING)?
        .execute(params![address.trim(), Stamp(r.at), r.message_id])
        .doing(KINDS_DOING)?;
        let row = InboundReply {
            snippet: String::new(),
            ..r.clone()
        };
        insert_bounce_row(&tx, &row)?;
        tx.commit().doing(KINDS_DOING)?;
        Ok(true)
    }

    /// Keeps a plausible message for review. `false` when seen before.
    pub fn record_proposal(&mut self, r: &InboundReply) -> Result<bool> {
        let tx = self.conn.transaction().doing(KINDS_DOING)?;
        if seen(&tx, &r.message_id)? {
            return Ok(false);
        }
        insert_row(&tx, "proposal", r, None)?;
        tx.commit().doing(KINDS_DOING)?;
        Ok(true)
    }

    /// Since when an address bounces, if it does (case-insensitive).
    pub fn bouncing_since(&self, address: &str) -> Result<Option<DateTime<Utc>>> {
        let at: Option<Stamp> = self
            .conn
            .prepare_cached("SELECT since FROM bouncing_addresses WHERE address = ?1")
            .doing("reading bouncing addresses")?
            .query_row([address.trim()], |row| row.get(0))
            .optional()
            .doing("reading bouncing addresses")?;
        Ok(at.map(|s| s.0))
    }

    /// Every bouncing address, lower case.
    pub fn bouncing_addresses(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT lower(address) FROM bouncing_addresses ORDER BY 1")
            .doing("reading bouncing addresses")?;
        let rows = stmt
            .query_map([], |row| row.get(0))
            .doing("reading bouncing addresses")?;
        rows.collect::<rusqlite::Result<_>>()
            .doing("reading bouncing addresses")
    }

    /// Programs with a contact whose address bounces.
    pub fn bouncing_programs(&self) -> Result<Vec<ProgramId>> {
        const DOING: &str = "reading bouncing addresses";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT c.program_id FROM contacts c \
                 JOIN bouncing_addresses b ON b.address = trim(c.email) ORDER BY 1",
            )
            .doing(DOING)?;
        let rows = stmt.query_map([], |row| row.get(0)).doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// How many messages of a kind were recorded (`reply`, `auto_reply`…).
    pub fn count_inbound(&self, kind: &str) -> Result<usize> {
        self.conn
            .prepare_cached("SELECT count(*) FROM inbound_messages WHERE kind = ?1")
            .doing("counting incoming messages")?
            .query_row([kind], |row| row.get::<_, i64>(0))
            .doing("counting incoming messages")
            .map(|n| usize::try_from(n).unwrap_or_default())
    }
}

pub(super) fn seen(conn: &Connection, message_id: &str) -> Result<bool> {
    conn.prepare_cached("SELECT 1 FROM inbound_messages WHERE message_id = ?1")
        .doing(KINDS_DOING)?
        .query_row([message_id], |_| Ok(()))
        .optional()
        .doing(KINDS_DOING)
        .map(|found| found.is_some())
}

/// The auto-reply's log entry: its subject ("Out of office until 5 Jan"),
/// with [`Direction::AutoReply`] so nothing reads it as an answer.
fn log_auto_reply(conn: &Connection, r: &InboundReply) -> Result<InteractionId> {
    let entry = Interaction {
        id: InteractionId::default(),
        program_id: r.program,
        contact_id: r.contact,
        at: r.at,
        channel: Channel::Email,
        direction: Direction::AutoReply,
        summary: subject_or_none(&r.subject).to_owned(),
        eml_path: None,
    };
    Ok(insert_interaction(conn, &entry)?.id)
}

fn subject_or_none(subject: &str) -> &str {
    match subject.trim() {
        "" => "(no subject)",
        s => s,
    }
}

pub(super) fn log_reply(
    conn: &Connection,
    r: &InboundReply,
    now: DateTime<Utc>,
) -> Result<LoggedReply> {
    let subject = subject_or_none(&r.subject);
    let summary = if r.snippet.is_empty() {
        format!("Reply: {subject}")
    } else {
        format!("Reply: {subject} — {}", r.snippet)
    };
    let entry = Interaction {
        id: InteractionId::default(),
        program_id: r.program,
        contact_id: r.contact,
        at: r.at,
        channel: Channel::Email,
        direction: Direction::In,
        summary,
        eml_path: None,
    };
    let saved = insert_interaction(conn, &entry)?;
    let old = current_status(conn, r.program)?.ok_or_else(|| program_not_found(r.program))?;
    let moved_to_replied = match old.after_interaction(Direction::In) {
        Some(next) => {
            change_status(conn, r.program, old, next, now)?;
            true
        }
        None => false,
    };
    let closed_follow_ups = conn
        .prepare_cached(
            "UPDATE follow_ups SET done_at = ?2 WHERE program_id = ?1 AND done_at IS NULL",
        )
        .doing(KINDS_DOING)?
        .execute(params![r.program, Stamp(r.at.max(now))])
        .doing(KINDS_DOING)?;
    Ok(LoggedReply {
        interaction: saved.id,
        moved_to_replied,
        closed_follow_ups,
    })
}

fn insert_row(
    conn: &Connection,
    kind: &str,
    r: &InboundReply,
    interaction: Option<InteractionId>,
) -> Result<()> {
    if get_program(conn, r.program)?.is_none() {
        return Err(program_not_found(r.program));
    }
    conn.prepare_cached(
        "INSERT INTO inbound_messages \
         (message_id, kind, program_id, contact_id, interaction_id, from_addr, subject, snippet, at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .doing(KINDS_DOING)?
    .execute(params![
        r.message_id,
        kind,
        r.program,
        r.contact,
        interaction,
        r.from,
        r.subject,
        r.snippet,
        Stamp(r.at)
    ])
    .doing(KINDS_DOING)
    .map(|_| ())
}

/// A bounce may name no known program (`program` 0): stored without one.
fn insert_bounce_row(conn: &Connection, r: &InboundReply) -> Result<()> {
    let program = (r.program.0 != 0).then_some(r.program);
    conn.prepare_cached(
        "INSERT INTO inbound_messages (message_id, kind, program_id, contact_id, from_addr, subject, at) \
         VALUES (?1, 'bounce', ?2, ?3, ?4, ?5, ?6)",
    )
    .doing(KINDS_DOING)?
    .execute(params![r.message_id, program, r.contact, r.from, r.subject, Stamp(r.at)])
    .doing(KINDS_DOING)
    .map(|_| ())
}

#[cfg(test)]
mod tests;
