//! Cell cleaning before a cell's value is read: the artefacts of the
//! tools real lists pass through, repaired where that is safe.
//!
//! - pandas writes integer columns with blanks as floats (`3106808056.0`)
//!   and Python lists as their literal (`['J-1 through ECFMG', 'H-1B']`,
//!   `[]`); R and JSON tools write `NA`, `null`, `NaN`;
//! - a spreadsheet that held a program number as a number dropped its
//!   leading zero (`140521105`) or, worse, showed it in scientific
//!   notation (`1.4011E+09`), whose lost digits nothing can recover.
//!
//! Each repair says what it did, so the import's summary can count it.
//! Runs on text `values::clean` has already trimmed; the per-kind readers
//! in `values` then read the result.

use std::borrow::Cow;

use super::headers::{Field, PersonPart};
use crate::domain::fields::{Field as P, Unit, Value};

/// A cell after cleaning: the text to read (`None`: unknown), and what was
/// repaired, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tidied<'a> {
    pub text: Option<Cow<'a, str>>,
    pub note: Option<&'static str>,
}

impl<'a> Tidied<'a> {
    fn kept(text: &'a str) -> Tidied<'a> {
        Tidied {
            text: Some(Cow::Borrowed(text)),
            note: None,
        }
    }

    fn repaired(text: String, note: &'static str) -> Tidied<'a> {
        Tidied {
            text: Some(Cow::Owned(text)),
            note: Some(note),
        }
    }

    fn unknown(note: &'static str) -> Tidied<'a> {
        Tidied {
            text: None,
            note: Some(note),
        }
    }
}

/// What a column holds, as far as cleaning cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Words: a list cell becomes "a, b".
    Text,
    /// A phone: a float's `.0` is dropped.
    Phone,
    /// ACGME's 10-digit number.
    AcgmeId,
    NrmpCode,
    /// A whole number: a float's `.0` is dropped.
    Count,
    Visa,
    /// A list field: a list cell becomes "a; b".
    List,
    /// Yes/no, dates, choices: a one-item list is its item.
    Single,
}

fn shape(field: Field) -> Shape {
    match field {
        Field::Program(P::ExternalId) => Shape::AcgmeId,
        Field::Program(P::NrmpCode) => Shape::NrmpCode,
        Field::Program(P::MainPhone)
        | Field::Person {
            part: PersonPart::Phone,
            ..
        } => Shape::Phone,
        Field::Program(P::Visa) => Shape::Visa,
        Field::Program(f) => match &f.spec().value {
            Value::Number(n) if n.unit != Unit::Percent => Shape::Count,
            Value::Number(_) | Value::Tri(_) | Value::Date(_) | Value::Route(_) => Shape::Single,
            Value::Status(_) | Value::State(_) | Value::Id(_) => Shape::Single,
            Value::RotationKinds(_) | Value::Tags(_) => Shape::List,
            Value::Visa(_) => Shape::Visa,
            Value::Line { .. } | Value::Notes(_) => Shape::Text,
        },
        Field::J1 | Field::H1b => Shape::Single,
        Field::Location | Field::Person { .. } => Shape::Text,
    }
}

/// Blanks that tools write for "no value": pandas' `nan`, JSON's `null`,
/// R's `NA` (already an unknown marker), and `none` where it cannot be an
/// answer (a visa's or a fee's `none` is one).
fn is_tool_blank(text: &str, shape: Shape) -> bool {
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "nan" | "null" | "nat" | "<na>" => true,
        "none" => !matches!(shape, Shape::Visa | Shape::Text),
        _ => false,
    }
}

/// Cleans one cell of `field`. `Err` is a cell that cannot be read safely.
pub fn tidy(field: Field, text: &str) -> Result<Tidied<'_>, String> {
    let shape = shape(field);
    if is_tool_blank(text, shape) {
        return Ok(Tidied::unknown(
            "tool blanks (nan, null, none) read as unknown",
        ));
    }
    if let Some(items) = list_items(text) {
        return from_list(shape, text, &items);
    }
    match shape {
        Shape::AcgmeId => acgme_id(text),
        Shape::NrmpCode => nrmp_code(text),
        Shape::Phone | Shape::Count => Ok(match without_point_zero(text) {
            Some(whole) => Tidied::repaired(whole.to_string(), "a trailing .0 dropped"),
            None if shape == Shape::Phone && is_scientific(text) => {
                return Err(scientific(text));
            }
            None => Tidied::kept(text),
        }),
        _ => Ok(Tidied::kept(text)),
    }
}

/// The items of a list-shaped cell: a JSON array, a Python list literal.
/// `None` when the cell is not bracketed.
fn list_items(text: &str) -> Option<Vec<String>> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    if let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(text) {
        return Some(
            items
                .into_iter()
                .filter_map(|v| match v {
                    serde_json::Value::String(s) => Some(s),
                    serde_json::Value::Null => None,
                    other => Some(other.to_string()),
                })
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        );
    }
    // Python: items quoted with ' or ", separated by commas outside quotes.
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',') => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    Some(
        items
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

fn from_list<'a>(shape: Shape, text: &str, items: &[String]) -> Result<Tidied<'a>, String> {
    if items.is_empty() {
        return Ok(match shape {
            Shape::Visa => Tidied::repaired("none".into(), "`[]` read as none listed"),
            _ => Tidied::unknown("`[]` read as none listed"),
        });
    }
    match shape {
        Shape::Visa => {
            let named: Vec<&str> = items
                .iter()
                .filter_map(|item| match super::values::visa(item) {
                    Ok(crate::domain::Visa::J1) => Some("J-1"),
                    Ok(crate::domain::Visa::H1b) => Some("H-1B"),
                    Ok(crate::domain::Visa::Both) => Some("J-1, H-1B"),
                    _ => None,
                })
                .collect();
            if named.is_empty() {
                return Err(format!("{text:?} names no residency visa (J-1 or H-1B)"));
            }
            Ok(Tidied::repaired(
                named.join(", "),
                "list cells read as lists",
            ))
        }
        Shape::List => Ok(Tidied::repaired(
            items.join("; "),
            "list cells read as lists",
        )),
        Shape::Text => Ok(Tidied::repaired(
            items.join(", "),
            "list cells read as lists",
        )),
        _ if items.len() == 1 => tidy_item(shape, &items[0]),
        _ => Err(format!("{text:?} is a list; this column takes one value")),
    }
}

fn tidy_item<'a>(shape: Shape, item: &str) -> Result<Tidied<'a>, String> {
    let field = match shape {
        Shape::AcgmeId => Field::Program(P::ExternalId),
        Shape::NrmpCode => Field::Program(P::NrmpCode),
        Shape::Phone => Field::Program(P::MainPhone),
        Shape::Count => Field::Program(P::Weeks),
        _ => Field::Program(P::Status),
    };
    let tidied = tidy(field, item)?;
    Ok(Tidied {
        text: tidied.text.map(|t| Cow::Owned(t.into_owned())),
        note: Some(tidied.note.unwrap_or("list cells read as lists")),
    })
}

/// `3106808056.0` → `3106808056`: a whole number a float column wrote.
fn without_point_zero(text: &str) -> Option<&str> {
    let (whole, zeros) = text.split_once('.')?;
    let digits = !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit());
    let zeros = !zeros.is_empty() && zeros.chars().all(|c| c == '0');
    (digits && zeros).then_some(whole)
}

/// `1.4011E+09`, `1.4e9`: a number a spreadsheet showed in scientific
/// notation.
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.trim_start_matches(['+', '-']);
    let mantissa_ok = !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.starts_with(|c: char| c.is_ascii_digit());
    mantissa_ok && !exponent.is_empty() && exponent.chars().all(|c| c.is_ascii_digit())
}

fn scientific(text: &str) -> String {
    format!(
        "{text:?} is a number in scientific notation: its last digits are lost. \
         Re-export the column as text (in a spreadsheet: format the column as Text) \
         and import again"
    )
}

/// ACGME numbers are 10 digits; a spreadsheet that read one as a number
/// dropped the leading zero (and a float column added `.0`).
fn acgme_id(text: &str) -> Result<Tidied<'_>, String> {
    if is_scientific(text) {
        return Err(scientific(text));
    }
    let (digits, had_point) = match without_point_zero(text) {
        Some(whole) => (whole, true),
        None => (text, false),
    };
    let numeric = digits.chars().all(|c| c.is_ascii_digit());
    if numeric && digits.len() == 9 {
        return Ok(Tidied::repaired(
            format!("0{digits}"),
            "9-digit ACGME numbers given back their leading zero",
        ));
    }
    if had_point {
        return Ok(Tidied::repaired(
            digits.to_string(),
            "a trailing .0 dropped",
        ));
    }
    Ok(Tidied::kept(text))
}

/// `1234567C0`: seven digits, a letter, a digit (upper-cased).
fn nrmp_code(text: &str) -> Result<Tidied<'_>, String> {
    let code = text.to_ascii_uppercase();
    let bytes = code.as_bytes();
    let shaped = bytes.len() == 9
        && bytes[..7].iter().all(u8::is_ascii_digit)
        && bytes[7].is_ascii_uppercase()
        && bytes[8].is_ascii_digit();
    if !shaped {
        return Err(format!(
            "{text:?} is not an NRMP code (seven digits, a letter and a digit, like 1234567C0)"
        ));
    }
    Ok(if code == text {
        Tidied::kept(text)
    } else {
        Tidied::repaired(code, "NRMP codes upper-cased")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(field: Field, cell: &str) -> Result<Option<String>, String> {
        tidy(field, cell).map(|t| t.text.map(Cow::into_owned))
    }

    const VISA: Field = Field::Program(P::Visa);
    const PHONE: Field = Field::Program(P::MainPhone);
    const ID: Field = Field::Program(P::ExternalId);

    #[test]
    fn python_and_json_lists_are_lists() {
        assert_eq!(
            text(VISA, "['J-1 through ECFMG', 'H-1B']"),
            Ok(Some("J-1, H-1B".into()))
        );
        assert_eq!(text(VISA, "[]"), Ok(Some("none".into())));
        assert_eq!(text(VISA, r#"["H1B"]"#), Ok(Some("H-1B".into())));
        assert!(
            text(VISA, "['F-1']")
                .unwrap_err()
                .contains("no residency visa")
        );
        assert_eq!(
            text(Field::Program(P::Tags), "['research', \"global health\"]"),
            Ok(Some("research; global health".into()))
        );
        assert_eq!(text(Field::Program(P::Tags), "[]"), Ok(None));
    }

    #[test]
    fn float_artefacts_are_repaired_where_safe() {
        assert_eq!(text(PHONE, "3106808056.0"), Ok(Some("3106808056".into())));
        assert_eq!(text(ID, "140521105.0"), Ok(Some("0140521105".into())));
        assert_eq!(text(ID, "0140521105"), Ok(Some("0140521105".into())));
        assert_eq!(
            text(Field::Program(P::GradWithinYears), "5.0"),
            Ok(Some("5".into()))
        );
        // A percentage's decimals are its own.
        assert_eq!(
            text(Field::Program(P::ImgPercent), "35.0"),
            Ok(Some("35.0".into()))
        );
    }

    #[test]
    fn scientific_notation_in_an_id_is_refused_with_what_to_do() {
        let e = text(ID, "1.4011E+09").unwrap_err();
        assert!(
            e.contains("scientific notation") && e.contains("as text"),
            "{e}"
        );
        assert!(text(PHONE, "3.1068E9").is_err());
    }

    #[test]
    fn tool_blanks_are_unknown_but_a_visa_none_is_an_answer() {
        assert_eq!(text(PHONE, "nan"), Ok(None));
        assert_eq!(text(Field::Program(P::AcceptsImgs), "None"), Ok(None));
        assert_eq!(text(VISA, "none"), Ok(Some("none".into())));
        assert_eq!(text(VISA, "null"), Ok(None));
    }

    #[test]
    fn nrmp_codes_have_their_shape() {
        let code = Field::Program(P::NrmpCode);
        assert_eq!(text(code, "1234567c0"), Ok(Some("1234567C0".into())));
        assert!(text(code, "123456C0").is_err());
    }
}
