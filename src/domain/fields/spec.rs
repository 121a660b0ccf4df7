//! The shape of one row of the program field table, and what the detail
//! form does with each kind of value.
//!
//! A row says *what* a field is (label, headers, column) and *which kind*
//! of value it holds and where in [`Program`] that value lives. Each
//! consumer then does its own job per kind: the form here, the lenient
//! CSV reader in `import::values`, the CSV writer in `export::csv`, the
//! merge in `import::merge`, SQL in `store::convert::program`. A new field
//! of a known kind is one row; a new kind is one arm in each of those
//! `match`es, which the compiler lists.

use chrono::NaiveDate;

use super::{next_in, parse};
use crate::domain::program::validate_external_id;
use crate::domain::{AppRoute, Program, RotationKind, Status, Tri, UsState, Visa};

/// One program field, as the table declares it.
#[derive(Debug)]
pub struct Spec {
    /// What the detail form (and fit reasons) call it.
    pub label: &'static str,
    /// Header spellings an import recognises, written as people write them
    /// (matching ignores case and punctuation). The first is the header the
    /// CSV export writes.
    pub headers: &'static [&'static str],
    /// The `programs` column that stores it.
    pub column: &'static str,
    /// The kind of value and where it lives.
    pub value: Value,
}

/// Where a value lives in a program: plain functions rather than closures
/// that capture, so the table can be a `static`.
pub struct Slot<T: 'static> {
    pub get: fn(&Program) -> &T,
    pub get_mut: fn(&mut Program) -> &mut T,
}

impl<T> std::fmt::Debug for Slot<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slot")
    }
}

/// The slot of a value at a path in `Program`: `at!(requirements.min_step2_score)`.
macro_rules! at {
    ($($path:ident).+) => {
        $crate::domain::fields::Slot {
            get: |p| &p.$($path).+,
            get_mut: |p| &mut p.$($path).+,
        }
    };
}
pub(crate) use at;

/// The kinds of value a program field can hold.
#[derive(Debug)]
pub enum Value {
    /// One line of text. `required` is the message for a blank one.
    Line {
        at: Slot<String>,
        required: Option<&'static str>,
    },
    /// Free text over several lines, kept exactly as typed; an import
    /// appends to it rather than replacing it.
    Notes(Slot<String>),
    /// A program number: letters, digits and '-', leading zeros kept.
    Id(Slot<Option<String>>),
    State(Slot<UsState>),
    /// Yes / no / not stated.
    Tri(Slot<Tri>),
    Visa(Slot<Visa>),
    Status(Slot<Status>),
    Route(Slot<Option<AppRoute>>),
    Number(Number),
    Date(Slot<Option<NaiveDate>>),
    RotationKinds(Slot<Vec<RotationKind>>),
    Tags(Slot<Vec<String>>),
}

/// A whole number the program states, with its bounds and unit.
#[derive(Debug)]
pub struct Number {
    pub at: NumberAt,
    /// The smallest value an import accepts (the form does not check it).
    pub min: u32,
    pub max: u32,
    pub unit: Unit,
}

/// Numbers are stored in the width the program struct gives them.
#[derive(Debug)]
pub enum NumberAt {
    U8(Slot<Option<u8>>),
    U16(Slot<Option<u16>>),
}

impl NumberAt {
    pub fn get(&self, p: &Program) -> Option<u32> {
        match self {
            NumberAt::U8(at) => (at.get)(p).map(u32::from),
            NumberAt::U16(at) => (at.get)(p).map(u32::from),
        }
    }

    /// Blanks the value: the program does not say.
    fn clear(&self, p: &mut Program) {
        match self {
            NumberAt::U8(at) => *(at.get_mut)(p) = None,
            NumberAt::U16(at) => *(at.get_mut)(p) = None,
        }
    }

    /// Copies `from`'s value into `to` when `from` states one.
    pub fn copy_known(&self, from: &Program, to: &mut Program) {
        match self {
            NumberAt::U8(at) => {
                if let Some(v) = *(at.get)(from) {
                    *(at.get_mut)(to) = Some(v);
                }
            }
            NumberAt::U16(at) => {
                if let Some(v) = *(at.get)(from) {
                    *(at.get_mut)(to) = Some(v);
                }
            }
        }
    }

    /// Sets a value already known to be in range; `Err` names the misfit.
    pub fn set(&self, p: &mut Program, value: u64) -> Result<(), String> {
        match self {
            NumberAt::U8(at) => {
                *(at.get_mut)(p) = Some(u8::try_from(value).map_err(|e| e.to_string())?)
            }
            NumberAt::U16(at) => {
                *(at.get_mut)(p) = Some(u16::try_from(value).map_err(|e| e.to_string())?)
            }
        }
        Ok(())
    }
}

impl Number {
    /// Text read as this number's unit reads it, by the importer and the
    /// form alike: "35.5%", "5 years", "230+", "4-8 weeks", "1 month".
    pub fn read(&self, text: &str) -> Result<u64, parse::Invalid> {
        let (min, max) = (u64::from(self.min), u64::from(self.max));
        match self.unit {
            Unit::Percent => parse::percent(text).map(u64::from),
            Unit::Weeks => parse::weeks(text).map(u64::from),
            Unit::Years => parse::bounded(text, "years", min, max),
            Unit::Points => parse::bounded(text, "points", min, max),
        }
    }
}

/// What a number counts, which decides how a CSV cell is read and how the
/// form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Shown as `35%`; a cell may say `35.5` or `35,5`.
    Percent,
    /// A cell may say `5 years`.
    Years,
    /// A score; a cell may say `230+`.
    Points,
    /// A cell may say `4-8 weeks` or `1 month`.
    Weeks,
}

/// How the detail form edits a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Typed on one line.
    Text,
    /// Typed, and may hold line breaks.
    MultiLine,
    Number,
    Date,
    /// A few fixed values, cycled with Enter rather than typed.
    Choice,
    /// Several values separated by commas.
    List,
}

impl Value {
    pub fn form_kind(&self) -> FormKind {
        match self {
            Value::Line { .. } | Value::Id(_) | Value::State(_) => FormKind::Text,
            Value::Notes(_) => FormKind::MultiLine,
            Value::Number(_) => FormKind::Number,
            Value::Date(_) => FormKind::Date,
            Value::Tri(_) | Value::Visa(_) | Value::Status(_) | Value::Route(_) => FormKind::Choice,
            Value::RotationKinds(_) | Value::Tags(_) => FormKind::List,
        }
    }

    /// The value as the form shows it; what an edit starts from.
    pub fn show(&self, p: &Program) -> String {
        match self {
            Value::Line { at, .. } | Value::Notes(at) => (at.get)(p).clone(),
            Value::Id(at) => (at.get)(p).clone().unwrap_or_default(),
            Value::State(at) => {
                let state = (at.get)(p);
                format!("{} {}", state.code(), state.name())
            }
            Value::Tri(at) => (at.get)(p).label().to_string(),
            Value::Visa(at) => (at.get)(p).label().to_string(),
            Value::Status(at) => (at.get)(p).label().to_string(),
            Value::Route(at) => (at.get)(p)
                .map(|r| r.label().to_string())
                .unwrap_or_default(),
            Value::Number(n) => match (n.at.get(p), n.unit) {
                (None, _) => String::new(),
                (Some(v), Unit::Percent) => format!("{v}%"),
                (Some(v), _) => v.to_string(),
            },
            Value::Date(at) => (at.get)(p).map(|d| d.to_string()).unwrap_or_default(),
            Value::RotationKinds(at) => (at.get)(p)
                .iter()
                .map(|k| k.label())
                .collect::<Vec<_>>()
                .join(", "),
            Value::Tags(at) => (at.get)(p).join(", "),
        }
    }

    /// Parses typed text into the field, or says why it cannot. Blank
    /// clears optional fields.
    pub fn edit(&self, p: &mut Program, text: &str) -> Result<(), String> {
        let t = text.trim();
        match self {
            Value::Line {
                required: Some(why),
                ..
            } if t.is_empty() => return Err((*why).into()),
            Value::Line { at, .. } => *(at.get_mut)(p) = t.to_string(),
            Value::Notes(at) => *(at.get_mut)(p) = text.to_string(),
            Value::Id(at) if t.is_empty() => *(at.get_mut)(p) = None,
            Value::Id(at) => {
                validate_external_id(t)?;
                *(at.get_mut)(p) = Some(t.to_string());
            }
            Value::State(at) => *(at.get_mut)(p) = parse::state(t)?,
            Value::Tri(at) => *(at.get_mut)(p) = parse::yes_no(t)?,
            Value::Visa(at) => *(at.get_mut)(p) = parse::visa(t)?,
            Value::Status(at) => *(at.get_mut)(p) = parse::status(t)?,
            Value::Route(at) if t.is_empty() => *(at.get_mut)(p) = None,
            Value::Route(at) => *(at.get_mut)(p) = Some(parse::app_route(t)?),
            Value::Number(n) if t.is_empty() => n.at.clear(p),
            Value::Number(n) => n.at.set(p, n.read(t)?)?,
            Value::Date(at) if t.is_empty() => *(at.get_mut)(p) = None,
            Value::Date(at) => *(at.get_mut)(p) = Some(parse::date(t)?),
            Value::RotationKinds(at) => *(at.get_mut)(p) = parse::rotation_kinds(t)?,
            Value::Tags(at) => {
                *(at.get_mut)(p) = t
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            }
        }
        Ok(())
    }

    /// Whether the form cycles this field instead of letting one type it.
    pub fn is_choice(&self) -> bool {
        self.form_kind() == FormKind::Choice
    }

    /// Moves a choice field to its next value (wrapping); other kinds stay.
    pub fn cycle(&self, p: &mut Program) {
        match self {
            Value::Tri(at) => {
                let v = (at.get_mut)(p);
                *v = next_in(Tri::ALL, *v);
            }
            Value::Visa(at) => {
                let v = (at.get_mut)(p);
                *v = next_in(Visa::ALL, *v);
            }
            Value::Status(at) => {
                let v = (at.get_mut)(p);
                *v = next_in(Status::ALL, *v);
            }
            Value::Route(at) => {
                let all: Vec<Option<AppRoute>> = std::iter::once(None)
                    .chain(AppRoute::ALL.iter().copied().map(Some))
                    .collect();
                let v = (at.get_mut)(p);
                *v = next_in(&all, *v);
            }
            _ => {}
        }
    }

    /// The value as stable, machine-readable text: codes for choices (as
    /// the database stores them), ISO dates, lists joined with `; `. What
    /// scripts read from `usce list --format csv`.
    pub fn code(&self, p: &Program) -> String {
        match self {
            Value::Line { at, .. } | Value::Notes(at) => (at.get)(p).clone(),
            Value::Id(at) => (at.get)(p).clone().unwrap_or_default(),
            Value::State(at) => (at.get)(p).code().to_string(),
            Value::Tri(at) => (at.get)(p).code().to_string(),
            Value::Visa(at) => (at.get)(p).code().to_string(),
            Value::Status(at) => (at.get)(p).code().to_string(),
            Value::Route(at) => (at.get)(p)
                .map(|r| r.code().to_string())
                .unwrap_or_default(),
            Value::Number(n) => n.at.get(p).map(|v| v.to_string()).unwrap_or_default(),
            Value::Date(at) => (at.get)(p).map(|d| d.to_string()).unwrap_or_default(),
            Value::RotationKinds(at) => (at.get)(p)
                .iter()
                .map(|k| k.code())
                .collect::<Vec<_>>()
                .join("; "),
            Value::Tags(at) => (at.get)(p).join("; "),
        }
    }
}
