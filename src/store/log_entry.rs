//! Logging an interaction together with what it implies for the program's
//! status, in one transaction: a kill between the two must not leave an
//! outbound email logged against a program still marked "researching".

use super::interactions::insert_interaction;
use super::programs::{change_status, get_program, program_not_found};
use super::status_history::current_status;
use super::{Doing, Result, Store};
use crate::domain::{Interaction, Program};

impl Store {
    /// Logs an entry (`i.id` is ignored) and moves the program along the
    /// pipeline when that follows: a first outbound entry makes it
    /// contacted, a first reply replied. Returns the saved entry, and the
    /// program as stored when its status moved.
    pub fn log_interaction(&mut self, i: &Interaction) -> Result<(Interaction, Option<Program>)> {
        const DOING: &str = "logging interaction";
        let tx = self.conn.transaction().doing(DOING)?;
        let saved = insert_interaction(&tx, i)?;
        let id = saved.program_id;
        let old = current_status(&tx, id)?.ok_or_else(|| program_not_found(id))?;
        let moved = match old.after_interaction(saved.direction) {
            Some(next) => {
                change_status(&tx, id, old, next, self.clock.now())?;
                get_program(&tx, id)?
            }
            None => None,
        };
        tx.commit().doing(DOING)?;
        Ok((saved, moved))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use crate::domain::{Channel, Direction, Interaction, Program, Status, UsState};
    use crate::store::Store;

    fn entry(program: &Program, direction: Direction) -> Interaction {
        Interaction {
            id: Default::default(),
            program_id: program.id,
            contact_id: None,
            at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
            channel: Channel::Email,
            direction,
            summary: "emailed the coordinator".into(),
            eml_path: None,
        }
    }

    #[test]
    fn the_first_outbound_entry_and_the_status_move_land_together() {
        let mut store = Store::open_in_memory().unwrap();
        let ky = UsState::parse("KY").unwrap();
        let p = store.insert_program(&Program::new("Mercy", ky)).unwrap();
        let (saved, moved) = store.log_interaction(&entry(&p, Direction::Out)).unwrap();
        assert_eq!(moved.unwrap().status, Status::Contacted);
        assert_eq!(store.list_interactions(p.id).unwrap(), vec![saved]);
        assert_eq!(store.list_status_changes(p.id).unwrap().len(), 1);
        // A second outbound entry moves nothing.
        let (_, moved) = store.log_interaction(&entry(&p, Direction::Out)).unwrap();
        assert!(moved.is_none());
    }

    #[test]
    fn a_missing_program_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let ky = UsState::parse("KY").unwrap();
        let mut ghost = Program::new("Ghost", ky);
        ghost.id = crate::domain::ProgramId(42);
        assert!(
            store
                .log_interaction(&entry(&ghost, Direction::Out))
                .is_err()
        );
        assert!(store.list_interactions(ghost.id).unwrap().is_empty());
    }
}
