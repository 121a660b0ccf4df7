//! The program field table: every field a program has, declared once.
//!
//! The detail form lists the rows in this order; import recognises their
//! headers; the CSV export writes them in [`CSV_ORDER`]; the store reads
//! and writes their columns; `usce list` and the fit reasons take their
//! labels and values from here. To add a field: a row here (and its place
//! in `CSV_ORDER`), the struct field in `domain::program`, a migration step
//! adding the column, and a line in README's CSV table.

use super::spec::{Number, NumberAt, Spec, Unit, Value, at};

/// Declares the `Field` enum and the table together, so a row is the only
/// place a field is named.
macro_rules! program_fields {
    ($( $(#[$doc:meta])* $name:ident => $spec:expr, )+) => {
        /// A program field: one row of the table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field { $( $(#[$doc])* $name, )+ }

        impl Field {
            /// Every field, in the order the detail form lists them.
            pub const ALL: &'static [Field] = &[ $( Field::$name, )+ ];
        }

        /// Row `i` describes `Field::ALL[i]`.
        static TABLE: &[Spec] = &[ $( $spec, )+ ];
    };
}

program_fields! {
    Name => Spec {
        label: "Name",
        headers: &["Program Name", "Program", "Name"],
        column: "name",
        value: Value::Line { at: at!(name), required: Some("a program needs a name") },
    },
    Institution => Spec {
        label: "Institution",
        headers: &[
            "Institution",
            "Sponsoring Institution",
            "sponsoring_institution_name",
            "Institution Name",
            "Hospital",
            "Hospital Name",
            "Sponsor",
        ],
        column: "institution",
        value: Value::Line { at: at!(institution), required: None },
    },
    Specialty => Spec {
        label: "Specialty",
        headers: &["Specialty", "Speciality", "specialty_name", "Discipline"],
        column: "specialty",
        value: Value::Line { at: at!(specialty), required: None },
    },
    State => Spec {
        label: "State",
        headers: &["State", "Program State", "state_code", "ST"],
        column: "state",
        value: Value::State(at!(state)),
    },
    City => Spec {
        label: "City",
        headers: &["City", "Program City"],
        column: "city",
        value: Value::Line { at: at!(city), required: None },
    },
    Website => Spec {
        label: "Website",
        headers: &[
            "Website",
            "Program Website",
            "URL",
            "Program URL",
            "Web",
            "website_url",
            "Link",
        ],
        column: "website",
        value: Value::Line { at: at!(website), required: None },
    },
    /// The program's own line. A bare "Phone" column is this one; a
    /// person's phone has a role in its header ("Coordinator Phone").
    MainPhone => Spec {
        label: "Main phone",
        headers: &["Main Phone", "Phone", "Program Phone", "Main Line", "Telephone"],
        column: "main_phone",
        value: Value::Line { at: at!(main_phone), required: None },
    },
    /// The program number; ACGME's is 10 digits.
    ExternalId => Spec {
        label: "ACGME id",
        headers: &[
            "External ID",
            "ACGME ID",
            "Program ID",
            "ACGME Program ID",
            "ACGME Program Number",
            "Program Number",
            "Program Code",
            "ACGME",
            "ACGME Number",
            "ACGME No",
            "ACGME Code",
        ],
        column: "external_id",
        value: Value::Id(at!(external_id)),
    },
    /// The NRMP program code (`1234567C0`: seven digits, a letter, a
    /// digit): the Match's own number, kept beside ACGME's because a list
    /// may carry either and duplicates are judged by both.
    NrmpCode => Spec {
        label: "NRMP code",
        headers: &["NRMP Code", "NRMP Program Code", "NRMP ID", "NRMP Number", "NRMP"],
        column: "nrmp_code",
        value: Value::Id(at!(nrmp_code)),
    },
    Status => Spec {
        label: "Status",
        headers: &["Status", "Pipeline Status"],
        column: "status",
        value: Value::Status(at!(status)),
    },
    AcceptsImgs => Spec {
        label: "Accepts IMGs",
        headers: &["Accepts IMGs", "Accepts IMG", "IMG Friendly", "IMGs Accepted"],
        column: "accepts_imgs",
        value: Value::Tri(at!(accepts_imgs)),
    },
    Visa => Spec {
        label: "Visa sponsorship",
        headers: &[
            "Visa Sponsorship",
            "Visa",
            "Visas",
            "visa_statuses_accepted",
            "Visa Status",
            "Visas Sponsored",
            "Visa Types",
        ],
        column: "visa",
        value: Value::Visa(at!(visa)),
    },
    ImgPercent => Spec {
        label: "IMG %",
        headers: &[
            "IMG %",
            "% IMG",
            "IMG Percent",
            "pct_img",
            "IMG Percentage",
            "Percent IMG",
            "% IMGs",
            "IMGs %",
        ],
        column: "img_percent",
        value: Value::Number(Number {
            at: NumberAt::U8(at!(img_percent)),
            min: 0,
            max: 100,
            unit: Unit::Percent,
        }),
    },
    GradWithinYears => Spec {
        label: "Graduated within (yrs)",
        headers: &[
            "Grad Within Years",
            "Graduated Within Years",
            "Years Since Graduation",
            "Max Years Since Graduation",
            "YOG Cutoff",
        ],
        column: "grad_within_years",
        value: Value::Number(Number {
            at: NumberAt::U8(at!(requirements.grad_within_years)),
            min: 0,
            max: 60,
            unit: Unit::Years,
        }),
    },
    Step1PassRequired => Spec {
        label: "Step 1 pass required",
        headers: &[
            "Step 1 Pass Required",
            "Step 1 Required",
            "Step 1 Pass",
            "USMLE Step 1 Required",
        ],
        column: "step1_pass_required",
        value: Value::Tri(at!(requirements.step1_pass_required)),
    },
    MinStep2Score => Spec {
        label: "Min Step 2 CK",
        headers: &[
            "Min Step 2 Score",
            "Minimum Step 2 Score",
            "Step 2 Minimum",
            "Min Step 2 CK",
            "Step 2 CK Minimum",
        ],
        column: "min_step2_score",
        value: Value::Number(Number {
            at: NumberAt::U16(at!(requirements.min_step2_score)),
            min: 1,
            max: 300,
            unit: Unit::Points,
        }),
    },
    TakesGraduates => Spec {
        label: "Takes graduates",
        headers: &["Takes Graduates", "Accepts Graduates", "Graduates Accepted"],
        column: "takes_graduates",
        value: Value::Tri(at!(requirements.takes_graduates)),
    },
    RotationKinds => Spec {
        label: "Rotation types",
        headers: &["Rotation Type", "Rotation", "Rotation Types", "Rotation Kind"],
        column: "rotation_kinds",
        value: Value::RotationKinds(at!(rotation.kinds)),
    },
    HandsOn => Spec {
        label: "Hands-on",
        headers: &["Hands-On", "Hands On Experience"],
        column: "hands_on",
        value: Value::Tri(at!(rotation.hands_on)),
    },
    Weeks => Spec {
        label: "Weeks",
        headers: &["Weeks", "Duration", "Length", "Length (weeks)"],
        column: "weeks",
        value: Value::Number(Number {
            at: NumberAt::U8(at!(rotation.weeks)),
            min: 1,
            max: 52,
            unit: Unit::Weeks,
        }),
    },
    /// Free text as the program states it: "$1,200", "$300/week", "none".
    Fee => Spec {
        label: "Fee",
        headers: &["Fee", "Fees", "Cost", "Rotation Fee"],
        column: "fee",
        value: Value::Line { at: at!(rotation.fee), required: None },
    },
    ApplicationsOpen => Spec {
        label: "Applications open",
        headers: &[
            "Applications Open",
            "Application Open Date",
            "Applications Open Date",
            "Opens",
            "Open Date",
        ],
        column: "applications_open",
        value: Value::Date(at!(rotation.applications_open)),
    },
    /// Document kinds the program asks for (issue 19), comma-separated:
    /// the standard names ("TB test", "BLS") or the applicant's own.
    RequiredDocs => Spec {
        label: "Required documents",
        headers: &["Required Documents", "Documents Required", "Required Docs", "Documents"],
        column: "required_docs",
        value: Value::Tags(at!(application.required_docs)),
    },
    /// Free text as stated, like the rotation fee: "$75", "none".
    ApplicationFee => Spec {
        label: "Application fee",
        headers: &["Application Fee", "App Fee", "Applying Fee"],
        column: "application_fee",
        value: Value::Line { at: at!(application.application_fee), required: None },
    },
    /// "yes", "no", or a price: "$800/month".
    Housing => Spec {
        label: "Housing",
        headers: &["Housing", "Housing Offered", "Accommodation"],
        column: "housing",
        value: Value::Line { at: at!(application.housing), required: None },
    },
    /// A date, or a lead time before the start: "apply 3 months ahead".
    Deadline => Spec {
        label: "Application deadline",
        headers: &["Application Deadline", "Deadline", "Apply By", "Lead Time"],
        column: "application_deadline",
        value: Value::Line { at: at!(application.deadline), required: None },
    },
    Onboarding => Spec {
        label: "Onboarding notes",
        headers: &["Onboarding Notes", "Onboarding"],
        column: "onboarding_notes",
        value: Value::Notes(at!(application.onboarding_notes)),
    },
    Route => Spec {
        label: "Application route",
        headers: &["Application Route", "Route", "How to Apply", "Apply Via"],
        column: "route",
        value: Value::Route(at!(route)),
    },
    Tags => Spec {
        label: "Values / tags",
        headers: &["Tags", "Labels", "Keywords"],
        column: "tags",
        value: Value::Tags(at!(tags)),
    },
    Notes => Spec {
        label: "Notes",
        headers: &["Notes", "Comments", "Note", "Comment"],
        column: "notes",
        value: Value::Notes(at!(notes)),
    },
}

/// The CSV export's column order: what identifies a program first, then
/// its offer and requirements. The export puts people's columns before
/// the free-text fields at the end ([`CSV_TRAILING`]).
pub const CSV_ORDER: &[Field] = &[
    Field::ExternalId,
    Field::NrmpCode,
    Field::Name,
    Field::Institution,
    Field::Specialty,
    Field::City,
    Field::State,
    Field::Website,
    Field::MainPhone,
    Field::AcceptsImgs,
    Field::Visa,
    Field::ImgPercent,
    Field::RotationKinds,
    Field::HandsOn,
    Field::Weeks,
    Field::Fee,
    Field::ApplicationsOpen,
    Field::Deadline,
    Field::ApplicationFee,
    Field::Housing,
    Field::RequiredDocs,
    Field::Route,
    Field::Status,
    Field::GradWithinYears,
    Field::Step1PassRequired,
    Field::MinStep2Score,
    Field::TakesGraduates,
    Field::Tags,
    Field::Onboarding,
    Field::Notes,
];

/// How many fields end `CSV_ORDER` after the people's columns: free text
/// a reader of the spreadsheet looks at last.
pub const CSV_TRAILING: usize = 3;

impl Field {
    /// This field's row of the table.
    pub fn spec(self) -> &'static Spec {
        &TABLE[self as usize]
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// Fields with a few fixed values are cycled rather than typed.
    pub fn is_choice(self) -> bool {
        self.spec().value.is_choice()
    }

    /// The field's value as text; what an edit starts from.
    pub fn get(self, p: &crate::domain::Program) -> String {
        self.spec().value.show(p)
    }

    /// Parses text into the field. Blank clears optional fields.
    pub fn set(self, p: &mut crate::domain::Program, text: &str) -> Result<(), String> {
        self.spec().value.edit(p, text)
    }

    /// Moves a choice field to its next value (wrapping).
    pub fn cycle(self, p: &mut crate::domain::Program) {
        self.spec().value.cycle(p)
    }
}

/// Every row with its field, in form order.
pub fn specs() -> impl Iterator<Item = (Field, &'static Spec)> {
    Field::ALL.iter().map(|&f| (f, f.spec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_row_per_field() {
        assert_eq!(TABLE.len(), Field::ALL.len());
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
    }

    #[test]
    fn every_field_has_a_column_a_header_and_a_csv_place() {
        let mut columns = std::collections::HashSet::new();
        for (field, spec) in specs() {
            assert!(!spec.headers.is_empty(), "{field:?} has no header");
            assert!(
                columns.insert(spec.column),
                "{:?} is stored twice",
                spec.column
            );
            let places = CSV_ORDER.iter().filter(|f| **f == field).count();
            assert_eq!(places, 1, "{field:?} needs exactly one place in CSV_ORDER");
        }
        assert_eq!(CSV_ORDER.len(), Field::ALL.len());
    }

    #[test]
    fn readme_csv_table_lists_every_header() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        for (field, spec) in specs() {
            let headers = format!("| {} |", spec.headers.join(", "));
            assert!(
                readme.lines().any(|l| l.contains(&headers)),
                "README's CSV table has no row with {headers:?} ({field:?})"
            );
        }
    }
}
