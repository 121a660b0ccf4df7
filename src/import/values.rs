//! Parsers for single cells. Each takes text that is already trimmed and
//! known not to be an "unknown" marker, and returns the value or a message
//! that says what was expected.

use chrono::NaiveDate;

use crate::domain::fields::{Number, Value, parse};
use crate::domain::{AppRoute, Program, RotationKind, Status, Tri, UsState, Visa};

/// Cells that mean "not stated". "none" is deliberately absent: for a visa
/// or a fee it is an answer, not a blank.
const UNKNOWN_MARKERS: &[&str] = &["", "n/a", "na", "n.a.", "-", "--", "—", "–", "?"];

/// Characters that make a spreadsheet treat a cell as a formula. The
/// exporter prefixes such cells with `'`, and the importer drops it again.
pub const FORMULA_STARTS: &[char] = &['=', '+', '-', '@'];

/// Whether a spreadsheet would run the cell as a formula, or the cell
/// already looks guarded (so that a real leading `'` survives the trip).
pub fn needs_formula_guard(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Trims a cell, undoes the exporter's formula guard, and maps unknown
/// markers to `None`.
pub fn clean(cell: &str) -> Option<&str> {
    let mut text = cell.trim();
    if let Some(rest) = text.strip_prefix('\'')
        && needs_formula_guard(rest)
    {
        text = rest;
    }
    // Every cell of an import passes here. No marker is longer than four
    // characters, and ASCII text needs no lower-cased copy to compare.
    let unknown = if text.chars().nth(4).is_some() {
        false
    } else if text.is_ascii() {
        UNKNOWN_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(text))
    } else {
        UNKNOWN_MARKERS.contains(&text.to_lowercase().as_str())
    };
    if unknown { None } else { Some(text) }
}

/// One line of text: runs of whitespace (newlines, U+2028 and U+2029
/// included) become one space; other control characters are refused
/// rather than stored (typed text drops them: `domain::text::one_line`).
pub fn one_line(text: &str) -> Result<String, String> {
    if is_tidy_line(text) {
        return Ok(text.to_owned());
    }
    refuse_controls(text)?;
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Ok(out)
}

/// The longest program or person name an import accepts. Real ones stay
/// well under 150; a longer cell is a description or a pasted page in the
/// wrong column, and in a Subject header it made a line the mail server
/// refused.
pub const MAX_NAME_CHARS: usize = 300;

/// A program or person name: one line of at most [`MAX_NAME_CHARS`].
pub fn name(text: &str) -> Result<String, String> {
    let name = one_line(text)?;
    check_name_length(&name)?;
    Ok(name)
}

/// Refuses a name longer than [`MAX_NAME_CHARS`] characters.
pub fn check_name_length(name: &str) -> Result<(), String> {
    // Counting stops at the limit: a 64 KB cell is not walked to the end.
    if name.chars().nth(MAX_NAME_CHARS).is_none() {
        return Ok(());
    }
    Err(format!(
        "is {} characters long; a name can have at most {MAX_NAME_CHARS} \
         (is a description in this column?)",
        name.chars().count()
    ))
}

/// Printable ASCII with single spaces between words and none at the ends:
/// nearly every cell, and `one_line` of it is itself. One pass over the
/// bytes instead of a Unicode-aware split.
fn is_tidy_line(text: &str) -> bool {
    let mut after_space = true; // no leading space
    for &b in text.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            0x21..=0x7E => after_space = false,
            _ => return false,
        }
    }
    !after_space || text.is_empty()
}

/// Free text that may span lines; line ends (U+2028 and U+2029 among
/// them) become `\n`, by the rules typed text follows too.
pub fn multi_line(text: &str) -> Result<String, String> {
    refuse_controls(text)?;
    Ok(crate::domain::text::multi_line(text))
}

fn refuse_controls(text: &str) -> Result<(), String> {
    match text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Some(c) => Err(format!(
            "contains the control character U+{:04X}",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// yes/no/y/n/true/false/1/0/x (a tick mark is a yes, too).
pub fn yes_no(text: &str) -> Result<Tri, String> {
    parse::yes_no(text).map_err(reason)
}

/// A visa cell: "J-1", "H-1B", "J-1, H-1B", "none", "both" (`parse::visa`).
pub fn visa(text: &str) -> Result<Visa, String> {
    parse::visa(text).map_err(reason)
}

/// Combines separate yes/no J-1 and H-1B columns. A "yes" in one column
/// with the other unknown still tells us that visa is sponsored.
pub fn visa_from_columns(j1: Tri, h1b: Tri) -> Visa {
    match (j1, h1b) {
        (Tri::Yes, Tri::Yes) => Visa::Both,
        (Tri::Yes, _) => Visa::J1,
        (_, Tri::Yes) => Visa::H1b,
        (Tri::No, Tri::No) => Visa::None,
        _ => Visa::Unknown,
    }
}

/// "35%", "35", "35.5" or "35,5" (rounded). More than 100 or negative is refused.
pub fn percent(text: &str) -> Result<u8, String> {
    parse::percent(text).map_err(reason)
}

/// A count in `1..=max` (or `0..=max` with `allow_zero`), taken as the
/// first number in the cell so that "5 years" or "230+" read naturally.
pub fn bounded(text: &str, what: &str, allow_zero: bool, max: u64) -> Result<u64, String> {
    parse::bounded(text, what, u64::from(!allow_zero), max).map_err(reason)
}

/// "4", "4 weeks", "4-8" (the shorter end), "1 month" (4 weeks).
pub fn weeks(text: &str) -> Result<u8, String> {
    parse::weeks(text).map_err(reason)
}

/// ISO dates, U.S. month/day/year, and written-out months (`parse::date`).
/// The report keeps the wording scripts know, naming the export's format.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    parse::date(text).map_err(|e| format!("{} (use YYYY-MM-DD)", e.reason()))
}

/// A state by code or name, with a suggestion for a near miss.
pub fn state(text: &str) -> Result<UsState, String> {
    parse::state(text).map_err(reason)
}

/// "Boston, MA" or "Boston, Massachusetts": the state is after the last
/// comma; a cell that is only a state gives no city.
pub fn location(text: &str) -> Result<(String, UsState), String> {
    if let Some(state) = UsState::parse(text) {
        return Ok((String::new(), state));
    }
    let (city, state_text) = text
        .rsplit_once(',')
        .ok_or_else(|| format!("{text:?} is not \"City, ST\""))?;
    let state = state(state_text.trim())?;
    Ok((one_line(city)?, state))
}

/// One or more kinds separated by `,` `;` or `/`; duplicates dropped.
pub fn rotation_kinds(text: &str) -> Result<Vec<RotationKind>, String> {
    parse::rotation_kinds(text).map_err(reason)
}

pub fn route(text: &str) -> Result<AppRoute, String> {
    parse::app_route(text).map_err(reason)
}

pub fn status(text: &str) -> Result<Status, String> {
    parse::status(text).map_err(reason)
}

/// The importer's line report keeps the parsers' short reasons (each line
/// already names its column); forms show the example as well.
fn reason(e: parse::Invalid) -> String {
    e.reason().to_string()
}

/// Tags separated by `;` or `,`, trimmed, first spelling of each kept.
pub fn tags(text: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split([';', ',']) {
        let tag = one_line(tag)?;
        if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag);
        }
    }
    Ok(tags)
}

/// A program number kept as text so leading zeros survive.
pub fn external_id(text: &str) -> Result<String, String> {
    crate::domain::program::validate_external_id(text)?;
    Ok(text.to_string())
}

/// Reads a cell into a program field, the way a cell of its kind reads.
/// `p` is left as it was when the cell is refused.
pub fn read_into(value: &Value, p: &mut Program, text: &str) -> Result<(), String> {
    match value {
        Value::Line { at, .. } => *(at.get_mut)(p) = one_line(text)?,
        Value::Notes(at) => *(at.get_mut)(p) = multi_line(text)?,
        Value::Id(at) => *(at.get_mut)(p) = Some(external_id(text)?),
        Value::State(at) => *(at.get_mut)(p) = state(text)?,
        Value::Tri(at) => *(at.get_mut)(p) = yes_no(text)?,
        Value::Visa(at) => *(at.get_mut)(p) = visa(text)?,
        Value::Status(at) => *(at.get_mut)(p) = status(text)?,
        Value::Route(at) => *(at.get_mut)(p) = Some(route(text)?),
        Value::Number(n) => n.at.set(p, number(n, text)?)?,
        Value::Date(at) => *(at.get_mut)(p) = Some(date(text)?),
        Value::RotationKinds(at) => *(at.get_mut)(p) = rotation_kinds(text)?,
        Value::Tags(at) => *(at.get_mut)(p) = tags(text)?,
    }
    Ok(())
}

/// A number cell, read as its unit reads (`Number::read`, as the form).
fn number(n: &Number, text: &str) -> Result<u64, String> {
    n.read(text).map_err(reason)
}
