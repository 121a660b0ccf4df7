//! What a look at an attached file found (the CV, the score report), and
//! how a save of the profile reports it: "cv.pdf · 412 KB". The looking is
//! I/O and happens in the runtime (`outreach::attachments::check`); this
//! is the plain answer and its wording.

/// One file as typed in the profile, and what is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFile {
    /// As typed (`~/` allowed).
    pub path: String,
    pub found: Found,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A regular file that opened for reading, this many bytes.
    File {
        bytes: u64,
    },
    Missing,
    /// Something else is at the path: "a folder", "a named pipe (FIFO)".
    NotAFile(String),
    /// There, but it would not open: the reason ("Permission denied").
    Unreadable(String),
}

/// A size as people say it: "900 bytes", "412 KB", "1.2 MB" (1024-based,
/// as the attachment limit is).
pub fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    match bytes {
        b if b < KB => format!("{b} bytes"),
        b if b < MB => format!("{} KB", b.div_ceil(KB)),
        b => format!("{:.1} MB", b as f64 / MB as f64),
    }
}

/// The last part of a path, as a file manager names the file.
fn file_name(path: &str) -> &str {
    let path = path.trim_end_matches('/');
    path.rsplit('/').next().unwrap_or(path)
}

/// The status line after the profile's files were looked at: the sizes
/// when all is well, else every problem, and whether that is a warning.
/// A file above `limit` bytes is a warning, not a refusal: the file may be
/// made smaller before anything is sent.
pub fn report(files: &[CheckedFile], limit: u64) -> (String, bool) {
    let mut sizes = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let name = file_name(&f.path);
        match &f.found {
            Found::File { bytes } if *bytes > limit => {
                sizes.push(format!("{name} · {}", human_size(*bytes)));
                problems.push(format!(
                    "{name} is {}, above the {} attachment limit: a send with it stops, so \
                     make it smaller",
                    human_size(*bytes),
                    human_size(limit)
                ));
            }
            Found::File { bytes } => sizes.push(format!("{name} · {}", human_size(*bytes))),
            Found::Missing => problems.push(format!(
                "no file is there: {}. Emails attach it when they are sent: fix the path",
                f.path
            )),
            Found::NotAFile(what) => problems.push(format!(
                "{} is {what}, not a file: give the file's path",
                f.path
            )),
            Found::Unreadable(why) => problems.push(format!(
                "{} cannot be read ({why}): check its permissions",
                f.path
            )),
        }
    }
    if problems.is_empty() {
        (
            format!("Saved. Attached to emails: {}.", sizes.join(", ")),
            false,
        )
    } else {
        (format!("Saved, but {}.", problems.join("; ")), true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: u64 = 15 * 1024 * 1024;

    fn file(path: &str, found: Found) -> CheckedFile {
        CheckedFile {
            path: path.into(),
            found,
        }
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(900), "900 bytes");
        assert_eq!(human_size(412 * 1024), "412 KB");
        assert_eq!(human_size(1_258_291), "1.2 MB");
        assert_eq!(human_size(LIMIT), "15.0 MB");
    }

    #[test]
    fn good_files_report_their_sizes_and_problems_are_each_named() {
        let cv = file("~/Documents/cv.pdf", Found::File { bytes: 412 * 1024 });
        let (text, warn) = report(std::slice::from_ref(&cv), LIMIT);
        assert_eq!(text, "Saved. Attached to emails: cv.pdf · 412 KB.");
        assert!(!warn);
        let big = file(
            "~/usmle.pdf",
            Found::File {
                bytes: 18 * 1024 * 1024,
            },
        );
        let (text, warn) = report(&[cv.clone(), big], LIMIT);
        assert!(warn);
        assert!(
            text.contains("usmle.pdf is 18.0 MB, above the 15.0 MB attachment limit"),
            "{text}"
        );
        let (text, _) = report(&[file("~/gone.pdf", Found::Missing)], LIMIT);
        assert!(text.contains("no file is there: ~/gone.pdf"), "{text}");
        let (text, _) = report(&[file("~/docs", Found::NotAFile("a folder".into()))], LIMIT);
        assert!(text.contains("~/docs is a folder, not a file"), "{text}");
        let locked = file("~/cv.pdf", Found::Unreadable("Permission denied".into()));
        let (text, _) = report(&[locked], LIMIT);
        assert!(
            text.contains("cannot be read (Permission denied)"),
            "{text}"
        );
    }
}
