//! The applicant's own details: a single row, id 1.

use rusqlite::OptionalExtension;

use super::convert::{PROFILE_COLUMNS, bind_profile};
use super::{Doing, Result, Store, StoreError};
use crate::domain::Profile;
use crate::domain::contact::validate_email;

impl Store {
    /// The saved profile, or an empty one when none was ever saved.
    pub fn profile(&self) -> Result<Profile> {
        const DOING: &str = "loading profile";
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM profile WHERE id = 1");
        let saved = self
            .conn
            .prepare_cached(&sql)
            .doing(DOING)?
            .query_row([], |row| Profile::try_from(row))
            .optional()
            .doing(DOING)?;
        Ok(saved.unwrap_or_default())
    }

    /// Replaces the profile with `p` (the one row is created on first save).
    pub fn save_profile(&mut self, p: &Profile) -> Result<()> {
        const DOING: &str = "saving profile";
        if !p.email.is_empty() {
            validate_email(&p.email).map_err(StoreError::Invalid)?;
        }
        let sql = format!(
            "INSERT OR REPLACE INTO profile (id, {PROFILE_COLUMNS}) VALUES (1, :full_name, \
             :email, :phone, :medical_school, :country, :graduation_year, :is_student, :step1, \
             :step2_score, :ecfmg_status, :needs_visa, :target_specialty, :related_specialties, \
             :available, :home_state, :signature, :cv_path, :scores_path, :usmle_id)"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        bind_profile(&mut stmt, p).doing(DOING)?;
        stmt.raw_execute().doing(DOING)?;
        Ok(())
    }
}
