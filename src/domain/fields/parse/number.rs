//! Numbers a program or profile states: percentages, counts with a unit
//! word ("5 years", "230+"), and weeks that may be a range ("4-8 weeks").

use super::{Invalid, Kind};

/// "35%", "35", "35 percent", "35.5" or "35,5" (rounded). More than 100 or
/// negative is refused.
pub fn percent(text: &str) -> Result<u8, Invalid> {
    let wanted = "write a number from 0 to 100, like 35 or 35%";
    // Semicolon-separated files often come from locales with a decimal comma.
    let lower = text.trim().to_lowercase();
    let number = lower
        .trim_end_matches("percent")
        .trim_end()
        .trim_end_matches('%')
        .trim()
        .replace(',', ".");
    let value: f64 = number.parse().map_err(|_| {
        Invalid::new(
            Kind::Number,
            format!("{text:?} is not a percentage"),
            wanted,
        )
    })?;
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        return Err(Invalid::new(
            Kind::Number,
            format!("{text:?} is not between 0 and 100"),
            wanted,
        ));
    }
    // In range, so the rounded value fits a u8.
    Ok(value.round() as u8)
}

/// The first whole number in the text: "4 weeks" → 4, "4-8" → 4. A minus
/// sign straight before it makes it negative, which no count is.
fn first_number(text: &str) -> Option<Result<u64, ()>> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    if matches!(text[..start].trim(), "-" | "−") {
        return Some(Err(()));
    }
    let digits: &str = &text[start..];
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    Some(digits[..end].parse().map_err(|_| ()))
}

/// A count in `min..=max`, taken as the first number in the text so that
/// "5 years" or "230+" read naturally; `what` names the unit ("years").
pub fn bounded(text: &str, what: &str, min: u64, max: u64) -> Result<u64, Invalid> {
    let wanted = format!(
        "write a whole number from {min} to {max}, like {}",
        example(min, max)
    );
    match first_number(text) {
        None => Err(Invalid::new(
            Kind::Number,
            format!("{text:?} has no number of {what}"),
            wanted,
        )),
        Some(Ok(n)) if (min..=max).contains(&n) => Ok(n),
        Some(_) => Err(Invalid::new(
            Kind::Number,
            format!("{text:?} is not between {min} and {max} {what}"),
            wanted,
        )),
    }
}

/// A plausible example inside the bounds: 230 for a score, 4 for weeks.
fn example(min: u64, max: u64) -> u64 {
    match max {
        300 => 230,
        52 => 4,
        m if m >= 1990 => 2021,
        m => (min + m).div_ceil(2),
    }
}

/// "4", "4 weeks", "4-8" or "4–8 weeks" (the shorter end: the least the
/// program offers), "1 month" (4 weeks).
pub fn weeks(text: &str) -> Result<u8, Invalid> {
    let per_unit = if text.to_lowercase().contains("month") {
        4
    } else {
        1
    };
    let n = bounded(text, "weeks", 1, 52 / per_unit).map_err(|e| {
        Invalid::new(
            Kind::Range,
            e.reason(),
            "write weeks like 4, 4 weeks, 4-8 weeks or 1 month",
        )
    })?;
    u8::try_from(n * per_unit).map_err(|_| {
        Invalid::new(
            Kind::Range,
            format!("{text:?} is too many weeks"),
            "at most 52",
        )
    })
}
