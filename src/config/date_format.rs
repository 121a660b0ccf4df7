//! How the TUI shows dates: a chrono strftime pattern from the config,
//! checked once at load so drawing can never fail on it.

use std::fmt::{Display, Write};

use chrono::format::StrftimeItems;
use chrono::{DateTime, TimeZone};
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct DateFormat(String);

impl DateFormat {
    pub const DEFAULT: &'static str = "%Y-%m-%d";

    /// Accepts any strftime pattern chrono can format a date and time with.
    pub fn parse(pattern: &str) -> Result<DateFormat, String> {
        if pattern.trim().is_empty() {
            return Err("a date format cannot be empty (e.g. \"%Y-%m-%d\")".to_owned());
        }
        if pattern.chars().any(char::is_control) {
            return Err("a date format must fit on one line".to_owned());
        }
        let bad = || {
            format!(
                "{pattern:?} is not a date format chrono understands \
                 (e.g. \"%Y-%m-%d\", \"%-d %b %Y\", \"%d/%m/%Y\")"
            )
        };
        StrftimeItems::new(pattern).parse().map_err(|_| bad())?;
        // Parsing passes some patterns that still cannot be written out.
        let sample = DateTime::UNIX_EPOCH.fixed_offset();
        let mut out = String::new();
        write!(out, "{}", sample.format(pattern)).map_err(|_| bad())?;
        Ok(DateFormat(pattern.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn format<Tz: TimeZone>(&self, at: &DateTime<Tz>) -> String
    where
        Tz::Offset: Display,
    {
        let mut out = String::new();
        if write!(out, "{}", at.format(&self.0)).is_err() {
            out.clear();
            out.push_str(&at.format(Self::DEFAULT).to_string());
        }
        out
    }
}

impl Default for DateFormat {
    fn default() -> Self {
        DateFormat(Self::DEFAULT.to_owned())
    }
}

impl TryFrom<String> for DateFormat {
    type Error = String;

    fn try_from(pattern: String) -> Result<Self, Self::Error> {
        DateFormat::parse(&pattern)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_the_pattern_and_refuses_nonsense() {
        let at = DateTime::parse_from_rfc3339("2026-03-05T10:00:00Z").unwrap();
        assert_eq!(DateFormat::default().format(&at), "2026-03-05");
        assert_eq!(
            DateFormat::parse("%-d %b %Y").unwrap().format(&at),
            "5 Mar 2026"
        );
        for bad in ["%Q", "%", "", "  ", "%Y\n%m"] {
            assert!(DateFormat::parse(bad).is_err(), "{bad:?}");
        }
    }
}
