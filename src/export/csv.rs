//! Writing programs as CSV with the importer's canonical headers, so that an
//! exported file imports back with nothing lost.
//!
//! Contacts: the first coordinator and the first program director of each
//! program get columns; any further contacts are not exported here (they
//! belong to a contacts export). Ids, timestamps and the sample flag are not
//! exported: they describe the local database, not the program.

use std::io::Write;

use crate::domain::{Contact, Program, Role, Tri, Visa};
use crate::import::headers::{Field, PersonPart};
use crate::import::values::needs_formula_guard;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not write CSV: {0}")]
    Io(#[from] std::io::Error),
}

const PEOPLE: [Role; 2] = [Role::Coordinator, Role::ProgramDirector];
const PARTS: [PersonPart; 3] = [PersonPart::Name, PersonPart::Email, PersonPart::Phone];

/// Program columns in export order; people columns follow, then tags/notes.
const PROGRAM_FIELDS: &[Field] = &[
    Field::ExternalId,
    Field::Name,
    Field::Institution,
    Field::Specialty,
    Field::City,
    Field::State,
    Field::Website,
    Field::AcceptsImgs,
    Field::Visa,
    Field::ImgPercent,
    Field::RotationKinds,
    Field::HandsOn,
    Field::Weeks,
    Field::Fee,
    Field::ApplicationsOpen,
    Field::Route,
    Field::Status,
    Field::GradWithinYears,
    Field::Step1PassRequired,
    Field::MinStep2Score,
    Field::TakesGraduates,
];

fn columns() -> Vec<Field> {
    let mut fields = PROGRAM_FIELDS.to_vec();
    for role in PEOPLE {
        for part in PARTS {
            fields.push(Field::Person {
                role,
                slot: 1,
                part,
            });
        }
    }
    fields.extend([Field::Tags, Field::Notes]);
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

fn cell(field: Field, p: &Program, contacts: &[Contact]) -> String {
    match field {
        Field::ExternalId => p.external_id.clone().unwrap_or_default(),
        Field::Name => p.name.clone(),
        Field::Institution => p.institution.clone(),
        Field::Specialty => p.specialty.clone(),
        Field::City => p.city.clone(),
        Field::State => p.state.code().to_string(),
        Field::Website => p.website.clone(),
        Field::AcceptsImgs => tri(p.accepts_imgs),
        Field::Visa => visa(p.visa),
        Field::ImgPercent => number(p.img_percent),
        Field::RotationKinds => p
            .rotation
            .kinds
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("; "),
        Field::HandsOn => tri(p.rotation.hands_on),
        Field::Weeks => number(p.rotation.weeks),
        Field::Fee => p.rotation.fee.clone(),
        Field::ApplicationsOpen => number(p.rotation.applications_open),
        Field::Route => p.route.map(|r| r.label().to_string()).unwrap_or_default(),
        Field::Status => p.status.label().to_string(),
        Field::GradWithinYears => number(p.requirements.grad_within_years),
        Field::Step1PassRequired => tri(p.requirements.step1_pass_required),
        Field::MinStep2Score => number(p.requirements.min_step2_score),
        Field::TakesGraduates => tri(p.requirements.takes_graduates),
        Field::Person { role, part, .. } => {
            let Some(c) = contacts.iter().find(|c| c.role == role) else {
                return String::new();
            };
            match part {
                PersonPart::Name => c.name.clone(),
                PersonPart::Email => c.email.clone(),
                PersonPart::Phone => c.phone.clone(),
                PersonPart::Title => c.title.map(|t| t.label().to_owned()).unwrap_or_default(),
                PersonPart::Info => String::new(),
            }
        }
        Field::Tags => p.tags.join("; "),
        Field::Notes => p.notes.clone(),
        Field::Location | Field::J1 | Field::H1b => String::new(),
    }
}

/// A cell a spreadsheet would run as a formula ("=HYPERLINK(…)", or a
/// scraped "+1 555…") gets a leading `'`; the importer removes it again.
fn guard(text: String) -> String {
    if needs_formula_guard(&text) {
        format!("'{text}")
    } else {
        text
    }
}

/// Writes a header line and one record per program, comma-separated, UTF-8
/// without BOM, LF line ends.
pub fn write_csv<W: Write>(
    w: W,
    programs_with_contacts: &[(Program, Vec<Contact>)],
) -> Result<(), ExportError> {
    let fields = columns();
    let mut out = csv::Writer::from_writer(w);
    out.write_record(fields.iter().map(|f| f.canonical()))?;
    for (program, contacts) in programs_with_contacts {
        out.write_record(fields.iter().map(|&f| guard(cell(f, program, contacts))))?;
    }
    out.flush()?;
    Ok(())
}
