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

/// Creates (or empties) a file readable only by the user, creating its
/// directory first. Every file usce writes with the user's data goes
/// through here, so each is written the same careful way:
///
/// - never through a symbolic link (`O_NOFOLLOW`): a link planted where
///   usce writes, say in an `--eml-dir`, would have it overwrite the
///   link's target;
/// - only into a regular file with no other hard link: not a FIFO or a
///   device (opened without waiting, then refused), nor a second name of a
///   file elsewhere;
/// - left with mode 0600 (at most) even when it existed with wider
///   permissions.
///
/// The file is emptied only after these checks.
pub fn create_private_file(path: &Path) -> io::Result<fs::File> {
    create_file(path, 0o600)
}

/// [`create_private_file`] with another mode, for files that are meant to
/// be read by others (manual pages).
pub fn create_file(path: &Path, mode: u32) -> io::Result<fs::File> {
    if let Some(parent) = path.parent() {
        create_private_dir(parent)?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(mode)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let refuse = |why: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} {why}; usce does not write there", path.display()),
        )
    };
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return refuse("is a symbolic link");
        }
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ENXIO) {
            return refuse("is a named pipe (FIFO)");
        }
        e
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refuse("is not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.nlink() > 1 {
            return Err(refuse("has other hard links"));
        }
        // Only ever narrowed: an existing 0644 file becomes 0600.
        let current = meta.mode() & 0o777;
        if current & !mode != 0 {
            file.set_permissions(fs::Permissions::from_mode(current & mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = mode;
    file.set_len(0)?;
    Ok(file)
}

/// Creates a new file readable only by the user; fails with
/// `AlreadyExists` if anything (a file, a link) is there already. For
/// reserving a name that no other usce may take at the same moment.
pub fn create_new_private_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Why [`read_regular_file`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// What it is instead, in words: "a named pipe (FIFO)", "a device"…
    NotAFile(&'static str),
    /// The size found, in bytes.
    TooLarge(u64),
}

/// Reads a regular file of at most `max_bytes`: the one way usce reads a
/// file the user names (an import, an attachment). The kind is checked
/// before opening, since opening a FIFO waits for a writer and a device
/// such as `/dev/zero` never ends (its size reads as 0), and again on the
/// opened file. Reading stops one byte past the limit, so a file that
/// grows meanwhile cannot fill the memory either.
pub fn read_regular_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let kind = fs::metadata(path).map_err(ReadError::Io)?.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotAFile(describe(kind)));
    }
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(describe(meta.file_type())));
    }
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > max_bytes {
        return Err(ReadError::TooLarge(read));
    }
    Ok(bytes)
}

/// The size of a regular file that opens for reading, checked as
/// [`read_regular_file`] checks before it reads: the kind first, so a FIFO
/// is never opened (that would wait for a writer), then the opened file.
pub fn regular_file_size(path: &Path) -> Result<u64, ReadError> {
    let kind = fs::metadata(path).map_err(ReadError::Io)?.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotAFile(describe(kind)));
    }
    let meta = fs::File::open(path)
        .and_then(|f| f.metadata())
        .map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(describe(meta.file_type())));
    }
    Ok(meta.len())
}

/// [`read_regular_file`] of text: the bytes must be UTF-8. Errors as
/// `io::Error`s that say what was wrong ("it is a named pipe (FIFO), not
/// a regular file"), for readers whose errors carry one.
pub fn read_regular_text(path: &Path, max_bytes: u64) -> io::Result<String> {
    let bytes = read_regular_file(path, max_bytes).map_err(|e| match e {
        ReadError::Io(e) => e,
        ReadError::NotAFile(kind) => io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {kind}, not a regular file"),
        ),
        ReadError::TooLarge(size) => io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {size} bytes, more than the {max_bytes} usce reads here"),
        ),
    })?;
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// What a path that is not a regular file is, in words.
fn describe(kind: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_fifo_or_a_second_hard_link_is_refused_without_waiting_or_writing() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        // No reader: a blocking open would wait here forever.
        let err = create_private_file(&fifo).unwrap_err();
        assert!(err.to_string().contains("is a named pipe (FIFO)"), "{err}");

        let original = dir.path().join("original");
        fs::write(&original, "keep me").unwrap();
        let second = dir.path().join("second-name");
        fs::hard_link(&original, &second).unwrap();
        let err = create_private_file(&second).unwrap_err();
        assert!(err.to_string().contains("has other hard links"), "{err}");
        assert_eq!(fs::read_to_string(&original).unwrap(), "keep me");
    }

    #[test]
    fn an_existing_file_is_emptied_and_narrowed_to_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("out.csv");
        let mut file = create_private_file(&path).unwrap();
        file.write_all(b"first, longer contents").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
        let mut file = create_private_file(&path).unwrap();
        file.write_all(b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
    }
}
