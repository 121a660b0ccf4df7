//! Dates: ISO, U.S. month/day/year and written-out months.

use chrono::{Datelike, NaiveDate};

use super::{Invalid, Kind};

/// What a date error asks for.
pub(super) const DATE_WANTED: &str = "write a date like 2027-03-05, 03/05/2027 or March 5, 2027";

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
    "%d %B, %Y",
    "%d %b, %Y",
    "%Y/%m/%d",
];

/// ISO dates ("2027-03-05"), U.S. month/day/year ("03/05/2027", "3/5/27"),
/// and written-out months ("March 5, 2027", "Mar. 5th 2027", "5 Mar
/// 2027"). Slashes are read month first, as in the U.S. lists this app
/// imports. A year far from now is a misreading ("3/1/25" read with a
/// four-digit year gives year 25), so the next format is tried instead.
pub fn date(text: &str) -> Result<NaiveDate, Invalid> {
    let tidy = tidy(text);
    DATE_FORMATS
        .iter()
        .filter_map(|f| NaiveDate::parse_from_str(&tidy, f).ok())
        .find(|d| (1990..=2100).contains(&d.year()))
        .ok_or_else(|| {
            let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
            Invalid::new(Kind::Date, format!("{shown:?} is not a date"), DATE_WANTED)
        })
}

/// One space between words, no dot after an abbreviated month ("Mar."),
/// no ordinal ending after a day ("5th").
fn tidy(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            let (body, comma) = match w.strip_suffix(',') {
                Some(b) => (b, ","),
                None => (w, ""),
            };
            let body = body.strip_suffix('.').unwrap_or(body);
            let day = ["st", "nd", "rd", "th"].iter().find_map(|s| {
                body.strip_suffix(s)
                    .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            });
            format!("{}{comma}", day.unwrap_or(body))
        })
        .collect();
    words.join(" ")
}
