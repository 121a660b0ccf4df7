//! The applicant's own details: a single row, id 1.

use super::convert::bind_profile;
use super::field_columns::{insert_profile_sql, load_profile};
use super::{Doing, Result, Store, StoreError};
use crate::domain::Profile;
use crate::domain::contact::validate_email;

impl Store {
    /// The saved profile, or an empty one when none was ever saved.
    pub fn profile(&self) -> Result<Profile> {
        Ok(load_profile(&self.conn)?.unwrap_or_default())
    }

    /// Replaces the profile with `p` (the one row is created on first save).
    /// Forms save one field at a time instead (`Store::set_field`).
    pub fn save_profile(&mut self, p: &Profile) -> Result<()> {
        const DOING: &str = "saving profile";
        if !p.email.is_empty() {
            validate_email(&p.email).map_err(StoreError::Invalid)?;
        }
        let sql = insert_profile_sql("INSERT OR REPLACE");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        bind_profile(&mut stmt, p).doing(DOING)?;
        stmt.raw_execute().doing(DOING)?;
        Ok(())
    }
}
