//! Property tests: `parse_csv` never panics, and every non-blank record is
//! accounted for, either as a row or by an error on its line.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::*;

/// Header names drawn from the alias table plus some unknown ones. Names
/// containing a delimiter are left out: with them the header line itself
/// is ambiguous, which no sniffer can settle.
const HEADER_POOL: &[&str] = &[
    "Program Name",
    "Program",
    "program_name",
    "State",
    "state",
    "Location",
    "City",
    "Institution",
    "Hospital",
    "Speciality",
    "Program ID",
    "ACGME ID",
    "Website",
    "Accepts IMGs",
    "IMG Friendly",
    "Visa Sponsorship",
    "visa_statuses_accepted",
    "J1 Visa",
    "H1B Visa",
    "IMG %",
    "% IMG",
    "pct_img",
    "Rotation Type",
    "Hands-On",
    "Weeks",
    "Duration",
    "Fee",
    "Applications Open",
    "Route",
    "Status",
    "Coordinator Name",
    "coordinator_email_1",
    "coordinator_phone_2",
    "Phone",
    "Contact Info (Coordinator)",
    "Program Director Email",
    "Grad Within Years",
    "Step 1 Pass Required",
    "Min Step 2 Score",
    "Takes Graduates",
    "Tags",
    "Notes",
    "Favorite Color",
    "",
];

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "",
            " ",
            "NY",
            "new york",
            "Narnia",
            "yes",
            "n",
            "x",
            "maybe",
            "35%",
            "35.5",
            "101",
            "-3",
            "J-1, H-1B",
            "none",
            "4-8",
            "0",
            "2025-03-01",
            "3/1/25",
            "VSLO",
            "core; sub-i",
            "a@b.org",
            "a@@b",
            "N/A",
            "—",
            "'=1+1",
            "0012345678",
            "1.4E+09",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z0-9 ,;|\t\"\n\r'=+@%$.-]{0,12}",
        "(?s).{0,16}",
    ]
}

/// Writes a CSV with the given delimiter and returns it with the line on
/// which each record starts, counted here independently of the reader.
pub(crate) fn write(
    delimiter: u8,
    crlf: bool,
    headers: &[&str],
    records: &[Vec<String>],
) -> (Vec<u8>, Vec<u64>) {
    let terminator = if crlf {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    };
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .flexible(true)
        .from_writer(Vec::new());
    out.write_record(headers).unwrap();
    let mut starts = Vec::new();
    for record in records {
        out.flush().unwrap();
        starts.push(line_breaks(out.get_ref()) + 1);
        out.write_record(record).unwrap();
    }
    (out.into_inner().unwrap(), starts)
}

/// Physical line breaks as an editor counts them: LF, CRLF or a lone CR.
fn line_breaks(bytes: &[u8]) -> u64 {
    let lone_crs = bytes
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(bytes.last() == Some(&b'\r'));
    (bytes.iter().filter(|&&b| b == b'\n').count() + lone_crs) as u64
}

fn check_never_panics(bytes: &[u8]) {
    let parsed = parse_csv(bytes);
    assert!(parsed.rows.windows(2).all(|w| w[0].line < w[1].line));
    assert!(parsed.errors.iter().all(|e| e.line >= 1));
    assert!(parsed.rows.iter().all(|r| !r.program.name.is_empty()));
}

fn check_every_record_accounted_for(
    (delimiter, crlf): (u8, bool),
    headers: &[&str],
    records: &[Vec<String>],
) {
    let (bytes, starts) = write(delimiter, crlf, headers, records);
    let parsed = parse_csv(&bytes);
    if parsed.errors.iter().any(|e| e.column == "header") {
        assert!(parsed.rows.is_empty());
        return;
    }
    let row_lines: Vec<u64> = parsed.rows.iter().map(|r| r.line).collect();
    let error_lines: Vec<u64> = parsed.errors.iter().map(|e| e.line).collect();
    for (record, line) in records.iter().zip(&starts) {
        let blank = record.iter().all(|c| c.trim().is_empty());
        let as_row = row_lines.contains(line);
        let as_error = error_lines.contains(line);
        if blank {
            assert!(!as_row && !as_error, "blank record on line {line} was used");
        } else {
            assert!(
                as_row != as_error,
                "line {line}: row={as_row} error={as_error} record={record:?} parsed={parsed:#?}"
            );
        }
    }
    for line in row_lines.iter().chain(&error_lines) {
        assert!(starts.contains(line), "line {line} starts no record");
    }
}

fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    let csv_bytes = select(b",;\t|\"\n\r aZ0@%'=-\xff\xef\xbb\xbf".to_vec());
    let body = prop_oneof![vec(any::<u8>(), 0..400), vec(csv_bytes, 0..400)];
    (any::<bool>(), body).prop_map(|(with_header, body)| {
        let mut bytes = if with_header {
            b"Program Name,State,IMG %,Coordinator Email\n".to_vec()
        } else {
            Vec::new()
        };
        bytes.extend(body);
        bytes
    })
}

/// Values a column accepts, so that many generated records are valid rows
/// and a parser that dropped rows would be caught, not only one that
/// forgot an error.
fn valid_values(header: &str) -> Vec<&'static str> {
    use super::headers::{Field, PersonPart, field_for};
    use crate::domain::fields::Field as P;
    match field_for(header) {
        Some(Field::Program(
            P::Name
            | P::Institution
            | P::Specialty
            | P::City
            | P::Fee
            | P::ApplicationFee
            | P::Housing
            | P::Deadline,
        )) => {
            vec!["Mercy IM", "Bay\nview, \"East\"", "Ça va", "$1,200"]
        }
        Some(Field::Program(P::State)) => vec!["NY", "new york", "pr"],
        Some(Field::Location) => vec!["Boston, MA", "Ohio"],
        Some(Field::Program(P::ExternalId)) => vec!["0012345678", "A-1"],
        Some(
            Field::Program(P::AcceptsImgs | P::HandsOn | P::Step1PassRequired | P::TakesGraduates)
            | Field::J1
            | Field::H1b,
        ) => vec!["yes", "n", "x"],
        Some(Field::Program(P::Visa)) => vec!["J-1", "none", "J1, H1B"],
        Some(Field::Program(P::ImgPercent)) => vec!["35%", "0", "99.5"],
        Some(Field::Program(P::RotationKinds)) => vec!["core", "elective / sub-i"],
        Some(Field::Program(P::Weeks)) => vec!["4", "2-4 weeks"],
        Some(Field::Program(P::ApplicationsOpen)) => vec!["2025-03-01", "March 1, 2025"],
        Some(Field::Program(P::Route)) => vec!["VSLO", "direct"],
        Some(Field::Program(P::Status)) => vec!["shortlisted", "not a fit"],
        Some(Field::Program(P::GradWithinYears)) => vec!["5", "0"],
        Some(Field::Program(P::MinStep2Score)) => vec!["230"],
        Some(Field::Person { part, .. }) => match part {
            PersonPart::Email => vec!["a@b.org"],
            PersonPart::Info => vec!["Jane Doe\n(555) 123-4567\njd@x.org"],
            _ => vec!["Jane Doe", "+1 555 0100"],
        },
        Some(Field::Program(P::Website)) => vec!["https://x.org"],
        Some(Field::Program(P::MainPhone)) => vec!["(312) 555-0100", "+1 555 0100 ext. 2"],
        Some(Field::Program(P::Tags | P::Notes | P::RequiredDocs | P::Onboarding)) | None => {
            vec!["research; visa", "line\r\nbreak"]
        }
    }
}

pub(crate) type Shaped = ((u8, bool), Vec<&'static str>, Vec<Vec<String>>);

pub(crate) fn csv_shaped() -> impl Strategy<Value = Shaped> {
    let delimiter = select(vec![b',', b';', b'\t', b'|']);
    let headers = vec(select(HEADER_POOL.to_vec()), 1..8);
    (delimiter, any::<bool>(), headers).prop_flat_map(|(delimiter, crlf, headers)| {
        let width = headers.len();
        // One column shows no delimiter, so only the default can be sniffed.
        let delimiter = if width == 1 { b',' } else { delimiter };
        let columns: Vec<BoxedStrategy<String>> = headers
            .iter()
            .map(|h| {
                let valid = select(valid_values(h)).prop_map(str::to_string);
                prop_oneof![4 => valid, 1 => cell()].boxed()
            })
            .collect();
        // Mostly well-formed records, some ragged ones of any width.
        let record = prop_oneof![4 => columns, 1 => vec(cell(), 0..=width + 2)];
        (Just((delimiter, crlf)), Just(headers), vec(record, 0..6))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in arbitrary_bytes()) {
        check_never_panics(&bytes);
    }

    #[test]
    fn csv_shaped_records_are_rows_or_errors((format, headers, records) in csv_shaped()) {
        check_every_record_accounted_for(format, &headers, &records);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    #[ignore = "long run: cargo test -- --ignored"]
    fn arbitrary_bytes_never_panic_long(bytes in arbitrary_bytes()) {
        check_never_panics(&bytes);
    }

    #[test]
    #[ignore = "long run: cargo test -- --ignored"]
    fn csv_shaped_records_are_rows_or_errors_long((format, headers, records) in csv_shaped()) {
        check_every_record_accounted_for(format, &headers, &records);
    }
}

#[test]
fn record_start_lines_are_counted_independently() {
    let records = vec![
        vec!["Bay\nview".to_string(), "NY".to_string()],
        vec!["Har\rbor".to_string(), "WA".to_string()],
        vec!["Cove".to_string(), "OR".to_string()],
    ];
    let (bytes, starts) = write(b';', true, &["Program", "State"], &records);
    assert_eq!(starts, [2, 4, 6]);
    let lines: Vec<u64> = parse_csv(&bytes).rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, starts);
}
