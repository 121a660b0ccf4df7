//! Byte-level help for delimited text (CSV, TSV): the encodings and line
//! ends spreadsheets write, and a record's cells as text.

use std::borrow::Cow;

use crate::import::row;

/// The record's cells as text, or the UTF-8 error of each one that is not.
/// Nearly every record is valid UTF-8 as a whole, so it is checked once and
/// cut at the field boundaries; a cut inside a character (possible only
/// when a cell on its own is not UTF-8) falls back to checking that cell.
pub(crate) fn cells_of(record: &csv::ByteRecord) -> Vec<row::Cell<'_>> {
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
pub(crate) fn from_utf16(bytes: &[u8]) -> Option<Vec<u8>> {
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
pub(crate) fn unify_line_ends(bytes: &[u8]) -> Cow<'_, [u8]> {
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

/// Physical line numbers for the csv reader's records. Its own count skips
/// blank lines (a record after one blank line says line 2 for line 3), so
/// a pasted web table's errors would point one line up per blank line; the
/// line is counted here from the record's byte offset instead, past the
/// blank lines the reader skipped. Records come in order, so the whole
/// file is counted once.
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    /// `bytes` with line ends already unified to `\n`.
    pub(crate) fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line of the record starting at `position` (or of an error
    /// there); 1 without a position.
    pub(crate) fn of(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return self.line;
        };
        let mut start = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        if start < self.at {
            return self.line;
        }
        while self.bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let newlines = memchr::memchr_iter(b'\n', &self.bytes[self.at..start]).count();
        self.line += u64::try_from(newlines).unwrap_or(u64::MAX);
        self.at = start;
        self.line
    }
}
