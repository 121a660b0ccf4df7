//! Program rows to domain values and back.
//!
//! The columns are the field table's (`domain::fields`), one per field in
//! the table's order, between the row's own: `id` first, then `is_sample`,
//! `created_at` and `updated_at`. Reading and binding go by position in one
//! loop over the table, so a new field needs no code here; each kind of
//! value keeps its storage format (see the top of `convert`).

use std::sync::LazyLock;

use rusqlite::{Row, Statement};

use super::repeats::{Bound, Held};
use super::{Day, Json, json, opt_day, stamp};
use crate::domain::Program;
use crate::domain::fields::{Field, NumberAt, Value, specs};

/// How many table columns there are; they sit at positions 1..=N.
const N: usize = Field::ALL.len();

/// The statement parameter (`?n`) that carries `field`.
pub(crate) const fn param_of(field: Field) -> usize {
    field as usize + 1
}

/// Parameter of `is_sample` in the INSERT and UPDATE below.
const SAMPLE_PARAM: usize = N + 1;
/// Parameter of the time stamp(s) the INSERT and UPDATE set.
pub(crate) const NOW_PARAM: usize = N + 2;
/// Parameter of the row id in the UPDATE's WHERE.
pub(crate) const ID_PARAM: usize = N + 3;

static FIELDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    std::iter::once("id")
        .chain(specs().map(|(_, spec)| spec.column))
        .chain(["is_sample", "created_at", "updated_at"])
        .collect()
});

static COLUMNS: LazyLock<String> = LazyLock::new(|| program_fields().join(", "));

/// Every program column in the order the reader expects them.
pub(crate) fn program_fields() -> &'static [&'static str] {
    &FIELDS
}

/// `program_fields` as a SELECT list.
pub(crate) fn program_columns() -> &'static str {
    &COLUMNS
}

/// The INSERT every new program goes through: the table's columns as
/// `?1..?N`, then the sample flag, then one stamp for both timestamps.
pub(crate) fn insert_program_sql() -> &'static str {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let values: Vec<String> = (1..=N).map(|i| format!("?{i}")).collect();
        format!(
            "INSERT INTO programs ({}) VALUES (NULL, {}, ?{SAMPLE_PARAM}, ?{NOW_PARAM}, \
             ?{NOW_PARAM})",
            program_columns(),
            values.join(", ")
        )
    });
    &SQL
}

/// The UPDATE that saves every field but `id` and `created_at`.
pub(crate) fn update_program_sql() -> &'static str {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let sets: Vec<String> = specs()
            .enumerate()
            .map(|(i, (_, spec))| format!("{} = ?{}", spec.column, i + 1))
            .collect();
        format!(
            "UPDATE programs SET {}, is_sample = ?{SAMPLE_PARAM}, updated_at = ?{NOW_PARAM} \
             WHERE id = ?{ID_PARAM}",
            sets.join(", ")
        )
    });
    &SQL
}

/// Binds `field` of `p` as parameter `i` (a one-field UPDATE's value).
pub(crate) fn bind_field(
    stmt: &mut Statement<'_>,
    i: usize,
    field: Field,
    p: &Program,
) -> rusqlite::Result<()> {
    bind_value(stmt, i, &field.spec().value, p)
}

impl TryFrom<&Row<'_>> for Program {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Program> {
        let mut p = Program {
            id: row.get(0)?,
            is_sample: row.get(N + 1)?,
            created_at: stamp(row, N + 2)?,
            updated_at: stamp(row, N + 3)?,
            ..Program::default()
        };
        for (i, (_, spec)) in specs().enumerate() {
            read_value(row, i + 1, &spec.value, &mut p)?;
        }
        Ok(p)
    }
}

/// Reads column `i` into the field `value` describes.
fn read_value(row: &Row<'_>, i: usize, value: &Value, p: &mut Program) -> rusqlite::Result<()> {
    match value {
        Value::Line { at, .. } | Value::Notes(at) => *(at.get_mut)(p) = row.get(i)?,
        Value::Id(at) => *(at.get_mut)(p) = row.get(i)?,
        Value::State(at) => *(at.get_mut)(p) = row.get(i)?,
        Value::Tri(at) => *(at.get_mut)(p) = row.get(i)?,
        Value::Visa(at) => *(at.get_mut)(p) = row.get(i)?,
        Value::Status(at) => *(at.get_mut)(p) = row.get(i)?,
        Value::Route(at) => *(at.get_mut)(p) = row.get(i)?,
        Value::Number(n) => match &n.at {
            NumberAt::U8(at) => *(at.get_mut)(p) = row.get(i)?,
            NumberAt::U16(at) => *(at.get_mut)(p) = row.get(i)?,
        },
        Value::Date(at) => *(at.get_mut)(p) = opt_day(row, i)?,
        Value::RotationKinds(at) => *(at.get_mut)(p) = json(row, i)?,
        Value::Tags(at) => *(at.get_mut)(p) = json(row, i)?,
    }
    Ok(())
}

/// Binds every table column (`?1..?N`) and the sample flag. The caller
/// binds the stamp and, for an UPDATE, the id.
pub(crate) fn bind_program(stmt: &mut Statement<'_>, p: &Program) -> rusqlite::Result<()> {
    for (i, (_, spec)) in specs().enumerate() {
        bind_value(stmt, i + 1, &spec.value, p)?;
    }
    stmt.raw_bind_parameter(SAMPLE_PARAM, p.is_sample)
}

/// [`bind_program`] for an INSERT that keeps its statement: parameters
/// that hold the value already are left as they are (see `repeats`). The
/// program number is left to the caller, which binds it checked.
pub(crate) fn bind_new_program(
    stmt: &mut Statement<'_>,
    p: &Program,
    bound: &mut Bound,
) -> rusqlite::Result<()> {
    for (i, (field, spec)) in specs().enumerate() {
        if field != Field::ExternalId {
            let held = held_of(&spec.value, p);
            bound.bind_with(i + 1, held, || bind_value(stmt, i + 1, &spec.value, p))?;
        }
    }
    bound.bind(
        stmt,
        SAMPLE_PARAM,
        Held::Int(i64::from(p.is_sample)),
        &p.is_sample,
    )
}

/// What parameter of `value` holds for `p`, as far as a repeat is cheap to
/// tell.
fn held_of(value: &Value, p: &Program) -> Held {
    match value {
        Value::Line { at, .. } | Value::Notes(at) => Held::text((at.get)(p)),
        Value::Id(at) => Held::option((at.get)(p).as_ref(), |_| Held::Other),
        Value::State(at) => Held::Code((at.get)(p).code()),
        Value::Tri(at) => Held::Code((at.get)(p).code()),
        Value::Visa(at) => Held::Code((at.get)(p).code()),
        Value::Status(at) => Held::Code((at.get)(p).code()),
        Value::Route(at) => Held::option(*(at.get)(p), |r| Held::Code(r.code())),
        Value::Number(n) => match &n.at {
            NumberAt::U8(at) => Held::option(*(at.get)(p), |v| Held::Int(v.into())),
            NumberAt::U16(at) => Held::option(*(at.get)(p), |v| Held::Int(v.into())),
        },
        Value::Date(at) => Held::option(*(at.get)(p), |_| Held::Other),
        Value::RotationKinds(at) => Held::list((at.get)(p)),
        Value::Tags(at) => Held::list((at.get)(p)),
    }
}

/// Binds the field `value` describes as parameter `i`.
fn bind_value(
    stmt: &mut Statement<'_>,
    i: usize,
    value: &Value,
    p: &Program,
) -> rusqlite::Result<()> {
    match value {
        Value::Line { at, .. } | Value::Notes(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
        Value::Id(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
        Value::State(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
        Value::Tri(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
        Value::Visa(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
        Value::Status(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
        Value::Route(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
        Value::Number(n) => match &n.at {
            NumberAt::U8(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
            NumberAt::U16(at) => stmt.raw_bind_parameter(i, (at.get)(p)),
        },
        Value::Date(at) => stmt.raw_bind_parameter(i, (at.get)(p).map(Day)),
        Value::RotationKinds(at) => stmt.raw_bind_parameter(i, Json((at.get)(p))),
        Value::Tags(at) => stmt.raw_bind_parameter(i, Json((at.get)(p))),
    }
}
