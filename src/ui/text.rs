//! Width-aware text helpers shared by the panes.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Makes text safe to draw: control characters (escape sequences pasted
/// from a web page, stray tabs and newlines) would move the terminal's
/// cursor or change its state, so each becomes a visible stand-in.
///
/// This is the one sanitiser for text on a terminal: the TUI's panes and
/// every CLI command's table output use it. Line breaks of any kind (CR,
/// LF, NEL U+0085, and the Unicode line and paragraph separators U+2028 and
/// U+2029, which some terminals honour) become a space, so stored text can
/// never start a line of its own.
pub fn clean(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => '�',
            c => c,
        })
        .collect()
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Cuts `text` to at most `width` terminal columns, ending in "…" when
/// cut. Wide characters (CJK, emoji) count as two columns.
pub fn fit(text: &str, width: usize) -> String {
    let text = clean(text);
    if text.width() <= width {
        return text;
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `fit`, then padded with spaces to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut s = fit(text, width);
    let w = s.width();
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    s
}

/// Breaks `text` into lines of at most `width` columns at spaces; a word
/// longer than a line is cut with [`fit`]. Always at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = clean(text);
    let mut lines = Vec::new();
    // Leading spaces are kept on the first line (an untick's "  " lines
    // up with a tick's "✓ ").
    let body = text.trim_start_matches(' ');
    let mut line = text[..text.len() - body.len()].to_string();
    for word in body.split(' ').filter(|w| !w.is_empty()) {
        let started = !line.trim_start().is_empty();
        if started && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.trim_start().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        if line.width() > width {
            line = fit(&line, width);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_by_columns_and_cuts_only_an_endless_word() {
        assert_eq!(
            wrap("Nothing logged yet — n logs a call", 20),
            vec!["Nothing logged yet —", "n logs a call"]
        );
        assert_eq!(wrap("東京 大学病院", 6), vec!["東京", "大学…"]);
        assert_eq!(wrap("", 10), vec![String::new()]);
        assert_eq!(wrap("  Skip it now", 8), vec!["  Skip", "it now"]);
        assert!(wrap("a b c d e f", 3).iter().all(|l| l.width() <= 3));
    }

    #[test]
    fn fit_counts_columns_not_bytes() {
        assert_eq!(fit("Clínica", 10), "Clínica");
        assert_eq!(fit("東京大学病院", 7), "東京大…");
        assert_eq!(fit("東京大学病院", 7).width(), 7);
        assert_eq!(pad("東京", 6).width(), 6);
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn every_kind_of_line_break_becomes_a_space() {
        assert_eq!(
            clean("a\rb\nc\u{85}d\u{2028}e\u{2029}f\tg"),
            "a b c d e f g"
        );
        assert_eq!(clean("bell\x07"), "bell�");
    }

    #[test]
    fn control_sequences_are_neutralised() {
        assert_eq!(clean("a\x1b[2Jb"), "a�[2Jb");
        assert!(
            !fit("x\x07\x1b]0;pwned\x07", 40)
                .chars()
                .any(|c| c.is_control())
        );
    }
}
