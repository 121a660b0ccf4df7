//! The bundled demo programs, so a first launch shows something to explore,
//! and their removal in one go once the user has real data.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;

use super::contacts::insert_contact;
use super::convert::stamp_text;
use super::programs::{count, insert_program};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{Contact, Program};

const SAMPLE_JSON: &str = include_str!("../../assets/sample_programs.json");

/// Set once the samples have been offered, whether or not any were added, so
/// a user who deletes everything never sees the demo rows come back.
const SAMPLES_OFFERED_KEY: &str = "samples_offered_at";

/// A program with its contacts, as in `assets/sample_programs.json`: the
/// program's own fields, plus `"contacts": [...]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ProgramWithContacts {
    #[serde(flatten)]
    pub program: Program,
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

/// The bundled sample list, parsed.
pub fn sample_programs() -> Result<Vec<ProgramWithContacts>> {
    serde_json::from_str(SAMPLE_JSON)
        .map_err(|e| StoreError::Invalid(format!("the bundled sample programs are broken: {e}")))
}

impl Store {
    /// Adds the sample programs the first time it is called on a database,
    /// and never again. A database that already holds programs by then gets
    /// none: its owner has real data. Returns how many programs were added.
    pub fn seed_sample_if_new(&mut self) -> Result<usize> {
        const DOING: &str = "adding sample programs";
        let samples = sample_programs()?;
        let now = self.clock.now();
        let tx = self.conn.transaction().doing(DOING)?;
        if meta(&tx, SAMPLES_OFFERED_KEY)?.is_some() {
            return Ok(0);
        }
        let added = if count(&tx, "SELECT count(*) FROM programs")? == 0 {
            let marked: Vec<ProgramWithContacts> = samples
                .into_iter()
                .map(|mut s| {
                    s.program.is_sample = true;
                    s
                })
                .collect();
            insert_all(&tx, &marked, now)?.len()
        } else {
            0
        };
        set_meta(&tx, SAMPLES_OFFERED_KEY, &stamp_text(&now))?;
        tx.commit().doing(DOING)?;
        Ok(added)
    }

    /// Deletes every sample program, with their contacts and log through the
    /// cascade. Returns how many programs went.
    pub fn remove_samples(&mut self) -> Result<usize> {
        const DOING: &str = "removing sample programs";
        self.conn
            .prepare_cached("DELETE FROM programs WHERE is_sample = 1")
            .doing(DOING)?
            .execute([])
            .doing(DOING)
    }

    pub fn count_samples(&self) -> Result<usize> {
        count(
            &self.conn,
            "SELECT count(*) FROM programs WHERE is_sample = 1",
        )
    }

    /// Adds programs and their contacts in one transaction: all of them or,
    /// on the first error, none. For importers' sinks and the sample loader.
    pub fn insert_programs_with_contacts(
        &mut self,
        batch: &[ProgramWithContacts],
    ) -> Result<Vec<Program>> {
        const DOING: &str = "adding programs";
        let tx = self.conn.transaction().doing(DOING)?;
        let saved = insert_all(&tx, batch, self.clock.now())?;
        tx.commit().doing(DOING)?;
        Ok(saved)
    }
}

fn insert_all(
    conn: &Connection,
    batch: &[ProgramWithContacts],
    now: DateTime<Utc>,
) -> Result<Vec<Program>> {
    let mut saved = Vec::with_capacity(batch.len());
    for entry in batch {
        let program = insert_program(conn, &entry.program, now)?;
        for contact in &entry.contacts {
            insert_contact(
                conn,
                &Contact {
                    program_id: program.id,
                    ..contact.clone()
                },
            )?;
        }
        saved.push(program);
    }
    Ok(saved)
}

pub(super) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    const DOING: &str = "reading settings";
    conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")
        .doing(DOING)?
        .query_row([key], |row| row.get(0))
        .optional()
        .doing(DOING)
}

pub(super) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    const DOING: &str = "saving settings";
    conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
        .doing(DOING)?
        .execute([key, value])
        .doing(DOING)?;
    Ok(())
}
