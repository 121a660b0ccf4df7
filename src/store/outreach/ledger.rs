//! The send ledger's two states. A send first writes an "in flight" row
//! (refused when the program already got the template, or the draft is
//! being sent); recording the send turns it into "sent" in the same
//! transaction as the log entry, the follow-up and the frozen draft. A row
//! still in flight at the next start is a send that was interrupted: it
//! is resolved from the `.eml` archive or by asking the user, never by
//! sending again (`outreach::send::interrupted`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::super::convert::{Json, LEDGER_SELECT, Stamp};
use super::super::drafts::get_draft;
use super::super::{Doing, Result, Store, StoreError};
use super::SendRecord;
use crate::domain::{
    Draft, DraftId, DraftStatus, InteractionId, LedgerEntry, LedgerId, ProgramId, SendState,
};

/// A send about to be handed to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flight {
    pub draft: DraftId,
    /// With angle brackets, as in the message's header.
    pub message_id: String,
    pub started_at: DateTime<Utc>,
    /// Where the copy of the mail goes once the server has taken it.
    pub eml_path: String,
    /// The user asked to send a template the program already got.
    pub again: bool,
    /// The files the message carries, as typed (`~/cv.pdf`): what the
    /// sent email records, whatever the profile says later.
    pub attachments: Vec<String>,
    /// The draft's `updated_at` when the message was built from it: an
    /// autosave since then is refused here, so the frozen draft is what
    /// went. `None` skips the check.
    pub built_from: Option<DateTime<Utc>>,
}

/// Whether a send may go ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Takeoff {
    /// The in-flight row is written: go ahead.
    Cleared(LedgerId),
    /// The program was already sent this template (that send).
    AlreadySent(LedgerEntry),
    /// This draft, or this template to this program, is being sent now or
    /// its send was interrupted and not yet resolved.
    InFlight(LedgerEntry),
}

impl Store {
    /// Checks the ledger and writes the in-flight row in one transaction
    /// (taken for writing at once, so two processes cannot both pass the
    /// check). `again` skips the once-per-template check, not the
    /// in-flight one.
    pub fn begin_send(&mut self, f: &Flight) -> Result<Takeoff> {
        const DOING: &str = "writing the send ledger";
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .doing(DOING)?;
        let draft = get_draft(&tx, f.draft)?
            .ok_or_else(|| StoreError::NotFound(format!("draft {}", f.draft.0)))?;
        if draft.status == DraftStatus::Sent {
            return Err(StoreError::Invalid(format!(
                "draft {} was already sent",
                f.draft.0
            )));
        }
        if f.built_from.is_some() && f.built_from != draft.updated_at {
            return Err(StoreError::Invalid(format!(
                "draft {} changed while its send was starting; nothing went out, send it again",
                f.draft.0
            )));
        }
        if let Some(flying) = in_flight_for(&tx, f.draft)? {
            return Ok(Takeoff::InFlight(flying));
        }
        if let Some(template) = draft.template.as_deref().filter(|_| !f.again)
            && let Some(first) = first_send(&tx, draft.program_id, template)?
        {
            return Ok(match first.state {
                SendState::Sent => Takeoff::AlreadySent(first),
                SendState::InFlight => Takeoff::InFlight(first),
            });
        }
        tx.prepare_cached(
            "INSERT INTO send_ledger (program_id, contact_id, template, draft_id, state, again, \
             message_id, started_at, eml_path, attachments) \
             VALUES (?1, ?2, ?3, ?4, 'in_flight', ?5, ?6, ?7, ?8, ?9)",
        )
        .doing(DOING)?
        .execute(params![
            draft.program_id,
            draft.contact_id,
            draft.template,
            draft.id,
            f.again,
            f.message_id,
            Stamp(f.started_at),
            f.eml_path,
            Json(&f.attachments)
        ])
        .doing(DOING)?;
        let id = LedgerId(tx.last_insert_rowid());
        tx.commit().doing(DOING)?;
        Ok(Takeoff::Cleared(id))
    }

    /// The server refused the send (or it never started): the in-flight
    /// row goes, as if nothing had been tried. A row already sent stays.
    pub fn abandon_send(&mut self, id: LedgerId) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM send_ledger WHERE id = ?1 AND state = 'in_flight'")
            .doing("clearing an unsent send")?
            .execute([id])
            .doing("clearing an unsent send")?;
        Ok(())
    }

    /// An in-flight send known to have gone out, with no draft left to
    /// record it against: the row alone says "sent".
    pub fn settle_flight_as_sent(&mut self, id: LedgerId, sent_at: DateTime<Utc>) -> Result<()> {
        const DOING: &str = "writing the send ledger";
        self.conn
            .prepare_cached(
                "UPDATE send_ledger SET state = 'sent', sent_at = ?1 \
                 WHERE id = ?2 AND state = 'in_flight'",
            )
            .doing(DOING)?
            .execute(params![Stamp(sent_at), id])
            .doing(DOING)?;
        Ok(())
    }

    /// Sends still in flight: under way in another process, or interrupted.
    pub fn in_flight_sends(&self) -> Result<Vec<LedgerEntry>> {
        const DOING: &str = "looking for interrupted sends";
        let sql = format!("{LEDGER_SELECT} WHERE l.state = 'in_flight' ORDER BY l.id");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([], |row| LedgerEntry::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// The first send of `template` to `program` (sent or in flight), if
    /// any: the one a repeat would be a repeat of.
    pub fn first_send(&self, program: ProgramId, template: &str) -> Result<Option<LedgerEntry>> {
        first_send(&self.conn, program, template)
    }

    pub fn ledger_entry(&self, id: LedgerId) -> Result<Option<LedgerEntry>> {
        const DOING: &str = "reading the send ledger";
        let sql = format!("{LEDGER_SELECT} WHERE l.id = ?1");
        self.conn
            .prepare_cached(&sql)
            .doing(DOING)?
            .query_row([id], |row| LedgerEntry::try_from(row))
            .optional()
            .doing(DOING)
    }
}

/// The in-flight row of a draft, if its send is under way or interrupted.
pub(in crate::store) fn in_flight_for(
    conn: &Connection,
    draft: DraftId,
) -> Result<Option<LedgerEntry>> {
    const DOING: &str = "reading the send ledger";
    let sql = format!("{LEDGER_SELECT} WHERE l.draft_id = ?1 AND l.state = 'in_flight'");
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row([draft], |row| LedgerEntry::try_from(row))
        .optional()
        .doing(DOING)
}

fn first_send(
    conn: &Connection,
    program: ProgramId,
    template: &str,
) -> Result<Option<LedgerEntry>> {
    const DOING: &str = "reading the send ledger";
    let sql = format!(
        "{LEDGER_SELECT} WHERE l.program_id = ?1 AND l.template = ?2 \
         ORDER BY l.again, l.id LIMIT 1"
    );
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row(params![program, template], |row| LedgerEntry::try_from(row))
        .optional()
        .doing(DOING)
}

/// Inside `record_sent`'s transaction, before the draft is marked sent
/// (and frozen): it takes the files its message carried, from the
/// in-flight row, and stops following the profile.
pub(super) fn freeze_attachments(conn: &Connection, draft: DraftId) -> Result<()> {
    conn.prepare_cached(
        "UPDATE drafts SET attach_from_profile = 0, attachments = ( \
             SELECT l.attachments FROM send_ledger l \
             WHERE l.draft_id = ?1 AND l.state = 'in_flight') \
         WHERE id = ?1 AND EXISTS (SELECT 1 FROM send_ledger l WHERE l.draft_id = ?1 \
             AND l.state = 'in_flight' AND l.attachments IS NOT NULL)",
    )
    .doing("recording the sent files")?
    .execute([draft])
    .doing("recording the sent files")?;
    Ok(())
}

/// Inside `record_sent`'s transaction: the draft's in-flight row becomes
/// sent. Without one (a send recorded by other means) a sent row is added,
/// marked `again` when the template had gone to the program before: the
/// mail has gone out, and recording that matters more than the repeat.
pub(super) fn land(
    conn: &Connection,
    draft: &Draft,
    r: &SendRecord,
    interaction: InteractionId,
) -> Result<()> {
    const DOING: &str = "writing the send ledger";
    let changed = conn
        .prepare_cached(
            "UPDATE send_ledger SET state = 'sent', sent_at = ?1, interaction_id = ?2, \
             message_id = ?3, eml_path = ifnull(?4, eml_path) \
             WHERE draft_id = ?5 AND state = 'in_flight'",
        )
        .doing(DOING)?
        .execute(params![
            Stamp(r.sent_at),
            interaction,
            r.message_id,
            r.log_entry.eml_path,
            draft.id
        ])
        .doing(DOING)?;
    if changed > 0 {
        return Ok(());
    }
    let again = match draft.template.as_deref() {
        Some(template) => first_send(conn, draft.program_id, template)?.is_some(),
        None => false,
    };
    conn.prepare_cached(
        "INSERT INTO send_ledger (program_id, contact_id, template, draft_id, interaction_id, \
         state, again, message_id, started_at, sent_at, eml_path) \
         VALUES (?1, ?2, ?3, ?4, ?5, 'sent', ?6, ?7, ?8, ?8, ?9)",
    )
    .doing(DOING)?
    .execute(params![
        draft.program_id,
        draft.contact_id,
        draft.template,
        draft.id,
        interaction,
        again,
        r.message_id,
        Stamp(r.sent_at),
        r.log_entry.eml_path
    ])
    .doing(DOING)?;
    Ok(())
}
