//! The calendar feed (RFC 5545): follow-ups, application windows,
//! rotations and document expiries, as one `.ics` file a calendar app can
//! import or subscribe to.
//!
//! Every component's UID is made of the record's kind and row id
//! (`rotation-12@usce`), never of its contents, so exporting again after a
//! change gives the same UID and a calendar app updates the event instead
//! of adding a second one. Everything here is a day, not a time: all-day
//! values are `VALUE=DATE` (no time, no zone, the day the user sees); the
//! user's zone (`TZ`) is named in `X-WR-TIMEZONE` for apps that place
//! floating items by it, and DTSTAMP is UTC as RFC 5545 requires.

use chrono::{DateTime, Days, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property, Todo, TodoStatus};

use crate::config::FollowUpsAs;
use crate::domain::readiness::{Plans, deadline};
use crate::domain::{OpenFollowUp, Program};

/// The domain part of every UID: says which program made it.
const UID_DOMAIN: &str = "usce";

/// How to write the feed.
#[derive(Debug, Clone)]
pub struct CalendarOptions {
    pub follow_ups: FollowUpsAs,
    /// An IANA zone name (the `TZ` the user runs with), if known.
    pub time_zone: Option<String>,
    /// DTSTAMP of every component: when the feed was written.
    pub stamp: DateTime<Utc>,
}

/// The UID of record `id` of `kind`: stable across exports.
pub fn uid(kind: &str, id: i64) -> String {
    format!("{kind}-{id}@{UID_DOMAIN}")
}

/// The whole feed as text (CRLF line ends, folded as RFC 5545 says).
pub fn write_calendar(
    programs: &[Program],
    plans: &Plans,
    follow_ups: &[OpenFollowUp],
    options: &CalendarOptions,
) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", "-//usce//usce calendar feed//EN"));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("X-WR-CALNAME", "usce"));
    if let Some(zone) = &options.time_zone {
        cal.append_property(Property::new("X-WR-TIMEZONE", zone.as_str()));
    }
    for f in follow_ups {
        push_follow_up(&mut cal, f, options);
    }
    for p in programs.iter().filter(|p| in_season(p, plans)) {
        push_windows(&mut cal, p, plans, options);
    }
    for r in &plans.rotations {
        let name = crate::domain::plans::program_by_id(programs, r.program_id)
            .map_or("a program", |p| p.name.as_str());
        let summary = format!("Rotation: {name} ({})", r.kind.label());
        let mut event = day_event(&uid("rotation", r.id.0), &summary, r.start, r.end, options);
        if !r.specialty.is_empty() {
            event.description(&r.specialty);
        }
        cal.push(event.done());
    }
    for d in &plans.documents {
        let Some(expiry) = d.expiry() else { continue };
        let summary = format!("{} expires", d.kind.label());
        let mut event = day_event(&uid("document", d.id.0), &summary, expiry, expiry, options);
        if !d.expiry_is_typed() {
            event.description("Derived from the kind's default validity: check the program's rule");
        }
        cal.push(event.done());
    }
    cal.to_string()
}

/// Programs whose application dates belong in the calendar: ones the
/// user is pursuing (shortlisted onwards, not turned down either way) or
/// has an application for. A 15,000-program import must not fill it.
fn in_season(p: &Program, plans: &Plans) -> bool {
    crate::domain::readiness::pursued(p, &plans.applications)
}

fn push_windows(cal: &mut Calendar, p: &Program, plans: &Plans, options: &CalendarOptions) {
    if let Some(on) = p.rotation.applications_open {
        let summary = format!("Applications open: {}", p.name);
        cal.push(day_event(&uid("opens", p.id.0), &summary, on, on, options).done());
    }
    let next = plans
        .rotations
        .iter()
        .filter(|r| r.program_id == p.id)
        .min_by_key(|r| r.start);
    if let Some(on) = deadline(p, next) {
        let summary = format!("Apply by: {}", p.name);
        cal.push(day_event(&uid("deadline", p.id.0), &summary, on, on, options).done());
    }
}

fn push_follow_up(cal: &mut Calendar, f: &OpenFollowUp, options: &CalendarOptions) {
    let id = uid("follow-up", f.follow_up.id.0);
    let summary = match &f.contact_name {
        Some(name) => format!("Follow up: {} ({name})", f.program_name),
        None => format!("Follow up: {}", f.program_name),
    };
    let due = f.follow_up.due;
    match options.follow_ups {
        FollowUpsAs::Todo => {
            let mut todo = Todo::new();
            todo.uid(&id)
                .timestamp(options.stamp)
                .summary(&summary)
                .due(due)
                .status(TodoStatus::NeedsAction);
            if !f.follow_up.note.is_empty() {
                todo.description(&f.follow_up.note);
            }
            cal.push(todo.done());
        }
        FollowUpsAs::Event => {
            let mut event = day_event(&id, &summary, due, due, options);
            if !f.follow_up.note.is_empty() {
                event.description(&f.follow_up.note);
            }
            cal.push(event.done());
        }
    }
}

/// An all-day event from `first` to `last`, both inclusive (DTEND is the
/// day after, as RFC 5545 counts it).
fn day_event(
    uid: &str,
    summary: &str,
    first: NaiveDate,
    last: NaiveDate,
    options: &CalendarOptions,
) -> Event {
    let end = last.checked_add_days(Days::new(1)).unwrap_or(last);
    let mut event = Event::new();
    event
        .uid(uid)
        .timestamp(options.stamp)
        .summary(summary)
        .starts(first)
        .ends(end);
    event.done()
}

#[cfg(test)]
#[path = "tests_calendar.rs"]
mod tests;
