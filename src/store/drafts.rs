//! Emails being written to a program.

use rusqlite::{Connection, OptionalExtension};

use super::contacts::check_contact_belongs;
use super::convert::{DRAFT_COLUMNS, Stamp, bind_draft};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{Draft, DraftId, DraftStatus, ProgramId};

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

    /// Inserts a draft when `d.id` is 0, otherwise updates that draft (its
    /// program stays as stored). Stamps `updated_at` and returns the draft as
    /// saved.
    pub fn save_draft(&mut self, d: &Draft) -> Result<Draft> {
        const DOING: &str = "saving draft";
        let now = self.clock.now();
        let tx = self.conn.transaction().doing(DOING)?;
        let saved = if d.id == DraftId(0) {
            check_contact_belongs(&tx, d.contact_id, d.program_id)?;
            let sql = format!(
                "INSERT INTO drafts ({DRAFT_COLUMNS}) VALUES (NULL, :program_id, :contact_id, \
                 :template, :to_addr, :cc, :subject, :body, :attachments, :attach_from_profile, \
                 :status, :message_id, :sent_at, :updated_at)"
            );
            let mut stmt = tx.prepare_cached(&sql).doing(DOING)?;
            bind_draft(&mut stmt, d).doing(DOING)?;
            stmt.raw_bind_parameter(":program_id", d.program_id)
                .doing(DOING)?;
            stmt.raw_bind_parameter(":updated_at", Stamp(now))
                .doing(DOING)?;
            stmt.raw_execute().doing(DOING)?;
            Draft {
                id: DraftId(tx.last_insert_rowid()),
                updated_at: Some(now),
                ..d.clone()
            }
        } else {
            let stored = get_draft(&tx, d.id)?.ok_or_else(|| draft_not_found(d.id))?;
            check_contact_belongs(&tx, d.contact_id, stored.program_id)?;
            let sql = "UPDATE drafts SET contact_id = :contact_id, template = :template, \
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
                updated_at: Some(now),
                ..d.clone()
            }
        };
        tx.commit().doing(DOING)?;
        Ok(saved)
    }

    pub fn delete_draft(&mut self, id: DraftId) -> Result<()> {
        const DOING: &str = "deleting draft";
        let changed = self
            .conn
            .prepare_cached("DELETE FROM drafts WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        match changed {
            0 => Err(draft_not_found(id)),
            _ => Ok(()),
        }
    }
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
