//! Workbooks (.xlsx, .xls, .ods) through calamine: one sheet, its cells as
//! the text a CSV export would hold (whole numbers without `.0`, dates as
//! ISO dates, `TRUE`/`FALSE`, errors such as `#N/A` as empty), numbered
//! by the spreadsheet's own row numbers.
//!
//! The sheet is the one `--sheet` names (by name or number from 1), or
//! else the first whose header usce recognises, the header being the
//! first of its first rows that names at least two known columns (a title
//! row above the table is common). Bounded: a zip is unpacked to at most
//! `unzip::MAX_UNPACKED_BYTES`, an .ods's repeated cells are counted
//! before they are expanded, and a value beyond column 1,000 is refused.
//! An .xls (a binary format of at most 65,536 × 256 cells) is read by
//! calamine as it is.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, Xls, Xlsx};

use super::json::number_text;
use super::{ImportIssue, SourceOptions, Table, ods_size, unzip, whole_file};
use crate::import::{headers, limits};

/// A sheet's rows with a value, by row number (from 1), each row's cells
/// up to its last value.
type Rows = BTreeMap<u64, Vec<String>>;

/// How many of a sheet's first rows may stand above its header.
const HEADER_WITHIN: usize = 10;

enum Book {
    Xlsx(Xlsx<Cursor<Vec<u8>>>),
    Xls(Xls<Cursor<Vec<u8>>>),
    Ods(Ods<Cursor<Vec<u8>>>),
}

pub(super) fn read(bytes: &[u8], options: &SourceOptions) -> Result<Table, ImportIssue> {
    let mut book = open(bytes).map_err(|m| whole_file(1, m))?;
    let names = match &book {
        Book::Xlsx(b) => b.sheet_names(),
        Book::Xls(b) => b.sheet_names(),
        Book::Ods(b) => b.sheet_names(),
    };
    if names.is_empty() {
        return Err(whole_file(1, "has no sheets".into()));
    }
    let (name, rows, header_at) = match &options.sheet {
        Some(wanted) => {
            let name = named(&names, wanted)?;
            let rows = rows_of(&mut book, &name)?;
            let header_at = header_row(&rows).or_else(|| rows.keys().next().copied());
            (name, rows, header_at)
        }
        None => first_with_header(&mut book, &names)?,
    };
    let note = (names.len() > 1).then(|| {
        let others: Vec<String> = names
            .iter()
            .filter(|n| **n != name)
            .map(|n| format!("{n:?}"))
            .collect();
        format!(
            "sheet {name:?} (the workbook also has {})",
            others.join(", ")
        )
    });
    let Some(header_at) = header_at else {
        return Err(whole_file(1, format!("sheet {name:?} is empty")));
    };
    let mut rows = rows;
    let header = rows.remove(&header_at).unwrap_or_default();
    let rows = rows.into_iter().filter(|(at, _)| *at > header_at).collect();
    Ok(Table {
        header,
        header_at,
        rows,
        place: super::Place::Row,
        note,
    })
}

fn open(bytes: &[u8]) -> Result<Book, String> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0";
    if bytes.starts_with(OLE) {
        return Xls::new(Cursor::new(bytes.to_vec()))
            .map(Book::Xls)
            .map_err(|e| format!("is not a readable .xls workbook ({e})"));
    }
    let unpacked = unzip::repack(bytes, unzip::MAX_UNPACKED_BYTES)?;
    let (content, is_xlsx) = {
        let mut archive = zip::ZipArchive::new(Cursor::new(&unpacked[..]))
            .map_err(|e| format!("is not a readable workbook ({e})"))?;
        let mut xml = Vec::new();
        let content = match archive.by_name("content.xml") {
            Ok(mut entry) => std::io::Read::read_to_end(&mut entry, &mut xml).is_ok(),
            Err(_) => false,
        };
        (
            content.then_some(xml),
            archive.by_name("xl/workbook.xml").is_ok(),
        )
    };
    if let Some(xml) = content {
        ods_size::cells_in(&xml, ods_size::MAX_SHEET_CELLS)?;
        return Ods::new(Cursor::new(unpacked))
            .map(Book::Ods)
            .map_err(|e| format!("is not a readable .ods workbook ({e})"));
    }
    if !is_xlsx {
        return Err(
            "is a zip file but not an .xlsx or .ods workbook (an .xlsb? save it as .xlsx)".into(),
        );
    }
    Xlsx::new(Cursor::new(unpacked))
        .map(Book::Xlsx)
        .map_err(|e| format!("is not a readable .xlsx workbook ({e})"))
}

/// The sheet `wanted` names: its exact name, the same ignoring case, or
/// its number from 1.
fn named(names: &[String], wanted: &str) -> Result<String, ImportIssue> {
    let found = names
        .iter()
        .find(|n| *n == wanted)
        .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted.trim())))
        .or_else(|| {
            let number: usize = wanted.trim().parse().ok()?;
            names.get(number.checked_sub(1)?)
        });
    found.cloned().ok_or_else(|| {
        let list: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
        whole_file(
            1,
            format!(
                "has no sheet {wanted:?}; its sheets are {}",
                list.join(", ")
            ),
        )
    })
}

/// The first sheet with a header usce recognises, else the first with
/// anything in it (its first row taken as the header, to be refused with
/// the columns it lacks).
fn first_with_header(
    book: &mut Book,
    names: &[String],
) -> Result<(String, Rows, Option<u64>), ImportIssue> {
    let mut fallback = None;
    for name in names {
        let rows = rows_of(book, name)?;
        if let Some(at) = header_row(&rows) {
            return Ok((name.clone(), rows, Some(at)));
        }
        if fallback.is_none() && !rows.is_empty() {
            let first = rows.keys().next().copied();
            fallback = Some((name.clone(), rows, first));
        }
    }
    Ok(fallback.unwrap_or_else(|| (names[0].clone(), Rows::new(), None)))
}

/// The first of the first rows that names two known columns.
fn header_row(rows: &Rows) -> Option<u64> {
    rows.iter().take(HEADER_WITHIN).find_map(|(at, cells)| {
        let known = headers::HeaderMap::new(cells).columns.len();
        (known >= 2).then_some(*at)
    })
}

fn rows_of(book: &mut Book, name: &str) -> Result<Rows, ImportIssue> {
    let mut rows = Rows::new();
    let unreadable =
        |e: &dyn std::fmt::Display| whole_file(1, format!("sheet {name:?} is not readable ({e})"));
    match book {
        Book::Xlsx(b) => {
            let mut cells = b.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
            while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
                let (row, column) = cell.get_position();
                put(&mut rows, row, column, ref_text(cell.get_value()))?;
            }
        }
        Book::Xls(b) => range_rows(
            &mut rows,
            &b.worksheet_range(name).map_err(|e| unreadable(&e))?,
        )?,
        Book::Ods(b) => range_rows(
            &mut rows,
            &b.worksheet_range(name).map_err(|e| unreadable(&e))?,
        )?,
    }
    Ok(rows)
}

fn range_rows(rows: &mut Rows, range: &calamine::Range<Data>) -> Result<(), ImportIssue> {
    let Some((top, left)) = range.start() else {
        return Ok(());
    };
    for (row, cells) in (top..).zip(range.rows()) {
        for (column, cell) in (left..).zip(cells) {
            put(rows, row, column, text(cell))?;
        }
    }
    Ok(())
}

/// Places one cell's text (0-based position), ignoring empty cells and
/// refusing a value past the column limit.
fn put(rows: &mut Rows, row: u32, column: u32, text: String) -> Result<(), ImportIssue> {
    if text.is_empty() {
        return Ok(());
    }
    let at = u64::from(row) + 1;
    let column = usize::try_from(column).unwrap_or(usize::MAX);
    if column >= limits::MAX_COLUMNS {
        return Err(ImportIssue {
            line: at,
            column: "row".into(),
            message: format!(
                "has a value in column {}; usce reads at most {} columns",
                column.saturating_add(1),
                limits::MAX_COLUMNS
            ),
        });
    }
    let cells = rows.entry(at).or_default();
    if cells.len() <= column {
        cells.resize(column + 1, String::new());
    }
    cells[column] = text;
    Ok(())
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) => s.clone(),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(d) => date_text(d),
        Data::DateTimeIso(s) => iso_text(s),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn ref_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(d) => date_text(d),
        DataRef::DateTimeIso(s) => iso_text(s),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// A date as `2027-07-01`, with the time only when it is not midnight.
fn date_text(d: &ExcelDateTime) -> String {
    if d.is_duration() {
        return d.to_string();
    }
    match d.as_datetime() {
        Some(at) if at.time() == chrono::NaiveTime::MIN => at.format("%Y-%m-%d").to_string(),
        Some(at) => at.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => d.to_string(),
    }
}

/// An .ods date (`2027-07-01T00:00:00`) without a midnight time.
fn iso_text(s: &str) -> String {
    s.strip_suffix("T00:00:00").unwrap_or(s).to_string()
}
