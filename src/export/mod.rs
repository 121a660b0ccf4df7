//! Writing the user's data back out. `csv` writes programs with the
//! importer's canonical headers, so an exported file imports back with
//! nothing lost; the JSON export and backups live with their CLI commands.

pub mod calendar;
pub mod calendar_file;
pub mod csv;
pub mod writer;

pub use self::csv::{ExportError, write_csv};
pub use writer::CsvWriter;
