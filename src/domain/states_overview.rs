//! Progress per state and where to go next. The guides: master the home
//! state first, then expand state by state.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::adjacency::neighbours;
use super::fit::{Verdict, check};
use super::{Profile, Program, Status, UsState};

/// How far the applicant has got in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateRow {
    pub state: UsState,
    /// Programs on the list there.
    pub listed: usize,
    /// Looked at: any status but researching.
    pub reviewed: usize,
    /// Programs whose fit check says "fits".
    pub fits: usize,
    /// Got at least as far as contacted.
    pub contacted: usize,
    /// Got at least as far as a reply.
    pub replied: usize,
}

impl StateRow {
    /// A state with nothing listed yet.
    pub fn empty(state: UsState) -> StateRow {
        StateRow {
            state,
            listed: 0,
            reviewed: 0,
            fits: 0,
            contacted: 0,
            replied: 0,
        }
    }
}

/// One row per state with programs, plus the home state even when it has
/// none yet (it is where the guides say to start). Home first, then by code.
pub fn overview(programs: &[Program], profile: &Profile, today: NaiveDate) -> Vec<StateRow> {
    let verdicts = programs.iter().map(|p| check(profile, p, today).verdict);
    tally(programs.iter().zip(verdicts), profile.home_state)
}

/// `overview` for a caller that already knows each program's verdict (the
/// TUI caches them), so no fit check runs again.
pub fn tally<'a>(
    programs: impl IntoIterator<Item = (&'a Program, Verdict)>,
    home: Option<UsState>,
) -> Vec<StateRow> {
    let mut rows: BTreeMap<UsState, StateRow> = BTreeMap::new();
    if let Some(home) = home {
        rows.insert(home, StateRow::empty(home));
    }
    for (p, verdict) in programs {
        let row = rows
            .entry(p.state)
            .or_insert_with(|| StateRow::empty(p.state));
        let rank = p.status.rank();
        row.listed += 1;
        row.reviewed += usize::from(rank > Status::Researching.rank());
        row.contacted += usize::from(rank >= Status::Contacted.rank());
        row.replied += usize::from(rank >= Status::Replied.rank());
        row.fits += usize::from(verdict == Verdict::Fits);
    }
    let mut rows: Vec<StateRow> = rows.into_values().collect();
    sort_home_first(&mut rows, home);
    rows
}

/// Adds an empty row for each of `states` that has none (say, a state
/// marked done where nothing was listed), keeping home first, then by code.
pub fn add_empty_rows(rows: &mut Vec<StateRow>, states: &[UsState], home: Option<UsState>) {
    for s in states {
        if !rows.iter().any(|r| r.state == *s) {
            rows.push(StateRow::empty(*s));
        }
    }
    sort_home_first(rows, home);
}

fn sort_home_first(rows: &mut [StateRow], home: Option<UsState>) {
    rows.sort_by_key(|r| (Some(r.state) != home, r.state));
}

/// Where to look next, best first:
/// 1. the home state, while it is not done;
/// 2. neighbours of done states and of home that are not done, most fitting
///    programs first, then by code;
/// 3. every other listed state not done, most fitting programs first, then
///    by code.
///
/// A neighbour is suggested even with no programs listed yet: finding its
/// programs is the next step. States are never repeated.
pub fn suggest_next(done: &[UsState], home: Option<UsState>, rows: &[StateRow]) -> Vec<UsState> {
    let fits = |s: UsState| rows.iter().find(|r| r.state == s).map_or(0, |r| r.fits);
    let by_fits_then_code = |list: &mut Vec<UsState>| {
        list.sort_by(|a, b| fits(*b).cmp(&fits(*a)).then(a.cmp(b)));
    };
    let mut next: Vec<UsState> = Vec::new();
    if let Some(h) = home.filter(|h| !done.contains(h)) {
        next.push(h);
    }

    let mut frontier: Vec<UsState> = done
        .iter()
        .chain(home.iter())
        .flat_map(|s| neighbours(*s))
        .filter(|s| !done.contains(s) && !next.contains(s))
        .collect();
    frontier.sort();
    frontier.dedup();
    by_fits_then_code(&mut frontier);
    next.extend(frontier);

    let mut rest: Vec<UsState> = rows
        .iter()
        .filter(|r| r.listed > 0)
        .map(|r| r.state)
        .filter(|s| !done.contains(s) && !next.contains(s))
        .collect();
    by_fits_then_code(&mut rest);
    next.extend(rest);
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Requirements, StepResult, Tri, Visa};

    fn state(code: &str) -> UsState {
        UsState::from_code(code).unwrap()
    }

    fn codes(list: &[UsState]) -> Vec<&'static str> {
        list.iter().map(|s| s.code()).collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn profile(home: Option<&str>) -> Profile {
        Profile {
            graduation_year: Some(2022),
            step1: StepResult::Pass,
            home_state: home.map(state),
            ..Profile::default()
        }
    }

    fn program(code: &str, status: Status, fits: bool) -> Program {
        let mut p = Program::new("P", state(code));
        p.status = status;
        if fits {
            p.accepts_imgs = Tri::Yes;
            p.visa = Visa::J1;
            p.requirements = Requirements {
                takes_graduates: Tri::Yes,
                ..Requirements::default()
            };
        }
        p
    }

    fn row(code: &str, listed: usize, fits: usize) -> StateRow {
        StateRow {
            listed,
            fits,
            ..StateRow::empty(state(code))
        }
    }

    #[test]
    fn counts_each_stage_per_state_home_first() {
        let programs = [
            program("AL", Status::Researching, true),
            program("KY", Status::Researching, false),
            program("KY", Status::Shortlisted, true),
            program("KY", Status::NotAFit, false),
            program("KY", Status::Contacted, true),
            program("KY", Status::Replied, false),
            program("KY", Status::Declined, false),
            program("OH", Status::Researching, false),
        ];
        let rows = overview(&programs, &profile(Some("KY")), today());
        assert_eq!(
            codes(&rows.iter().map(|r| r.state).collect::<Vec<_>>()),
            ["KY", "AL", "OH"]
        );
        assert_eq!(
            rows[0],
            StateRow {
                state: state("KY"),
                listed: 6,
                reviewed: 5,
                fits: 2,
                contacted: 3,
                replied: 2,
            }
        );
        assert_eq!(rows[1].fits, 1);
        assert_eq!(rows[2].reviewed, 0);
    }

    #[test]
    fn home_state_gets_a_row_even_with_no_programs() {
        let rows = overview(&[], &profile(Some("TX")), today());
        assert_eq!(rows, [StateRow::empty(state("TX"))]);
        assert!(overview(&[], &profile(None), today()).is_empty());
    }

    #[test]
    fn empty_rows_are_added_once_and_keep_the_order() {
        let mut rows = vec![row("KY", 2, 1), row("OH", 1, 0)];
        add_empty_rows(
            &mut rows,
            &[state("AL"), state("OH"), state("WY")],
            Some(state("KY")),
        );
        let order: Vec<_> = rows.iter().map(|r| r.state).collect();
        assert_eq!(codes(&order), ["KY", "AL", "OH", "WY"]);
        assert_eq!(rows[2].listed, 1, "an existing row is left alone");
        assert_eq!(rows[1], StateRow::empty(state("AL")));
    }

    #[test]
    fn home_first_while_not_done_then_its_neighbours_by_fits() {
        let rows = [
            row("KY", 3, 1),
            row("OH", 2, 2),
            row("TN", 1, 1),
            row("CA", 5, 4),
        ];
        let next = suggest_next(&[], Some(state("KY")), &rows);
        assert_eq!(
            codes(&next),
            ["KY", "OH", "TN", "IL", "IN", "MO", "VA", "WV", "CA"]
        );
    }

    #[test]
    fn done_states_expand_the_frontier_and_are_never_suggested() {
        let rows = [row("KY", 3, 1), row("OH", 2, 0), row("PA", 4, 3)];
        let done = [state("KY"), state("OH")];
        let next = suggest_next(&done, Some(state("KY")), &rows);
        // Neighbours of KY and OH: PA has fits, the rest tie on 0 and go by code.
        assert_eq!(
            codes(&next),
            ["PA", "IL", "IN", "MI", "MO", "TN", "VA", "WV"]
        );
    }

    #[test]
    fn without_home_or_done_it_ranks_listed_states_by_fits() {
        let rows = [
            row("AL", 1, 0),
            row("CA", 5, 2),
            row("NY", 3, 2),
            row("TX", 0, 0),
        ];
        let next = suggest_next(&[], None, &rows);
        assert_eq!(codes(&next), ["CA", "NY", "AL"]);
    }

    #[test]
    fn everything_done_leaves_nothing_to_suggest() {
        let rows = [row("ME", 1, 1)];
        let next = suggest_next(&[state("ME"), state("NH")], None, &rows);
        assert_eq!(codes(&next), ["MA", "VT"]);
        let all: Vec<UsState> = UsState::all().collect();
        assert!(suggest_next(&all, Some(state("ME")), &rows).is_empty());
    }
}
