//! Where usce keeps its files, and creating them privately.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

fn dirs() -> io::Result<ProjectDirs> {
    ProjectDirs::from("", "", "usce").ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            "no home directory found; pass --db PATH",
        )
    })
}

/// The database path: the explicit one, else `<XDG data dir>/usce/usce.db`.
pub fn database(explicit: Option<&Path>) -> io::Result<PathBuf> {
    match explicit {
        Some(p) => Ok(p.to_path_buf()),
        None => Ok(dirs()?.data_dir().join("usce.db")),
    }
}

/// The config file: the explicit one, else `<XDG config dir>/usce/config.toml`.
pub fn config(explicit: Option<&Path>) -> io::Result<PathBuf> {
    match explicit {
        Some(p) => Ok(p.to_path_buf()),
        None => Ok(dirs()?.config_dir().join("config.toml")),
    }
}

/// Creates a directory (and parents) readable only by the user.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.exists() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates (or truncates) a file readable only by the user, creating its
/// directory first. Used for every file usce writes: data stays private.
pub fn create_private_file(path: &Path) -> io::Result<fs::File> {
    if let Some(parent) = path.parent() {
        create_private_dir(parent)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
