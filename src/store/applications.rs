//! Applications to programs and their checklist ticks (issue 19).

use rusqlite::{Connection, OptionalExtension};

use super::convert::{APPLICATION_COLUMNS, Day, ITEM_COLUMNS, bind_application, read_item};
use super::{Doing, Result, Store, StoreError};
use crate::domain::ProgramId;
use crate::domain::application::{Application, ApplicationId, ChecklistItem};
use crate::domain::documents::DocKind;

impl Store {
    /// Every application with its ticks, oldest first.
    pub fn list_applications(&self) -> Result<Vec<Application>> {
        const DOING: &str = "loading applications";
        let sql = format!("SELECT {APPLICATION_COLUMNS} FROM applications ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let rows = stmt
            .query_map([], |row| Application::try_from(row))
            .doing(DOING)?;
        let mut apps: Vec<Application> = rows.collect::<rusqlite::Result<_>>().doing(DOING)?;
        let sql = format!("SELECT {ITEM_COLUMNS} FROM application_items ORDER BY rowid");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let items = stmt.query_map([], read_item).doing(DOING)?;
        for item in items {
            let (id, item) = item.doing(DOING)?;
            if let Some(app) = apps.iter_mut().find(|a| a.id == id) {
                app.items.push(item);
            }
        }
        Ok(apps)
    }

    /// The program's application, if the user applied (the latest one).
    pub fn application_for(&self, program: ProgramId) -> Result<Option<Application>> {
        Ok(self
            .list_applications()?
            .into_iter()
            .rev()
            .find(|a| a.program_id == program))
    }

    /// The program's application, made (empty) when there is none yet:
    /// marking a program applied opens its checklist through this.
    pub fn open_application(&mut self, program: ProgramId) -> Result<Application> {
        if let Some(app) = self.application_for(program)? {
            return Ok(app);
        }
        self.insert_application(&Application::new(program))
    }

    /// Adds an application and its ticks; `a.id` is ignored.
    pub fn insert_application(&mut self, a: &Application) -> Result<Application> {
        const DOING: &str = "adding application";
        let tx = self.conn.transaction().doing(DOING)?;
        let id = {
            let sql = "INSERT INTO applications (program_id, rotation_id, submitted_on, \
                decision, decided_on) VALUES (:program_id, :rotation_id, :submitted_on, \
                :decision, :decided_on)";
            let mut stmt = tx.prepare_cached(sql).doing(DOING)?;
            bind_application(&mut stmt, a).doing(DOING)?;
            stmt.raw_execute().doing(DOING)?;
            ApplicationId(tx.last_insert_rowid())
        };
        for item in &a.items {
            put_item(&tx, id, item)?;
        }
        tx.commit().doing(DOING)?;
        Ok(Application { id, ..a.clone() })
    }

    /// Saves the application's own fields (not its ticks).
    pub fn update_application(&mut self, a: &Application) -> Result<()> {
        const DOING: &str = "saving application";
        let sql = "UPDATE applications SET program_id = :program_id, \
            rotation_id = :rotation_id, submitted_on = :submitted_on, decision = :decision, \
            decided_on = :decided_on WHERE id = :id";
        let mut stmt = self.conn.prepare_cached(sql).doing(DOING)?;
        bind_application(&mut stmt, a).doing(DOING)?;
        stmt.raw_bind_parameter(":id", a.id).doing(DOING)?;
        match stmt.raw_execute().doing(DOING)? {
            0 => Err(not_found(a.id)),
            _ => Ok(()),
        }
    }

    /// Ticks (or re-ticks) one line of a checklist.
    pub fn tick(&mut self, application: ApplicationId, item: &ChecklistItem) -> Result<()> {
        if !exists(&self.conn, application)? {
            return Err(not_found(application));
        }
        put_item(&self.conn, application, item)
    }

    /// Unticks a line: it shows as still to send.
    pub fn untick(&mut self, application: ApplicationId, kind: &DocKind) -> Result<()> {
        const DOING: &str = "unticking a checklist line";
        self.conn
            .prepare_cached("DELETE FROM application_items WHERE application_id = ?1 AND kind = ?2")
            .doing(DOING)?
            .execute(rusqlite::params![application, kind])
            .doing(DOING)?;
        Ok(())
    }
}

fn put_item(conn: &Connection, application: ApplicationId, item: &ChecklistItem) -> Result<()> {
    const DOING: &str = "ticking a checklist line";
    if !item.is_done() {
        return Err(StoreError::Invalid(
            "a ticked line needs a sent date or a document from the shelf".into(),
        ));
    }
    conn.prepare_cached(
        "INSERT INTO application_items (application_id, kind, sent_on, document_id) \
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (application_id, kind) DO UPDATE SET \
         sent_on = excluded.sent_on, document_id = excluded.document_id",
    )
    .doing(DOING)?
    .execute(rusqlite::params![
        application,
        &item.kind,
        item.sent_on.map(Day),
        item.document
    ])
    .doing(DOING)?;
    Ok(())
}

fn exists(conn: &Connection, id: ApplicationId) -> Result<bool> {
    conn.prepare_cached("SELECT 1 FROM applications WHERE id = ?1")
        .doing("loading application")?
        .query_row([id], |_| Ok(()))
        .optional()
        .doing("loading application")
        .map(|found| found.is_some())
}

fn not_found(id: ApplicationId) -> StoreError {
    StoreError::NotFound(format!("application {}", id.0))
}
