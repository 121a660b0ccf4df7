//! The day an out-of-office says its sender is back.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Words after which an out-of-office gives its return day.
const CUES: &[&str] = &[
    "return on",
    "returning on",
    "back on",
    "back in the office on",
    "return to the office on",
    "out of the office until",
    "out of office until",
    "away until",
    "until",
];

/// The first day named after a cue ("I will be back on December 8" →
/// the 8th, in the message's year or the next one when that is past).
pub fn return_date(text: &str, sent: Option<DateTime<Utc>>) -> Option<NaiveDate> {
    let lower = text.to_ascii_lowercase();
    let year = sent.map_or(2000, |d| d.year());
    CUES.iter().find_map(|cue| {
        let at = lower.find(cue)? + cue.len();
        let after: String = lower[at..].chars().take(40).collect();
        let day = parse_day(&after, year)?;
        let day = match sent {
            Some(s) if day < s.date_naive() => day.with_year(day.year() + 1)?,
            _ => day,
        };
        Some(day)
    })
}

/// `2026-12-08`, `12/08/2026`, `December 8(, 2026)`, `8 December (2026)`,
/// weekday names skipped ("Monday, December 8").
fn parse_day(text: &str, year: i32) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(['.', ';', ')']))
        .filter(|w| !is_weekday(w))
        .take(3)
        .collect();
    let first = *words.first()?;
    if let Ok(day) = NaiveDate::parse_from_str(first, "%Y-%m-%d") {
        return Some(day);
    }
    if let Ok(day) = NaiveDate::parse_from_str(first, "%m/%d/%Y") {
        return Some(day);
    }
    let number = |w: &str| -> Option<u32> {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()
    };
    let year_in = |w: Option<&&str>| w.and_then(|w| w.parse::<i32>().ok()).filter(|y| *y > 1900);
    if let Some(month) = month(first) {
        let day = number(words.get(1)?)?;
        return NaiveDate::from_ymd_opt(year_in(words.get(2)).unwrap_or(year), month, day);
    }
    let day = number(first)?;
    let month = month(words.get(1)?)?;
    NaiveDate::from_ymd_opt(year_in(words.get(2)).unwrap_or(year), month, day)
}

fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let word = word.get(..3)?;
    MONTHS
        .iter()
        .position(|m| *m == word)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn is_weekday(word: &str) -> bool {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| d.starts_with(word) && word.len() >= 3)
}
