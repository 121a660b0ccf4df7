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
mod contact_cell;
mod crowd;
pub mod file;
pub mod headers;
mod limits;
mod merge;
mod plan;
mod row;
pub mod values;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_crowd;
#[cfg(test)]
mod tests_plan;
#[cfg(test)]
pub(crate) mod tests_prop;
#[cfg(test)]
mod tests_shared_parsers;
#[cfg(test)]
mod tests_values;

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;

use crate::domain::{Contact, Program};

pub use limits::{MAX_CELL_BYTES, MAX_COLUMNS, MAX_PROBLEMS};
pub use merge::{merge, new_contacts};
pub use plan::{Decision, DuplicateOf, StreamPlanner, plan};

/// A program read from one record, with the people named in that record.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// Physical line where the record starts (the header is line 1).
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

/// Parses a whole file, collecting every problem rather than stopping at
/// the first. Never panics, whatever the bytes.
pub fn parse_csv(bytes: &[u8]) -> Parsed {
    let mut rows = Vec::new();
    let Ok(report) = parse_into(bytes, &mut rows);
    Parsed {
        rows,
        errors: report.errors,
        warnings: report.warnings,
    }
}

/// What [`parse_into`] found besides rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParseReport {
    pub errors: Vec<ImportIssue>,
    pub warnings: Vec<String>,
}

/// [`parse_csv`], pushing each valid row into `sink` as soon as it is read
/// (so an import can write while it reads) and returning the problems.
/// Rows of a file with errors still reach the sink: the caller keeps them
/// only when `errors` comes back empty. Stops early only when the sink
/// fails. Never panics, whatever the bytes.
pub fn parse_into<S: Sink>(bytes: &[u8], sink: &mut S) -> Result<ParseReport, S::Error> {
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

    let header_error = |line, message: String| ImportIssue {
        line,
        column: "header".into(),
        message,
    };
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            parsed
                .errors
                .push(header_error(1, "the file is empty".into()));
            return Ok(parsed);
        }
        Err(e) => {
            parsed.errors.push(header_error(1, e.to_string()));
            return Ok(parsed);
        }
    }
    let header_line = line_of(&record);
    if let Some(message) = limits::header_over_limits(&record) {
        parsed.errors.push(header_error(header_line, message));
        return Ok(parsed);
    }
    let names: Vec<String> = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let map = headers::HeaderMap::new(&names);
    parsed.warnings.extend(map.warnings.iter().cloned());
    if let Some(message) = missing_required(&map) {
        parsed.errors.push(header_error(header_line, message));
        return Ok(parsed);
    }

    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(header_line, |p| p.line());
                parsed.errors.push(ImportIssue {
                    line,
                    column: "row".into(),
                    message: e.to_string(),
                });
                // The reader has no way to resynchronise after an error.
                break;
            }
        }
        if parsed.errors.len() >= limits::MAX_PROBLEMS {
            parsed.errors.push(ImportIssue {
                line: line_of(&record),
                column: "row".into(),
                message: format!(
                    "stopped reading after {} problems; is this the right file?",
                    limits::MAX_PROBLEMS
                ),
            });
            break;
        }
        if let Some(issues) = limits::oversized_cells(&record, &map) {
            parsed.errors.extend(issues);
            continue;
        }
        let cells = cells_of(&record);
        if cells
            .iter()
            .all(|c| c.as_ref().is_ok_and(|t| t.trim().is_empty()))
        {
            continue;
        }
        match row::build(line_of(&record), &cells, &map) {
            Ok(row) => sink.push(row)?,
            Err(issues) => parsed.errors.extend(issues),
        }
    }
    Ok(parsed)
}

/// The record's cells as text, or the UTF-8 error of each one that is not.
/// Nearly every record is valid UTF-8 as a whole, so it is checked once and
/// cut at the field boundaries; a cut inside a character (possible only
/// when a cell on its own is not UTF-8) falls back to checking that cell.
fn cells_of(record: &csv::ByteRecord) -> Vec<row::Cell<'_>> {
    let whole = std::str::from_utf8(record.as_slice()).ok();
    (0..record.len())
        .map(|i| {
            let from_whole = whole
                .zip(record.range(i))
                .and_then(|(text, range)| text.get(range));
            match from_whole {
                Some(text) => Ok(text),
                None => std::str::from_utf8(record.get(i).unwrap_or_default()),
            }
        })
        .collect()
}

/// Excel's "Unicode Text" export is UTF-16 with a byte-order mark; decode
/// it rather than report every cell as garbage. Unpaired surrogates become
/// U+FFFD.
fn from_utf16(bytes: &[u8]) -> Option<Vec<u8>> {
    let (body, little_endian) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, true),
        [0xFE, 0xFF, rest @ ..] => (rest, false),
        _ => return None,
    };
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some(text.into_bytes())
}

/// CRLF and bare CR become LF. The csv reader counts only LFs as lines,
/// and with CRLF it dates a record from before the LF that precedes it, so
/// line numbers would drift. Cells lose nothing: text cells normalise line
/// ends anyway.
fn unify_line_ends(bytes: &[u8]) -> Cow<'_, [u8]> {
    // Most files have none: no need to copy a national list to find out.
    if !bytes.contains(&b'\r') {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut iter = bytes.iter().copied().peekable();
    while let Some(b) = iter.next() {
        if b == b'\r' {
            iter.next_if_eq(&b'\n');
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    Cow::Owned(out)
}

fn line_of(record: &csv::ByteRecord) -> u64 {
    record.position().map_or(1, csv::Position::line)
}

/// Without a name and a state column no record can be valid, so one
/// header error replaces a "required" error on every line.
fn missing_required(map: &headers::HeaderMap) -> Option<String> {
    use crate::domain::fields::Field as P;
    use headers::Field;
    let (name, state) = (Field::Program(P::Name), Field::Program(P::State));
    let mut missing = Vec::new();
    if !map.columns.contains_key(&name) {
        missing.push(format!(
            "no program name column (expected one like {})",
            name.examples()
        ));
    }
    if !map.columns.contains_key(&state) && !map.columns.contains_key(&Field::Location) {
        missing.push(format!(
            "no state column (expected one like {})",
            state.examples()
        ));
    }
    if missing.is_empty() {
        return None;
    }
    let found: Vec<String> = map
        .names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| format!("{n:?}"))
        .collect();
    Some(format!(
        "{}; found {}",
        missing.join("; "),
        if found.is_empty() {
            "no headers".to_string()
        } else {
            found.join(", ")
        }
    ))
}
