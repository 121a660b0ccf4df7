//! Handing things to other programs without a shell: a program's website or
//! a `mailto:` link to the desktop's opener, a draft to the user's editor.
//!
//! Nothing here goes through `sh -c`. A URL from an imported spreadsheet
//! such as `https://x.org/;rm -rf ~` reaches the opener as one argument and
//! is never interpreted; `$EDITOR` is split into words the way a shell
//! would quote them, but `;`, `|`, `$(…)` and `~` stay literal text.

use std::io;
use std::path::Path;
use std::process::{Command, Stdio};

use url::Url;

/// Schemes the opener may be given. Anything else (`file:`, `javascript:`,
/// a bare path, an option such as `--help`) is refused: a URL comes from
/// imported data, and the desktop opener would run or open whatever it is
/// handed. Compared after parsing, so `HTTPS:` is `https:`.
const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The desktop's "open this" command.
#[cfg(target_os = "macos")]
const OPENER: &str = "open";
#[cfg(not(target_os = "macos"))]
const OPENER: &str = "xdg-open";

/// What to install when the desktop's opener is missing.
#[cfg(target_os = "macos")]
const OPENER_PACKAGE: &str = "it comes with macOS";
#[cfg(not(target_os = "macos"))]
const OPENER_PACKAGE: &str = "install xdg-utils (sudo apt install xdg-utils)";

/// Opens `url` with the `browser` setting of config.toml (split into words
/// like `$EDITOR`, never through a shell) or else the desktop's opener.
/// A failure says which program failed, why, and what to do about it:
/// "xdg-open not found — install xdg-utils (…), or set `browser` in
/// config.toml", never a bare "No such file or directory (os error 2)".
pub fn open_link(browser: Option<&str>, url: &str) -> Result<(), String> {
    check_url(url).map_err(|e| e.to_string())?;
    let configured = browser.and_then(split_words);
    let (program, args): (&str, &[String]) = match &configured {
        Some(words) => (&words[0], &words[1..]),
        None => (OPENER, &[]),
    };
    spawn_opener(program, args, url).map_err(|e| why_not_opened(program, configured.is_some(), &e))
}

/// The reason and the remedy, for a user rather than a programmer.
fn why_not_opened(program: &str, configured: bool, e: &io::Error) -> String {
    match (e.kind(), configured) {
        (io::ErrorKind::NotFound, false) => format!(
            "{program} not found — {OPENER_PACKAGE}, or set `browser` in config.toml \
             (e.g. browser = \"firefox\")"
        ),
        (io::ErrorKind::NotFound, true) => format!(
            "{program} not found (the `browser` setting in config.toml) — install it, \
             or change or remove the setting"
        ),
        (io::ErrorKind::PermissionDenied, _) => {
            format!("{program} is not a program usce may run ({e}) — check its permissions")
        }
        _ => format!("{program} did not start ({e})"),
    }
}

fn spawn_opener(
    program: impl AsRef<std::ffi::OsStr>,
    args: &[String],
    url: &str,
) -> io::Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reap it in the background so it never lingers as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Opens an http(s) or `mailto:` URL in the user's browser or mail app.
/// Returns once the opener has started; it is never waited on in the
/// foreground, so a slow browser does not freeze the TUI.
pub fn open_url(url: &str) -> io::Result<()> {
    open_with(Path::new(OPENER), url)
}

/// [`open_url`] with a chosen opener program, so tests can stand one in.
pub fn open_with(opener: &Path, url: &str) -> io::Result<()> {
    check_url(url)?;
    spawn_opener(opener, &[], url)
}

/// Refuses anything but an http(s) or `mailto:` URL, and any URL holding
/// white space or control characters (a real one has them encoded).
pub fn check_url(url: &str) -> io::Result<()> {
    let refuse = |why: &str| {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not opening {url:?}: {why}"),
        ))
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("a link cannot contain spaces or control characters");
    }
    let Ok(parsed) = Url::parse(url) else {
        return refuse("only http://, https:// and mailto: links are opened");
    };
    if !ALLOWED_SCHEMES.contains(&parsed.scheme()) {
        return refuse("only http://, https:// and mailto: links are opened");
    }
    let empty = match parsed.scheme() {
        // "mailto:?body=…" is a draft with no recipient yet: the mail app
        // asks for one (RFC 6068). Only a bare "mailto:" is empty.
        "mailto" => parsed.path().is_empty() && parsed.query().is_none_or(str::is_empty),
        _ => parsed.host_str().is_none_or(str::is_empty),
    };
    if empty {
        return refuse("the link is empty");
    }
    Ok(())
}

/// The link to open for a program's website as stored: a link with its
/// own http(s) or `mailto:` scheme (any case: `HTTPS://X.EXAMPLE/`) as it
/// is, a bare `www.x.org/page` as https. A link with any other scheme
/// (`javascript:`, `file:`, `ftp://`) is refused rather than turned into
/// `https://javascript:…`.
pub fn website_link(text: &str) -> Result<String, String> {
    let text = text.trim();
    let refused =
        || format!("not opening {text:?}: only http://, https:// and mailto: links are opened");
    let has_scheme = text.contains("://");
    match Url::parse(text) {
        Ok(url) if ALLOWED_SCHEMES.contains(&url.scheme()) => return Ok(url.into()),
        // "x.org:8080/page" parses with "x.org" as its scheme: a scheme
        // has no dot, a host name does.
        Ok(url) if has_scheme || !url.scheme().contains('.') => return Err(refused()),
        Err(_) if has_scheme => return Err(refused()),
        _ => {}
    }
    match Url::parse(&format!("https://{text}")) {
        Ok(url) if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(url.into()),
        _ => Err(refused()),
    }
}

/// The editor to run, as argv: `$VISUAL`, else `$EDITOR` (pass their
/// values), split into words with shell quoting rules but no shell.
/// `None` when neither is set to something usable (blank, or an unclosed
/// quote); the caller then picks a default or says so.
pub fn editor_command(visual: Option<String>, editor: Option<String>) -> Option<Vec<String>> {
    [visual, editor]
        .into_iter()
        .flatten()
        .find_map(|value| split_words(&value))
}

/// `code --wait` → `["code", "--wait"]`; `"/opt/My Editor/ed" -n` keeps the
/// quoted path whole. `None` for blank text or unbalanced quotes.
fn split_words(value: &str) -> Option<Vec<String>> {
    shell_words::split(value)
        .ok()
        .filter(|words| words.first().is_some_and(|w| !w.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_opener_is_named_with_what_to_install_or_set() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        let default = why_not_opened("xdg-open", false, &e);
        assert!(default.starts_with("xdg-open not found — "), "{default}");
        assert!(
            default.contains("set `browser` in config.toml"),
            "{default}"
        );
        #[cfg(not(target_os = "macos"))]
        assert!(default.contains("install xdg-utils"), "{default}");
        let set = open_link(
            Some("/nonexistent/usce-browser --new-tab"),
            "https://x.org/",
        )
        .unwrap_err();
        assert!(
            set.starts_with("/nonexistent/usce-browser not found (the `browser` setting"),
            "{set}"
        );
        // A refused link says so before any program is looked for.
        let refused = open_link(Some("/nonexistent/b"), "file:///etc/passwd").unwrap_err();
        assert!(
            refused.contains("only http://, https:// and mailto:"),
            "{refused}"
        );
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn visual_wins_over_editor_and_blank_values_fall_through() {
        assert_eq!(
            editor_command(some("nvim"), some("nano")),
            Some(vec!["nvim".to_string()])
        );
        assert_eq!(
            editor_command(some("  "), some("nano -w")),
            Some(vec!["nano".to_string(), "-w".to_string()])
        );
        assert_eq!(editor_command(None, None), None);
        assert_eq!(editor_command(some(""), some("")), None);
    }

    #[test]
    fn quotes_keep_paths_with_spaces_whole() {
        assert_eq!(
            editor_command(some(r#""/opt/My Editor/ed" --wait 'a b'"#), None),
            Some(vec![
                "/opt/My Editor/ed".to_string(),
                "--wait".to_string(),
                "a b".to_string()
            ])
        );
    }

    #[test]
    fn an_unclosed_quote_is_unusable_and_the_next_source_is_tried() {
        assert_eq!(
            editor_command(some("vim 'oops"), some("nano")),
            Some(vec!["nano".to_string()])
        );
        assert_eq!(editor_command(some("vim \"oops"), None), None);
    }

    #[test]
    fn shell_syntax_in_the_editor_stays_literal_arguments() {
        let argv = editor_command(some("vim; rm -rf ~"), None).unwrap();
        assert_eq!(argv, ["vim;", "rm", "-rf", "~"]);
        let argv = editor_command(some("vi $(touch /tmp/pwned) `id` | cat && x"), None).unwrap();
        assert_eq!(
            argv,
            [
                "vi",
                "$(touch",
                "/tmp/pwned)",
                "`id`",
                "|",
                "cat",
                "&&",
                "x"
            ]
        );
    }

    #[test]
    fn website_links_keep_their_scheme_in_any_case_and_bare_hosts_get_https() {
        for (stored, opened) in [
            ("HTTPS://X.EXAMPLE/", "https://x.example/"),
            ("Http://Example.org/Path?Q=1", "http://example.org/Path?Q=1"),
            ("https://example.org", "https://example.org/"),
            ("MAILTO:gme@example.edu", "mailto:gme@example.edu"),
            (
                "mailto:gme@example.edu?subject=Rotation",
                "mailto:gme@example.edu?subject=Rotation",
            ),
            ("www.example.org/im", "https://www.example.org/im"),
            ("  example.org  ", "https://example.org/"),
            ("example.org:8080/im", "https://example.org:8080/im"),
        ] {
            assert_eq!(website_link(stored).as_deref(), Ok(opened), "{stored}");
            check_url(opened).unwrap_or_else(|e| panic!("{opened}: {e}"));
        }
        for refused in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "FTP://example.org/list",
            "data:text/html,hi",
            "",
            "https://",
        ] {
            assert!(
                website_link(refused).is_err(),
                "{refused:?} should be refused"
            );
        }
    }

    #[test]
    fn only_web_and_mail_links_are_accepted() {
        for ok in [
            "https://example.org/program?id=1&x=2",
            "HTTP://EXAMPLE.ORG",
            "mailto:gme@example.edu?subject=Rotation%20request",
            "mailto:?body=Dear%20coordinator",
        ] {
            check_url(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "/usr/bin/xcalc",
            "--help",
            "https://",
            "mailto:",
            "https://example.org/a b",
            "https://example.org/\n--version",
            "https://example.org/\u{1b}]0;pwned\u{7}",
            "ftp://example.org",
            "",
        ] {
            assert!(check_url(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_url_reaches_the_opener_as_one_argument_never_through_a_shell() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("argv");
        let opener = dir.path().join("fake-opener");
        std::fs::write(
            &opener,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}.tmp'\nmv '{0}.tmp' '{0}'\n",
                out.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o700)).unwrap();
        let pwned = dir.path().join("pwned");
        let url = format!(
            "https://example.org/;touch${{IFS}}{}&&$(touch${{IFS}}{0})",
            pwned.display()
        );
        open_with(&opener, &url).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !out.exists() {
            assert!(std::time::Instant::now() < deadline, "the opener never ran");
            std::thread::yield_now();
        }
        let argv = std::fs::read_to_string(&out).unwrap();
        assert_eq!(argv, format!("1\n{url}\n"));
        assert!(!pwned.exists(), "the URL was interpreted by a shell");
        assert!(open_with(&opener, "file:///etc/passwd").is_err());
    }
}
