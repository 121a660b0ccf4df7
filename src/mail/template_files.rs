//! Template files on disk: the user's directory, and installing the
//! shipped defaults into it. The file format is described in
//! `templates.rs`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::templates::{BUILTIN, TemplateError};

pub(crate) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> TemplateError + '_ {
    move |e| TemplateError::Io {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

/// Copies the shipped templates into `dir` so the user can edit them.
/// Existing files are never touched. New files are 0600 and a new
/// directory 0700: drafts may hold personal details. Returns the files
/// written.
pub fn install_defaults(dir: &Path) -> Result<Vec<PathBuf>, TemplateError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io_error(dir))?;

    let mut written = Vec::new();
    for (name, text) in BUILTIN {
        let path = dir.join(format!("{name}.txt"));
        let mut options = fs::OpenOptions::new();
        // create_new refuses any existing path, symlinks included, so a
        // user's edit is never overwritten.
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes()).map_err(io_error(&path))?;
                written.push(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_error(&path)(e)),
        }
    }
    Ok(written)
}

/// Splits a template file into subject and body sources.
/// Longest template line accepted. No email needs more, and minijinja
/// counts columns in 16 bits: a syntax error past column 65,535 overflows
/// (found by tests/reliability/hostile_input.rs), so such files are refused first.
const MAX_LINE_CHARS: usize = 10_000;

pub(crate) fn split_source(text: &str) -> Result<(String, String), String> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    if let Some(n) = text
        .split('\n')
        .position(|line| line.chars().count() > MAX_LINE_CHARS)
    {
        return Err(format!(
            "line {} is longer than {MAX_LINE_CHARS} characters; break it into shorter lines",
            n + 1
        ));
    }
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let subject = first
        .get(..8)
        .filter(|head| head.eq_ignore_ascii_case("subject:"))
        .map(|_| first[8..].trim().to_owned())
        .ok_or("line 1 must start with \"Subject:\"")?;
    let (second, body) = rest.split_once('\n').unwrap_or((rest, ""));
    if !second.trim().is_empty() {
        return Err("line 2 must be blank (it separates the subject from the body)".into());
    }
    Ok((subject, body.to_owned()))
}

/// `NAME.txt` files in `dir`, by template name. Other files are ignored so
/// editor backups and notes can live beside the templates.
pub(crate) fn user_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, TemplateError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(dir)(e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(io_error(dir))?.path();
        let is_txt = path.extension().is_some_and(|ext| ext == "txt");
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if is_txt && path.is_file() && is_template_name(name) {
            files.push((name.to_owned(), path.clone()));
        }
    }
    files.sort();
    Ok(files)
}

fn is_template_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}
