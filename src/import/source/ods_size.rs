//! An .ods sheet says "this row, 1,000,000 times" and "this cell, 16,384
//! times" in two attributes; calamine expands them into one cell each
//! (up to 100 million cells, gigabytes) before usce sees a row. This counts
//! the cells a sheet would expand to, from its XML, before calamine is
//! asked: over [`MAX_SHEET_CELLS`] the workbook is refused.
//!
//! Only rows between the first and the last with a value count, and only
//! up to each row's last value, as calamine keeps no more: the million
//! empty rows LibreOffice writes after every sheet cost nothing.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The most cells the sheets of an .ods may expand to: a national list is
/// 15,000 rows of a few dozen columns, well under a million.
pub const MAX_SHEET_CELLS: u64 = 3_000_000;

/// The cells the workbook's sheets expand to, counted as calamine would
/// keep them, stopping as soon as the count passes `limit`.
pub(super) fn cells_in(content_xml: &[u8], limit: u64) -> Result<u64, String> {
    let mut reader = Reader::from_reader(content_xml);
    let mut buf = Vec::new();
    let mut count = Count::default();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("is not a readable workbook (content.xml: {e})"))?;
        match event {
            Event::Start(e) => count.open(&e, false),
            Event::Empty(e) => count.open(&e, true),
            Event::End(e) => count.close(e.name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
        if count.total() > limit {
            return Err(format!(
                "has sheets of more than {} million cells once their repeated rows and \
                 columns are counted (is this a list of programs?)",
                limit / 1_000_000
            ));
        }
        buf.clear();
    }
    Ok(count.total())
}

#[derive(Default)]
struct Count {
    /// Finished tables' cells.
    done: u64,
    /// The current table: rows from its first row with a value to its last
    /// so far, rows seen since (empty so far), and its widest row.
    rows: u64,
    empty_rows: u64,
    width: u64,
    /// The current row: its repeat, cells so far, the end of its last value.
    row_repeat: u64,
    row_cells: u64,
    row_width: u64,
    in_cell: bool,
    cell_repeat: u64,
}

const ROW: &str = "table:table-row";
const CELL: &str = "table:table-cell";
const COVERED: &str = "table:covered-table-cell";
const TABLE: &str = "table:table";
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

impl Count {
    fn total(&self) -> u64 {
        self.done
            .saturating_add(self.rows.saturating_mul(self.width))
    }

    fn open(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.name().as_ref() {
            TABLE => self.end_table(),
            ROW => {
                self.row_repeat = repeat(e, "table:number-rows-repeated", MAX_ROWS);
                self.row_cells = 0;
                self.row_width = 0;
                if empty {
                    self.end_row();
                }
            }
            CELL | COVERED => {
                self.cell_repeat = repeat(e, "table:number-columns-repeated", MAX_COLUMNS);
                let has_value = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == "office:value-type");
                self.in_cell = !empty;
                self.add_cell(has_value);
            }
            "text:p" if self.in_cell => {
                // Text without a value type still shows: the cell counts.
                self.row_width = self.row_cells;
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            ROW => self.end_row(),
            CELL | COVERED => self.in_cell = false,
            TABLE => self.end_table(),
            _ => {}
        }
    }

    fn add_cell(&mut self, has_value: bool) {
        self.row_cells = self
            .row_cells
            .saturating_add(self.cell_repeat)
            .min(MAX_COLUMNS);
        if has_value {
            self.row_width = self.row_cells;
        }
    }

    fn end_row(&mut self) {
        if self.row_width == 0 {
            self.empty_rows = self.empty_rows.saturating_add(self.row_repeat);
            return;
        }
        // Empty rows between two with values are kept, as empty cells.
        if self.rows > 0 {
            self.rows = self.rows.saturating_add(self.empty_rows);
        }
        self.empty_rows = 0;
        self.rows = self.rows.saturating_add(self.row_repeat);
        self.width = self.width.max(self.row_width);
        self.row_width = 0;
    }

    fn end_table(&mut self) {
        self.done = self.total();
        self.rows = 0;
        self.empty_rows = 0;
        self.width = 0;
    }
}

/// A repeat attribute's number (1 when absent or unreadable), capped as
/// calamine caps it.
fn repeat(e: &BytesStart<'_>, key: &str, cap: u64) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .map_or(1, |n| n.clamp(1, cap))
}
