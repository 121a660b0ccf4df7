//! Structured filters (the `f` bar): state, specialty, IMG policy, visa,
//! status, route, tag, fit and "my specialties". Each is either off or one
//! value.
//!
//! Fit and "my specialties" depend on the profile, so they are not judged
//! from the program alone: the list passes its cached verdicts to
//! `matches_fit`. With no profile every program still passes "my
//! specialties" (nothing is known to be elsewhere).

use super::AppState;
use super::Popup;
use super::command::Command;
use super::effect::Effect;
use super::route::{Handled, close_popup, move_cursor};
use crate::domain::fit::Verdict;
use crate::domain::{AppRoute, Program, Status, Tri, UsState, Visa};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub state: Option<UsState>,
    pub specialty: Option<String>,
    pub accepts_imgs: Option<Tri>,
    pub visa: Option<Visa>,
    pub status: Option<Status>,
    pub route: Option<AppRoute>,
    pub tag: Option<String>,
    pub fit: Option<Verdict>,
    /// Only the target specialty and the related ones.
    pub my_specialties: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    State,
    Specialty,
    AcceptsImgs,
    Visa,
    Status,
    Route,
    Tag,
    Fit,
    MySpecialties,
}

impl FilterField {
    pub const ALL: [FilterField; 9] = [
        FilterField::State,
        FilterField::Specialty,
        FilterField::AcceptsImgs,
        FilterField::Visa,
        FilterField::Status,
        FilterField::Route,
        FilterField::Tag,
        FilterField::Fit,
        FilterField::MySpecialties,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FilterField::State => "State",
            FilterField::Specialty => "Specialty",
            FilterField::AcceptsImgs => "Accepts IMGs",
            FilterField::Visa => "Visa",
            FilterField::Status => "Status",
            FilterField::Route => "Route",
            FilterField::Tag => "Tag",
            FilterField::Fit => "Fit",
            FilterField::MySpecialties => "My specialties",
        }
    }
}

/// Commands while the filter bar is open: pick a filter, change its value.
pub fn bar(state: &mut AppState, cmd: Command, _effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    let Some(Popup::FilterBar { selected }) = &mut state.popup else {
        return Handled::Ignored;
    };
    let field = FilterField::ALL[(*selected).min(FilterField::ALL.len() - 1)];
    let mut filters = state.list.filters().clone();
    match cmd {
        Command::NextValue => filters.step(field, state.list.programs(), true),
        Command::PrevValue => filters.step(field, state.list.programs(), false),
        Command::ClearValue => filters.clear(field),
        Command::Cancel => return close_popup(state),
        _ => return move_cursor(cmd, selected, FilterField::ALL.len(), page),
    }
    state.list.set_filters(filters);
    Handled::Consumed
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    pub fn matches(&self, p: &Program) -> bool {
        self.state.is_none_or(|s| p.state == s)
            && self
                .specialty
                .as_ref()
                .is_none_or(|s| p.specialty.eq_ignore_ascii_case(s))
            && self.accepts_imgs.is_none_or(|t| p.accepts_imgs == t)
            && self.visa.is_none_or(|v| visa_covers(p.visa, v))
            && self.status.is_none_or(|s| p.status == s)
            && self.route.is_none_or(|r| p.route == Some(r))
            && self
                .tag
                .as_ref()
                .is_none_or(|t| p.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
    }

    /// The profile-dependent filters, given what the list cached for the
    /// program: its fit verdict and whether it is in my specialties.
    pub fn matches_fit(&self, verdict: Verdict, mine: bool) -> bool {
        self.fit.is_none_or(|v| v == verdict) && (!self.my_specialties || mine)
    }

    /// The value of one filter as words ("any" when off).
    pub fn value(&self, field: FilterField) -> String {
        let any = || "any".to_string();
        match field {
            FilterField::State => self
                .state
                .map_or_else(any, |s| format!("{} {}", s.code(), s.name())),
            FilterField::Specialty => self.specialty.clone().unwrap_or_else(any),
            FilterField::AcceptsImgs => self.accepts_imgs.map_or_else(any, |t| t.label().into()),
            FilterField::Visa => self.visa.map_or_else(any, |v| v.label().into()),
            FilterField::Status => self.status.map_or_else(any, |s| s.label().into()),
            FilterField::Route => self.route.map_or_else(any, |r| r.label().into()),
            FilterField::Tag => self.tag.clone().unwrap_or_else(any),
            FilterField::Fit => self.fit.map_or_else(any, |v| v.label().into()),
            FilterField::MySpecialties if self.my_specialties => "yes".into(),
            FilterField::MySpecialties => any(),
        }
    }

    /// Active filters in one short line, for the pane title.
    pub fn describe(&self) -> String {
        FilterField::ALL
            .iter()
            .filter(|f| self.value(**f) != "any")
            .map(|f| match f {
                FilterField::State => self.state.map(|s| s.code().to_string()).unwrap_or_default(),
                FilterField::Fit => format!("fit: {}", self.value(*f)),
                FilterField::MySpecialties => "my specialties".into(),
                _ => self.value(*f),
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    pub fn clear(&mut self, field: FilterField) {
        match field {
            FilterField::State => self.state = None,
            FilterField::Specialty => self.specialty = None,
            FilterField::AcceptsImgs => self.accepts_imgs = None,
            FilterField::Visa => self.visa = None,
            FilterField::Status => self.status = None,
            FilterField::Route => self.route = None,
            FilterField::Tag => self.tag = None,
            FilterField::Fit => self.fit = None,
            FilterField::MySpecialties => self.my_specialties = false,
        }
    }

    /// Steps one filter to its next (or previous) value: off, then each
    /// value in turn. States, specialties and tags step through the values
    /// present in `programs`, so every choice finds something.
    pub fn step(&mut self, field: FilterField, programs: &[Program], forward: bool) {
        fn step_in<T: Clone + PartialEq>(
            values: &[T],
            cur: &Option<T>,
            forward: bool,
        ) -> Option<T> {
            let opts: Vec<Option<T>> = std::iter::once(None)
                .chain(values.iter().cloned().map(Some))
                .collect();
            let i = opts.iter().position(|o| o == cur).unwrap_or(0);
            let n = opts.len();
            opts[if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }]
            .clone()
        }
        fn present<T: Ord + Clone>(mut v: Vec<T>) -> Vec<T> {
            v.sort();
            v.dedup();
            v
        }
        match field {
            FilterField::State => {
                let states = present(programs.iter().map(|p| p.state).collect());
                self.state = step_in(&states, &self.state, forward);
            }
            FilterField::Specialty => {
                let all = present(
                    programs
                        .iter()
                        .filter(|p| !p.specialty.is_empty())
                        .map(|p| p.specialty.clone())
                        .collect(),
                );
                self.specialty = step_in(&all, &self.specialty, forward);
            }
            FilterField::AcceptsImgs => {
                self.accepts_imgs = step_in(Tri::ALL, &self.accepts_imgs, forward)
            }
            FilterField::Visa => self.visa = step_in(Visa::ALL, &self.visa, forward),
            FilterField::Status => self.status = step_in(Status::ALL, &self.status, forward),
            FilterField::Route => self.route = step_in(AppRoute::ALL, &self.route, forward),
            FilterField::Tag => {
                let tags = present(
                    programs
                        .iter()
                        .flat_map(|p| p.tags.iter().map(|t| t.to_lowercase()))
                        .collect(),
                );
                self.tag = step_in(&tags, &self.tag, forward);
            }
            FilterField::Fit => self.fit = step_in(Verdict::ALL, &self.fit, forward),
            FilterField::MySpecialties => self.my_specialties = !self.my_specialties,
        }
    }
}

/// A visa filter asks "does it sponsor this?": J-1 is covered by a
/// program sponsoring J-1 or both.
fn visa_covers(program: Visa, wanted: Visa) -> bool {
    match wanted {
        Visa::J1 | Visa::H1b => program == wanted || program == Visa::Both,
        _ => program == wanted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visa_filter_counts_both_as_either() {
        let mut p = Program::new("x", UsState::default());
        p.visa = Visa::Both;
        let f = Filters {
            visa: Some(Visa::J1),
            ..Filters::default()
        };
        assert!(f.matches(&p));
        p.visa = Visa::H1b;
        assert!(!f.matches(&p));
    }

    #[test]
    fn stepping_cycles_through_present_values_and_back_to_any() {
        let mut a = Program::new("a", UsState::parse("KY").unwrap());
        a.tags = vec!["Research".into()];
        let b = Program::new("b", UsState::parse("OH").unwrap());
        let programs = vec![a, b];
        let mut f = Filters::default();
        f.step(FilterField::State, &programs, true);
        assert_eq!(f.state.map(|s| s.code()), Some("KY"));
        f.step(FilterField::State, &programs, true);
        assert_eq!(f.state.map(|s| s.code()), Some("OH"));
        f.step(FilterField::State, &programs, true);
        assert_eq!(f.state, None);
        f.step(FilterField::Tag, &programs, false);
        assert_eq!(f.tag.as_deref(), Some("research"));
        assert_eq!(f.describe(), "research");
    }
}
