//! Today's date, overridable for tests and scripts.
use chrono::NaiveDate;
/// `USCE_TODAY=YYYY-MM-DD` fixes the date (tests, demos); otherwise the local date.
pub fn today() -> NaiveDate {
    std::env::var("USCE_TODAY")
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
