//! The calendar feed read from a store and written to a file: what `usce
//! calendar -o FILE` and the TUI's `calendar.path` rewrite share. The one
//! part of `export` that takes a `Store`, like `import::file`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::calendar::{CalendarOptions, write_calendar};
use crate::store::Store;

#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The user's zone for the feed: `TZ` when it names one (`America/Chicago`;
/// a leading `:` is dropped), else nothing.
pub fn time_zone_from_env() -> Option<String> {
    let tz = std::env::var("TZ").ok()?;
    let tz = tz.trim().trim_start_matches(':');
    (!tz.is_empty() && !tz.starts_with('/')).then(|| tz.to_string())
}

/// The feed as text, from what the store holds now.
pub fn feed(store: &Store, options: &CalendarOptions) -> Result<String, CalendarError> {
    let (programs, plans) = store.load_programs_and_plans()?;
    let follow_ups = store.list_open_follow_ups()?;
    Ok(write_calendar(&programs, &plans, &follow_ups, options))
}

/// Writes the feed to `path` whole: into `FILE.part`, then renamed over
/// the old file, so a calendar app reading it never sees half of one.
pub fn save(store: &Store, path: &Path, options: &CalendarOptions) -> Result<(), CalendarError> {
    let text = feed(store, options)?;
    let io = |source| CalendarError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let mut file = crate::paths::create_private_file(&part).map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(file);
    std::fs::rename(&part, path).map_err(io)
}
