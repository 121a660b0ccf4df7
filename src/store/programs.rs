//! Programs: the rows everything else hangs off.

use chrono::{DateTime, Utc};

use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

use super::convert::repeats::{Bound, Held};
use super::convert::{
    ID_PARAM, NOW_PARAM, Stamp, bind_new_program, bind_program, insert_program_sql, param_of,
    program_columns, stamp_text, update_program_sql,
};
use super::repair::{LoadedPrograms, read_program};
use super::status_history::{current_status, record_status_change};
use super::{Doing, FieldWrite, Result, Store, StoreError};
use crate::domain::fields::{Field, FieldEdit};
use crate::domain::program::validate_external_id;
use crate::domain::{Program, ProgramId, Status};

impl Store {
    /// All programs, grouped by state code, then by name ignoring (ASCII)
    /// case; ties keep insertion order. A row that cannot be read is an
    /// error; [`Store::load_programs`] sets such rows aside instead.
    pub fn list_programs(&self) -> Result<Vec<Program>> {
        list_programs(&self.conn)
    }

    pub fn get_program(&self, id: ProgramId) -> Result<Option<Program>> {
        get_program(&self.conn, id)
    }

    /// Saves a new program; `p.id` and its timestamps are ignored. An empty
    /// `external_id` is stored as none, so blank cells never collide on the
    /// unique program number.
    pub fn insert_program(&mut self, p: &Program) -> Result<Program> {
        insert_program(&self.conn, p, self.clock.now())
    }

    /// Saves every field but `id` and `created_at`, and bumps `updated_at`;
    /// a changed status is recorded in the status history.
    pub fn update_program(&mut self, p: &Program) -> Result<Program> {
        let tx = self.conn.transaction().doing("saving program")?;
        let saved = update_program(&tx, p, self.clock.now())?;
        tx.commit().doing("saving program")?;
        Ok(saved)
    }

    /// Saves `field` of `edited` and nothing else, when the stored field
    /// still reads `shown` (the text the form showed, `Field::get`); other
    /// fields of `edited` are ignored, so a stale copy is fine. Compared and
    /// written in one (immediate) transaction, so no other session can
    /// slip in between. A stored value that already equals the new one is
    /// no conflict. A status change is recorded in the history. The
    /// program case of [`Store::set_field`].
    pub fn set_program_field(
        &mut self,
        field: Field,
        edited: &Program,
        shown: &str,
    ) -> Result<FieldWrite<Program>> {
        self.set_field(&FieldEdit {
            field,
            shown: vec![(field, shown.to_string())],
            edited: Box::new(edited.clone()),
        })
    }

    /// Changes the status and, when it moved, records the change.
    pub fn set_status(&mut self, id: ProgramId, status: Status) -> Result<()> {
        let tx = self.conn.transaction().doing(SET_STATUS)?;
        let old = current_status(&tx, id)?.ok_or_else(|| program_not_found(id))?;
        change_status(&tx, id, old, status, self.clock.now())?;
        tx.commit().doing(SET_STATUS)
    }

    /// Deletes the program; its contacts, log, drafts and follow-ups go with
    /// it through `ON DELETE CASCADE`.
    pub fn delete_program(&mut self, id: ProgramId) -> Result<()> {
        const DOING: &str = "deleting program";
        let changed = self
            .conn
            .prepare_cached("DELETE FROM programs WHERE id = ?1")
            .doing(DOING)?
            .execute([id])
            .doing(DOING)?;
        match changed {
            0 => Err(program_not_found(id)),
            _ => Ok(()),
        }
    }

    pub fn count_programs(&self) -> Result<usize> {
        count(&self.conn, "SELECT count(*) FROM programs")
    }
}

const SET_STATUS: &str = "changing program status";

/// Moves a program from `old` (its stored status) to `status` at `now` and
/// records the change, on any connection so callers can pair it with other
/// writes.
pub(super) fn change_status(
    conn: &Connection,
    id: ProgramId,
    old: Status,
    status: Status,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached("UPDATE programs SET status = ?1, updated_at = ?2 WHERE id = ?3")
        .doing(SET_STATUS)?
        .execute(params![status, Stamp(now), id])
        .doing(SET_STATUS)?;
    record_status_change(conn, id, old, status, now)
}

/// Rearranges `items` so that position k holds what was at `order[k]`
/// (`order` is a permutation), following its cycles with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = std::mem::replace(&mut order[at], DONE);
            if from == DONE || from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// SQLite's NOCASE collation: bytes compared with ASCII letters folded.
fn nocase(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes().map(|b| b.to_ascii_lowercase())
}

pub(super) fn get_program(conn: &Connection, id: ProgramId) -> Result<Option<Program>> {
    const DOING: &str = "loading program";
    let sql = format!("SELECT {} FROM programs WHERE id = ?1", program_columns());
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row([id], |row| Program::try_from(row))
        .optional()
        .doing(DOING)
}

/// [`Store::list_programs`] on any connection, so an import can read the
/// stored programs inside its own transaction. Strict: a row that cannot
/// be read is an error, because an import planned without it could add
/// that program a second time ([`load_programs`] sets such rows aside).
pub(super) fn list_programs(conn: &Connection) -> Result<Vec<Program>> {
    const DOING: &str = "loading programs";
    let mut stmt = conn.prepare_cached(&select_all()).doing(DOING)?;
    let rows = stmt
        .query_map([], |row| Program::try_from(row))
        .doing(DOING)?;
    let programs: Vec<Program> = rows.collect::<rusqlite::Result<_>>().doing(DOING)?;
    Ok(sorted(programs))
}

/// Every program that reads, sorted, and every row that does not, with
/// its reason: one bad row never fails the load of the others.
pub(super) fn load_programs(conn: &Connection) -> Result<LoadedPrograms> {
    const DOING: &str = "loading programs";
    let mut stmt = conn.prepare_cached(&select_all()).doing(DOING)?;
    let rows = stmt.query_map([], read_program).doing(DOING)?;
    let mut programs = Vec::new();
    let mut needs_repair = Vec::new();
    for row in rows {
        match row.doing(DOING)? {
            Ok(p) => programs.push(p),
            Err(bad) => needs_repair.push(bad),
        }
    }
    Ok(LoadedPrograms {
        programs: sorted(programs),
        needs_repair,
    })
}

/// Read in table order and sorted by [`sorted`]: an ORDER BY walked the
/// state index and looked every row up in the table, twice as slow at
/// 15,000 programs as a straight scan and the sort.
fn select_all() -> String {
    format!("SELECT {} FROM programs", program_columns())
}

/// By state code, then name ignoring (ASCII) case, then id.
fn sorted(mut programs: Vec<Program>) -> Vec<Program> {
    // Sorting positions, then moving each program once: sorting the
    // programs themselves moved ~400-byte values n log n times.
    let mut order: Vec<usize> = (0..programs.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&programs[a], &programs[b]);
        a.state
            .code()
            .cmp(b.state.code())
            .then_with(|| nocase(&a.name).cmp(nocase(&b.name)))
            .then(a.id.cmp(&b.id))
    });
    permute(&mut programs, order);
    programs
}

/// Inserts as created at `now`, on any connection, so batch loaders can run
/// it inside their own transaction.
pub(super) fn insert_program(
    conn: &Connection,
    p: &Program,
    now: DateTime<Utc>,
) -> Result<Program> {
    let (id, external_id) = ProgramInserter::new(conn)?.insert(p, &stamp_text(&now))?;
    Ok(Program {
        id,
        external_id,
        created_at: now,
        updated_at: now,
        ..p.clone()
    })
}

/// A prepared program INSERT: a batch makes one and copies no program.
pub(super) struct ProgramInserter<'c> {
    conn: &'c Connection,
    stmt: CachedStatement<'c>,
    /// What the statement's parameters hold from the last program.
    bound: Bound,
    /// The stamp they hold.
    bound_now: String,
}

impl<'c> ProgramInserter<'c> {
    pub(super) fn new(conn: &'c Connection) -> Result<ProgramInserter<'c>> {
        const DOING: &str = "adding program";
        let stmt = conn.prepare_cached(insert_program_sql()).doing(DOING)?;
        Ok(ProgramInserter {
            bound: Bound::new(stmt.parameter_count()),
            conn,
            stmt,
            bound_now: String::new(),
        })
    }

    /// Inserts `p` as created at `now` (stamp text). Returns the new id and
    /// the program number as stored.
    pub(super) fn insert(&mut self, p: &Program, now: &str) -> Result<(ProgramId, Option<String>)> {
        let external_id = checked_external_id(p)?;
        let id = self.insert_checked(p, external_id.as_deref(), now)?;
        Ok((id, external_id))
    }

    /// Inserts `p`, whose name and program number [`checked_external_id`]
    /// has passed (`external_id` is what it returned).
    pub(super) fn insert_checked(
        &mut self,
        p: &Program,
        external_id: Option<&str>,
        now: &str,
    ) -> Result<ProgramId> {
        const DOING: &str = "adding program";
        bind_new_program(&mut self.stmt, p, &mut self.bound).doing(DOING)?;
        let number = Held::option(external_id, |_| Held::Other);
        self.bound
            .bind(
                &mut self.stmt,
                param_of(Field::ExternalId),
                number,
                &external_id,
            )
            .doing(DOING)?;
        if self.bound_now != now {
            self.bound_now.clear();
            self.stmt.raw_bind_parameter(NOW_PARAM, now).doing(DOING)?;
            self.bound_now.push_str(now);
        }
        self.stmt.raw_execute().doing(DOING)?;
        Ok(ProgramId(self.conn.last_insert_rowid()))
    }
}

/// Updates as of `now`, on any connection, so batch loaders can run it
/// inside their own transaction. Returns the row as stored.
pub(super) fn update_program(
    conn: &Connection,
    p: &Program,
    now: DateTime<Utc>,
) -> Result<Program> {
    const DOING: &str = "saving program";
    let p = checked(p)?;
    let old_status = current_status(conn, p.id)?.ok_or_else(|| program_not_found(p.id))?;
    {
        let mut stmt = conn.prepare_cached(update_program_sql()).doing(DOING)?;
        bind_program(&mut stmt, &p).doing(DOING)?;
        stmt.raw_bind_parameter(NOW_PARAM, Stamp(now))
            .doing(DOING)?;
        stmt.raw_bind_parameter(ID_PARAM, p.id).doing(DOING)?;
        if stmt.raw_execute().doing(DOING)? == 0 {
            return Err(program_not_found(p.id));
        }
    }
    record_status_change(conn, p.id, old_status, p.status, now)?;
    get_program(conn, p.id)?.ok_or_else(|| program_not_found(p.id))
}

/// Rules SQL cannot say cheaply: a name is required and a program number
/// must look like one. Returns the program as it will be stored.
pub(super) fn checked(p: &Program) -> Result<Program> {
    let external_id = checked_external_id(p)?;
    Ok(Program {
        external_id,
        ..p.clone()
    })
}

/// `checked` without the copy: the program number as it will be stored.
pub(super) fn checked_external_id(p: &Program) -> Result<Option<String>> {
    if p.name.trim().is_empty() {
        return Err(StoreError::Invalid("a program needs a name".into()));
    }
    p.external_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| {
            validate_external_id(id)
                .map(|()| id.to_string())
                .map_err(StoreError::Invalid)
        })
        .transpose()
}

pub(super) fn program_not_found(id: ProgramId) -> StoreError {
    StoreError::NotFound(format!("program {}", id.0))
}

pub(super) fn count(conn: &Connection, sql: &str) -> Result<usize> {
    const DOING: &str = "counting rows";
    let n: i64 = conn
        .prepare_cached(sql)
        .doing(DOING)?
        .query_row([], |row| row.get(0))
        .doing(DOING)?;
    Ok(usize::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        permute(&mut items, vec![2, 0, 1, 5, 4, 3]);
        assert_eq!(items, ['c', 'a', 'b', 'f', 'e', 'd']);
        let mut empty: Vec<char> = Vec::new();
        permute(&mut empty, Vec::new());
        assert!(empty.is_empty());
    }
}
