//! Recording a sent email. The draft, the contact log, the follow-ups it
//! answers, the next follow-up, the program's status and the send ledger
//! change together or not at all, so the database never says "sent"
//! without the log entry, or the reverse.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::contacts::check_contact_belongs;
use super::convert::{
    FOLLOW_UP_COLUMNS, INTERACTION_COLUMNS, Stamp, bind_follow_up, bind_interaction,
};
use super::drafts::get_draft;
use super::programs::{get_program, program_not_found};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{
    Draft, DraftId, DraftStatus, FollowUp, FollowUpId, Interaction, InteractionId, ProgramId,
    Status,
};

/// What to record once the mail server has accepted a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendRecord {
    pub draft: DraftId,
    /// With angle brackets, as in the message's header.
    pub message_id: String,
    pub sent_at: DateTime<Utc>,
    /// The outbound log entry; its `id` is ignored and its program must be
    /// the draft's.
    pub log_entry: Interaction,
    /// A reminder to schedule; its `id` is ignored.
    pub follow_up: Option<FollowUp>,
    /// The program moves to this status unless it has already got as far.
    pub advance_to: Option<Status>,
}

/// What `record_sent` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedSend {
    pub draft: Draft,
    pub interaction: Interaction,
    pub follow_up: Option<FollowUp>,
    /// The program's new status, when it moved.
    pub new_status: Option<Status>,
    /// The open follow-ups the email answered, now done (see
    /// [`closing`]).
    pub closed_follow_ups: Vec<FollowUpId>,
}

impl Store {
    pub fn get_draft(&self, id: DraftId) -> Result<Option<Draft>> {
        get_draft(&self.conn, id)
    }

    /// Marks the draft sent and writes everything that goes with it in one
    /// transaction: the draft (frozen from now on), the log entry, the
    /// follow-up, the status and the ledger (its in-flight row becomes
    /// sent; see `ledger::land`). A draft that is already sent is refused.
    pub fn record_sent(&mut self, r: &SendRecord) -> Result<RecordedSend> {
        const DOING: &str = "recording the sent email";
        let tx = self.conn.transaction().doing(DOING)?;
        let stored = get_draft(&tx, r.draft)?
            .ok_or_else(|| StoreError::NotFound(format!("draft {}", r.draft.0)))?;
        if stored.status == DraftStatus::Sent {
            return Err(StoreError::Invalid(format!(
                "draft {} was already sent",
                r.draft.0
            )));
        }
        let program = stored.program_id;
        let other_program = r.log_entry.program_id != program
            || r.follow_up
                .as_ref()
                .is_some_and(|f| f.program_id != program);
        if other_program {
            return Err(StoreError::Invalid(format!(
                "the log entry and follow-up of draft {} must be for its own program",
                r.draft.0
            )));
        }
        ledger::freeze_attachments(&tx, r.draft)?;
        tx.prepare_cached(
            "UPDATE drafts SET status = ?1, message_id = ?2, sent_at = ?3, updated_at = ?3 \
             WHERE id = ?4",
        )
        .doing(DOING)?
        .execute(params![
            DraftStatus::Sent,
            r.message_id,
            Stamp(r.sent_at),
            r.draft
        ])
        .doing(DOING)?;
        let interaction = insert_log_entry(&tx, &r.log_entry)?;
        // Before the next one is scheduled, which must stay open.
        let closed_follow_ups = closing::close_answered_follow_ups(&tx, &stored, r.sent_at)?;
        let follow_up = r
            .follow_up
            .as_ref()
            .map(|f| insert_follow_up(&tx, f))
            .transpose()?;
        let new_status = match r.advance_to {
            Some(target) => advance_status(&tx, program, target, r.sent_at)?,
            None => None,
        };
        ledger::land(&tx, &stored, r, interaction.id)?;
        let draft = get_draft(&tx, r.draft)?
            .ok_or_else(|| StoreError::NotFound(format!("draft {}", r.draft.0)))?;
        tx.commit().doing(DOING)?;
        Ok(RecordedSend {
            draft,
            interaction,
            follow_up,
            new_status,
            closed_follow_ups,
        })
    }

    /// Whether `program` has already been sent the template `template`
    /// (a send in flight is not counted: see `first_send`).
    pub fn already_sent(&self, program: ProgramId, template: &str) -> Result<bool> {
        const DOING: &str = "checking the send ledger";
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM send_ledger WHERE program_id = ?1 AND template = ?2 \
                 AND state = 'sent')",
            )
            .doing(DOING)?
            .query_row(params![program, template], |row| row.get(0))
            .doing(DOING)
    }

    /// How many templated emails were sent at or after `since` (for a daily
    /// cap, pass the start of the local day); one in flight counts too.
    pub fn sent_since(&self, since: DateTime<Utc>) -> Result<usize> {
        const DOING: &str = "counting sent emails";
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM send_ledger WHERE template IS NOT NULL \
                 AND ifnull(sent_at, started_at) >= ?1",
            )
            .doing(DOING)?
            .query_row([Stamp(since)], |row| row.get(0))
            .doing(DOING)?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

fn insert_log_entry(conn: &Connection, i: &Interaction) -> Result<Interaction> {
    const DOING: &str = "logging the sent email";
    check_contact_belongs(conn, i.contact_id, i.program_id)?;
    let sql = format!(
        "INSERT INTO interactions ({INTERACTION_COLUMNS}) VALUES (NULL, :program_id, \
         :contact_id, :at, :channel, :direction, :summary, :eml_path)"
    );
    let mut stmt = conn.prepare_cached(&sql).doing(DOING)?;
    bind_interaction(&mut stmt, i).doing(DOING)?;
    stmt.raw_execute().doing(DOING)?;
    Ok(Interaction {
        id: InteractionId(conn.last_insert_rowid()),
        ..i.clone()
    })
}

fn insert_follow_up(conn: &Connection, f: &FollowUp) -> Result<FollowUp> {
    const DOING: &str = "scheduling the follow-up";
    check_contact_belongs(conn, f.contact_id, f.program_id)?;
    let sql = format!(
        "INSERT INTO follow_ups ({FOLLOW_UP_COLUMNS}) VALUES (NULL, :program_id, \
         :contact_id, :due, :note, :done_at, :snoozed_from)"
    );
    let mut stmt = conn.prepare_cached(&sql).doing(DOING)?;
    bind_follow_up(&mut stmt, f).doing(DOING)?;
    stmt.raw_bind_parameter(":program_id", f.program_id)
        .doing(DOING)?;
    stmt.raw_execute().doing(DOING)?;
    Ok(FollowUp {
        id: FollowUpId(conn.last_insert_rowid()),
        ..f.clone()
    })
}

/// Moves the program forward to `target` only: a program that already
/// replied or was accepted stays where it is.
fn advance_status(
    conn: &Connection,
    program: ProgramId,
    target: Status,
    at: DateTime<Utc>,
) -> Result<Option<Status>> {
    const DOING: &str = "updating the program status";
    let current = get_program(conn, program)?
        .ok_or_else(|| program_not_found(program))?
        .status;
    if current.rank() >= target.rank() {
        return Ok(None);
    }
    conn.prepare_cached("UPDATE programs SET status = ?1, updated_at = ?2 WHERE id = ?3")
        .doing(DOING)?
        .execute(params![target, Stamp(at), program])
        .doing(DOING)?;
    super::status_history::record_status_change(conn, program, current, target, at)?;
    Ok(Some(target))
}

mod closing;
mod ledger;
mod thread;

pub(super) use ledger::in_flight_for;
pub use ledger::{Flight, Takeoff};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_ledger;
#[cfg(test)]
mod tests_migration;
#[cfg(test)]
mod tests_threads;
