//! Emails being written to a program, and the ones that went out.
//!
//! A draft's life: composed (its template fixed from then on), edited,
//! sent. Each person at a program has at most one live (unsent) draft; a
//! draft without a person is one too when it came from a template, while
//! hand-typed notes without a person are free. Once sent, a draft is a
//! frozen copy of what went out: the store refuses to change or delete
//! it, and the schema's triggers refuse the same (migrations, step
//! "ledger"). A draft whose send is in flight is frozen as well, so what
//! is recorded is what the server got.

use rusqlite::{Connection, OptionalExtension, params};

use super::contacts::check_contact_belongs;
use super::convert::{DRAFT_COLUMNS, Stamp, bind_draft};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{
    ContactId, Draft, DraftId, DraftStatus, InteractionId, ProgramId, SentMessage,
};

impl Store {
    /// The draft to reopen for a program: the most recently saved one that
    /// has not been sent.
    pub fn current_draft(&self, program: ProgramId) -> Result<Option<Draft>> {
        const DOING: &str = "loading the current draft";
        let sql = format!(
            "SELECT {DRAFT_COLUMNS} FROM drafts WHERE program_id = ?1 AND status <> ?2 \
             ORDER BY updated_at DESC, id DESC LIMIT 1"
        );
        self.conn
            .prepare_cached(&sql)
            .doing(DOING)?
            .query_row(rusqlite::params![program, DraftStatus::Sent], |row| {
                Draft::try_from(row)
            })
            .optional()
            .doing(DOING)
    }

    /// The live draft for a person at a program (for nobody in particular:
    /// the live draft composed from a template without a person), if any.
    pub fn live_draft_for(
        &self,
        program: ProgramId,
        contact: Option<ContactId>,
    ) -> Result<Option<Draft>> {
        live_draft_for(&self.conn, program, contact)
    }

    /// Every draft of a program, sent ones included, newest first.
    pub fn list_drafts(&self, program: ProgramId) -> Result<Vec<Draft>> {
        const DOING: &str = "loading drafts";
        let sql = format!(
            "SELECT {DRAFT_COLUMNS} FROM drafts WHERE program_id = ?1 \
             ORDER BY updated_at DESC, id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([program], |row| Draft::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// A program's sent emails, newest first, each with the log entry it
    /// wrote.
    pub fn sent_messages(&self, program: ProgramId) -> Result<Vec<SentMessage>> {
        const DOING: &str = "loading sent email";
        let columns = DRAFT_COLUMNS
            .split(", ")
            .map(|c| format!("d.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {columns}, l.interaction_id AS log_entry, ifnull(l.again, 0) AS again \
             FROM drafts d LEFT JOIN send_ledger l ON l.draft_id = d.id AND l.state = 'sent' \
             WHERE d.program_id = ?1 AND d.status = ?2 \
             ORDER BY d.sent_at DESC, d.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map(params![program, DraftStatus::Sent], |row| {
                Ok(SentMessage {
                    draft: Draft::try_from(row)?,
                    log_entry: row.get::<_, Option<InteractionId>>("log_entry")?,
                    again: row.get::<_, i64>("again")? != 0,
                })
            })
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// Inserts a draft when `d.id` is 0, otherwise updates that draft (its
    /// program and template stay as stored). Stamps `updated_at` and
    /// returns the draft as saved. Refused: a second live draft for the
    /// same person, and any change to a sent draft or one being sent.
    pub fn save_draft(&mut self, d: &Draft) -> Result<Draft> {
        const DOING: &str = "saving draft";
        let now = self.clock.now();
        let tx = self.conn.transaction().doing(DOING)?;
        let saved = if d.id == DraftId(0) {
            insert_draft(&tx, d, now)?
        } else {
            let stored = get_draft(&tx, d.id)?.ok_or_else(|| draft_not_found(d.id))?;
            check_editable(&tx, &stored)?;
            check_contact_belongs(&tx, d.contact_id, stored.program_id)?;
            if stored.contact_id != d.contact_id && d.status != DraftStatus::Sent {
                check_no_live_draft(&tx, stored.program_id, d.contact_id, &stored.template)?;
            }
            let sql = "UPDATE drafts SET contact_id = :contact_id, \
                to_addr = :to_addr, cc = :cc, subject = :subject, body = :body, \
                attachments = :attachments, attach_from_profile = :attach_from_profile, \
                status = :status, message_id = :message_id, \
                sent_at = :sent_at, updated_at = :updated_at WHERE id = :id";
            let mut stmt = tx.prepare_cached(sql).doing(DOING)?;
            bind_draft(&mut stmt, d).doing(DOING)?;
            stmt.raw_bind_parameter(":updated_at", Stamp(now))
                .doing(DOING)?;
            stmt.raw_bind_parameter(":id", d.id).doing(DOING)?;
            stmt.raw_execute().doing(DOING)?;
            Draft {
                program_id: stored.program_id,
                template: stored.template,
                updated_at: Some(now),
                ..d.clone()
            }
        };
        tx.commit().doing(DOING)?;
        Ok(saved)
    }

    /// "Replace it": drops the live draft `old` and saves `new` (a freshly
    /// composed one, id 0) in its place, in one transaction.
    pub fn replace_draft(&mut self, old: DraftId, new: &Draft) -> Result<Draft> {
        const DOING: &str = "replacing the draft";
        let now = self.clock.now();
        let tx = self.conn.transaction().doing(DOING)?;
        let stored = get_draft(&tx, old)?.ok_or_else(|| draft_not_found(old))?;
        check_editable(&tx, &stored)?;
        tx.prepare_cached("DELETE FROM drafts WHERE id = ?1")
            .doing(DOING)?
            .execute([old])
            .doing(DOING)?;
        let saved = insert_draft(
            &tx,
            &Draft {
                id: DraftId(0),
                ..new.clone()
            },
            now,
        )?;
        tx.commit().doing(DOING)?;
        Ok(saved)
    }

    /// "Send again": a new live draft with a sent email's recipients, text,
    /// attachments and template, ready to be sent as a deliberate repeat.
    pub fn copy_sent_draft(&mut self, sent: DraftId) -> Result<Draft> {
        let stored = self.get_draft(sent)?.ok_or_else(|| draft_not_found(sent))?;
        if stored.status != DraftStatus::Sent {
            return Err(StoreError::Invalid(format!(
                "draft {} has not been sent",
                sent.0
            )));
        }
        self.save_draft(&Draft {
            id: DraftId(0),
            status: DraftStatus::Draft,
            message_id: None,
            sent_at: None,
            updated_at: None,
            ..stored
        })
    }

    /// Deletes an unsent draft. A sent email is history and stays.
    pub fn delete_draft(&mut self, id: DraftId) -> Result<()> {
        const DOING: &str = "deleting draft";
        let tx = self.conn.transaction().doing(DOING)?;
        let stored = get_draft(&tx, id)?.ok_or_else(|| draft_not_found(id))?;
        check_editable(&tx, &stored)?;
        tx.prepare_cached("DELETE FROM drafts WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        tx.commit().doing(DOING)
    }
}

fn insert_draft(conn: &Connection, d: &Draft, now: chrono::DateTime<chrono::Utc>) -> Result<Draft> {
    const DOING: &str = "saving draft";
    check_contact_belongs(conn, d.contact_id, d.program_id)?;
    if d.status != DraftStatus::Sent {
        check_no_live_draft(conn, d.program_id, d.contact_id, &d.template)?;
    }
    let sql = format!(
        "INSERT INTO drafts ({DRAFT_COLUMNS}) VALUES (NULL, :program_id, :contact_id, \
         :template, :to_addr, :cc, :subject, :body, :attachments, :attach_from_profile, \
         :status, :message_id, :sent_at, :updated_at)"
    );
    let mut stmt = conn.prepare_cached(&sql).doing(DOING)?;
    bind_draft(&mut stmt, d).doing(DOING)?;
    stmt.raw_bind_parameter(":template", &d.template)
        .doing(DOING)?;
    stmt.raw_bind_parameter(":program_id", d.program_id)
        .doing(DOING)?;
    stmt.raw_bind_parameter(":updated_at", Stamp(now))
        .doing(DOING)?;
    stmt.raw_execute().doing(DOING)?;
    Ok(Draft {
        id: DraftId(conn.last_insert_rowid()),
        updated_at: Some(now),
        ..d.clone()
    })
}

/// A sent draft, or one whose send is under way, is not to be changed.
fn check_editable(conn: &Connection, stored: &Draft) -> Result<()> {
    if stored.status == DraftStatus::Sent {
        return Err(StoreError::Invalid(format!(
            "draft {} was sent and cannot be changed; compose a new one (or send it again)",
            stored.id.0
        )));
    }
    if super::outreach::in_flight_for(conn, stored.id)?.is_some() {
        return Err(StoreError::Invalid(format!(
            "draft {} is being sent (or a send of it was interrupted) and cannot be changed now",
            stored.id.0
        )));
    }
    Ok(())
}

/// Refuses a second live draft for the same person (see the module doc).
fn check_no_live_draft(
    conn: &Connection,
    program: ProgramId,
    contact: Option<ContactId>,
    template: &Option<String>,
) -> Result<()> {
    if contact.is_none() && template.is_none() {
        return Ok(());
    }
    match live_draft_for(conn, program, contact)? {
        Some(live) => Err(StoreError::Invalid(format!(
            "{} already has an unsent draft (#{}{}); open it or replace it",
            if contact.is_some() {
                "this person"
            } else {
                "this program"
            },
            live.id.0,
            live.template
                .as_deref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default()
        ))),
        None => Ok(()),
    }
}

fn live_draft_for(
    conn: &Connection,
    program: ProgramId,
    contact: Option<ContactId>,
) -> Result<Option<Draft>> {
    const DOING: &str = "looking for a live draft";
    let sql = format!(
        "SELECT {DRAFT_COLUMNS} FROM drafts WHERE program_id = ?1 AND status <> ?2 \
         AND (contact_id = ?3 OR (?3 IS NULL AND contact_id IS NULL AND template IS NOT NULL)) \
         ORDER BY updated_at DESC, id DESC LIMIT 1"
    );
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row(params![program, DraftStatus::Sent, contact], |row| {
            Draft::try_from(row)
        })
        .optional()
        .doing(DOING)
}

pub(super) fn get_draft(conn: &Connection, id: DraftId) -> Result<Option<Draft>> {
    const DOING: &str = "loading draft";
    let sql = format!("SELECT {DRAFT_COLUMNS} FROM drafts WHERE id = ?1");
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row([id], |row| Draft::try_from(row))
        .optional()
        .doing(DOING)
}

fn draft_not_found(id: DraftId) -> StoreError {
    StoreError::NotFound(format!("draft {}", id.0))
}
