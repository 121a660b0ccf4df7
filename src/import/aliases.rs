//! The alias table: every header spelling we have seen for each field.
//! Add spellings here when a source changes its headers; the first alias
//! of a field is the canonical header the exporter writes.

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
    (
        Field::ExternalId,
        &[
            "External ID",
            "ACGME ID",
            "Program ID",
            "NRMP Code",
            "ACGME Program ID",
            "ACGME Program Number",
            "Program Number",
            "Program Code",
        ],
    ),
    (Field::Name, &["Program Name", "Program", "Name"]),
    (
        Field::Institution,
        &[
            "Institution",
            "Sponsoring Institution",
            "sponsoring_institution_name",
            "Institution Name",
            "Hospital",
            "Hospital Name",
            "Sponsor",
        ],
    ),
    (
        Field::Specialty,
        &["Specialty", "Speciality", "specialty_name", "Discipline"],
    ),
    (Field::City, &["City", "Program City"]),
    (
        Field::State,
        &["State", "Program State", "state_code", "ST"],
    ),
    (Field::Location, &["Location", "City, State", "City State"]),
    (
        Field::Website,
        &[
            "Website",
            "Program Website",
            "URL",
            "Program URL",
            "Web",
            "website_url",
            "Link",
        ],
    ),
    (
        Field::AcceptsImgs,
        &[
            "Accepts IMGs",
            "Accepts IMG",
            "IMG Friendly",
            "IMGs Accepted",
        ],
    ),
    (
        Field::Visa,
        &[
            "Visa Sponsorship",
            "Visa",
            "Visas",
            "visa_statuses_accepted",
            "Visa Status",
            "Visas Sponsored",
            "Visa Types",
        ],
    ),
    (Field::J1, &["J1 Visa", "J-1", "J1 Sponsorship", "J1"]),
    (Field::H1b, &["H1B Visa", "H-1B", "H1B Sponsorship", "H1B"]),
    (
        Field::ImgPercent,
        &[
            "IMG %",
            "% IMG",
            "IMG Percent",
            "pct_img",
            "IMG Percentage",
            "Percent IMG",
            "% IMGs",
            "IMGs %",
        ],
    ),
    (
        Field::RotationKinds,
        &[
            "Rotation Type",
            "Rotation",
            "Rotation Types",
            "Rotation Kind",
        ],
    ),
    (Field::HandsOn, &["Hands-On", "Hands On Experience"]),
    (
        Field::Weeks,
        &["Weeks", "Duration", "Length", "Length (weeks)"],
    ),
    (Field::Fee, &["Fee", "Fees", "Cost", "Rotation Fee"]),
    (
        Field::ApplicationsOpen,
        &[
            "Applications Open",
            "Application Open Date",
            "Applications Open Date",
            "Opens",
            "Open Date",
        ],
    ),
    (
        Field::Route,
        &["Application Route", "Route", "How to Apply", "Apply Via"],
    ),
    (Field::Status, &["Status", "Pipeline Status"]),
    (
        Field::GradWithinYears,
        &[
            "Grad Within Years",
            "Graduated Within Years",
            "Years Since Graduation",
            "Max Years Since Graduation",
            "YOG Cutoff",
        ],
    ),
    (
        Field::Step1PassRequired,
        &[
            "Step 1 Pass Required",
            "Step 1 Required",
            "Step 1 Pass",
            "USMLE Step 1 Required",
        ],
    ),
    (
        Field::MinStep2Score,
        &[
            "Min Step 2 Score",
            "Minimum Step 2 Score",
            "Step 2 Minimum",
            "Min Step 2 CK",
            "Step 2 CK Minimum",
        ],
    ),
    (
        Field::TakesGraduates,
        &["Takes Graduates", "Accepts Graduates", "Graduates Accepted"],
    ),
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
        &[
            "Coordinator Phone",
            "coordinator_phone",
            "Contact Phone",
            "Phone",
            "Telephone",
        ],
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
    (Field::Tags, &["Tags", "Labels", "Keywords"]),
    (Field::Notes, &["Notes", "Comments", "Note", "Comment"]),
];
