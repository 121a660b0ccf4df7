//! The applicant's document shelf and what each rotation costs beyond the
//! program's terms (issue 19).

use rusqlite::OptionalExtension;

use super::convert::{DOCUMENT_COLUMNS, bind_document};
use super::{Doing, Result, Store, StoreError};
use crate::domain::RotationId;
use crate::domain::budget::RotationCosts;
use crate::domain::costs::Cents;
use crate::domain::documents::{Document, DocumentId};

impl Store {
    /// Every document, by kind and then the soonest expiry typed.
    pub fn list_documents(&self) -> Result<Vec<Document>> {
        const DOING: &str = "loading documents";
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY kind, id");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([], |row| Document::try_from(row))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    pub fn get_document(&self, id: DocumentId) -> Result<Option<Document>> {
        const DOING: &str = "loading document";
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)
            .doing(DOING)?
            .query_row([id], |row| Document::try_from(row))
            .optional()
            .doing(DOING)
    }

    /// Adds a document; `d.id` is ignored.
    pub fn insert_document(&mut self, d: &Document) -> Result<Document> {
        const DOING: &str = "adding document";
        validate(d)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "INSERT INTO documents (kind, path, obtained, expires, notes) \
                 VALUES (:kind, :path, :obtained, :expires, :notes)",
            )
            .doing(DOING)?;
        bind_document(&mut stmt, d).doing(DOING)?;
        stmt.raw_execute().doing(DOING)?;
        Ok(Document {
            id: DocumentId(self.conn.last_insert_rowid()),
            ..d.clone()
        })
    }

    /// Saves every field but the id.
    pub fn update_document(&mut self, d: &Document) -> Result<Document> {
        const DOING: &str = "saving document";
        validate(d)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "UPDATE documents SET kind = :kind, path = :path, obtained = :obtained, \
                 expires = :expires, notes = :notes WHERE id = :id",
            )
            .doing(DOING)?;
        bind_document(&mut stmt, d).doing(DOING)?;
        stmt.raw_bind_parameter(":id", d.id).doing(DOING)?;
        if stmt.raw_execute().doing(DOING)? == 0 {
            return Err(StoreError::NotFound(format!("document {}", d.id.0)));
        }
        Ok(d.clone())
    }

    /// Deletes a document; checklist ticks that attached it keep their
    /// sent date and lose the link.
    pub fn delete_document(&mut self, id: DocumentId) -> Result<()> {
        const DOING: &str = "deleting document";
        let changed = self
            .conn
            .prepare_cached("DELETE FROM documents WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        match changed {
            0 => Err(StoreError::NotFound(format!("document {}", id.0))),
            _ => Ok(()),
        }
    }

    /// What each rotation costs beyond the program's terms.
    pub fn list_rotation_costs(&self) -> Result<Vec<RotationCosts>> {
        const DOING: &str = "loading rotation costs";
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rotation_id, travel FROM rotation_costs ORDER BY rotation_id")
            .doing(DOING)?;
        let rows = stmt
            .query_map([], |row| {
                Ok(RotationCosts {
                    rotation_id: row.get(0)?,
                    travel: row.get(1)?,
                })
            })
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// Sets a rotation's travel cost (one number the applicant types).
    pub fn set_travel(&mut self, rotation: RotationId, travel: Cents) -> Result<()> {
        const DOING: &str = "saving travel cost";
        if travel.0 < 0 {
            return Err(StoreError::Invalid(
                "a travel cost cannot be negative".into(),
            ));
        }
        if super::rotations::get_rotation(&self.conn, rotation)?.is_none() {
            return Err(super::rotations::rotation_not_found(rotation));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO rotation_costs (rotation_id, travel) VALUES (?1, ?2) \
                 ON CONFLICT (rotation_id) DO UPDATE SET travel = excluded.travel",
            )
            .doing(DOING)?
            .execute(rusqlite::params![rotation, travel])
            .doing(DOING)?;
        Ok(())
    }
}

fn validate(d: &Document) -> Result<()> {
    if let (Some(obtained), Some(expires)) = (d.obtained, d.expires)
        && expires < obtained
    {
        {
            return Err(StoreError::Invalid(format!(
                "a document cannot expire ({expires}) before it was obtained ({obtained})"
            )));
        }
    }
    Ok(())
}

impl Store {
    /// Rotations, applications, the shelf and costs, read in one
    /// transaction so the budget and warnings agree with each other.
    pub fn load_plans(&self) -> Result<crate::domain::readiness::Plans> {
        self.read_together("loading plans", Store::plans_in_transaction)
    }

    /// Every readable program and the plans, read in one transaction so
    /// they agree: for the commands and the calendar feed, which have no
    /// list of programs of their own.
    pub fn load_programs_and_plans(
        &self,
    ) -> Result<(Vec<crate::domain::Program>, crate::domain::readiness::Plans)> {
        self.read_together("loading plans", |store| {
            // A row that needs repair is left out, as everywhere that reads
            // for display (issue 18 item 16): it must not stop the command.
            let programs = store.load_programs()?.programs;
            Ok((programs, store.plans_in_transaction()?))
        })
    }

    /// Runs `read` in one read transaction, so what it reads is one
    /// snapshot even while another usce writes. Ending a transaction that
    /// only read cannot lose anything.
    pub(super) fn read_together<T>(
        &self,
        doing: &'static str,
        read: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<T> {
        self.conn.execute_batch("BEGIN DEFERRED").doing(doing)?;
        let read = read(self);
        self.conn.execute_batch("COMMIT").doing(doing)?;
        read
    }

    fn plans_in_transaction(&self) -> Result<crate::domain::readiness::Plans> {
        Ok(crate::domain::readiness::Plans {
            rotations: self.list_all_rotations()?,
            applications: self.list_applications()?,
            documents: self.list_documents()?,
            costs: self.list_rotation_costs()?,
        })
    }
}

/// Changes to the database so far: SQLite's `data_version` (moves when
/// another connection commits) and this connection's change count. Equal
/// markers mean nothing was written in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeMarker {
    data_version: i64,
    own_changes: u64,
}

impl Store {
    pub fn change_marker(&self) -> Result<ChangeMarker> {
        let data_version = self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .doing("reading the data version")?;
        Ok(ChangeMarker {
            data_version,
            own_changes: self.conn.total_changes(),
        })
    }
}
