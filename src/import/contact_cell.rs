//! Picking a name, an email and a phone out of one free-text cell, such as
//! FREIDA's "Contact Info (Coordinator)":
//! "Jane Doe, Program Coordinator\n(555) 123-4567\njdoe@example.org".

use crate::domain::contact::validate_email;
use crate::domain::squash;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ContactText {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// Words that label a value or describe a job rather than name a person.
const TITLE_WORDS: &[&str] = &[
    "coordinator",
    "director",
    "manager",
    "office",
    "department",
    "assistant",
    "administrator",
    "specialist",
];
const LABELS: &[&str] = &[
    "name",
    "email",
    "mail",
    "phone",
    "tel",
    "telephone",
    "fax",
    "contact",
    "mailto",
];

/// Splits the cell. A token with an `@` that is not a valid address is an
/// error: silently dropping it would lose the one detail the user needs.
pub fn parse(text: &str) -> Result<ContactText, String> {
    let mut rest = text.to_string();
    let mut found = ContactText::default();

    if let Some(token) = email_token(text) {
        let email = token
            .trim_start_matches("mailto:")
            .trim_end_matches('.')
            .to_string();
        validate_email(&email).map_err(|_| format!("{token:?} is not an email address"))?;
        rest = rest.replacen(token, " ", 1);
        found.email = email;
    }
    if let Some(phone) = phone_run(&rest) {
        rest = rest.replacen(&phone, " ", 1);
        found.phone = phone;
    }
    found.name = rest
        .split(['\n', '\r', ',', ';', '|', '/'])
        .map(strip_label)
        .find(|s| looks_like_name(s))
        .unwrap_or_default()
        .to_string();
    super::values::check_name_length(&found.name)?;
    Ok(found)
}

fn email_token(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || ",;|<>()[]\"'".contains(c))
        .find(|t| t.contains('@'))
}

/// The first run of phone characters holding 7 to 15 digits.
fn phone_run(text: &str) -> Option<String> {
    let is_phone_char = |c: char| c.is_ascii_digit() || " ()-.+".contains(c);
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        match (is_phone_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let run = text[s..i].trim_matches(|c: char| " .-".contains(c));
                let digits = run.chars().filter(char::is_ascii_digit).count();
                if (7..=15).contains(&digits) {
                    return Some(balance_parens(run).to_string());
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}

/// A run can swallow a closing `)` from prose ("(555) 123-4567)"), or
/// stop before one; only keep parentheses that pair up.
fn balance_parens(run: &str) -> &str {
    let open = run.matches('(').count();
    let close = run.matches(')').count();
    if close > open {
        run.trim_end_matches(')')
    } else if open > close {
        run.trim_start_matches('(')
    } else {
        run
    }
}

fn strip_label(segment: &str) -> &str {
    let segment = segment.trim();
    match segment.split_once(':') {
        Some((label, value)) if is_label(label) => value.trim(),
        _ => segment,
    }
    .trim_matches(|c: char| c.is_whitespace() || ".-–—:".contains(c))
}

fn is_label(text: &str) -> bool {
    let key = squash(text);
    LABELS.contains(&key.as_str()) || TITLE_WORDS.iter().any(|w| key.contains(w))
}

fn looks_like_name(segment: &str) -> bool {
    segment.chars().any(char::is_alphabetic) && !is_label(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_multi_line_freida_cell() {
        let got = parse("Jane Doe\nProgram Coordinator\n(555) 123-4567\njdoe@example.org").unwrap();
        assert_eq!(
            got,
            ContactText {
                name: "Jane Doe".into(),
                email: "jdoe@example.org".into(),
                phone: "(555) 123-4567".into(),
            }
        );
    }

    #[test]
    fn splits_a_labelled_one_line_cell() {
        let got = parse("Coordinator: Ana Ruiz | Phone: 212-555-0100 | Email: mailto:ana@x.edu.")
            .unwrap();
        assert_eq!(got.name, "Ana Ruiz");
        assert_eq!(got.phone, "212-555-0100");
        assert_eq!(got.email, "ana@x.edu");
    }

    #[test]
    fn an_email_alone_gives_no_name() {
        let got = parse("gme-office@example.org").unwrap();
        assert_eq!(got.email, "gme-office@example.org");
        assert_eq!(got.name, "");
        assert_eq!(got.phone, "");
    }

    #[test]
    fn a_broken_address_is_an_error() {
        assert_eq!(
            parse("Jane, jane@@example.org"),
            Err("\"jane@@example.org\" is not an email address".to_string())
        );
    }

    #[test]
    fn short_digit_runs_are_not_phones() {
        let got = parse("Jane Doe, Room 1204").unwrap();
        assert_eq!(got.phone, "");
        assert_eq!(got.name, "Jane Doe");
    }

    #[test]
    fn international_phone_with_plus_is_kept() {
        let got = parse("+1 (617) 555-0199 ext").unwrap();
        assert_eq!(got.phone, "+1 (617) 555-0199");
    }
}
