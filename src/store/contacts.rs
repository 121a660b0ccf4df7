//! People at a program.

use std::sync::LazyLock;

use rusqlite::{CachedStatement, Connection, OptionalExtension};

use super::convert::repeats::{Bound, Held};
use super::convert::{CONTACT_COLUMNS, CONTACT_PARAMS, Params, bind_contact, bind_new_contact};
use super::{Doing, Result, Store, StoreError};
use crate::domain::contact::validate_email;
use crate::domain::{Contact, ContactId, ProgramId, Role};

impl Store {
    /// A program's contacts: the coordinator first (they answer rotation
    /// requests), then the other roles in their declared order, then by name.
    pub fn list_contacts(&self, program: ProgramId) -> Result<Vec<Contact>> {
        contacts_of(&self.conn, program)
    }

    pub fn get_contact(&self, id: ContactId) -> Result<Option<Contact>> {
        get_contact(&self.conn, id)
    }

    /// Adds a contact to `c.program_id`; fails with `Invalid` for a malformed
    /// email or a program that does not exist.
    pub fn insert_contact(&mut self, c: &Contact) -> Result<Contact> {
        insert_contact(&self.conn, c)
    }

    /// Saves every field but `id` and `program_id`: a contact stays with its
    /// program, so its log entries keep making sense.
    pub fn update_contact(&mut self, c: &Contact) -> Result<Contact> {
        const DOING: &str = "saving contact";
        check_email(&c.email)?;
        let tx = self.conn.transaction().doing(DOING)?;
        {
            let sql = "UPDATE contacts SET role = :role, name = :name, email = :email, \
                phone = :phone, linkedin = :linkedin, preferred = :preferred, source = :source, \
                as_of = :as_of, notes = :notes, title = :title, preferred_name = :preferred_name \
                WHERE id = :id";
            let mut stmt = tx.prepare_cached(sql).doing(DOING)?;
            bind_contact(&mut stmt, c).doing(DOING)?;
            stmt.raw_bind_parameter(":id", c.id).doing(DOING)?;
            if stmt.raw_execute().doing(DOING)? == 0 {
                return Err(contact_not_found(c.id));
            }
        }
        let saved = get_contact(&tx, c.id)?.ok_or_else(|| contact_not_found(c.id))?;
        tx.commit().doing(DOING)?;
        Ok(saved)
    }

    /// Deletes the contact; log entries, drafts and follow-ups that named
    /// them stay, with no contact.
    pub fn delete_contact(&mut self, id: ContactId) -> Result<()> {
        const DOING: &str = "deleting contact";
        let changed = self
            .conn
            .prepare_cached("DELETE FROM contacts WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        match changed {
            0 => Err(contact_not_found(id)),
            _ => Ok(()),
        }
    }
}

fn role_rank(role: Role) -> usize {
    match role {
        Role::Coordinator => 0,
        other => {
            1 + Role::ALL
                .iter()
                .position(|r| *r == other)
                .unwrap_or(Role::ALL.len())
        }
    }
}

pub(super) fn check_email(email: &str) -> Result<()> {
    if email.is_empty() {
        return Ok(());
    }
    validate_email(email).map_err(StoreError::Invalid)
}

pub(super) fn get_contact(conn: &Connection, id: ContactId) -> Result<Option<Contact>> {
    const DOING: &str = "loading contact";
    let sql = format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = ?1");
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row([id], |row| Contact::try_from(row))
        .optional()
        .doing(DOING)
}

/// A program's contacts on any connection (see `Store::list_contacts`).
pub(super) fn contacts_of(conn: &Connection, program: ProgramId) -> Result<Vec<Contact>> {
    const DOING: &str = "loading contacts";
    let sql = format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE program_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql).doing(DOING)?;
    let rows = stmt
        .query_map([program], |row| Contact::try_from(row))
        .doing(DOING)?;
    let mut contacts: Vec<Contact> = rows.collect::<rusqlite::Result<_>>().doing(DOING)?;
    // Sorted here rather than in SQL: role order lives in the domain enum,
    // and a program has a handful of contacts.
    contacts.sort_by_cached_key(|c| (role_rank(c.role), c.name.to_lowercase(), c.id));
    Ok(contacts)
}

/// The INSERT every new contact goes through, built once.
fn insert_contact_sql() -> &'static str {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "INSERT INTO contacts ({CONTACT_COLUMNS}) VALUES (NULL, :program_id, :role, :name, \
             :email, :phone, :linkedin, :preferred, :source, :as_of, :notes, :title, \
             :preferred_name)"
        )
    });
    &SQL
}

/// Inserts on any connection, so batch loaders can run it inside their own
/// transaction.
pub(super) fn insert_contact(conn: &Connection, c: &Contact) -> Result<Contact> {
    let id = ContactInserter::new(conn)?.insert(c, c.program_id)?;
    Ok(Contact { id, ..c.clone() })
}

/// A prepared contact INSERT with its parameters looked up: a batch makes
/// one and copies no contact.
pub(super) struct ContactInserter<'c> {
    conn: &'c Connection,
    stmt: CachedStatement<'c>,
    at: Params<11>,
    program_id: usize,
    /// What the statement's parameters hold from the last contact.
    bound: Bound,
}

impl<'c> ContactInserter<'c> {
    pub(super) fn new(conn: &'c Connection) -> Result<ContactInserter<'c>> {
        const DOING: &str = "adding contact";
        let stmt = conn.prepare_cached(insert_contact_sql()).doing(DOING)?;
        let at = Params::of(&stmt, CONTACT_PARAMS).doing(DOING)?;
        let [program_id] = Params::of(&stmt, [":program_id"]).doing(DOING)?.0;
        Ok(ContactInserter {
            bound: Bound::new(stmt.parameter_count()),
            conn,
            stmt,
            at,
            program_id,
        })
    }

    /// Inserts `c` for `program` (`c.program_id` is ignored).
    pub(super) fn insert(&mut self, c: &Contact, program: ProgramId) -> Result<ContactId> {
        check_email(&c.email)?;
        self.insert_checked(c, program)
    }

    /// Inserts `c`, whose email [`check_email`] has passed.
    pub(super) fn insert_checked(&mut self, c: &Contact, program: ProgramId) -> Result<ContactId> {
        const DOING: &str = "adding contact";
        bind_new_contact(&mut self.stmt, &self.at, c, &mut self.bound).doing(DOING)?;
        self.bound
            .bind(
                &mut self.stmt,
                self.program_id,
                Held::Int(program.0),
                &program,
            )
            .doing(DOING)?;
        self.stmt.raw_execute().doing(DOING)?;
        Ok(ContactId(self.conn.last_insert_rowid()))
    }
}

/// A log entry, draft or follow-up may name a contact only of its own
/// program; a foreign key alone would accept anyone's contact.
pub(super) fn check_contact_belongs(
    conn: &Connection,
    contact: Option<ContactId>,
    program: ProgramId,
) -> Result<()> {
    let Some(id) = contact else {
        return Ok(());
    };
    match get_contact(conn, id)? {
        Some(c) if c.program_id == program => Ok(()),
        Some(_) => Err(StoreError::Invalid(format!(
            "contact {} belongs to another program",
            id.0
        ))),
        None => Err(contact_not_found(id)),
    }
}

pub(super) fn contact_not_found(id: ContactId) -> StoreError {
    StoreError::NotFound(format!("contact {}", id.0))
}
