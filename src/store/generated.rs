//! Loading a generated list (see `sample_gen`) for load tests and
//! benchmarks: programs, contacts and log in one transaction.

use super::contacts::ContactInserter;
use super::convert::{INTERACTION_COLUMNS, bind_interaction, stamp_text};
use super::programs::ProgramInserter;
use super::{Doing, Result, Store, StoreError};
use crate::domain::{ContactId, Interaction};
use crate::sample_gen::Generated;

/// What a generated load wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GeneratedSummary {
    pub programs: usize,
    pub contacts: usize,
    pub interactions: usize,
}

impl Store {
    /// Stores every generated program, contact and log entry: all of them
    /// or, on the first error, none.
    pub fn insert_generated(&mut self, data: &Generated) -> Result<GeneratedSummary> {
        const DOING: &str = "loading generated programs";
        let tx = self.conn.transaction().doing(DOING)?;
        let mut summary = GeneratedSummary::default();
        let mut saved: Vec<(crate::domain::ProgramId, Vec<ContactId>)> =
            Vec::with_capacity(data.programs.len());
        {
            let now = stamp_text(&self.clock.now());
            let mut add_program = ProgramInserter::new(&tx)?;
            let mut add_contact = ContactInserter::new(&tx)?;
            for (program, contacts) in &data.programs {
                let (id, _) = add_program.insert(program, &now)?;
                let mut ids = Vec::with_capacity(contacts.len());
                for c in contacts {
                    ids.push(add_contact.insert(c, id)?);
                }
                summary.contacts += ids.len();
                saved.push((id, ids));
            }
        }
        summary.programs = saved.len();
        {
            let sql = format!(
                "INSERT INTO interactions ({INTERACTION_COLUMNS}) VALUES (NULL, :program_id, \
                 :contact_id, :at, :channel, :direction, :summary, :eml_path)"
            );
            let mut stmt = tx.prepare_cached(&sql).doing(DOING)?;
            for planned in &data.interactions {
                let (program_id, contacts) = saved.get(planned.program).ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "generated log entry names program #{} of {}",
                        planned.program,
                        saved.len()
                    ))
                })?;
                let entry = Interaction {
                    program_id: *program_id,
                    contact_id: planned.contact.and_then(|i| contacts.get(i).copied()),
                    ..planned.entry.clone()
                };
                bind_interaction(&mut stmt, &entry).doing(DOING)?;
                stmt.raw_execute().doing(DOING)?;
                summary.interactions += 1;
            }
        }
        tx.commit().doing(DOING)?;
        Ok(summary)
    }
}
