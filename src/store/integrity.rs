//! Asking SQLite whether the file is sound, for tests and a future
//! `usce doctor`: after a crash or a kill the answer must still be yes.

use super::{Doing, Result, Store};

impl Store {
    /// Every problem SQLite finds: damaged pages or indexes
    /// (`PRAGMA integrity_check`) and rows that point at a parent that is
    /// gone (`PRAGMA foreign_key_check`). Empty when the database is sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        const DOING: &str = "checking the database";
        let mut problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")
            .doing(DOING)?
            .query_map([], |row| row.get::<_, String>(0))
            .doing(DOING)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .doing(DOING)?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check").doing(DOING)?;
        let orphans = stmt
            .query_map([], |row| {
                Ok(format!(
                    "{} row {} points at a missing {}",
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                    row.get::<_, String>(2)?
                ))
            })
            .doing(DOING)?;
        for orphan in orphans {
            problems.push(orphan.doing(DOING)?);
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn a_fresh_database_is_sound_and_an_orphan_is_reported() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.integrity_problems().unwrap().is_empty());
        store
            .conn
            .execute_batch(
                "PRAGMA foreign_keys = OFF; \
                 INSERT INTO contacts (program_id, role, preferred) VALUES (999, 'other', 'email');",
            )
            .unwrap();
        let problems = store.integrity_problems().unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("contacts"), "{problems:?}");
    }
}
