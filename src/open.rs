//! Opening URLs and starting the user's editor — always as an argument
//! vector, never through a shell, so nothing in a program's data (a URL, a
//! file name) can be run as a command.

use std::io;
use std::process::{Command, Stdio};

/// Opens an http(s) or mailto: URL with the desktop's opener. Other
/// schemes (file:, javascript:, custom handlers) are refused.
pub fn open_url(url: &str) -> io::Result<()> {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:"))
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "only http(s) and mailto: links are opened",
        ));
    }
    if url.chars().any(char::is_control) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the link contains control characters",
        ));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    // The opener's own chatter would scribble over the TUI.
    Command::new(opener)
        .arg(url.trim())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| io::Error::new(e.kind(), format!("{opener}: {e}")))
}

/// The editor command from $VISUAL (preferred) or $EDITOR, split into an
/// argument vector the way a shell would split words — quotes group, a
/// backslash escapes — but without running a shell: `code --wait` works,
/// and `vi; rm -rf ~` is just a program with odd arguments.
pub fn editor_command(visual: Option<String>, editor: Option<String>) -> Option<Vec<String>> {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(|s| split_words(&s))
        .find(|argv| !argv.is_empty())
}

fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (Some('"') | None, '\\') => {
                if let Some(next) = chars.next() {
                    current.push(next);
                    in_word = true;
                }
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            (_, c) => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_words_split_without_a_shell() {
        let argv = |v: &str| editor_command(Some(v.into()), None).unwrap();
        assert_eq!(argv("vim"), ["vim"]);
        assert_eq!(argv("code --wait"), ["code", "--wait"]);
        assert_eq!(
            argv("'/Applications/My Editor' -w"),
            ["/Applications/My Editor", "-w"]
        );
        assert_eq!(argv("vi; rm -rf ~"), ["vi;", "rm", "-rf", "~"]);
        assert_eq!(argv("ed $(whoami)"), ["ed", "$(whoami)"]);
        assert_eq!(
            editor_command(Some("  ".into()), Some("nano".into())),
            Some(vec!["nano".to_string()])
        );
        assert_eq!(editor_command(None, None), None);
    }

    #[test]
    fn only_web_and_mail_links_are_opened() {
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ssh://x",
            "https://x\n; ls",
        ] {
            assert_eq!(
                open_url(bad).unwrap_err().kind(),
                io::ErrorKind::InvalidInput,
                "{bad}"
            );
        }
    }
}
