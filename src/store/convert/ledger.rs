//! Rows of `send_ledger` (joined with the draft's To line) to
//! [`LedgerEntry`] values.

use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use super::{opt_stamp, unknown_code};
use crate::domain::{LedgerEntry, LedgerId, SendState};

id_column!(LedgerId);
code_column!(SendState);

/// The ledger's columns as `l.…`, plus the draft's To line; select them
/// `FROM send_ledger l LEFT JOIN drafts d ON d.id = l.draft_id`.
pub(in crate::store) const LEDGER_SELECT: &str = "SELECT l.id, l.program_id, l.contact_id, \
    l.template, l.draft_id, l.interaction_id, l.state, l.again, l.message_id, l.started_at, \
    l.sent_at, l.eml_path, ifnull(d.to_addr, '') AS to_addr, ifnull(d.subject, '') AS subject \
    FROM send_ledger l LEFT JOIN drafts d ON d.id = l.draft_id";

impl TryFrom<&Row<'_>> for LedgerEntry {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<LedgerEntry> {
        Ok(LedgerEntry {
            id: row.get("id")?,
            program_id: row.get("program_id")?,
            contact_id: row.get("contact_id")?,
            template: row.get("template")?,
            draft_id: row.get("draft_id")?,
            interaction_id: row.get("interaction_id")?,
            state: row.get("state")?,
            again: row.get::<_, i64>("again")? != 0,
            message_id: row.get("message_id")?,
            started_at: opt_stamp(row, "started_at")?,
            sent_at: opt_stamp(row, "sent_at")?,
            eml_path: row.get("eml_path")?,
            to: row.get("to_addr")?,
            subject: row.get("subject")?,
        })
    }
}
