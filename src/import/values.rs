//! Parsers for single cells. Each takes text that is already trimmed and
//! known not to be an "unknown" marker, and returns the value or a message
//! that says what was expected.

use chrono::{Datelike, NaiveDate};

use crate::domain::fields::{Number, Unit, Value};
use crate::domain::{AppRoute, Program, RotationKind, Status, Tri, UsState, Visa, squash};

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
    match squash(text).as_str() {
        "yes" | "y" | "true" | "t" | "1" | "x" => Ok(Tri::Yes),
        "no" | "n" | "false" | "f" | "0" => Ok(Tri::No),
        "unknown" => Ok(Tri::Unknown),
        _ if matches!(text, "✓" | "✔" | "☑") => Ok(Tri::Yes),
        _ => Err(format!("{text:?} is not yes or no")),
    }
}

/// A visa cell: "J-1", "H-1B", "J-1, H-1B", "J-1 visa sponsorship through
/// ECFMG", "none", "both". A bare "yes" is refused because it does not say
/// which visa, and guessing would mislead a visa-needing applicant.
pub fn visa(text: &str) -> Result<Visa, String> {
    let key = squash(text);
    let j1 = key.contains("j1");
    let h1b = key.contains("h1b");
    match (j1, h1b) {
        (true, true) => return Ok(Visa::Both),
        (true, false) => return Ok(Visa::J1),
        (false, true) => return Ok(Visa::H1b),
        (false, false) => {}
    }
    if let Some(v) = Visa::parse(text) {
        return Ok(v);
    }
    if key == "n" || key == "false" || key == "0" || key.starts_with("no") {
        return Ok(Visa::None);
    }
    Err(format!(
        "{text:?} does not name a visa (write J-1, H-1B, both or none)"
    ))
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
    // Semicolon-separated files often come from locales with a decimal comma.
    let number = text.trim_end_matches('%').trim().replace(',', ".");
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a percentage"))?;
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        return Err(format!("{text:?} is not between 0 and 100"));
    }
    // In range, so the rounded value fits a u8.
    Ok(value.round() as u8)
}

/// The first whole number in the text: "4 weeks" → 4, "4-8" → 4.
fn first_number(text: &str) -> Option<Result<u64, ()>> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: &str = &text[start..];
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    Some(digits[..end].parse().map_err(|_| ()))
}

/// A count in `1..=max` (or `0..=max` with `allow_zero`), taken as the
/// first number in the cell so that "5 years" or "230+" read naturally.
pub fn bounded(text: &str, what: &str, allow_zero: bool, max: u64) -> Result<u64, String> {
    let min = u64::from(!allow_zero);
    match first_number(text) {
        None => Err(format!("{text:?} has no number of {what}")),
        Some(Ok(n)) if (min..=max).contains(&n) => Ok(n),
        Some(_) => Err(format!("{text:?} is not between {min} and {max} {what}")),
    }
}

/// "4", "4 weeks", "4-8" (the shorter end), "1 month" (4 weeks).
pub fn weeks(text: &str) -> Result<u8, String> {
    let per_unit = if text.to_lowercase().contains("month") {
        4
    } else {
        1
    };
    let n = bounded(text, "weeks", false, 52 / per_unit)?;
    u8::try_from(n * per_unit).map_err(|_| format!("{text:?} is too many weeks"))
}

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
];

/// ISO dates, U.S. month/day/year, and written-out months. A year far
/// from now is a misreading ("3/1/25" read with a four-digit year gives
/// year 25), so the next format is tried instead.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    DATE_FORMATS
        .iter()
        .filter_map(|f| NaiveDate::parse_from_str(&text, f).ok())
        .find(|d| (1990..=2100).contains(&d.year()))
        .ok_or_else(|| format!("{text:?} is not a date (use YYYY-MM-DD)"))
}

pub fn state(text: &str) -> Result<UsState, String> {
    UsState::parse(text).ok_or_else(|| format!("{text:?} is not a U.S. state or territory"))
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
    let state = UsState::parse(state_text)
        .ok_or_else(|| format!("{:?} is not a U.S. state or territory", state_text.trim()))?;
    Ok((one_line(city)?, state))
}

fn rotation_kind(word: &str) -> Option<RotationKind> {
    let key = squash(word);
    let singular = key.strip_suffix('s').unwrap_or(&key);
    RotationKind::parse(&key)
        .or_else(|| RotationKind::parse(singular))
        .or(match singular {
            "actinginternship" | "ai" => Some(RotationKind::SubInternship),
            "clerkship" | "corerotation" => Some(RotationKind::Core),
            "audition" | "auditionrotation" | "away" | "awayrotation" | "electiverotation" => {
                Some(RotationKind::Elective)
            }
            "extern" => Some(RotationKind::Externship),
            "observer" | "shadowing" => Some(RotationKind::Observership),
            _ => None,
        })
}

/// One or more kinds separated by `,` `;` or `/`; duplicates dropped.
pub fn rotation_kinds(text: &str) -> Result<Vec<RotationKind>, String> {
    let mut kinds = Vec::new();
    for word in text.split([',', ';', '/', '|']).map(str::trim) {
        if word.is_empty() {
            continue;
        }
        let kind = rotation_kind(word).ok_or_else(|| {
            format!(
                "{word:?} is not a rotation type (core, elective, sub-i, externship, observership)"
            )
        })?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}

pub fn route(text: &str) -> Result<AppRoute, String> {
    let key = squash(text);
    if key.contains("vslo") || key.contains("vsas") {
        return Ok(AppRoute::Vslo);
    }
    AppRoute::parse(text).ok_or_else(|| {
        format!("{text:?} is not an application route (VSLO, direct, paid, network)")
    })
}

pub fn status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        let known: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
        format!("{text:?} is not a status ({})", known.join(", "))
    })
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

/// A number cell, read as its unit reads: "35.5%", "5 years", "230+",
/// "1 month".
fn number(n: &Number, text: &str) -> Result<u64, String> {
    let max = u64::from(n.max);
    match n.unit {
        Unit::Percent => percent(text).map(u64::from),
        Unit::Weeks => weeks(text).map(u64::from),
        Unit::Years => bounded(text, "years", n.min == 0, max),
        Unit::Points => bounded(text, "points", n.min == 0, max),
    }
}
