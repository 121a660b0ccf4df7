//! How big an import may be. Each limit is far beyond any real list, and
//! each is checked before the work it bounds: columns and cell sizes
//! before a header's names or a row's cells are copied out, the number of
//! problems before another one is collected. The file size is checked
//! where the file is read (`file::read`).

use super::ImportIssue;
use super::headers;

/// The widest file an import reads: real lists have a few dozen columns,
/// and a header of 2 million `a,` cells took 507 MB to read.
pub const MAX_COLUMNS: usize = 1_000;
/// The largest cell: a long note is a few KB.
pub const MAX_CELL_BYTES: usize = 64 * 1024;
/// Reading stops after this many problems: a wrong file would otherwise
/// collect one message per line, many times the file's size.
pub const MAX_PROBLEMS: usize = 1_000;

/// Refuses a header with more than [`MAX_COLUMNS`] columns or a cell over
/// [`MAX_CELL_BYTES`] (given the cells' lengths in bytes), before a single
/// name is copied out of it.
pub(super) fn header_over_limits(lengths: impl ExactSizeIterator<Item = usize>) -> Option<String> {
    if lengths.len() > MAX_COLUMNS {
        return Some(format!(
            "has {} columns; usce reads at most {MAX_COLUMNS} (is this a list of programs?)",
            lengths.len()
        ));
    }
    let (i, len) = lengths.enumerate().find(|(_, len)| *len > MAX_CELL_BYTES)?;
    Some(format!(
        "column {} is {} KB; a cell can hold at most {} KB",
        i + 1,
        len.div_ceil(1024),
        MAX_CELL_BYTES / 1024
    ))
}

/// A row over the limits, as issues: too many cells, or each cell over
/// [`MAX_CELL_BYTES`] under its column's name (given the cells' lengths
/// in bytes). Such a row is not read further.
pub(super) fn oversized_cells(
    line: u64,
    lengths: impl ExactSizeIterator<Item = usize>,
    map: &headers::HeaderMap,
) -> Option<Vec<ImportIssue>> {
    if lengths.len() > MAX_COLUMNS {
        return Some(vec![ImportIssue {
            line,
            column: "row".into(),
            message: format!(
                "has {} cells; a row can have at most {MAX_COLUMNS}",
                lengths.len()
            ),
        }]);
    }
    let issues: Vec<ImportIssue> = lengths
        .enumerate()
        .filter(|(_, len)| *len > MAX_CELL_BYTES)
        .map(|(i, len)| ImportIssue {
            line,
            column: map
                .names
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("column {}", i + 1)),
            message: format!(
                "is {} KB; a cell can hold at most {} KB",
                len.div_ceil(1024),
                MAX_CELL_BYTES / 1024
            ),
        })
        .collect();
    (!issues.is_empty()).then_some(issues)
}
