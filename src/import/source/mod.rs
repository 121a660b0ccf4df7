//! Where an import's rows come from. Every reader gives the same thing: a
//! header (`Vec<String>`) and rows of cells, each with the number the user
//! would look for in the source (a line of a CSV file, a row of a sheet,
//! an item of a JSON array). Header mapping and cell reading are the same
//! for all of them (`import::parse_source_into`).
//!
//! The format comes from the content, the name only breaking ties: a zip
//! (`PK`) or an OLE file is a workbook, text starting with `[` or `{` is
//! JSON, anything else is delimited text (comma, semicolon, tab or `|`,
//! `sniff_delimiter` deciding), which covers a table copied from a web
//! page and pasted into a file: tabs, trailing tabs and blank lines.

mod json;
mod ods_size;
mod sheet;
pub(crate) mod text;
mod unzip;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_sheet;

use std::fmt;

use super::ImportIssue;

/// What kind of input the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV, TSV and the other delimited texts.
    Delimited,
    Json,
    /// .xlsx, .xls or .ods.
    Workbook,
}

impl Format {
    /// Decides from the first bytes; `name` (the file's name, if any) is
    /// looked at only when the content says nothing, as for an empty file.
    pub fn detect(bytes: &[u8], name: Option<&str>) -> Format {
        const ZIP: &[u8] = b"PK\x03\x04";
        const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
        if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
            return Format::Workbook;
        }
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[' | b'{') => Format::Json,
            Some(_) => Format::Delimited,
            None => match extension(name).as_deref() {
                Some("json") => Format::Json,
                Some("xlsx" | "xls" | "ods" | "xlsm") => Format::Workbook,
                _ => Format::Delimited,
            },
        }
    }
}

fn extension(name: Option<&str>) -> Option<String> {
    let (_, ext) = name?.rsplit_once('.')?;
    Some(ext.to_ascii_lowercase())
}

/// What the numbers in rows and problems count: said before each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Place {
    /// A physical line of a text file (the header is line 1).
    #[default]
    Line,
    /// A spreadsheet row, as the spreadsheet numbers it.
    Row,
    /// An element of a JSON array, from 1.
    Item,
}

impl Place {
    /// "line", "row" or "item".
    pub fn word(self) -> &'static str {
        match self {
            Place::Line => "line",
            Place::Row => "row",
            Place::Item => "item",
        }
    }

    /// A problem as `FILE:12: column: message` for a text file (the form
    /// editors jump to), `FILE: row 12: column: message` otherwise.
    /// A JSON file's own problems (no list, its keys) belong to no item.
    pub fn locate(self, file: &dyn fmt::Display, issue: &ImportIssue) -> String {
        match self {
            Place::Line => format!("{file}:{issue}"),
            Place::Item if issue.column == "header" => {
                format!("{file}: {}", issue.message)
            }
            other => format!("{file}: {} {issue}", other.word()),
        }
    }
}

/// How to read the input: the sheet to take from a workbook (`--sheet`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceOptions {
    /// A sheet's name, or its number from 1; `None` takes the first sheet
    /// with a header usce recognises.
    pub sheet: Option<String>,
}

/// A source that is not delimited text, read whole: its header and rows,
/// each with its number. Cells are text, as a CSV cell would be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub header_at: u64,
    pub rows: Vec<(u64, Vec<String>)>,
    pub place: Place,
    /// What was read, when the source held a choice: "sheet "Programs"
    /// (the workbook also has "Notes")".
    pub note: Option<String>,
}

/// Reads a workbook or JSON into a [`Table`], or says why it cannot: an
/// issue against the header (the file as a whole), with its place.
pub fn read_table(
    bytes: &[u8],
    format: Format,
    options: &SourceOptions,
) -> Result<Table, (Place, ImportIssue)> {
    match format {
        Format::Json => json::read(bytes).map_err(|e| (Place::Item, e)),
        Format::Workbook => sheet::read(bytes, options).map_err(|e| (Place::Row, e)),
        Format::Delimited => Err((Place::Line, whole_file(1, "is delimited text".into()))),
    }
}

/// A problem with the file as a whole, reported against its header.
pub(crate) fn whole_file(at: u64, message: String) -> ImportIssue {
    ImportIssue {
        line: at,
        column: "header".into(),
        message,
    }
}
