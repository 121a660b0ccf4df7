//! The one CSV writer behind every CSV file usce writes (`usce export`,
//! `usce list --format csv`, `usce sample --generate --out`): each cell
//! passes the same spreadsheet-formula guard, so no command can hand a
//! spreadsheet a cell it would run (CWE-1236).

use std::borrow::Cow;
use std::io::Write;

use super::csv::ExportError;
use crate::import::values::needs_formula_guard;

/// Comma-separated, UTF-8 without BOM, LF line ends, quoting only where a
/// cell needs it.
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(out: W) -> CsvWriter<W> {
        CsvWriter {
            inner: csv::Writer::from_writer(out),
        }
    }

    /// Writes one record, guarding every cell.
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), ExportError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for cell in cells {
            self.inner.write_field(guard(cell.as_ref()).as_bytes())?;
        }
        // An empty record ends the one written field by field.
        self.inner.write_record(std::iter::empty::<&[u8]>())?;
        Ok(())
    }

    /// Flushes what is buffered; call it once at the end.
    pub fn finish(mut self) -> Result<(), ExportError> {
        self.inner.flush()?;
        Ok(())
    }
}

/// A cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "@SUM(…)",
/// or a scraped "+1 555…") gets a leading `'`; the importer removes it
/// again, so an exported file imports back unchanged.
pub fn guard(text: &str) -> Cow<'_, str> {
    if needs_formula_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(rows: &[&[&str]]) -> String {
        let mut out = Vec::new();
        let mut w = CsvWriter::new(&mut out);
        for row in rows {
            w.row(row.iter()).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_cell_that_a_spreadsheet_would_run_is_guarded() {
        let text = written(&[
            &["name", "website"],
            &["=HYPERLINK(\"http://x\")", "@SUM(A1)"],
            &["+1 555 0100", "-2+3"],
            &["plain, with comma", "'=already"],
        ]);
        assert_eq!(
            text,
            "name,website\n\
             \"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1)\n\
             '+1 555 0100,'-2+3\n\
             \"plain, with comma\",''=already\n"
        );
    }
}
