//! The rules for text before it is stored, shared by the importer and
//! every text input of the TUI: no character that would drive a terminal,
//! and line breaks only where the text may have lines. The importer
//! refuses a stray control (a file can be fixed and read again); typed
//! text drops it (nobody means to type one: it arrives by pasting).

/// A character that starts a new line somewhere: LF, CR, vertical tab,
/// form feed, NEL (U+0085) and the Unicode line and paragraph separators
/// (U+2028, U+2029), which some terminals and most text widgets honour.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A control character (C0, DEL, C1) that is neither a line break nor a
/// tab: stored, it would mean nothing or drive the terminal.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\t' && !is_line_break(c)
}

/// One line: every line break and tab becomes a space, stray controls
/// are dropped; everything else (spaces included) is kept as it is.
pub fn one_line(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() || is_line_break(c)) {
        return text.to_owned();
    }
    text.chars()
        .filter(|&c| !is_stray_control(c))
        .map(|c| {
            if c == '\t' || is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Text that may span lines: CRLF and every other line break become
/// `\n`, tabs stay, stray controls are dropped.
pub fn multi_line(text: &str) -> String {
    let kept = |c: char| c == '\n' || c == '\t' || !(c.is_control() || is_line_break(c));
    if text.chars().all(kept) {
        return text.to_owned();
    }
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| !is_stray_control(c))
        .map(|c| if is_line_break(c) { '\n' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{2028}b\u{2029}c\u{85}d\re\r\nf\x1b[31mg\x07h\u{9b}i\tj\x7fk";

    #[test]
    fn one_line_turns_breaks_into_spaces_and_drops_controls() {
        assert_eq!(one_line(HOSTILE), "a b c d e  f[31mghi jk");
        assert_eq!(one_line("  two  spaces "), "  two  spaces ");
    }

    #[test]
    fn multi_line_keeps_lines_as_newlines_and_drops_controls() {
        assert_eq!(multi_line(HOSTILE), "a\nb\nc\nd\ne\nf[31mghi\tjk");
        assert_eq!(multi_line("plain\ntext"), "plain\ntext");
    }

    #[test]
    fn nothing_unsafe_is_left_by_either() {
        for out in [one_line(HOSTILE), multi_line(HOSTILE)] {
            assert!(!out.chars().any(is_stray_control), "{out:?}");
            assert!(
                !out.contains(['\u{2028}', '\u{2029}', '\u{85}', '\r']),
                "{out:?}"
            );
        }
    }
}
