//! The alias table for columns that are not program fields: people's
//! details, a combined location, separate visa columns. Program fields'
//! spellings are in their table (`domain::fields`). Add spellings here when
//! a source changes its headers; the first alias of a field is the
//! canonical header the exporter writes.

use super::headers::{Field, PersonPart};
use crate::domain::Role;

const COORDINATOR: Role = Role::Coordinator;
const DIRECTOR: Role = Role::ProgramDirector;

const fn person(role: Role, part: PersonPart) -> Field {
    Field::Person {
        role,
        slot: 1,
        part,
    }
}

/// Aliases per field, canonical first. Written as people write them; they
/// are normalised once when the lookup table is built.
pub const ALIASES: &[(Field, &[&str])] = &[
    (Field::Location, &["Location", "City, State", "City State"]),
    (Field::J1, &["J1 Visa", "J-1", "J1 Sponsorship", "J1"]),
    (Field::H1b, &["H1B Visa", "H-1B", "H1B Sponsorship", "H1B"]),
    (
        person(COORDINATOR, PersonPart::Name),
        &[
            "Coordinator Name",
            "Coordinator",
            "coordinator_name",
            "Program Coordinator",
            "Contact Name",
            "Contact",
        ],
    ),
    (
        person(COORDINATOR, PersonPart::Email),
        &[
            "Coordinator Email",
            "coordinator_email",
            "Contact Email",
            "Email",
            "E-mail",
        ],
    ),
    (
        person(COORDINATOR, PersonPart::Phone),
        // No bare "Phone" or "Telephone": without a role such a column is
        // the program's own line, not the coordinator's.
        &["Coordinator Phone", "coordinator_phone", "Contact Phone"],
    ),
    (
        person(COORDINATOR, PersonPart::Title),
        &[
            "Coordinator Title",
            "coordinator_title",
            "Coordinator Salutation",
            "Contact Title",
            "Contact Salutation",
            "Salutation",
        ],
    ),
    (
        person(COORDINATOR, PersonPart::Info),
        &[
            "Contact Info (Coordinator)",
            "Coordinator Contact",
            "Coordinator Contact Info",
            "Contact Info",
        ],
    ),
    (
        person(DIRECTOR, PersonPart::Name),
        &[
            "Program Director Name",
            "Program Director",
            "program_director_name",
            "PD Name",
            "Director",
        ],
    ),
    (
        person(DIRECTOR, PersonPart::Email),
        &[
            "Program Director Email",
            "program_director_email",
            "PD Email",
        ],
    ),
    (
        person(DIRECTOR, PersonPart::Phone),
        &[
            "Program Director Phone",
            "program_director_phone",
            "PD Phone",
        ],
    ),
    (
        person(DIRECTOR, PersonPart::Title),
        &[
            "Program Director Title",
            "program_director_title",
            "PD Title",
            "Program Director Salutation",
        ],
    ),
    (
        person(DIRECTOR, PersonPart::Info),
        &[
            "Contact Info (Program Director)",
            "Program Director Contact",
        ],
    ),
    (
        person(COORDINATOR, PersonPart::First),
        &["Coordinator First Name", "coordinator_first_name"],
    ),
    (
        person(COORDINATOR, PersonPart::Middle),
        &["Coordinator Middle Name", "coordinator_middle_name"],
    ),
    (
        person(COORDINATOR, PersonPart::Last),
        &["Coordinator Last Name", "coordinator_last_name"],
    ),
    (
        person(COORDINATOR, PersonPart::Suffix),
        &["Coordinator Suffix", "coordinator_suffix"],
    ),
    (
        person(COORDINATOR, PersonPart::Degrees),
        &["Coordinator Degrees", "coordinator_degrees"],
    ),
    (
        person(DIRECTOR, PersonPart::First),
        &["Program Director First Name", "program_director_first_name"],
    ),
    (
        person(DIRECTOR, PersonPart::Middle),
        &[
            "Program Director Middle Name",
            "program_director_middle_name",
        ],
    ),
    (
        person(DIRECTOR, PersonPart::Last),
        &["Program Director Last Name", "program_director_last_name"],
    ),
    (
        person(DIRECTOR, PersonPart::Suffix),
        &["Program Director Suffix", "program_director_suffix"],
    ),
    (
        person(DIRECTOR, PersonPart::Degrees),
        &["Program Director Degrees", "program_director_degrees"],
    ),
];
