//! "Who do I need to chase today": sorting follow-ups by how soon they are
//! due, snoozing them and marking them done.
//!
//! Everything takes `today` as an argument and never reads the clock, so the
//! rules are tested with fixed dates; the injected `crate::clock::Clock`
//! supplies it at the edges.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::{FollowUp, UsState, text_enum};

/// How many days ahead still count as "this week". A rolling window rather
/// than the rest of the ISO week, so a follow-up due next Monday shows up
/// on Friday instead of disappearing into "later" until the week turns.
pub const THIS_WEEK_DAYS: u64 = 7;

text_enum! {
    /// Where a follow-up falls relative to today. Ordered soonest first.
    pub enum Bucket {
        /// Due before today and not done.
        Overdue = ("overdue", "overdue"),
        Today = ("today", "today"),
        /// Due 1 to 7 days after today (see [`THIS_WEEK_DAYS`]).
        ThisWeek = ("this_week", "next 7 days"),
        /// Due more than 7 days after today.
        Later = ("later", "later"),
    }
}

/// The bucket for a due date, relative to `today`.
pub fn bucket(due: NaiveDate, today: NaiveDate) -> Bucket {
    let week_end = today.checked_add_days(Days::new(THIS_WEEK_DAYS));
    if due < today {
        Bucket::Overdue
    } else if due == today {
        Bucket::Today
    } else if week_end.is_none_or(|end| due <= end) {
        Bucket::ThisWeek
    } else {
        Bucket::Later
    }
}

/// Days from today to `due`: negative when overdue, 0 when due today.
pub fn days_until(due: NaiveDate, today: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// Splits items into buckets, soonest bucket first and each bucket sorted
/// by due date (ties keep their input order). Empty buckets are left out.
pub fn group_by_bucket<T>(
    items: impl IntoIterator<Item = T>,
    today: NaiveDate,
    due_of: impl Fn(&T) -> NaiveDate,
) -> Vec<(Bucket, Vec<T>)> {
    let mut items: Vec<T> = items.into_iter().collect();
    items.sort_by_key(|item| due_of(item));
    let mut groups: Vec<(Bucket, Vec<T>)> = Vec::new();
    for item in items {
        let b = bucket(due_of(&item), today);
        match groups.last_mut() {
            Some((last, members)) if *last == b => members.push(item),
            _ => groups.push((b, vec![item])),
        }
    }
    groups
}

/// An open follow-up with the program facts a cross-program list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenFollowUp {
    pub follow_up: FollowUp,
    pub program_name: String,
    pub state: UsState,
    /// The named contact's name, when the follow-up names one.
    pub contact_name: Option<String>,
}

impl FollowUp {
    /// Not yet marked done.
    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }
}

/// The snooze choices offered for a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snooze {
    ThreeDays,
    OneWeek,
    TwoWeeks,
    Until(NaiveDate),
}

impl Snooze {
    /// The preset choices, in the order a menu lists them.
    pub const PRESETS: [Snooze; 3] = [Snooze::ThreeDays, Snooze::OneWeek, Snooze::TwoWeeks];

    pub fn label(self) -> String {
        match self {
            Snooze::ThreeDays => "+3 days".into(),
            Snooze::OneWeek => "+1 week".into(),
            Snooze::TwoWeeks => "+2 weeks".into(),
            Snooze::Until(day) => format!("until {}", day.format("%Y-%m-%d")),
        }
    }

    /// The new due date. Presets count from the later of the current due
    /// date and today: snoozing an overdue item "+3 days" from its old date
    /// could leave it still overdue, while pushing a future one back should
    /// not pull it closer.
    pub fn new_due(self, current: NaiveDate, today: NaiveDate) -> Result<NaiveDate, String> {
        match self {
            Snooze::Until(day) if day == current && day >= today => {
                Err(format!("it is already due on {}", day.format("%Y-%m-%d")))
            }
            _ => self.due_from(current.max(today), today),
        }
    }

    /// The due date of a follow-up that does not exist yet: presets count
    /// from today, and any day from today on is valid. Unlike
    /// [`Snooze::new_due`] there is no current date to collide with, so
    /// "today" is a fine answer (it used to be refused as "already due").
    pub fn first_due(self, today: NaiveDate) -> Result<NaiveDate, String> {
        self.due_from(today, today)
    }

    fn due_from(self, base: NaiveDate, today: NaiveDate) -> Result<NaiveDate, String> {
        let days = match self {
            Snooze::ThreeDays => 3,
            Snooze::OneWeek => 7,
            Snooze::TwoWeeks => 14,
            Snooze::Until(day) if day < today => {
                return Err(format!(
                    "{} is in the past: pick today or a later day",
                    day.format("%Y-%m-%d")
                ));
            }
            Snooze::Until(day) => return Ok(day),
        };
        base.checked_add_days(Days::new(days))
            .ok_or_else(|| "that date is out of range".to_string())
    }
}

/// The follow-up moved to a new due date, with the old date pushed onto
/// `snoozed_from` so the trail of postponements survives.
pub fn snooze(f: &FollowUp, choice: Snooze, today: NaiveDate) -> Result<FollowUp, String> {
    if !f.is_open() {
        return Err("this follow-up is already done".into());
    }
    let due = choice.new_due(f.due, today)?;
    let mut snoozed = f.clone();
    snoozed.snoozed_from.push(f.due);
    snoozed.due = due;
    Ok(snoozed)
}

/// The follow-up marked done at `at`. Marking a done one again keeps the
/// first time, so the record says when it was really done.
pub fn mark_done(f: &FollowUp, at: DateTime<Utc>) -> FollowUp {
    FollowUp {
        done_at: f.done_at.or(Some(at)),
        ..f.clone()
    }
}

/// The calendar date in `tz` at the instant `now`. "Today" changes at the
/// user's midnight, not UTC's: at 23:30 in New York it is already tomorrow
/// in UTC.
pub fn local_today<Tz: TimeZone>(now: DateTime<Utc>, tz: &Tz) -> NaiveDate {
    now.with_timezone(tz).date_naive()
}

#[cfg(test)]
mod tests {
    use chrono::FixedOffset;
    use chrono_tz::America::New_York;

    use super::*;
    use crate::domain::{FollowUpId, ProgramId};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn follow_up(due: NaiveDate) -> FollowUp {
        FollowUp {
            id: FollowUpId(1),
            program_id: ProgramId(1),
            contact_id: None,
            due,
            note: "ask about dates".into(),
            done_at: None,
            snoozed_from: vec![],
        }
    }

    fn today() -> NaiveDate {
        day(2025, 12, 3)
    }

    #[test]
    fn buckets_split_at_today_and_seven_days_ahead() {
        let t = today();
        assert_eq!(bucket(day(2025, 11, 1), t), Bucket::Overdue);
        assert_eq!(bucket(day(2025, 12, 2), t), Bucket::Overdue);
        assert_eq!(bucket(day(2025, 12, 3), t), Bucket::Today);
        assert_eq!(bucket(day(2025, 12, 4), t), Bucket::ThisWeek);
        assert_eq!(bucket(day(2025, 12, 10), t), Bucket::ThisWeek);
        assert_eq!(bucket(day(2025, 12, 11), t), Bucket::Later);
        assert_eq!(bucket(day(2026, 6, 1), t), Bucket::Later);
    }

    #[test]
    fn days_until_is_negative_when_overdue() {
        assert_eq!(days_until(day(2025, 12, 1), today()), -2);
        assert_eq!(days_until(today(), today()), 0);
        assert_eq!(days_until(day(2026, 1, 2), today()), 30);
    }

    #[test]
    fn grouping_sorts_by_due_and_skips_empty_buckets() {
        let dues = [day(2025, 12, 20), day(2025, 11, 30), day(2025, 12, 1)];
        let groups = group_by_bucket(dues, today(), |d| *d);
        assert_eq!(
            groups,
            vec![
                (Bucket::Overdue, vec![day(2025, 11, 30), day(2025, 12, 1)]),
                (Bucket::Later, vec![day(2025, 12, 20)]),
            ]
        );
        assert!(group_by_bucket(Vec::<NaiveDate>::new(), today(), |d| *d).is_empty());
    }

    #[test]
    fn bucket_codes_and_labels_read_well() {
        assert_eq!(Bucket::ThisWeek.code(), "this_week");
        assert_eq!(Bucket::ThisWeek.label(), "next 7 days");
        assert!(Bucket::Overdue < Bucket::Later);
    }

    #[test]
    fn snooze_presets_count_from_today_when_overdue() {
        let f = follow_up(day(2025, 11, 20));
        let s = snooze(&f, Snooze::ThreeDays, today()).unwrap();
        assert_eq!(s.due, day(2025, 12, 6));
        assert_eq!(s.snoozed_from, vec![day(2025, 11, 20)]);
        assert_eq!(s.note, f.note);
    }

    #[test]
    fn snooze_presets_count_from_the_due_date_when_it_is_ahead() {
        let f = follow_up(day(2025, 12, 5));
        assert_eq!(
            snooze(&f, Snooze::OneWeek, today()).unwrap().due,
            day(2025, 12, 12)
        );
        assert_eq!(
            snooze(&f, Snooze::TwoWeeks, today()).unwrap().due,
            day(2025, 12, 19)
        );
    }

    #[test]
    fn snoozing_twice_keeps_the_whole_trail_oldest_first() {
        let f = follow_up(today());
        let once = snooze(&f, Snooze::ThreeDays, today()).unwrap();
        let twice = snooze(&once, Snooze::Until(day(2026, 1, 15)), today()).unwrap();
        assert_eq!(twice.due, day(2026, 1, 15));
        assert_eq!(twice.snoozed_from, vec![day(2025, 12, 3), day(2025, 12, 6)]);
    }

    #[test]
    fn snoozing_to_the_past_or_the_same_day_or_when_done_is_refused() {
        let f = follow_up(day(2025, 12, 10));
        let past = snooze(&f, Snooze::Until(day(2025, 12, 2)), today()).unwrap_err();
        assert!(past.contains("past"), "{past}");
        let same = snooze(&f, Snooze::Until(day(2025, 12, 10)), today()).unwrap_err();
        assert!(same.contains("already due"), "{same}");
        let done = mark_done(&f, utc("2025-12-03T10:00:00Z"));
        assert!(snooze(&done, Snooze::OneWeek, today()).is_err());
        // Moving an overdue item to today is allowed.
        let overdue = follow_up(day(2025, 12, 1));
        assert_eq!(
            snooze(&overdue, Snooze::Until(today()), today())
                .unwrap()
                .due,
            today()
        );
    }

    #[test]
    fn a_new_follow_up_may_be_due_today_but_not_in_the_past() {
        assert_eq!(Snooze::Until(today()).first_due(today()), Ok(today()));
        assert_eq!(Snooze::ThreeDays.first_due(today()), Ok(day(2025, 12, 6)));
        let past = Snooze::Until(day(2025, 12, 2))
            .first_due(today())
            .unwrap_err();
        assert!(past.contains("past"), "{past}");
    }

    #[test]
    fn snooze_labels_name_the_choice() {
        let labels: Vec<String> = Snooze::PRESETS.iter().map(|s| s.label()).collect();
        assert_eq!(labels, ["+3 days", "+1 week", "+2 weeks"]);
        assert_eq!(Snooze::Until(today()).label(), "until 2025-12-03");
    }

    #[test]
    fn mark_done_sets_the_time_once() {
        let f = follow_up(today());
        assert!(f.is_open());
        let first = utc("2025-12-03T10:00:00Z");
        let done = mark_done(&f, first);
        assert!(!done.is_open());
        assert_eq!(done.done_at, Some(first));
        let again = mark_done(&done, utc("2025-12-04T10:00:00Z"));
        assert_eq!(again.done_at, Some(first));
    }

    #[test]
    fn local_today_turns_at_local_midnight_with_fixed_offsets() {
        let new_york_winter = FixedOffset::west_opt(5 * 3600).unwrap();
        let india = FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
        // 23:59:59 in New York is already the next day in UTC.
        let before = utc("2025-12-04T04:59:59Z");
        let after = utc("2025-12-04T05:00:00Z");
        assert_eq!(local_today(before, &new_york_winter), day(2025, 12, 3));
        assert_eq!(local_today(after, &new_york_winter), day(2025, 12, 4));
        assert_eq!(local_today(before, &Utc), day(2025, 12, 4));
        // East of UTC the year turns before it does in London.
        assert_eq!(
            local_today(utc("2025-12-31T18:29:59Z"), &india),
            day(2025, 12, 31)
        );
        assert_eq!(
            local_today(utc("2025-12-31T18:30:00Z"), &india),
            day(2026, 1, 1)
        );
    }

    #[test]
    fn local_midnight_moves_an_hour_earlier_in_utc_when_dst_starts() {
        // 9 March 2025: New York springs forward at 02:00 EST.
        assert_eq!(
            local_today(utc("2025-03-09T04:59:59Z"), &New_York),
            day(2025, 3, 8)
        );
        assert_eq!(
            local_today(utc("2025-03-09T05:00:00Z"), &New_York),
            day(2025, 3, 9)
        );
        // The next midnight is in EDT (UTC-4), at 04:00Z.
        assert_eq!(
            local_today(utc("2025-03-10T03:59:59Z"), &New_York),
            day(2025, 3, 9)
        );
        assert_eq!(
            local_today(utc("2025-03-10T04:00:00Z"), &New_York),
            day(2025, 3, 10)
        );
    }

    #[test]
    fn the_repeated_hour_when_dst_ends_stays_on_the_same_day() {
        // 2 November 2025: New York falls back at 02:00 EDT to 01:00 EST.
        assert_eq!(
            local_today(utc("2025-11-02T03:59:59Z"), &New_York),
            day(2025, 11, 1)
        );
        // 01:30 EDT and 01:30 EST are both 2 November.
        assert_eq!(
            local_today(utc("2025-11-02T05:30:00Z"), &New_York),
            day(2025, 11, 2)
        );
        assert_eq!(
            local_today(utc("2025-11-02T06:30:00Z"), &New_York),
            day(2025, 11, 2)
        );
        // That day is 25 hours long: midnight is back at 05:00Z.
        assert_eq!(
            local_today(utc("2025-11-03T04:59:59Z"), &New_York),
            day(2025, 11, 2)
        );
        assert_eq!(
            local_today(utc("2025-11-03T05:00:00Z"), &New_York),
            day(2025, 11, 3)
        );
    }

    #[test]
    fn bucketing_with_local_today_follows_the_users_midnight() {
        // Late evening in New York on the due date: still "today" there,
        // though UTC has moved on and would call it overdue.
        let now = utc("2025-12-04T03:30:00Z");
        let due = day(2025, 12, 3);
        assert_eq!(bucket(due, local_today(now, &New_York)), Bucket::Today);
        assert_eq!(bucket(due, local_today(now, &Utc)), Bucket::Overdue);
    }
}
