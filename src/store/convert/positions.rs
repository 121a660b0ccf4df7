//! Finding columns and parameters by position. rusqlite looks a name up
//! among a statement's columns (or SQLite among its parameters) on every
//! use; over 15,000 rows those searches were a third of loading and a tenth
//! of importing. Names stay in the code; positions are worked out once.

use rusqlite::Statement;

/// Position of `name` in `fields`, for `col!`; `fields.len()` when absent.
pub(crate) const fn position(fields: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < fields.len() {
        let (a, b) = (fields[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    fields.len()
}

/// The index of a column, found at compile time. Reading a 15,000-row
/// table by column name made rusqlite compare names on every cell (a third
/// of start-up); a misspelt name here fails the build instead.
macro_rules! col {
    ($fields:expr, $name:literal) => {
        const {
            let i = position($fields, $name);
            assert!(i < $fields.len(), "no such column");
            i
        }
    };
}
pub(crate) use col;

/// Parameter positions of a prepared statement, looked up once: binding
/// by name makes SQLite search the statement's parameter names on every
/// bind, a tenth of a 15,000-row import.
pub(crate) struct Params<const N: usize>(pub [usize; N]);

impl<const N: usize> Params<N> {
    pub(crate) fn of(stmt: &Statement<'_>, names: [&str; N]) -> rusqlite::Result<Params<N>> {
        let mut at = [0; N];
        for (slot, name) in at.iter_mut().zip(names) {
            *slot = stmt
                .parameter_index(name)?
                .ok_or_else(|| rusqlite::Error::InvalidParameterName(name.to_string()))?;
        }
        Ok(Params(at))
    }
}
