//! States the applicant has marked done ("mastered"), so suggestions can
//! expand from them to their neighbours.

use super::convert::Stamp;
use super::{Doing, Result, Store};
use crate::domain::UsState;

impl Store {
    /// Every state marked done, in code order.
    pub fn states_done(&self) -> Result<Vec<UsState>> {
        const DOING: &str = "loading the states marked done";
        let mut stmt = self
            .conn
            .prepare_cached("SELECT state FROM states_done ORDER BY state")
            .doing(DOING)?;
        let rows = stmt
            .query_map([], |row| row.get::<_, UsState>(0))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<_>>().doing(DOING)
    }

    /// Marks a state done or not done. Marking it done again keeps the
    /// first date; unmarking a state that was not done is not an error.
    pub fn set_state_done(&mut self, state: UsState, done: bool) -> Result<()> {
        const DOING: &str = "marking a state done";
        if done {
            self.conn
                .prepare_cached(
                    "INSERT INTO states_done (state, done_at) VALUES (?1, ?2) \
                     ON CONFLICT (state) DO NOTHING",
                )
                .doing(DOING)?
                .execute((state, Stamp(self.clock.now())))
                .doing(DOING)?;
        } else {
            self.conn
                .prepare_cached("DELETE FROM states_done WHERE state = ?1")
                .doing(DOING)?
                .execute([state])
                .doing(DOING)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::domain::UsState;
    use crate::store::{Store, StoreError};

    fn state(code: &str) -> UsState {
        UsState::from_code(code).unwrap()
    }

    #[test]
    fn marks_persist_in_code_order_and_can_be_undone() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.states_done().unwrap().is_empty());
        store.set_state_done(state("OH"), true).unwrap();
        store.set_state_done(state("KY"), true).unwrap();
        store.set_state_done(state("KY"), true).unwrap();
        assert_eq!(store.states_done().unwrap(), [state("KY"), state("OH")]);
        store.set_state_done(state("KY"), false).unwrap();
        store.set_state_done(state("TX"), false).unwrap();
        assert_eq!(store.states_done().unwrap(), [state("OH")]);
    }

    #[test]
    fn marking_again_keeps_the_first_date() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_state_done(state("KY"), true).unwrap();
        let first: String = store
            .conn
            .query_row("SELECT done_at FROM states_done", [], |r| r.get(0))
            .unwrap();
        store.set_state_done(state("KY"), true).unwrap();
        let again: String = store
            .conn
            .query_row("SELECT done_at FROM states_done", [], |r| r.get(0))
            .unwrap();
        assert_eq!(first, again);
    }

    #[test]
    fn a_bad_code_in_the_file_is_an_error_not_a_panic() {
        let store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute(
                "INSERT INTO states_done (state, done_at) VALUES ('ZZ', 'x')",
                [],
            )
            .unwrap();
        assert!(matches!(store.states_done(), Err(StoreError::Sql { .. })));
    }

    #[test]
    fn a_version_1_database_gains_the_table_and_keeps_its_programs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("usce.db");
        {
            // Exactly what the first release wrote.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(crate::store::migrations::STEPS[0])
                .unwrap();
            conn.execute_batch(
                "INSERT INTO programs (name, state, accepts_imgs, visa, step1_pass_required, \
                 takes_graduates, hands_on, status, created_at, updated_at) VALUES ('Kept', \
                 'KY', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'researching', \
                 '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z'); \
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert!(store.schema_version().unwrap() >= 2);
        assert_eq!(store.list_programs().unwrap()[0].name, "Kept");
        store.set_state_done(state("KY"), true).unwrap();
        assert_eq!(store.states_done().unwrap(), [state("KY")]);
    }
}
