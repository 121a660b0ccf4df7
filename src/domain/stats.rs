//! How outreach is going, per state and overall: how many programs were
//! contacted, how many answered, how fast, and what is overdue. Pure
//! arithmetic over one row per program, which the store reads.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{Status, UsState};

/// What the statistics need to know about one program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramActivity {
    pub state: UsState,
    pub status: Status,
    /// The first outbound log entry, if anything was ever sent.
    pub first_outbound: Option<DateTime<Utc>>,
    /// The first inbound log entry at or after `first_outbound`. A program
    /// that wrote first is not "replying", so earlier inbound entries are
    /// left out rather than giving a negative time to reply.
    pub first_reply: Option<DateTime<Utc>>,
    /// Due dates of the program's open follow-ups.
    pub open_follow_up_dues: Vec<NaiveDate>,
}

/// Counts for a group of programs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    pub programs: usize,
    /// Status at least "contacted" (declined and completed count too).
    pub contacted: usize,
    /// Status at least "replied".
    pub replied: usize,
    /// Accepted or completed.
    pub accepted: usize,
    /// `replied / contacted`, between 0 and 1; `None` before any contact.
    pub reply_rate: Option<f64>,
    /// Median of (first reply − first outbound) in days, over programs that
    /// have both; `None` when none has.
    pub median_days_to_reply: Option<f64>,
    /// Open follow-ups due before today.
    pub follow_ups_overdue: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateTally {
    pub state: UsState,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// One entry per state that has programs, in state-code order.
    pub by_state: Vec<StateTally>,
    pub overall: Tally,
}

pub fn outreach_stats(rows: &[ProgramActivity], today: NaiveDate) -> Stats {
    let mut groups: BTreeMap<UsState, Vec<&ProgramActivity>> = BTreeMap::new();
    for row in rows {
        groups.entry(row.state).or_default().push(row);
    }
    Stats {
        by_state: groups
            .into_iter()
            .map(|(state, rows)| StateTally {
                state,
                tally: tally(&rows, today),
            })
            .collect(),
        overall: tally(&rows.iter().collect::<Vec<_>>(), today),
    }
}

fn tally(rows: &[&ProgramActivity], today: NaiveDate) -> Tally {
    let count = |keep: &dyn Fn(&ProgramActivity) -> bool| rows.iter().filter(|r| keep(r)).count();
    let contacted = count(&|r| r.status.rank() >= Status::Contacted.rank());
    let replied = count(&|r| r.status.rank() >= Status::Replied.rank());
    let accepted = count(&|r| matches!(r.status, Status::Accepted | Status::Completed));
    let days: Vec<f64> = rows
        .iter()
        .filter_map(|r| {
            let waited = r.first_reply? - r.first_outbound?;
            // Seconds, then days: the precision a median of days needs.
            Some(waited.num_seconds() as f64 / 86_400.0).filter(|d| *d >= 0.0)
        })
        .collect();
    Tally {
        programs: rows.len(),
        contacted,
        replied,
        accepted,
        reply_rate: (contacted > 0).then(|| replied as f64 / contacted as f64),
        median_days_to_reply: median(days),
        follow_ups_overdue: rows
            .iter()
            .map(|r| r.open_follow_up_dues.iter().filter(|d| **d < today).count())
            .sum(),
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap()
    }

    fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, m, d, h, 0, 0).unwrap()
    }

    fn row(code: &str, status: Status) -> ProgramActivity {
        ProgramActivity {
            state: UsState::from_code(code).unwrap(),
            status,
            first_outbound: None,
            first_reply: None,
            open_follow_up_dues: vec![],
        }
    }

    fn replied_after(code: &str, status: Status, hours: u32) -> ProgramActivity {
        ProgramActivity {
            first_outbound: Some(at(11, 1, 0)),
            first_reply: Some(at(11, 1, 0) + chrono::Duration::hours(i64::from(hours))),
            ..row(code, status)
        }
    }

    #[test]
    fn counts_follow_the_pipeline_rank() {
        let rows = [
            row("KY", Status::Researching),
            row("KY", Status::NotAFit),
            row("KY", Status::Contacted),
            row("KY", Status::Replied),
            row("KY", Status::Declined),
            row("KY", Status::Accepted),
            row("KY", Status::Completed),
        ];
        let t = outreach_stats(&rows, day(12, 1)).overall;
        assert_eq!(t.programs, 7);
        assert_eq!(t.contacted, 5);
        assert_eq!(t.replied, 4);
        assert_eq!(t.accepted, 2);
        assert_eq!(t.reply_rate, Some(0.8));
    }

    #[test]
    fn groups_by_state_in_code_order_and_totals_overall() {
        let rows = [
            row("OH", Status::Contacted),
            row("KY", Status::Replied),
            row("OH", Status::Researching),
        ];
        let stats = outreach_stats(&rows, day(12, 1));
        let states: Vec<&str> = stats.by_state.iter().map(|s| s.state.code()).collect();
        assert_eq!(states, ["KY", "OH"]);
        assert_eq!(stats.by_state[1].tally.programs, 2);
        assert_eq!(stats.by_state[1].tally.reply_rate, Some(0.0));
        assert_eq!(stats.by_state[0].tally.reply_rate, Some(1.0));
        assert_eq!(stats.overall.programs, 3);
        assert_eq!(stats.overall.reply_rate, Some(0.5));
    }

    #[test]
    fn no_contact_means_no_rate_rather_than_zero() {
        let stats = outreach_stats(&[row("KY", Status::Researching)], day(12, 1));
        assert_eq!(stats.overall.reply_rate, None);
        assert_eq!(stats.overall.median_days_to_reply, None);
        assert_eq!(outreach_stats(&[], day(12, 1)), Stats::default());
    }

    #[test]
    fn median_days_to_reply_uses_programs_with_both_ends() {
        let mut odd = vec![
            replied_after("KY", Status::Replied, 24),
            replied_after("KY", Status::Replied, 72),
            replied_after("KY", Status::Replied, 240),
            // Sent but never answered: not part of the median.
            ProgramActivity {
                first_outbound: Some(at(11, 2, 0)),
                ..row("KY", Status::Contacted)
            },
        ];
        let stats = outreach_stats(&odd, day(12, 1));
        assert_eq!(stats.overall.median_days_to_reply, Some(3.0));
        odd.push(replied_after("OH", Status::Replied, 120));
        let stats = outreach_stats(&odd, day(12, 1));
        assert_eq!(stats.overall.median_days_to_reply, Some(4.0));
        assert_eq!(stats.by_state[1].tally.median_days_to_reply, Some(5.0));
    }

    #[test]
    fn half_days_are_kept() {
        let rows = [replied_after("KY", Status::Replied, 36)];
        assert_eq!(
            outreach_stats(&rows, day(12, 1))
                .overall
                .median_days_to_reply,
            Some(1.5)
        );
    }

    #[test]
    fn overdue_counts_open_follow_ups_before_today_only() {
        let mut a = row("KY", Status::Contacted);
        a.open_follow_up_dues = vec![day(11, 30), day(12, 1), day(12, 9)];
        let mut b = row("OH", Status::Contacted);
        b.open_follow_up_dues = vec![day(11, 2), day(11, 3)];
        let stats = outreach_stats(&[a, b], day(12, 1));
        assert_eq!(stats.overall.follow_ups_overdue, 3);
        assert_eq!(stats.by_state[0].tally.follow_ups_overdue, 1);
    }

    #[test]
    fn json_flattens_the_state_row() {
        let stats = outreach_stats(&[row("KY", Status::Contacted)], day(12, 1));
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["by_state"][0]["state"], "KY");
        assert_eq!(json["by_state"][0]["contacted"], 1);
        assert_eq!(json["overall"]["reply_rate"], 0.0);
    }
}
