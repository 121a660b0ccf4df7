//! The fit verdict of every program, kept beside the list so that drawing
//! a row, filtering by fit and sorting by fit only read it.
//!
//! Checking 15,000 programs against the profile is the one O(n) step here,
//! and it runs only when the program set, the profile or the date changes
//! (`refit`). Search keystrokes and filter changes reuse the cache.

use std::cmp::Reverse;

use chrono::NaiveDate;

use super::ProgramList;
use crate::domain::fit::{self, Fit, Verdict, fit_rank};
use crate::domain::{Profile, Program};

/// What the verdicts were computed from, and the verdicts themselves.
#[derive(Debug, Default)]
pub(super) struct FitCache {
    profile: Profile,
    today: NaiveDate,
    /// Parallel to `ProgramList::programs`.
    verdicts: Vec<Verdict>,
    /// Parallel too: is the program in the target or a related specialty?
    mine: Vec<bool>,
    by_fit: bool,
    /// Every program index in display order for the active sort, so that
    /// filtering walks it and needs no sort of its own.
    display: Vec<usize>,
}

impl FitCache {
    pub(super) fn verdict(&self, index: usize) -> Verdict {
        self.verdicts.get(index).copied().unwrap_or(Verdict::Check)
    }

    pub(super) fn is_mine(&self, index: usize) -> bool {
        self.mine.get(index).copied().unwrap_or(true)
    }

    pub(super) fn display(&self) -> &[usize] {
        &self.display
    }

    /// The part of a program's display position that sorting by fit adds:
    /// fit first, then the higher IMG share (unknown last). Constant when
    /// sorting by name, so the name order (the index) decides.
    pub(super) fn rank(&self, index: usize, programs: &[Program]) -> (u8, Reverse<Option<u8>>) {
        if !self.by_fit {
            return (0, Reverse(None));
        }
        let img = programs.get(index).and_then(|p| p.img_percent);
        (fit_rank(self.verdict(index)), Reverse(img))
    }
}

impl ProgramList {
    /// A list whose fit badges are measured against `profile` on `today`.
    pub fn for_profile(programs: Vec<Program>, profile: &Profile, today: NaiveDate) -> ProgramList {
        let mut list = ProgramList {
            home: profile.home_state,
            ..ProgramList::default()
        };
        list.fit.profile = profile.clone();
        list.fit.today = today;
        list.programs = programs;
        list.resort();
        list
    }

    /// A saved profile: badges, the specialty filter and (when the home
    /// state moved) the group order follow it. Nothing is recomputed when
    /// the profile is unchanged.
    pub fn set_profile(&mut self, profile: &Profile, today: NaiveDate) {
        if profile.home_state != self.home {
            self.fit.profile = profile.clone();
            self.fit.today = today;
            self.set_home(profile.home_state);
        } else if *profile != self.fit.profile || today != self.fit.today {
            self.fit.profile = profile.clone();
            self.fit.today = today;
            self.refit();
            self.rematch();
        }
    }

    /// A new day may change "years since graduation": re-check then only.
    pub fn set_today(&mut self, today: NaiveDate) {
        if today != self.fit.today {
            self.fit.today = today;
            self.refit();
            self.rematch();
        }
    }

    /// The date the badges were measured on.
    pub fn fit_today(&self) -> NaiveDate {
        self.fit.today
    }

    /// The cached verdict of the program at `index` (as in `program`).
    pub fn verdict(&self, index: usize) -> Verdict {
        self.fit.verdict(index)
    }

    /// Every cached verdict, parallel to `programs()`.
    pub fn verdicts(&self) -> &[Verdict] {
        &self.fit.verdicts
    }

    /// The verdict with every reason, for one program (the detail view),
    /// measured the same way as the badges.
    pub fn fit_of(&self, program: &Program) -> Fit {
        fit::check(&self.fit.profile, program, self.fit.today)
    }

    pub fn sorted_by_fit(&self) -> bool {
        self.fit.by_fit
    }

    /// Within each state: fits first, then by IMG %, then by name — or
    /// back to by name.
    pub fn set_sort_by_fit(&mut self, on: bool) {
        if on != self.fit.by_fit {
            self.fit.by_fit = on;
            self.reorder_display();
            self.rematch();
        }
    }

    /// Recomputes every verdict and specialty match, then the display
    /// order. Callers rematch afterwards.
    pub(super) fn refit(&mut self) {
        let FitCache { profile, today, .. } = &self.fit;
        let verdicts = self
            .programs
            .iter()
            .map(|p| fit::check(profile, p, *today).verdict)
            .collect();
        let mine = self
            .programs
            .iter()
            .map(|p| fit::in_my_specialties(profile, p))
            .collect();
        self.fit.verdicts = verdicts;
        self.fit.mine = mine;
        self.reorder_display();
    }

    fn reorder_display(&mut self) {
        let mut display: Vec<usize> = (0..self.programs.len()).collect();
        if self.fit.by_fit {
            let (groups, programs, fit) = (&self.groups, &self.programs, &self.fit);
            display.sort_by_key(|&i| (groups[i], fit.rank(i, programs), i));
        }
        self.fit.display = display;
    }
}
