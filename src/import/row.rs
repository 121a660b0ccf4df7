//! One CSV record → one `ImportRow`, or every problem found in it.

use std::borrow::Cow;

use super::cells;
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
    /// Cells of optional columns that could not be read: left unknown
    /// (unless `--strict`, where they are issues).
    unread: Vec<ImportIssue>,
    /// What cell cleaning repaired, by column.
    notes: Vec<(Field, &'static str)>,
}

/// Columns whose unreadable cell stops the import: without a name or a
/// state there is no program, and a wrong program number merges or
/// splits programs.
fn is_structural(field: Field) -> bool {
    matches!(
        field,
        Field::Program(P::Name | P::State | P::ExternalId | P::NrmpCode) | Field::Location
    )
}

impl<'a> Reader<'a> {
    fn column_of(&self, field: Field) -> String {
        self.map
            .name_of(field)
            .map_or_else(|| field.canonical(), str::to_string)
    }

    fn issue(&mut self, field: Field, message: String) {
        let column = self.column_of(field);
        self.issues.push(ImportIssue {
            line: self.line,
            column,
            message,
        });
    }

    /// A cell that cannot be read: fatal in a structural column or with
    /// `--strict`, else the field stays unknown and the summary says so.
    fn unreadable(&mut self, field: Field, message: String) {
        if self.map.strict || is_structural(field) {
            return self.issue(field, message);
        }
        let column = self.column_of(field);
        self.unread.push(ImportIssue {
            line: self.line,
            column,
            message,
        });
    }

    /// The cleaned text of a field's cell, or `None` when there is no such
    /// column, the cell means "unknown", or it is not UTF-8 (an issue).
    fn text(&mut self, field: Field) -> Option<Cow<'a, str>> {
        let index = *self.map.columns.get(&field)?;
        match self.cells.get(index)? {
            Ok(cell) => {
                let tidied = match cells::tidy(field, clean(cell)?) {
                    Ok(tidied) => tidied,
                    Err(message) => {
                        self.unreadable(field, message);
                        return None;
                    }
                };
                if let Some(note) = tidied.note {
                    self.notes.push((field, note));
                }
                tidied.text
            }
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
        if let Err(message) = values::read_into(&field.spec().value, p, &text) {
            self.unreadable(column, message);
        }
    }

    fn get<T>(&mut self, field: Field, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let text = self.text(field)?;
        match parse(&text) {
            Ok(value) => Some(value),
            Err(message) => {
                self.unreadable(field, message);
                None
            }
        }
    }
}

/// A record read: the row, the cells left unknown, and the repairs made.
#[derive(Debug)]
pub struct Built {
    pub row: ImportRow,
    pub unread: Vec<ImportIssue>,
    pub notes: Vec<(String, &'static str)>,
}

/// Builds the program and contacts of one record. The caller has already
/// skipped records that are entirely blank.
pub fn build(line: u64, cells: &[Cell<'_>], map: &HeaderMap) -> Result<Built, Vec<ImportIssue>> {
    let mut r = Reader {
        line,
        cells,
        map,
        issues: Vec::new(),
        unread: Vec::new(),
        notes: Vec::new(),
    };
    check_extra_cells(&mut r);
    let program = program(&mut r);
    let contacts = contacts(&mut r);
    if !r.issues.is_empty() {
        return Err(r.issues);
    }
    let notes = std::mem::take(&mut r.notes)
        .into_iter()
        .map(|(field, note)| (r.column_of(field), note))
        .collect();
    Ok(Built {
        row: ImportRow {
            line,
            program,
            contacts,
        },
        unread: r.unread,
        notes,
    })
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
    let name = if r.map.builds_name {
        built_name(r)
    } else {
        r.get(Field::Program(P::Name), values::name)
            .unwrap_or_default()
    };
    if name.is_empty() && r.issues.len() == before {
        r.issue(Field::Program(P::Name), "a program name is required".into());
    }
    name
}

/// "Institution — Specialty", for a file that names programs only so;
/// either alone when the other is blank.
fn built_name(r: &mut Reader<'_>) -> String {
    let institution = r.get(Field::Program(P::Institution), values::name);
    let specialty = r.get(Field::Program(P::Specialty), values::name);
    match (institution, specialty) {
        (Some(i), Some(s)) => format!("{i} — {s}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    }
}

/// State and city from their own columns, else from a "City, ST" column,
/// else `--state`.
fn state_and_city(r: &mut Reader<'_>) -> (Option<UsState>, String) {
    let before = r.issues.len();
    let location = r.get(Field::Location, values::location);
    let state = r
        .get(Field::Program(P::State), values::state)
        .or(location.as_ref().map(|l| l.1));
    let state = match state {
        None if r.issues.len() == before => r.map.default_state,
        found => found,
    };
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

/// First / middle / last / suffix / degrees columns as one name:
/// "Dana R. Whitfield Jr., MD". `None` when the file has none of them or
/// they are all blank.
fn joined_name(r: &mut Reader<'_>, role: crate::domain::Role, slot: u8) -> Option<String> {
    let mut part = |part| {
        r.get(Field::Person { role, slot, part }, values::name)
            .filter(|t| !t.is_empty())
    };
    let first = part(PersonPart::First);
    let middle = part(PersonPart::Middle).map(|m| {
        // A bare initial reads as one: "R" → "R.".
        if m.chars().count() == 1 && m.chars().all(char::is_alphabetic) {
            format!("{m}.")
        } else {
            m
        }
    });
    let last = part(PersonPart::Last);
    let suffix = part(PersonPart::Suffix);
    let degrees = part(PersonPart::Degrees);
    let mut name = [first, middle, last, suffix]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(degrees) = degrees {
        if name.is_empty() {
            return None;
        }
        name = format!("{name}, {degrees}");
    }
    (!name.is_empty()).then_some(name)
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
            .or_else(|| joined_name(r, role, slot))
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
