//! Column mappings confirmed for a file's headers, reused by the next
//! import of a file with the same headers. The store keeps them as text
//! (the signature and a JSON list); `import::mapping` gives them meaning.

use rusqlite::params;

use super::convert::stamp_text;
use super::{Doing, Result, Store};

impl Store {
    /// Every saved mapping: (header signature, mapping JSON).
    pub fn import_mappings(&self) -> Result<Vec<(String, String)>> {
        const DOING: &str = "reading saved column mappings";
        let mut stmt = self
            .conn
            .prepare_cached("SELECT signature, mapping FROM import_mappings ORDER BY signature")
            .doing(DOING)?;
        let rows = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .doing(DOING)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().doing(DOING)
    }

    /// Saves (or replaces) the mapping for one header signature.
    pub fn save_import_mapping(&mut self, signature: &str, mapping: &str) -> Result<()> {
        let now = stamp_text(&self.clock.now());
        self.conn
            .execute(
                "INSERT INTO import_mappings (signature, mapping, saved_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping,
                                                       saved_at = excluded.saved_at",
                params![signature, mapping, now],
            )
            .doing("saving a column mapping")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_mapping_is_replaced_not_doubled() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.import_mappings().unwrap(), []);
        store
            .save_import_mapping("tel,junk", r#"[["Tel","main_phone"]]"#)
            .unwrap();
        store
            .save_import_mapping("tel,junk", r#"[["Tel",null]]"#)
            .unwrap();
        store.save_import_mapping("a,b", "[]").unwrap();
        assert_eq!(
            store.import_mappings().unwrap(),
            [
                ("a,b".to_string(), "[]".to_string()),
                ("tel,junk".to_string(), r#"[["Tel",null]]"#.to_string())
            ]
        );
    }
}
