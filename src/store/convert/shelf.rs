//! Rows of `documents`, `applications`, `application_items` and
//! `rotation_costs` (issue 19) to domain values and back. A document kind
//! is stored as its `DocKind::code()`: a standard code or the custom text.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Row, Statement};

use super::{Day, opt_day, unknown_code};
use crate::domain::application::{Application, ApplicationId, ChecklistItem, Decision};
use crate::domain::costs::Cents;
use crate::domain::documents::{DocKind, Document, DocumentId};

id_column!(DocumentId, ApplicationId);
code_column!(Decision);

impl ToSql for DocKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code().to_string()))
    }
}

impl FromSql for DocKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        DocKind::parse(text).ok_or_else(|| FromSqlError::Other("a blank document kind".into()))
    }
}

impl ToSql for Cents {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Cents {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Cents)
    }
}

pub(in crate::store) const DOCUMENT_COLUMNS: &str = "id, kind, path, obtained, expires, notes";

impl TryFrom<&Row<'_>> for Document {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Document> {
        Ok(Document {
            id: row.get("id")?,
            kind: row.get("kind")?,
            path: row.get("path")?,
            obtained: opt_day(row, "obtained")?,
            expires: opt_day(row, "expires")?,
            notes: row.get("notes")?,
        })
    }
}

/// Binds `:kind, :path, :obtained, :expires, :notes`.
pub(in crate::store) fn bind_document(
    stmt: &mut Statement<'_>,
    d: &Document,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(":kind", &d.kind)?;
    stmt.raw_bind_parameter(":path", &d.path)?;
    stmt.raw_bind_parameter(":obtained", d.obtained.map(Day))?;
    stmt.raw_bind_parameter(":expires", d.expires.map(Day))?;
    stmt.raw_bind_parameter(":notes", &d.notes)
}

pub(in crate::store) const APPLICATION_COLUMNS: &str =
    "id, program_id, rotation_id, submitted_on, decision, decided_on";

/// An application without its items (read separately).
impl TryFrom<&Row<'_>> for Application {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Application> {
        Ok(Application {
            id: row.get("id")?,
            program_id: row.get("program_id")?,
            rotation_id: row.get("rotation_id")?,
            submitted_on: opt_day(row, "submitted_on")?,
            decision: row.get("decision")?,
            decided_on: opt_day(row, "decided_on")?,
            items: Vec::new(),
        })
    }
}

/// Binds `:program_id, :rotation_id, :submitted_on, :decision, :decided_on`.
pub(in crate::store) fn bind_application(
    stmt: &mut Statement<'_>,
    a: &Application,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(":program_id", a.program_id)?;
    stmt.raw_bind_parameter(":rotation_id", a.rotation_id)?;
    stmt.raw_bind_parameter(":submitted_on", a.submitted_on.map(Day))?;
    stmt.raw_bind_parameter(":decision", a.decision)?;
    stmt.raw_bind_parameter(":decided_on", a.decided_on.map(Day))
}

pub(in crate::store) const ITEM_COLUMNS: &str = "application_id, kind, sent_on, document_id";

/// An item and the application it belongs to.
pub(in crate::store) fn read_item(
    row: &Row<'_>,
) -> rusqlite::Result<(ApplicationId, ChecklistItem)> {
    Ok((
        row.get("application_id")?,
        ChecklistItem {
            kind: row.get("kind")?,
            sent_on: opt_day(row, "sent_on")?,
            document: row.get("document_id")?,
        },
    ))
}
