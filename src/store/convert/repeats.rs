//! Binding only what changed. SQLite keeps a statement's parameters from
//! one execution to the next, and rusqlite copies every text it binds
//! (`SQLITE_TRANSIENT`): an import's INSERTs re-bound the same status,
//! `'[]'`, stamp and a dozen empty strings row after row, and those copies
//! were a quarter of the writing thread's time. An inserter remembers what
//! each parameter holds when telling a repeat is cheap (an empty text, a
//! code, a number, NULL) and skips binding it again.

use rusqlite::{Statement, ToSql};

/// What a parameter holds, as far as a repeat can be told without keeping
/// the value; `Other` is always bound again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    Other,
    Null,
    Empty,
    Code(&'static str),
    Int(i64),
    EmptyList,
}

impl Held {
    /// A text: empty, or anything else.
    pub(crate) fn text(text: &str) -> Held {
        if text.is_empty() {
            Held::Empty
        } else {
            Held::Other
        }
    }

    /// An optional value: NULL, or what `held` says of it.
    pub(crate) fn option<T>(value: Option<T>, held: impl FnOnce(T) -> Held) -> Held {
        value.map_or(Held::Null, held)
    }

    /// A list stored as JSON: `[]`, or anything else.
    pub(crate) fn list<T>(items: &[T]) -> Held {
        if items.is_empty() {
            Held::EmptyList
        } else {
            Held::Other
        }
    }
}

/// What one statement's parameters (`?1..?n`) hold. Only valid while the
/// statement stays with its owner: a statement going back to rusqlite's
/// cache has its parameters cleared, so a new owner starts from nothing.
#[derive(Debug)]
pub(crate) struct Bound(Vec<Held>);

impl Bound {
    /// Nothing known: every parameter is bound the first time.
    pub(crate) fn new(params: usize) -> Bound {
        Bound(vec![Held::Other; params + 1])
    }

    /// Whether parameter `i` holds `held` already.
    pub(crate) fn holds(&self, i: usize, held: Held) -> bool {
        held != Held::Other && self.0.get(i) == Some(&held)
    }

    /// Records that parameter `i` now holds `held`.
    pub(crate) fn set(&mut self, i: usize, held: Held) {
        if let Some(slot) = self.0.get_mut(i) {
            *slot = held;
        }
    }

    /// Binds `value` (which `held` describes) as parameter `i`, unless
    /// the parameter holds it already.
    pub(crate) fn bind<T: ToSql + ?Sized>(
        &mut self,
        stmt: &mut Statement<'_>,
        i: usize,
        held: Held,
        value: &T,
    ) -> rusqlite::Result<()> {
        self.bind_with(i, held, || stmt.raw_bind_parameter(i, value))
    }

    /// Runs `bind` (which binds what `held` describes as parameter `i`)
    /// unless the parameter holds it already.
    pub(crate) fn bind_with(
        &mut self,
        i: usize,
        held: Held,
        bind: impl FnOnce() -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        if self.holds(i, held) {
            return Ok(());
        }
        // Unknown until the bind has gone through.
        self.set(i, Held::Other);
        bind()?;
        self.set(i, held);
        Ok(())
    }
}
