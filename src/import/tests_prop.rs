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
        Some(Field::Program(P::NrmpCode)) => vec!["1234567C0"],
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

/// The hostile shapes of issue 18 for a CSV: a header or a row around
/// the column limit or far past it (2 million columns of `a,`), a cell
/// around the cell limit, each followed by fuzzed bytes.
fn hostile_csv() -> impl Strategy<Value = (usize, Vec<u8>)> {
    let columns = prop_oneof![
        4 => (MAX_COLUMNS - 2)..(MAX_COLUMNS + 3),
        1 => Just(2_000_000usize),
    ];
    let cell = prop_oneof![Just(0usize), (MAX_CELL_BYTES - 2)..(MAX_CELL_BYTES + 3),];
    (columns, cell, any::<bool>(), arbitrary_bytes()).prop_map(|(n, cell, in_header, tail)| {
        let wide = "a,".repeat(n - 1) + "a";
        let mut bytes = if in_header {
            format!("{wide}\n")
        } else {
            format!(
                "program_name,state,notes\nX,KY,{}\n{wide}\n",
                "n".repeat(cell)
            )
        }
        .into_bytes();
        bytes.extend(tail);
        (if in_header { n } else { 0 }, bytes)
    })
}

fn check_hostile_csv(header_columns: usize, bytes: &[u8]) {
    check_never_panics(bytes);
    if header_columns > MAX_COLUMNS {
        let parsed = parse_csv(bytes);
        assert!(parsed.rows.is_empty());
        assert!(
            parsed
                .errors
                .iter()
                .any(|e| e.column == "header" && e.line == 1)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn hostile_shapes_are_rows_or_errors((columns, bytes) in hostile_csv()) {
        check_hostile_csv(columns, &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    #[ignore = "long run: cargo test -- --ignored"]
    fn hostile_shapes_are_rows_or_errors_long((columns, bytes) in hostile_csv()) {
        check_hostile_csv(columns, &bytes);
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

/// A header spelled as some tool might spell an alias of `field`: the
/// alias's words in a random case and with random separators, maybe with
/// a `program_` prefix and a `_name`/`_title`/`_1` suffix (program fields)
/// or a slot number (people).
fn header_spelling() -> impl Strategy<Value = (String, super::headers::Field)> {
    use super::headers::{Field, aliases};
    use super::recognise::words;
    let spellings: Vec<(Field, &'static str)> = aliases()
        .flat_map(|(f, all)| all.iter().map(move |a| (f, *a)))
        .collect();
    let case = select(vec!["lower", "upper", "title", "camel"]);
    let separator = select(vec![" ", "_", "-", ".", "__"]);
    let prefix = select(vec!["", "program", "Program ", "residency_"]);
    let suffix = select(vec!["", "name", "title", "1", "2"]);
    (select(spellings), case, separator, prefix, suffix).prop_map(
        |((field, alias), case, separator, prefix, suffix)| {
            let mut parts: Vec<String> = words(alias);
            let mut intended = field;
            match field {
                Field::Person { role, part, .. } => {
                    if let Ok(slot) = suffix.parse::<u8>() {
                        parts.push(suffix.to_string());
                        intended = Field::Person { role, slot, part };
                    }
                }
                _ => {
                    if !suffix.is_empty() {
                        parts.push(suffix.to_string());
                    }
                    let prefix = prefix.trim_end_matches([' ', '_']).to_lowercase();
                    if !prefix.is_empty() {
                        parts.insert(0, prefix);
                    }
                }
            }
            let cased: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(i, w)| match case {
                    "upper" => w.to_uppercase(),
                    "title" => title_case(w),
                    "camel" if i > 0 => title_case(w),
                    _ => w.clone(),
                })
                .collect();
            let joiner = if case == "camel" { "" } else { separator };
            let mut header = String::new();
            for (i, word) in cased.iter().enumerate() {
                // Digits beside digits read as one number ("J1" + "1"):
                // a tool writing camelCase separates a column number.
                let digits_meet = i > 0
                    && word.starts_with(|c: char| c.is_ascii_digit())
                    && header.ends_with(|c: char| c.is_ascii_digit());
                if i > 0 {
                    header.push_str(if digits_meet && joiner.is_empty() {
                        "_"
                    } else {
                        joiner
                    });
                }
                header.push_str(word);
            }
            (header, intended)
        },
    )
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn check_spelling(header: &str, intended: super::headers::Field) {
    use super::recognise::{Guess, recognise};
    match recognise(header) {
        Guess::Field(f) => assert_eq!(f, intended, "{header:?} was read as the wrong field"),
        Guess::Ambiguous(fields) => assert!(
            fields.contains(&intended),
            "{header:?} is ambiguous between {fields:?}, none of them {intended:?}"
        ),
        Guess::Unknown { .. } => panic!("{header:?} was not recognised as {intended:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn header_spellings_map_to_their_field_or_are_ambiguous((header, intended) in header_spelling()) {
        check_spelling(&header, intended);
    }
}

/// Every second-person key the TUI's picker offers reads back, through
/// `--map`'s reader, as that person's field in slot 2.
#[test]
fn every_second_person_key_reads_back_as_slot_two() {
    use crate::import::headers::Field;
    use crate::import::mapping::{Choice, parse_field, second_person_keys};
    let keys = second_person_keys();
    assert!(
        keys.contains(&"coordinator_email_2".to_string()),
        "{keys:?}"
    );
    for key in keys {
        match parse_field(&key) {
            Ok(Choice::Field(field @ Field::Person { slot: 2, .. })) => {
                assert_eq!(field.key(), key);
            }
            other => panic!("{key} read as {other:?}"),
        }
    }
}
