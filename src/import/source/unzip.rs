//! An .xlsx or .ods is a zip, and a zip can unpack to a thousand times its
//! size: a 200 MB "workbook" could ask for 200 GB. The sizes a zip states
//! can lie, and calamine unpacks its entries whole, so the workbook is
//! unpacked here first, each entry read at most to what is left of
//! [`MAX_UNPACKED_BYTES`], and what calamine needs is handed to it as a
//! new, uncompressed zip in memory.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The most a workbook may unpack to, over all the entries read: a
/// national list of 15,000 programs with their people is about 30 MB of
/// sheet XML.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1_000_000;

/// What calamine reads of a workbook: its XML parts, relationships and
/// ODS's mimetype. Pictures, thumbnails and macros are left packed.
fn wanted(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels") || name == "mimetype"
}

/// The workbook again, with only the wanted entries, uncompressed, or why
/// not (not a zip, or it unpacks to more than `limit` bytes).
pub(super) fn repack(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("is not a readable workbook ({e})"))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(true);
    let mut left = limit;
    let mut buffer = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| format!("is not a readable workbook ({e})"))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if entry.is_dir() || !wanted(&name) {
            continue;
        }
        buffer.clear();
        // One byte past what is left tells "too big" from "exactly fits".
        (&mut entry)
            .take(left.saturating_add(1))
            .read_to_end(&mut buffer)
            .map_err(|e| format!("is not a readable workbook ({name}: {e})"))?;
        let size = u64::try_from(buffer.len()).unwrap_or(u64::MAX);
        if size > left {
            return Err(format!(
                "unpacks to more than {} MB (a zip bomb, or not a list of programs)",
                limit / 1_000_000
            ));
        }
        left -= size;
        out.start_file(name, stored)
            .and_then(|()| out.write_all(&buffer).map_err(Into::into))
            .map_err(|e| format!("could not be unpacked ({e})"))?;
    }
    let packed = out
        .finish()
        .map_err(|e| format!("could not be unpacked ({e})"))?;
    Ok(packed.into_inner())
}
