//! Money as programs state it: "$1,200", "$300/week", "none", housing
//! "yes, $800/month". Read from the free-text fields so a program's own
//! words stay as written; the budget reads amounts out of them. One
//! currency (config), no exchange rates.

use chrono::NaiveDate;

/// An amount in cents of the configured currency.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl std::ops::Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0.saturating_add(other.0))
    }
}

impl std::ops::AddAssign for Cents {
    fn add_assign(&mut self, other: Cents) {
        *self = *self + other;
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents(0), |a, b| a + b)
    }
}

impl Cents {
    pub fn times(self, n: i64) -> Cents {
        Cents(self.0.saturating_mul(n))
    }

    /// "$1,200" for USD (whole amounts drop the cents), "1,200.50 EUR"
    /// for another currency code.
    pub fn show(self, currency: &str) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = super::plural::thousands(&(abs / 100).to_string());
        let number = match abs % 100 {
            0 => whole,
            cents => format!("{whole}.{cents:02}"),
        };
        if currency.eq_ignore_ascii_case("USD") {
            format!("{sign}${number}")
        } else {
            format!("{sign}{number} {currency}")
        }
    }
}

/// Words that mean "costs nothing".
const FREE: &[&str] = &["none", "free", "no fee", "no charge", "waived", "0", "n/a"];

/// The first amount in the text: "$1,200" → 120000 cents, "USD 37.50",
/// "300/week" → 30000. "none", "free" → 0. `None` when no number is there.
pub fn parse_amount(text: &str) -> Option<Cents> {
    let t = text.trim().to_lowercase();
    if FREE.contains(&t.as_str()) {
        return Some(Cents(0));
    }
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let mut whole: i64 = 0;
    let mut cents: Option<(i64, u32)> = None;
    for c in t[start..].chars() {
        match (c, cents) {
            (',', None) => {}
            ('.', None) => cents = Some((0, 0)),
            (d, None) if d.is_ascii_digit() => {
                whole = whole
                    .checked_mul(10)?
                    .checked_add(i64::from(d as u8 - b'0'))?
            }
            (d, Some((v, n))) if d.is_ascii_digit() && n < 2 => {
                cents = Some((v * 10 + i64::from(d as u8 - b'0'), n + 1))
            }
            (d, Some(_)) if d.is_ascii_digit() => {}
            _ => break,
        }
    }
    let fraction = match cents {
        Some((v, 1)) => v * 10,
        Some((v, _)) => v,
        None => 0,
    };
    Some(Cents(whole.checked_mul(100)?.checked_add(fraction)?))
}

/// What an amount is charged for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Total,
    Week,
    Month,
}

/// A stated price: "$300/week", "$1,200", "$800 per month".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Price {
    pub amount: Cents,
    pub per: Per,
}

impl Price {
    pub fn parse(text: &str) -> Option<Price> {
        let amount = parse_amount(text)?;
        let t = text.to_lowercase();
        let per = if ["/week", "/wk", "per week", "a week", "weekly", "/ week"]
            .iter()
            .any(|w| t.contains(w))
        {
            Per::Week
        } else if [
            "/month",
            "/mo",
            "per month",
            "a month",
            "monthly",
            "/ month",
        ]
        .iter()
        .any(|w| t.contains(w))
        {
            Per::Month
        } else {
            Per::Total
        };
        Some(Price { amount, per })
    }

    /// The cost over a stay of `days` days (`weeks` weeks): a weekly price
    /// times the weeks, a monthly one per started 30 days.
    pub fn over(self, weeks: u32, days: u32) -> Cents {
        match self.per {
            Per::Total => self.amount,
            Per::Week => self.amount.times(i64::from(weeks)),
            Per::Month => self.amount.times(i64::from(days.div_ceil(30).max(1))),
        }
    }
}

/// Whether a program offers housing, and at what price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Housing {
    NotStated,
    No,
    /// Offered; the price when one is stated (0 when free).
    Yes(Option<Price>),
}

impl Housing {
    /// "yes", "no", "$800/month", "yes, $200/week", "provided free".
    pub fn parse(text: &str) -> Housing {
        let t = text.trim().to_lowercase();
        if t.is_empty() {
            return Housing::NotStated;
        }
        if t == "no" || t.starts_with("no ") || t.starts_with("not ") || t == "none" {
            return Housing::No;
        }
        if t.contains("free") || t.contains("included") {
            return Housing::Yes(Some(Price {
                amount: Cents(0),
                per: Per::Total,
            }));
        }
        Housing::Yes(Price::parse(&t))
    }
}

/// An application deadline: a date, or a lead time before the start of
/// the rotation applied for ("apply 3 months ahead").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    On(NaiveDate),
    /// So many days before the rotation starts.
    DaysAhead(u32),
}

impl Deadline {
    /// "2027-03-01", "3 months ahead", "apply 8 weeks before", "60 days".
    /// `None` when blank or unreadable.
    pub fn parse(text: &str) -> Option<Deadline> {
        let t = text.trim().to_lowercase();
        // Every spelling of a date the forms and the importer read.
        if let Ok(day) = super::fields::parse::date(&t) {
            return Some(Deadline::On(day));
        }
        let start = t.find(|c: char| c.is_ascii_digit())?;
        let digits: String = t[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let n: u32 = digits.parse().ok()?;
        let per_unit = if t.contains("month") {
            30
        } else if t.contains("week") {
            7
        } else if t.contains("day") {
            1
        } else {
            return None;
        };
        Some(Deadline::DaysAhead(n.checked_mul(per_unit)?))
    }

    /// The last day to apply for a rotation starting `start` (if known).
    pub fn day_for(self, start: Option<NaiveDate>) -> Option<NaiveDate> {
        match self {
            Deadline::On(day) => Some(day),
            Deadline::DaysAhead(days) => {
                start?.checked_sub_days(chrono::Days::new(u64::from(days)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_programs_write_them() {
        assert_eq!(parse_amount("$1,200"), Some(Cents(120_000)));
        assert_eq!(parse_amount("USD 37.5"), Some(Cents(3_750)));
        assert_eq!(parse_amount("$300/week"), Some(Cents(30_000)));
        assert_eq!(parse_amount("None"), Some(Cents(0)));
        assert_eq!(parse_amount("ask the office"), None);
        assert_eq!(Cents(120_000).show("USD"), "$1,200");
        assert_eq!(Cents(123_456_789).show("EUR"), "1,234,567.89 EUR");
    }

    #[test]
    fn prices_know_what_they_are_charged_for() {
        let weekly = Price::parse("$300/week").unwrap();
        assert_eq!(weekly.per, Per::Week);
        assert_eq!(weekly.over(4, 28), Cents(120_000));
        let total = Price::parse("$1,200").unwrap();
        assert_eq!(total.over(8, 56), Cents(120_000));
        let monthly = Price::parse("$800 per month").unwrap();
        assert_eq!(monthly.over(6, 42), Cents(160_000));
    }

    #[test]
    fn housing_is_yes_no_or_a_price() {
        assert_eq!(Housing::parse(""), Housing::NotStated);
        assert_eq!(Housing::parse("No"), Housing::No);
        assert_eq!(Housing::parse("yes"), Housing::Yes(None));
        assert_eq!(
            Housing::parse("yes, $200/week"),
            Housing::Yes(Some(Price {
                amount: Cents(20_000),
                per: Per::Week
            }))
        );
        assert!(matches!(
            Housing::parse("provided free"),
            Housing::Yes(Some(Price {
                amount: Cents(0),
                ..
            }))
        ));
    }

    #[test]
    fn deadlines_are_dates_or_lead_times() {
        let d = |m, dd| NaiveDate::from_ymd_opt(2027, m, dd).unwrap();
        assert_eq!(Deadline::parse("2027-03-01"), Some(Deadline::On(d(3, 1))));
        let ahead = Deadline::parse("apply 3 months ahead").unwrap();
        assert_eq!(ahead, Deadline::DaysAhead(90));
        assert_eq!(ahead.day_for(Some(d(6, 30))), Some(d(4, 1)));
        assert_eq!(ahead.day_for(None), None);
        assert_eq!(
            Deadline::parse("8 weeks before"),
            Some(Deadline::DaysAhead(56))
        );
        assert_eq!(Deadline::parse("rolling"), None);
        assert_eq!(
            Deadline::parse("March 1, 2027"),
            Some(Deadline::On(d(3, 1)))
        );
    }
}
