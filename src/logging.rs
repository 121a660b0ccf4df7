//! The log file: what usce did and what went wrong, for reading after a
//! problem. It never goes to the screen (the TUI owns the terminal, and the
//! CLI's output is for scripts), and it never holds a password or the text
//! of a message: call sites log counts, hosts and error messages only.
//!
//! Lines go to `<XDG state dir>/usce/logs/usce.log.YYYY-MM-DD` (the data
//! dir where a platform has no state dir), one file per day (UTC), the
//! newest [`KEEP_FILES`] kept, and `usce.log` links to today's. Files are
//! created 0600 in a 0700 directory: a log says which programs someone
//! wrote to, which is nobody else's business.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;

use chrono::{NaiveDate, Utc};
use directories::ProjectDirs;
use tracing::level_filters::LevelFilter;
use tracing_appender::rolling::{RollingFileAppender, RollingWriter, Rotation};
use tracing_subscriber::fmt::MakeWriter;

use crate::paths;

/// Overrides the level: `trace`, `debug`, `info`, `warn`, `error` or `off`.
pub const LOG_ENV: &str = "USCE_LOG";
/// Daily files kept; older ones are deleted as new ones start.
pub const KEEP_FILES: usize = 14;
/// Dated files are `usce.log.YYYY-MM-DD`; `usce.log` points at today's.
pub const FILE_NAME: &str = "usce.log";

/// `<XDG state dir>/usce/logs`, or `<data dir>/usce/logs` where the
/// platform has no state dir (macOS, Windows).
pub fn log_dir() -> io::Result<PathBuf> {
    let dirs = ProjectDirs::from("", "", "usce")
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no home directory for the log"))?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_dir());
    Ok(base.join("logs"))
}

/// The level to log at: `USCE_LOG` when it names a level, else debug with
/// `--verbose`, else info.
pub fn level(verbose: bool, env: Option<&str>) -> LevelFilter {
    env.and_then(|v| LevelFilter::from_str(v.trim()).ok())
        .unwrap_or(if verbose {
            LevelFilter::DEBUG
        } else {
            LevelFilter::INFO
        })
}

/// Starts logging to [`log_dir`] for the whole process and logs panics.
/// Returns the directory. An error means no log, never a stopped app.
pub fn init(verbose: bool) -> io::Result<PathBuf> {
    let dir = log_dir()?;
    let env = std::env::var(LOG_ENV).ok();
    init_in(&dir, level(verbose, env.as_deref()))?;
    Ok(dir)
}

/// Starts logging into `dir` at `level`. Only the first call in a process
/// takes effect; later ones fail with `AlreadyExists`.
pub fn init_in(dir: &Path, level: LevelFilter) -> io::Result<()> {
    let writer = PrivateDailyFile::open(dir)?;
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(level)
        .finish();
    tracing::subscriber::set_global_default(subscriber)
        .map_err(|e| io::Error::new(io::ErrorKind::AlreadyExists, e))?;
    log_panics();
    Ok(())
}

/// Records a panic in the log, then lets the previous hook run. The TUI's
/// hook (installed later by `ratatui::run`) restores the terminal first and
/// then calls this one, so the log never delays giving the terminal back.
fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!(panic = %info, "usce panicked");
        previous(info);
    }));
}

/// A daily rolling file whose every file is created 0600. The appender
/// opens files with the default mode, so today's file is created first,
/// privately, and the appender then appends to it.
struct PrivateDailyFile {
    appender: RollingFileAppender,
    dir: PathBuf,
    prepared: Mutex<Option<NaiveDate>>,
}

impl PrivateDailyFile {
    fn open(dir: &Path) -> io::Result<PrivateDailyFile> {
        paths::create_private_dir(dir)?;
        tighten(dir, 0o700)?;
        let today = Utc::now().date_naive();
        create_private_log(&dated_path(dir, today))?;
        let appender = RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix(FILE_NAME)
            .max_log_files(KEEP_FILES)
            .latest_symlink(FILE_NAME)
            .build(dir)
            .map_err(io::Error::other)?;
        Ok(PrivateDailyFile {
            appender,
            dir: dir.to_path_buf(),
            prepared: Mutex::new(Some(today)),
        })
    }

    /// On the first line of a new day, creates that day's file privately
    /// before the appender rolls over to it.
    fn prepare_today(&self) {
        let today = Utc::now().date_naive();
        let Ok(mut prepared) = self.prepared.lock() else {
            return;
        };
        if *prepared != Some(today) {
            // Failing here only means the appender creates the file itself.
            let _ = create_private_log(&dated_path(&self.dir, today));
            *prepared = Some(today);
        }
    }
}

impl<'a> MakeWriter<'a> for PrivateDailyFile {
    type Writer = RollingWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        self.prepare_today();
        self.appender.make_writer()
    }
}

/// The name tracing-appender gives a day's file (dates in UTC).
fn dated_path(dir: &Path, day: NaiveDate) -> PathBuf {
    dir.join(format!("{FILE_NAME}.{}", day.format("%Y-%m-%d")))
}

/// Creates the file 0600 if missing; an existing one keeps its content but
/// loses any group or world access.
fn create_private_log(path: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?;
    tighten(path, 0o600)
}

/// Removes permission bits beyond `mode` from a file or directory usce owns.
fn tighten(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let current = fs::metadata(path)?.permissions().mode() & 0o777;
        if current & !mode != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(current & mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_env_overrides_verbose_and_junk_is_ignored() {
        assert_eq!(level(false, None), LevelFilter::INFO);
        assert_eq!(level(true, None), LevelFilter::DEBUG);
        assert_eq!(level(true, Some("warn")), LevelFilter::WARN);
        assert_eq!(level(false, Some(" TRACE ")), LevelFilter::TRACE);
        assert_eq!(level(false, Some("off")), LevelFilter::OFF);
        assert_eq!(level(true, Some("loud")), LevelFilter::DEBUG);
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_log_loses_group_and_world_access() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("usce.log.2024-01-01");
        fs::write(&path, "old line\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        create_private_log(&path).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old line\n");
    }
}
