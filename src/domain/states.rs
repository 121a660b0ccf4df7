//! U.S. states, DC and territories, keyed by USPS code.
//!
//! A `UsState` is an index into one static table, so it is `Copy`, compares
//! cheaply and always names a real jurisdiction. It is stored and serialised
//! as its two-letter code, never as an ordinal, so the table may grow.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// (USPS code, full name), sorted by code.
const STATES: &[(&str, &str)] = &[
    ("AK", "Alaska"),
    ("AL", "Alabama"),
    ("AR", "Arkansas"),
    ("AS", "American Samoa"),
    ("AZ", "Arizona"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DC", "District of Columbia"),
    ("DE", "Delaware"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("GU", "Guam"),
    ("HI", "Hawaii"),
    ("IA", "Iowa"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("MA", "Massachusetts"),
    ("MD", "Maryland"),
    ("ME", "Maine"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MO", "Missouri"),
    ("MP", "Northern Mariana Islands"),
    ("MS", "Mississippi"),
    ("MT", "Montana"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("NE", "Nebraska"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NV", "Nevada"),
    ("NY", "New York"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("PR", "Puerto Rico"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VA", "Virginia"),
    ("VI", "U.S. Virgin Islands"),
    ("VT", "Vermont"),
    ("WA", "Washington"),
    ("WI", "Wisconsin"),
    ("WV", "West Virginia"),
    ("WY", "Wyoming"),
];

/// Defaults to the first entry of the table; only placeholders use it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct UsState(u8);

impl UsState {
    /// Every known state, in code order.
    pub fn all() -> impl Iterator<Item = UsState> {
        (0..STATES.len()).map(|i| UsState(i as u8))
    }

    /// Looks up a USPS code, case-insensitively ("ky" → KY).
    pub fn from_code(code: &str) -> Option<UsState> {
        let code = code.trim().to_ascii_uppercase();
        STATES
            .binary_search_by(|(c, _)| (*c).cmp(code.as_str()))
            .ok()
            .map(|i| UsState(i as u8))
    }

    /// Accepts a USPS code or a full name ("Kentucky", "puerto rico",
    /// "Virgin Islands"), ignoring case, dots and surrounding space.
    pub fn parse(text: &str) -> Option<UsState> {
        if let Some(s) = UsState::from_code(text) {
            return Some(s);
        }
        let wanted = normalise_name(text);
        if wanted.is_empty() {
            return None;
        }
        STATES
            .iter()
            .position(|(_, name)| normalise_name(name) == wanted)
            .or_else(|| match wanted.as_str() {
                "virginislands" | "usvirginislands" => {
                    UsState::from_code("VI").map(|s| s.0 as usize)
                }
                "washingtondc" | "districtofcolumbia" => {
                    UsState::from_code("DC").map(|s| s.0 as usize)
                }
                _ => None,
            })
            .map(|i| UsState(i as u8))
    }

    pub fn code(self) -> &'static str {
        STATES[self.0 as usize].0
    }

    pub fn name(self) -> &'static str {
        STATES[self.0 as usize].1
    }
}

fn normalise_name(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl fmt::Debug for UsState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for UsState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for UsState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for UsState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        UsState::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown U.S. state {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_so_binary_search_works() {
        assert!(STATES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(UsState::all().count(), 56);
    }

    #[test]
    fn parses_codes_and_full_names() {
        assert_eq!(UsState::parse("ky").map(UsState::code), Some("KY"));
        assert_eq!(UsState::parse("Kentucky").map(UsState::code), Some("KY"));
        assert_eq!(
            UsState::parse(" Puerto Rico ").map(UsState::code),
            Some("PR")
        );
        assert_eq!(
            UsState::parse("Washington, D.C.").map(UsState::code),
            Some("DC")
        );
        assert_eq!(
            UsState::parse("new york").map(UsState::name),
            Some("New York")
        );
        assert_eq!(UsState::parse("Narnia"), None);
        assert_eq!(UsState::parse(""), None);
    }
}
