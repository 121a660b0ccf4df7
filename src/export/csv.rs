//! Writing programs as CSV with the importer's canonical headers, so that an
//! exported file imports back with nothing lost.
//!
//! Contacts: the first coordinator and the first program director of each
//! program get columns; any further contacts are not exported here (they
//! belong to a contacts export). Ids, timestamps and the sample flag are not
//! exported: they describe the local database, not the program.

use std::io::Write;

use super::CsvWriter;
use crate::domain::fields::{CSV_ORDER, CSV_TRAILING, Value};
use crate::domain::{Contact, Program, Role, Tri, Visa};
use crate::import::headers::{Field, PersonPart};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not write CSV: {0}")]
    Io(#[from] std::io::Error),
}

const PEOPLE: [Role; 2] = [Role::Coordinator, Role::ProgramDirector];
const PARTS: [PersonPart; 3] = [PersonPart::Name, PersonPart::Email, PersonPart::Phone];

/// Program columns in the table's CSV order, with the people's columns
/// before the trailing free-text ones.
fn columns() -> Vec<Field> {
    let (program, trailing) = CSV_ORDER.split_at(CSV_ORDER.len() - CSV_TRAILING);
    let mut fields: Vec<Field> = program.iter().map(|&f| Field::Program(f)).collect();
    for role in PEOPLE {
        for part in PARTS {
            fields.push(Field::Person {
                role,
                slot: 1,
                part,
            });
        }
    }
    fields.extend(trailing.iter().map(|&f| Field::Program(f)));
    fields
}

fn tri(value: Tri) -> String {
    match value {
        Tri::Unknown => String::new(),
        known => known.code().to_string(),
    }
}

fn visa(value: Visa) -> String {
    match value {
        Visa::Unknown => String::new(),
        Visa::None => "none".into(),
        Visa::J1 => "J-1".into(),
        Visa::H1b => "H-1B".into(),
        Visa::Both => "J-1, H-1B".into(),
    }
}

fn number<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A program field's cell, written so that the importer reads it back:
/// unknowns blank, lists joined with `; `.
fn program_cell(value: &Value, p: &Program) -> String {
    match value {
        Value::Line { at, .. } | Value::Notes(at) => (at.get)(p).clone(),
        Value::Id(at) => (at.get)(p).clone().unwrap_or_default(),
        Value::State(at) => (at.get)(p).code().to_string(),
        Value::Tri(at) => tri(*(at.get)(p)),
        Value::Visa(at) => visa(*(at.get)(p)),
        Value::Status(at) => (at.get)(p).label().to_string(),
        Value::Route(at) => (at.get)(p)
            .map(|r| r.label().to_string())
            .unwrap_or_default(),
        Value::Number(n) => number(n.at.get(p)),
        Value::Date(at) => number(*(at.get)(p)),
        Value::RotationKinds(at) => (at.get)(p)
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("; "),
        Value::Tags(at) => (at.get)(p).join("; "),
    }
}

fn cell(field: Field, p: &Program, contacts: &[Contact]) -> String {
    match field {
        Field::Program(f) => program_cell(&f.spec().value, p),
        Field::Person { role, part, .. } => {
            let Some(c) = contacts.iter().find(|c| c.role == role) else {
                return String::new();
            };
            match part {
                PersonPart::Name => c.name.clone(),
                PersonPart::Email => c.email.clone(),
                PersonPart::Phone => c.phone.clone(),
                PersonPart::Title => c.title.map(|t| t.label().to_owned()).unwrap_or_default(),
                PersonPart::Info
                | PersonPart::First
                | PersonPart::Middle
                | PersonPart::Last
                | PersonPart::Suffix
                | PersonPart::Degrees => String::new(),
            }
        }
        Field::Location | Field::J1 | Field::H1b => String::new(),
    }
}

/// Writes a header line and one record per program, comma-separated, UTF-8
/// without BOM, LF line ends.
pub fn write_csv<W: Write>(
    w: W,
    programs_with_contacts: &[(Program, Vec<Contact>)],
) -> Result<(), ExportError> {
    let fields = columns();
    let mut out = CsvWriter::new(w);
    out.row(fields.iter().map(|f| f.canonical()))?;
    for (program, contacts) in programs_with_contacts {
        out.row(fields.iter().map(|&f| cell(f, program, contacts)))?;
    }
    out.finish()
}
