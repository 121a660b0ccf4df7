//! Today's date, with a way to fix it. Fit checks count years since
//! graduation from today, so tests (and anyone reproducing an answer) set
//! `USCE_TODAY=YYYY-MM-DD` to get the same output on any day.

use chrono::{Local, NaiveDate};

/// The variable that fixes the clock.
pub const TODAY_VAR: &str = "USCE_TODAY";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{TODAY_VAR}={value:?} is not a date; use YYYY-MM-DD, e.g. 2025-06-01")]
pub struct BadToday {
    pub value: String,
}

/// Today as `USCE_TODAY` says, else the local calendar date. A malformed
/// `USCE_TODAY` is ignored here; use `try_today` where it can be reported.
pub fn today() -> NaiveDate {
    try_today().unwrap_or_else(|_| Local::now().date_naive())
}

/// Like `today`, but a malformed `USCE_TODAY` is an error.
pub fn try_today() -> Result<NaiveDate, BadToday> {
    let fixed = std::env::var(TODAY_VAR).ok();
    parse_today(fixed.as_deref(), Local::now().date_naive())
}

/// The rule behind `try_today`, without the environment: an unset or blank
/// value means `fallback`.
pub fn parse_today(value: Option<&str>, fallback: NaiveDate) -> Result<NaiveDate, BadToday> {
    match value.map(str::trim) {
        None | Some("") => Ok(fallback),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| BadToday {
            value: text.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_fixed_date_wins_and_blank_means_the_real_clock() {
        let real = day(2030, 1, 2);
        assert_eq!(parse_today(Some("2025-06-01"), real), Ok(day(2025, 6, 1)));
        assert_eq!(
            parse_today(Some(" 2025-06-01\n"), real),
            Ok(day(2025, 6, 1))
        );
        assert_eq!(parse_today(None, real), Ok(real));
        assert_eq!(parse_today(Some("  "), real), Ok(real));
    }

    #[test]
    fn a_malformed_date_is_reported_in_words() {
        let err = parse_today(Some("June 1st"), day(2030, 1, 2)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "USCE_TODAY=\"June 1st\" is not a date; use YYYY-MM-DD, e.g. 2025-06-01"
        );
        assert!(parse_today(Some("2025-02-30"), day(2030, 1, 2)).is_err());
    }
}
