//! The one clock everything reads. Fit counts years since graduation from
//! today, due dates compare with today, the store stamps every row it
//! writes, and a send dates its follow-up: all of them ask a [`Clock`],
//! built once at start-up and passed in. Tests (and anyone reproducing an
//! answer) fix it with `USCE_TODAY=YYYY-MM-DD` or [`Clock::fixed`] and get
//! the same output on any day.
//!
//! `USCE_TODAY` fixes the date only; the time of day still comes from the
//! real clock. Entries written one after another then still sort in the
//! order they were written, and `now()` always falls on `today()` in local
//! time, so a date worked out from a stamp (a follow-up "in 7 days" after a
//! send) agrees with `today()`.
//!
//! Only this module reads the system clock (and `logging`, whose file
//! names follow the real day).

use std::time::Duration;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};

/// The variable that fixes the date.
pub const TODAY_VAR: &str = "USCE_TODAY";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{TODAY_VAR}={value:?} is not a date; use YYYY-MM-DD, e.g. 2025-06-01")]
pub struct BadToday {
    pub value: String,
}

/// Where the time comes from. Small and `Copy`: hand it to every thread
/// and subcommand that needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock(Source);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Source {
    /// The system clock.
    #[default]
    Real,
    /// `USCE_TODAY`: this date, at the real time of day.
    Day(NaiveDate),
    /// Tests: this instant, always.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The system clock.
    pub fn real() -> Clock {
        Clock(Source::Real)
    }

    /// Always `day`, at the real time of day (what `USCE_TODAY` sets).
    pub fn on_day(day: NaiveDate) -> Clock {
        Clock(Source::Day(day))
    }

    /// Always `at`: time stands still (for tests).
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock(Source::Fixed(at))
    }

    /// The real clock, or the date `USCE_TODAY` fixes. A malformed value is
    /// an error, for the caller to report before anything is written.
    pub fn from_env() -> Result<Clock, BadToday> {
        let value = std::env::var_os(TODAY_VAR).map(|v| v.to_string_lossy().into_owned());
        Clock::parse(value.as_deref())
    }

    /// The rule behind `from_env`, without the environment: an unset or
    /// blank value means the real clock.
    pub fn parse(value: Option<&str>) -> Result<Clock, BadToday> {
        match value.map(str::trim) {
            None | Some("") => Ok(Clock::real()),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Clock::on_day)
                .map_err(|_| BadToday {
                    value: text.to_string(),
                }),
        }
    }

    /// The current instant, as stamps are stored.
    pub fn now(&self) -> DateTime<Utc> {
        match self.0 {
            Source::Real => Utc::now(),
            Source::Day(day) => on_day_at(day, Local::now().time()),
            Source::Fixed(at) => at,
        }
    }

    /// The current instant in the user's time zone (for file names).
    pub fn local_now(&self) -> DateTime<Local> {
        self.now().with_timezone(&Local)
    }

    /// The user's calendar date.
    pub fn today(&self) -> NaiveDate {
        match self.0 {
            Source::Day(day) => day,
            Source::Real | Source::Fixed(_) => self.local_now().date_naive(),
        }
    }

    /// The instant today began in local time ("sent today" counts from it).
    pub fn start_of_today(&self) -> DateTime<Utc> {
        local_instant(self.today().and_time(NaiveTime::MIN))
    }

    /// How long until just after the next local midnight, when dates on
    /// screen move on. At least a second, so a clock that jumps never makes
    /// a loop waiting on it spin.
    pub fn until_next_day(&self) -> Duration {
        let next = self
            .today()
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 1))
            .map(local_instant);
        next.and_then(|t| (t - self.now()).to_std().ok())
            .unwrap_or(Duration::from_secs(60))
            .max(Duration::from_secs(1))
    }
}

/// `day` at the local wall-clock `time`, as an instant.
fn on_day_at(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    local_instant(day.and_time(time))
}

/// A local wall-clock time as an instant. Of a time the clocks fall back
/// over, the first; a time the clocks spring forward over does not exist,
/// so the same time an hour on (the start of the day in zones that skip
/// midnight).
fn local_instant(naive: NaiveDateTime) -> DateTime<Utc> {
    Local
        .from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            Local
                .from_local_datetime(&(naive + TimeDelta::hours(1)))
                .earliest()
        })
        .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The instant the local wall clock shows `y-m-d h:min:s`.
    fn local(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
        Local
            .with_ymd_and_hms(y, m, d, h, min, s)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_fixed_date_wins_and_blank_means_the_real_clock() {
        let fixed = Clock::on_day(day(2025, 6, 1));
        assert_eq!(Clock::parse(Some("2025-06-01")), Ok(fixed));
        assert_eq!(Clock::parse(Some(" 2025-06-01\n")), Ok(fixed));
        assert_eq!(Clock::parse(None), Ok(Clock::real()));
        assert_eq!(Clock::parse(Some("  ")), Ok(Clock::real()));
        assert_eq!(Clock::default(), Clock::real());
    }

    #[test]
    fn a_malformed_date_is_reported_in_words() {
        let err = Clock::parse(Some("June 1st")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "USCE_TODAY=\"June 1st\" is not a date; use YYYY-MM-DD, e.g. 2025-06-01"
        );
        assert!(Clock::parse(Some("2025-02-30")).is_err());
        assert!(Clock::parse(Some("2025-06-01T10:00")).is_err());
    }

    #[test]
    fn a_fixed_day_keeps_its_date_and_the_real_time_of_day() {
        let clock = Clock::on_day(day(2026, 3, 10));
        assert_eq!(clock.today(), day(2026, 3, 10));
        // Whatever the real time, the stamp falls on the fixed day.
        assert_eq!(clock.local_now().date_naive(), day(2026, 3, 10));
        // Later in the real day is later on the fixed day: entries keep
        // their order.
        let morning = on_day_at(day(2026, 3, 10), NaiveTime::from_hms_opt(9, 30, 0).unwrap());
        let evening = on_day_at(day(2026, 3, 10), NaiveTime::from_hms_opt(21, 5, 0).unwrap());
        assert_eq!(morning, local(2026, 3, 10, 9, 30, 0));
        assert!(morning < evening);
        assert_eq!(evening.with_timezone(&Local).date_naive(), day(2026, 3, 10));
    }

    #[test]
    fn a_fixed_instant_stands_still() {
        let at = local(2026, 3, 10, 14, 0, 0);
        let clock = Clock::fixed(at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.today(), day(2026, 3, 10));
        assert_eq!(clock.start_of_today(), local(2026, 3, 10, 0, 0, 0));
    }

    #[test]
    fn the_real_clock_reads_the_system_time() {
        let before = Utc::now();
        let now = Clock::real().now();
        let after = Utc::now();
        assert!(before <= now && now <= after);
        // Either side of a midnight that passes while this runs.
        let first = Local::now().date_naive();
        let today = Clock::real().today();
        let last = Local::now().date_naive();
        assert!(today == first || today == last, "{today}");
    }

    #[test]
    fn the_next_day_starts_just_after_local_midnight() {
        let late = Clock::fixed(local(2026, 6, 10, 23, 59, 0));
        assert_eq!(late.until_next_day(), Duration::from_secs(61));
        let noon = Clock::fixed(local(2026, 6, 10, 12, 0, 0));
        assert_eq!(noon.until_next_day(), Duration::from_secs(12 * 3600 + 1));
        // A fixed day ends when the real day does, never in the past.
        assert!(Clock::on_day(day(2026, 6, 10)).until_next_day() >= Duration::from_secs(1));
        assert!(Clock::on_day(day(2026, 6, 10)).until_next_day() <= Duration::from_secs(86_401));
    }
}
