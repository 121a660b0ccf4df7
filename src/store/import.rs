//! Applying an import plan, exporting everything, and online backups.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::MAIN_DB;
use rusqlite::backup::Progress;
use serde::Serialize;

use super::contacts::ContactInserter;
use super::convert::stamp_text;
use super::programs::{ProgramInserter, update_program};
use super::{Doing, Result, Store, StoreError};
use crate::domain::{Contact, Draft, FollowUp, Interaction, Profile, Program, ProgramId};
use crate::import::{Decision, new_contacts};

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
}

impl ImportSummary {
    pub fn of(decisions: &[Decision]) -> ImportSummary {
        let mut s = ImportSummary::default();
        for d in decisions {
            match d {
                Decision::Add { .. } => s.added += 1,
                Decision::Update { .. } => s.updated += 1,
                Decision::Skip { .. } => s.skipped += 1,
            }
        }
        s
    }
}

/// Writes an import's decisions inside [`Store::import_with`]'s
/// transaction.
pub struct ImportWriter<'c> {
    conn: &'c rusqlite::Connection,
    /// The import's one stamp, and its text as the inserter binds it.
    at: DateTime<Utc>,
    now: String,
    add_program: ProgramInserter<'c>,
    add_contact: ContactInserter<'c>,
    summary: ImportSummary,
}

impl ImportWriter<'_> {
    /// Every stored program, as the planner compares rows with them.
    pub fn stored_programs(&self) -> Result<Vec<Program>> {
        super::programs::list_programs(self.conn)
    }

    pub fn write(&mut self, decision: &Decision) -> Result<()> {
        let number = store_rules(decision)?;
        self.write_with(decision, number.as_deref())
    }

    /// Writes a decision the store's rules were checked on already.
    pub fn write_checked(&mut self, checked: &CheckedDecision) -> Result<()> {
        self.write_with(&checked.decision, checked.external_id.as_deref())
    }

    /// Writes `decision`, an addition's rules passed (`number` is its
    /// program number as stored); an update checks what it writes itself.
    fn write_with(&mut self, decision: &Decision, number: Option<&str>) -> Result<()> {
        match decision {
            Decision::Add { program, contacts } => {
                let id = self
                    .add_program
                    .insert_checked(program, number, &self.now)?;
                for c in contacts {
                    self.add_contact.insert_checked(c, id)?;
                }
                self.summary.added += 1;
            }
            Decision::Update {
                existing,
                merged,
                contacts,
            } => {
                let saved = update_program(
                    self.conn,
                    &Program {
                        id: *existing,
                        ..merged.clone()
                    },
                    self.at,
                )?;
                let stored = super::contacts::contacts_of(self.conn, saved.id)?;
                for c in new_contacts(&stored, contacts) {
                    self.add_contact.insert(&c, saved.id)?;
                }
                self.summary.updated += 1;
            }
            Decision::Skip { .. } => self.summary.skipped += 1,
        }
        Ok(())
    }
}

/// The store's rules on an addition's program (a name, a well-formed
/// program number), then on its people's emails, in that order; the
/// program number as it will be stored. Updates and skips have none here.
fn store_rules(decision: &Decision) -> Result<Option<String>> {
    let Decision::Add { program, contacts } = decision else {
        return Ok(None);
    };
    let external_id = super::programs::checked_external_id(program)?;
    for c in contacts {
        super::contacts::check_email(&c.email)?;
    }
    Ok(external_id)
}

/// A decision whose new program and contacts passed the store's rules (a
/// name, a well-formed program number, real email addresses), checked on
/// the import's reading thread so the writing one, the slower, only
/// writes. Only [`CheckedDecision::check`] makes one.
#[derive(Debug)]
pub struct CheckedDecision {
    decision: Decision,
    /// The program number as it will be stored.
    external_id: Option<String>,
}

impl CheckedDecision {
    /// Checks what [`ImportWriter::write`] would check for an addition.
    pub fn check(decision: Decision) -> Result<CheckedDecision> {
        Ok(CheckedDecision {
            external_id: store_rules(&decision)?,
            decision,
        })
    }
}

/// One program with everything hanging off it, as `usce export --format
/// json` writes it. A row that cannot be read as a program is written as
/// stored ([`RawRow`]), with the same records hanging off it.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramExport<P = Program> {
    #[serde(flatten)]
    pub program: P,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub follow_ups: Vec<FollowUp>,
    pub drafts: Vec<Draft>,
    pub rotations: Vec<crate::domain::Rotation>,
    pub status_changes: Vec<crate::domain::StatusChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FullExport {
    pub format: &'static str,
    pub schema_version: i64,
    pub profile: Profile,
    /// The profile row as stored when it cannot be read (`profile` is then
    /// empty); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_needs_repair: Option<RawRow>,
    pub programs: Vec<ProgramExport>,
    /// Rows that could not be read as programs, each column as stored and
    /// the reason (absent when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs_repair: Vec<ProgramExport<RawRow>>,
    /// Letters live apart from programs: they outlive a deleted program.
    pub letters: Vec<crate::domain::Letter>,
    pub states_done: Vec<crate::domain::UsState>,
    /// The document shelf, applications with their checklist ticks, and
    /// each rotation's travel cost (issue 19): the applicant's, not a
    /// program's, so they sit beside the programs.
    pub documents: Vec<crate::domain::documents::Document>,
    pub applications: Vec<crate::domain::application::Application>,
    pub rotation_costs: Vec<crate::domain::budget::RotationCosts>,
}

/// A row as stored, for one that cannot be read (a program, the profile).
#[derive(Debug, Clone, Serialize)]
pub struct RawRow {
    /// Why it could not be read.
    pub needs_repair: String,
    /// Every column of the row, by name, as stored.
    #[serde(flatten)]
    pub columns: serde_json::Map<String, serde_json::Value>,
}

impl Store {
    /// Applies an import plan in ONE transaction: every row or none, so a
    /// failure (or a kill) halfway leaves the database as it was.
    pub fn apply_import(&mut self, decisions: &[Decision]) -> Result<ImportSummary> {
        let summary = self.import_with(|writer| {
            for decision in decisions {
                writer.write(decision)?;
            }
            Ok(true)
        })?;
        Ok(summary.unwrap_or_default())
    }

    /// Runs one import transaction. `fill` hands decisions to the writer
    /// as they are made (reading the stored programs through it first, in
    /// the same transaction) and says whether to keep them: the transaction
    /// commits on `Ok(true)` and rolls back otherwise, so a failure, a file
    /// found invalid halfway, or a kill leaves the database as it was.
    /// Returns what was written, or `None` when it was rolled back.
    pub fn import_with(
        &mut self,
        fill: impl FnOnce(&mut ImportWriter<'_>) -> Result<bool>,
    ) -> Result<Option<ImportSummary>> {
        self.with_roomy_cache(|store| {
            store.without_foreign_key_checks(|store| {
                const DOING: &str = "importing programs";
                let at = store.clock.now();
                let tx = store.conn.transaction().doing(DOING)?;
                let (keep, summary) = {
                    let mut writer = ImportWriter {
                        conn: &tx,
                        // Prepared once and stamped once: a national list is
                        // 15,000 programs and twice as many contacts.
                        at,
                        now: stamp_text(&at),
                        add_program: ProgramInserter::new(&tx)?,
                        add_contact: ContactInserter::new(&tx)?,
                        summary: ImportSummary::default(),
                    };
                    (fill(&mut writer)?, writer.summary)
                };
                if !keep {
                    tx.rollback().doing(DOING)?;
                    return Ok(None);
                }
                tx.commit().doing(DOING)?;
                tracing::info!(
                    added = summary.added,
                    updated = summary.updated,
                    skipped = summary.skipped,
                    "import committed"
                );
                Ok(Some(summary))
            })
        })
    }

    /// Runs `f` (an import's transaction) with SQLite's foreign key checks
    /// off. The writer adds contacts only to the program it has just
    /// inserted or to a stored program it read in the same transaction,
    /// which holds the write lock, so every check would pass; each one was
    /// a lookup in the programs table, 45,000 for a list with three people
    /// a row. The setting only changes outside a transaction, and is put
    /// back whatever `f` returns.
    fn without_foreign_key_checks<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        const DOING: &str = "pausing foreign key checks";
        self.conn
            .pragma_update(None, "foreign_keys", false)
            .doing(DOING)?;
        let result = f(self);
        let restored = self.conn.pragma_update(None, "foreign_keys", true);
        let value = result?;
        restored.doing(DOING)?;
        Ok(value)
    }

    /// Runs `f` with room in SQLite's page cache for a whole national list
    /// (about 9 MB of pages). With the 1 MiB the store otherwise keeps, the
    /// transaction spills dirty pages into the WAL halfway and writes many
    /// of them twice: a tenth of an import. The room is given back
    /// afterwards.
    fn with_roomy_cache<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        const DOING: &str = "sizing the page cache";
        /// In KiB, as SQLite reads a negative cache_size.
        const IMPORT_CACHE_KIB: i64 = 32 * 1024;
        let before: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |row| row.get(0))
            .doing(DOING)?;
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)
            .doing(DOING)?;
        let result = f(self);
        let restored = self.conn.pragma_update(None, "cache_size", before);
        let value = result?;
        restored.doing(DOING)?;
        Ok(value)
    }

    /// Every program with its contacts, for the CSV export.
    pub fn programs_with_contacts(&self) -> Result<Vec<(Program, Vec<Contact>)>> {
        let programs = self.list_programs()?;
        let mut out = Vec::with_capacity(programs.len());
        for p in programs {
            let contacts = self.list_contacts(p.id)?;
            out.push((p, contacts));
        }
        Ok(out)
    }

    /// Everything, for the JSON export. Read inside one transaction so the
    /// snapshot is consistent even while another process writes.
    pub fn full_export(&mut self) -> Result<FullExport> {
        self.read_together("exporting", Store::export_in_transaction)
    }

    fn export_in_transaction(&self) -> Result<FullExport> {
        let loaded = self.load_programs()?;
        let mut out = Vec::with_capacity(loaded.programs.len());
        for p in loaded.programs {
            out.push(self.export_of(p.id, p)?);
        }
        let mut needs_repair = Vec::with_capacity(loaded.needs_repair.len());
        for bad in loaded.needs_repair {
            let raw = RawRow {
                needs_repair: bad.reason,
                columns: super::repair::raw_row(&self.conn, "programs", bad.id)?,
            };
            needs_repair.push(self.export_of(ProgramId(bad.id), raw)?);
        }
        let (profile, bad_profile) = self.read_profile()?;
        let profile_needs_repair = match bad_profile {
            Some(bad) => Some(RawRow {
                needs_repair: bad.reason,
                columns: super::repair::raw_row(&self.conn, "profile", 1)?,
            }),
            None => None,
        };
        Ok(FullExport {
            format: "usce-export",
            schema_version: self.schema_version()?,
            profile,
            profile_needs_repair,
            programs: out,
            needs_repair,
            letters: self.list_letters()?,
            states_done: self.states_done()?,
            documents: self.list_documents()?,
            applications: self.list_applications()?,
            rotation_costs: self.list_rotation_costs()?,
        })
    }

    /// `program` (read or raw) with what hangs off row `id`.
    fn export_of<P>(&self, id: ProgramId, program: P) -> Result<ProgramExport<P>> {
        Ok(ProgramExport {
            contacts: self.list_contacts(id)?,
            interactions: self.list_interactions(id)?,
            follow_ups: self.list_follow_ups(id)?,
            drafts: self.list_drafts(id)?,
            rotations: self.list_rotations(id)?,
            status_changes: self.list_status_changes(id)?,
            program,
        })
    }

    /// Writes a consistent copy of the database to `dest` with SQLite's
    /// online backup API, which is safe while another usce has it open.
    /// The copy is created private (0600) before SQLite fills it.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        crate::paths::create_private_file(dest).map_err(|source| StoreError::Io {
            path: dest.to_path_buf(),
            source,
        })?;
        self.conn
            .backup(MAIN_DB, dest, None::<fn(Progress)>)
            .doing("writing backup")
    }
}
