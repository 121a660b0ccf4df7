//! One CSV record → one `ImportRow`, or every problem found in it.

use super::contact_cell;
use super::headers::{Field, HeaderMap, PersonPart};
use super::values::{self, clean, one_line, yes_no};
use super::{ImportIssue, ImportRow};
use crate::domain::contact::validate_email;
use crate::domain::fields::{CSV_ORDER, Field as P};
use crate::domain::{Contact, PreferredMethod, Program, Title, UsState, Visa};

/// A cell is `Err` when its bytes are not UTF-8.
pub type Cell<'a> = Result<&'a str, std::str::Utf8Error>;

/// Reads fields out of one record, collecting issues as it goes so that a
/// record with several mistakes reports all of them at once.
struct Reader<'a> {
    line: u64,
    cells: &'a [Cell<'a>],
    map: &'a HeaderMap,
    issues: Vec<ImportIssue>,
}

impl<'a> Reader<'a> {
    fn issue(&mut self, field: Field, message: String) {
        let column = self
            .map
            .name_of(field)
            .map_or_else(|| field.canonical(), str::to_string);
        self.issues.push(ImportIssue {
            line: self.line,
            column,
            message,
        });
    }

    /// The cleaned text of a field's cell, or `None` when there is no such
    /// column, the cell means "unknown", or it is not UTF-8 (an issue).
    fn text(&mut self, field: Field) -> Option<&'a str> {
        let index = *self.map.columns.get(&field)?;
        match self.cells.get(index)? {
            Ok(cell) => clean(cell),
            Err(_) => {
                self.issue(
                    field,
                    "is not UTF-8 text (save the file as \"CSV UTF-8\")".into(),
                );
                None
            }
        }
    }

    /// Reads a program field's cell into `p` the way its kind reads.
    fn read(&mut self, field: P, p: &mut Program) {
        let column = Field::Program(field);
        let Some(text) = self.text(column) else {
            return;
        };
        if let Err(message) = values::read_into(&field.spec().value, p, text) {
            self.issue(column, message);
        }
    }

    fn get<T>(&mut self, field: Field, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let text = self.text(field)?;
        match parse(text) {
            Ok(value) => Some(value),
            Err(message) => {
                self.issue(field, message);
                None
            }
        }
    }
}

/// Builds the program and contacts of one record. The caller has already
/// skipped records that are entirely blank.
pub fn build(
    line: u64,
    cells: &[Cell<'_>],
    map: &HeaderMap,
) -> Result<ImportRow, Vec<ImportIssue>> {
    let mut r = Reader {
        line,
        cells,
        map,
        issues: Vec::new(),
    };
    check_extra_cells(&mut r);
    let program = program(&mut r);
    let contacts = contacts(&mut r);
    if r.issues.is_empty() {
        Ok(ImportRow {
            line,
            program,
            contacts,
        })
    } else {
        Err(r.issues)
    }
}

/// Cells past the last header usually mean an unquoted delimiter shifted
/// the row; trailing empty cells (spreadsheet padding) are harmless.
fn check_extra_cells(r: &mut Reader<'_>) {
    let width = r.map.names.len();
    let extra = r
        .cells
        .iter()
        .skip(width)
        .any(|c| c.map_or(true, |t| !t.trim().is_empty()));
    if extra {
        r.issues.push(ImportIssue {
            line: r.line,
            column: "row".into(),
            message: format!(
                "has {} cells but the header has {width}; is a delimiter inside an unquoted cell?",
                r.cells.len()
            ),
        });
    }
}

fn program(r: &mut Reader<'_>) -> Program {
    // The issues of one record come in a stable, readable order: what
    // identifies the program first, then every other field in the export's
    // column order.
    let mut p = Program {
        external_id: r.get(Field::Program(P::ExternalId), values::external_id),
        name: name(r),
        ..Program::default()
    };
    let (state, city) = state_and_city(r);
    p.state = state.unwrap_or_default();
    p.city = city;
    for &field in CSV_ORDER {
        match field {
            P::ExternalId | P::Name | P::State | P::City => {}
            P::Visa => p.visa = visa(r),
            other => r.read(other, &mut p),
        }
    }
    p
}

/// The name, or an issue when it is blank (but not a second issue when
/// the cell was there and unreadable).
fn name(r: &mut Reader<'_>) -> String {
    let before = r.issues.len();
    let name = r
        .get(Field::Program(P::Name), values::name)
        .unwrap_or_default();
    if name.is_empty() && r.issues.len() == before {
        r.issue(Field::Program(P::Name), "a program name is required".into());
    }
    name
}

/// State and city from their own columns, else from a "City, ST" column.
fn state_and_city(r: &mut Reader<'_>) -> (Option<UsState>, String) {
    let before = r.issues.len();
    let location = r.get(Field::Location, values::location);
    let state = r
        .get(Field::Program(P::State), values::state)
        .or(location.as_ref().map(|l| l.1));
    if state.is_none() && r.issues.len() == before {
        let column = if r.map.columns.contains_key(&Field::Program(P::State)) {
            Field::Program(P::State)
        } else {
            Field::Location
        };
        r.issue(column, "a state is required".into());
    }
    let city = r
        .get(Field::Program(P::City), one_line)
        .or(location.map(|l| l.0))
        .unwrap_or_default();
    (state, city)
}

/// One visa column wins; otherwise separate J-1 / H-1B yes-no columns.
fn visa(r: &mut Reader<'_>) -> Visa {
    let visa = r
        .get(Field::Program(P::Visa), values::visa)
        .unwrap_or_default();
    let j1 = r.get(Field::J1, yes_no).unwrap_or_default();
    let h1b = r.get(Field::H1b, yes_no).unwrap_or_default();
    if visa == Visa::Unknown {
        values::visa_from_columns(j1, h1b)
    } else {
        visa
    }
}

fn email(text: &str) -> Result<String, String> {
    // A loop of strip_prefix, as trim_start_matches does, without setting
    // up a substring searcher for every contact.
    let mut email = text;
    while let Some(rest) = email.strip_prefix("mailto:") {
        email = rest;
    }
    validate_email(email)?;
    Ok(email.to_string())
}

/// One contact per (role, slot) that has any detail. Dedicated name, email
/// and phone columns win over what a free-text cell holds.
fn contacts(r: &mut Reader<'_>) -> Vec<Contact> {
    let mut contacts = Vec::new();
    for &(role, slot) in r.map.people() {
        let field = |part| Field::Person { role, slot, part };
        let info = r
            .get(field(PersonPart::Info), contact_cell::parse)
            .unwrap_or_default();
        let name = r
            .get(field(PersonPart::Name), values::name)
            .unwrap_or(info.name);
        let email = r.get(field(PersonPart::Email), email).unwrap_or(info.email);
        let phone = r
            .get(field(PersonPart::Phone), one_line)
            .unwrap_or(info.phone);
        if name.is_empty() && email.is_empty() && phone.is_empty() {
            continue;
        }
        // Optional and lenient: a job title in the column is no title.
        let title = r
            .get(field(PersonPart::Title), |t| Ok(Title::leading(t)))
            .flatten();
        let preferred = if email.is_empty() && !phone.is_empty() {
            PreferredMethod::Phone
        } else {
            PreferredMethod::Email
        };
        contacts.push(Contact {
            role,
            title,
            name,
            email,
            phone,
            preferred,
            ..Contact::default()
        });
    }
    contacts
}
