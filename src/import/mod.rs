//! Importing program lists from CSV files, and exporting them back.
//!
//! Parsing and planning touch no database (the atuin importer pattern):
//! `parse_csv` turns bytes into domain values plus every problem found,
//! `plan` decides what to add, update or skip against programs that already
//! exist, and the caller hands the result to a `Sink` (the store, or a `Vec`
//! in tests). `file` is the one submodule that takes a `Store`: it reads a
//! file, plans it against the stored programs and hands it to the store's
//! writer, for both `usce import` and the TUI.
//!
//! Sources (Residency Explorer, FREIDA, VSLO, the AAMC compendium, home-made
//! sheets) have no official export, so headers vary: see `headers` for the
//! aliases (program fields' own are in their table, `domain::fields`), and
//! `values` for what each kind of cell accepts.

mod aliases;
mod cells;
mod contact_cell;
mod crowd;
pub mod file;
mod header_notes;
pub mod headers;
mod limits;
pub mod mapping;
mod merge;
mod plan;
pub mod recognise;
mod row;
pub mod source;
mod unread;
pub mod values;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_crowd;
#[cfg(test)]
mod tests_duplicates;
#[cfg(test)]
mod tests_plan;
#[cfg(test)]
pub(crate) mod tests_prop;
#[cfg(test)]
mod tests_shared_parsers;
#[cfg(test)]
mod tests_values;

use std::convert::Infallible;
use std::fmt;

use crate::domain::{Contact, Program};
use source::text::{Lines, cells_of, from_utf16, unify_line_ends};
use source::{Format, Place, SourceOptions, Table};

pub use limits::{MAX_CELL_BYTES, MAX_COLUMNS, MAX_PROBLEMS};
pub use merge::{merge, new_contacts};
pub use plan::{Decision, DuplicateOf, StreamPlanner, plan};

/// A program read from one record, with the people named in that record.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// Where the record starts: its physical line in a text file (the
    /// header is line 1), its row in a sheet, its item in a JSON array
    /// (the parse's `Place` says which).
    pub line: u64,
    pub program: Program,
    pub contacts: Vec<Contact>,
}

/// One problem, tied to the line where its record starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportIssue {
    pub line: u64,
    /// The header as written in the file, "header" for problems with the
    /// header itself, or "row" for problems with the record's shape.
    pub column: String,
    pub message: String,
}

impl fmt::Display for ImportIssue {
    /// "LINE: column: message"; the CLI prefixes the file name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.line, self.column, self.message)
    }
}

/// Everything learned from one file. A record is either in `rows` or has at
/// least one entry in `errors` (entirely blank records are neither).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub rows: Vec<ImportRow>,
    pub errors: Vec<ImportIssue>,
    pub warnings: Vec<String>,
    /// Which field each column went to, and the choices to save.
    pub mapping: mapping::Mapping,
    /// What the numbers in `rows` and `errors` count.
    pub place: Place,
    /// What was read when the source held a choice (a workbook's sheet).
    pub note: Option<String>,
}

impl Parsed {
    /// Pushes the rows into a sink, stopping at the first sink error.
    pub fn push_into<S: Sink>(self, sink: &mut S) -> Result<usize, S::Error> {
        let count = self.rows.len();
        for row in self.rows {
            sink.push(row)?;
        }
        Ok(count)
    }
}

/// Where imported rows go. The store implements it inside one transaction;
/// tests use a `Vec`.
pub trait Sink {
    type Error;
    fn push(&mut self, row: ImportRow) -> Result<(), Self::Error>;
}

impl Sink for Vec<ImportRow> {
    type Error = Infallible;
    fn push(&mut self, row: ImportRow) -> Result<(), Infallible> {
        Vec::push(self, row);
        Ok(())
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that occurs most often in the header line, counting
/// only outside quotes. Ties go to the earlier of `, ; tab |`.
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let mut in_quotes = false;
    let mut seen_text = false;
    for &b in bytes {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes && seen_text => break,
            b'\n' | b'\r' => {}
            _ if in_quotes => {}
            _ => {
                if let Some(i) = DELIMITERS.iter().position(|d| *d == b) {
                    counts[i] += 1;
                }
            }
        }
        seen_text |= !matches!(b, b'\n' | b'\r');
    }
    let best = (0..4).rev().max_by_key(|&i| counts[i]).unwrap_or(0);
    DELIMITERS[best]
}

/// Parses a whole CSV (or other delimited) file, collecting every problem
/// rather than stopping at the first. Never panics, whatever the bytes.
pub fn parse_csv(bytes: &[u8]) -> Parsed {
    parse_csv_with(bytes, &mapping::ImportOptions::default())
}

/// [`parse_csv`] with the user's choices (`--map`, `--state`, `--strict`,
/// saved mappings).
pub fn parse_csv_with(bytes: &[u8], options: &mapping::ImportOptions) -> Parsed {
    let mut rows = Vec::new();
    let Ok(report) = parse_into_with(bytes, options, &mut rows);
    report.with_rows(rows)
}

/// [`parse_csv`] for any input usce reads: delimited text, JSON or a
/// workbook, told apart by their content (`name`, the file's name, only
/// breaks ties). Never panics, whatever the bytes.
pub fn parse_source(bytes: &[u8], name: Option<&str>, source: &SourceOptions) -> Parsed {
    parse_source_with(bytes, name, source, &mapping::ImportOptions::default())
}

/// [`parse_source`] with the user's mapping choices.
pub fn parse_source_with(
    bytes: &[u8],
    name: Option<&str>,
    source: &SourceOptions,
    options: &mapping::ImportOptions,
) -> Parsed {
    let mut rows = Vec::new();
    let Ok(report) = parse_source_into(bytes, name, source, options, &mut rows);
    report.with_rows(rows)
}

/// What [`parse_into`] found besides rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParseReport {
    pub errors: Vec<ImportIssue>,
    pub warnings: Vec<String>,
    pub mapping: mapping::Mapping,
    pub place: Place,
    pub note: Option<String>,
}

impl ParseReport {
    fn with_rows(self, rows: Vec<ImportRow>) -> Parsed {
        Parsed {
            rows,
            errors: self.errors,
            warnings: self.warnings,
            mapping: self.mapping,
            place: self.place,
            note: self.note,
        }
    }

    fn header_error(&mut self, at: u64, message: String) {
        self.errors.push(source::whole_file(at, message));
    }
}

/// [`parse_source`], pushing each valid row into `sink` as it is read, as
/// [`parse_into`] does.
pub fn parse_source_into<S: Sink>(
    bytes: &[u8],
    name: Option<&str>,
    source: &SourceOptions,
    options: &mapping::ImportOptions,
    sink: &mut S,
) -> Result<ParseReport, S::Error> {
    let format = Format::detect(bytes, name);
    if format == Format::Delimited {
        return parse_into_with(bytes, options, sink);
    }
    match source::read_table(bytes, format, source) {
        Ok(table) => parse_table_into(table, options, sink),
        Err((place, issue)) => Ok(ParseReport {
            errors: vec![issue],
            place,
            ..ParseReport::default()
        }),
    }
}

/// A workbook's or JSON's rows through the same header mapping and row
/// reading as a CSV file's.
fn parse_table_into<S: Sink>(
    table: Table,
    options: &mapping::ImportOptions,
    sink: &mut S,
) -> Result<ParseReport, S::Error> {
    let mut parsed = ParseReport {
        place: table.place,
        note: table.note,
        ..ParseReport::default()
    };
    let lengths = table.header.iter().map(String::len);
    if let Some(message) = limits::header_over_limits(lengths) {
        parsed.header_error(table.header_at, message);
        return Ok(parsed);
    }
    let Some(map) = header_map(&table.header, table.header_at, options, &mut parsed) else {
        return Ok(parsed);
    };
    let mut cell_report = unread::CellReport::default();
    for (at, cells) in &table.rows {
        if parsed.errors.len() >= limits::MAX_PROBLEMS {
            parsed.errors.push(too_many_problems(*at));
            break;
        }
        if let Some(issues) = limits::oversized_cells(*at, cells.iter().map(String::len), &map) {
            parsed.errors.extend(issues);
            continue;
        }
        let cells: Vec<row::Cell<'_>> = cells.iter().map(|c| Ok(c.as_str())).collect();
        take_record(*at, &cells, &map, sink, (&mut parsed, &mut cell_report))?;
    }
    parsed.warnings.extend(cell_report.summary());
    Ok(parsed)
}

/// [`parse_csv`], pushing each valid row into `sink` as soon as it is read
/// (so an import can write while it reads) and returning the problems.
/// Rows of a file with errors still reach the sink: the caller keeps them
/// only when `errors` comes back empty. Stops early only when the sink
/// fails. Never panics, whatever the bytes.
pub fn parse_into<S: Sink>(bytes: &[u8], sink: &mut S) -> Result<ParseReport, S::Error> {
    parse_into_with(bytes, &mapping::ImportOptions::default(), sink)
}

/// [`parse_into`] with the user's choices. An optional cell that cannot be
/// read is left unknown and listed in the warnings by line (every cell,
/// with `options.strict`, is an error instead).
pub fn parse_into_with<S: Sink>(
    bytes: &[u8],
    options: &mapping::ImportOptions,
    sink: &mut S,
) -> Result<ParseReport, S::Error> {
    let utf8 = from_utf16(bytes);
    let bytes = utf8.as_deref().unwrap_or(bytes);
    let bytes = unify_line_ends(bytes.strip_prefix(BOM).unwrap_or(bytes));
    let bytes = &bytes[..];

    let mut parsed = ParseReport::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(bytes))
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut lines = Lines::new(bytes);
    let mut cell_report = unread::CellReport::default();

    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            parsed.header_error(1, "the file is empty".into());
            return Ok(parsed);
        }
        Err(e) => {
            parsed.header_error(1, e.to_string());
            return Ok(parsed);
        }
    }
    let header_line = lines.of(record.position());
    if let Some(message) = limits::header_over_limits(record.iter().map(<[u8]>::len)) {
        parsed.header_error(header_line, message);
        return Ok(parsed);
    }
    let names: Vec<String> = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let Some(map) = header_map(&names, header_line, options, &mut parsed) else {
        return Ok(parsed);
    };

    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = lines.of(e.position());
                parsed.errors.push(ImportIssue {
                    line,
                    column: "row".into(),
                    message: e.to_string(),
                });
                // The reader has no way to resynchronise after an error.
                break;
            }
        }
        let line = lines.of(record.position());
        if parsed.errors.len() >= limits::MAX_PROBLEMS {
            parsed.errors.push(too_many_problems(line));
            break;
        }
        if let Some(issues) = limits::oversized_cells(line, record.iter().map(<[u8]>::len), &map) {
            parsed.errors.extend(issues);
            continue;
        }
        let report = (&mut parsed, &mut cell_report);
        take_record(line, &cells_of(&record), &map, sink, report)?;
    }
    parsed.warnings.extend(cell_report.summary());
    Ok(parsed)
}

/// Maps the header's columns to fields, or says (in `parsed`) why no row
/// of this file can be read.
fn header_map(
    names: &[String],
    at: u64,
    options: &mapping::ImportOptions,
    parsed: &mut ParseReport,
) -> Option<headers::HeaderMap> {
    let map = headers::HeaderMap::with_options(names, options);
    parsed.warnings.extend(map.warnings.iter().cloned());
    parsed.mapping = map.mapping.clone();
    if let Some(message) = map.missing_required() {
        parsed.warnings.extend(map.missing_hints());
        parsed.header_error(at, message);
        return None;
    }
    Some(map)
}

/// One record's cells, read into a row for the sink or into problems;
/// a record of blank cells is neither. Cells repaired or left unknown are
/// counted in `cells` for the summary.
fn take_record<S: Sink>(
    at: u64,
    cells: &[row::Cell<'_>],
    map: &headers::HeaderMap,
    sink: &mut S,
    (parsed, report): (&mut ParseReport, &mut unread::CellReport),
) -> Result<(), S::Error> {
    if cells
        .iter()
        .all(|c| c.as_ref().is_ok_and(|t| t.trim().is_empty()))
    {
        return Ok(());
    }
    match row::build(at, cells, map) {
        Ok(built) => {
            for (column, note) in built.notes {
                report.repaired(column, note);
            }
            report.left_unknown(built.unread);
            sink.push(built.row)
        }
        Err(issues) => {
            parsed.errors.extend(issues);
            Ok(())
        }
    }
}

fn too_many_problems(at: u64) -> ImportIssue {
    ImportIssue {
        line: at,
        column: "row".into(),
        message: format!(
            "stopped reading after {} problems; is this the right file?",
            limits::MAX_PROBLEMS
        ),
    }
}
