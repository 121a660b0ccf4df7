//! Counting words: "1 program", "5 programs", "1 state", "2 entries".
//! Every message that counts something goes through [`count`] (or
//! [`noun`] when the number is printed apart), so no screen or command
//! says "1 programs" or "5 programs in 1 states".

use std::fmt::Display;

/// A number of things. Implemented for the integer types counts come in.
pub trait Amount: Copy + Display {
    fn is_one(self) -> bool;
}

macro_rules! amounts {
    ($($t:ty),*) => {
        $(impl Amount for $t {
            fn is_one(self) -> bool {
                self == 1
            }
        })*
    };
}
amounts!(usize, u32, u64, i32, i64);

/// "1 program", "5 programs", "0 programs", "15,000 programs".
pub fn count(n: impl Amount, word: &str) -> String {
    format!("{} {}", grouped(n), noun(n, word))
}

/// "15,000": a national list's counts are read at a glance. Four-digit
/// numbers stay as they are ("1500"), as in most house styles.
pub fn grouped(n: impl Amount) -> String {
    let text = n.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    if digits.len() < 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    format!("{sign}{}", thousands(digits))
}

/// Commas between each three digits of `digits` (a plain run of ASCII
/// digits): "4000" → "4,000". Progress lines and amounts group from four
/// digits; [`grouped`] from five.
pub fn thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The word for `n` of them: `word` for one, its plural otherwise
/// ("entry" → "entries", "day" → "days", "match" → "matches").
pub fn noun(n: impl Amount, word: &str) -> String {
    if n.is_one() {
        return word.to_string();
    }
    let ends_in_consonant_y = word.ends_with('y')
        && !word
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c));
    if ends_in_consonant_y {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "ch", "sh"].iter().any(|e| word.ends_with(e)) {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// A verb that agrees with `n`: `one` for one ("matches"), else `many`.
pub fn agree<'a>(n: impl Amount, one: &'a str, many: &'a str) -> &'a str {
    if n.is_one() { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_counts_are_grouped_by_thousands_from_five_digits() {
        assert_eq!(count(15_000usize, "program"), "15,000 programs");
        assert_eq!(count(1_500usize, "program"), "1500 programs");
        assert_eq!(count(1_234_567u64, "row"), "1,234,567 rows");
        assert_eq!(grouped(-45_000i64), "-45,000");
        assert_eq!(grouped(99_999u32), "99,999");
        assert_eq!(grouped(100_000u32), "100,000");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1usize, "program"), "1 program");
        assert_eq!(count(5usize, "program"), "5 programs");
        assert_eq!(count(0usize, "program"), "0 programs");
        assert_eq!(count(1i64, "state"), "1 state");
        assert_eq!(count(-1i64, "day"), "-1 days");
        assert_eq!(count(2usize, "log entry"), "2 log entries");
        assert_eq!(count(3usize, "day"), "3 days");
        assert_eq!(count(2usize, "match"), "2 matches");
        assert_eq!(count(2usize, "follow-up"), "2 follow-ups");
        assert_eq!(agree(1usize, "matches", "match"), "matches");
        assert_eq!(agree(4usize, "matches", "match"), "match");
    }
}
