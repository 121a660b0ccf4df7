//! The import targets that share a name and state, filed so that a row
//! finds the first one it may duplicate without walking the others.
//!
//! A row duplicates the earliest target of its name and state whose program
//! number and institution do not contradict the row's (a blank on either
//! side contradicts nothing). Scanning the list of such targets made 40,000
//! rows named "Internal Medicine" in one state, each at its own
//! institution, take 20 s. Here each target is filed under its program
//! number, its institution and both, by its place in arrival order, and a
//! row looks in at most four ordered sets.

use std::collections::{BTreeSet, HashMap};

/// A target's program number key and squashed institution, `None` when
/// blank: what a row's must not contradict.
pub(super) type Marks = (Option<String>, Option<String>);

/// Positions (arrival order) of the targets filed under one key.
type Filed = BTreeSet<u32>;

#[derive(Debug, Default)]
pub(super) struct Crowd {
    /// Each target's position and the marks it is filed under.
    filed: HashMap<usize, (u32, Marks)>,
    /// Targets by position.
    order: Vec<usize>,
    by_id: HashMap<Option<String>, Filed>,
    by_institution: HashMap<Option<String>, Filed>,
    by_both: HashMap<Marks, Filed>,
}

impl Crowd {
    /// Files a target that arrives under this name and state; `false` when
    /// it is here already (a merge brought it back under the same name).
    pub(super) fn add(&mut self, target: usize, marks: &Marks) -> bool {
        if self.filed.contains_key(&target) {
            return false;
        }
        let position = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
        self.order.push(target);
        self.file(position, marks);
        self.filed.insert(target, (position, marks.clone()));
        true
    }

    /// A merge gave the target a program number or another institution:
    /// it moves to the sets of its new marks and keeps its position.
    pub(super) fn refile(&mut self, target: usize, marks: &Marks) {
        let Some((position, old)) = self.filed.get(&target).cloned() else {
            return;
        };
        if &old == marks {
            return;
        }
        self.unfile(position, &old);
        self.file(position, marks);
        self.filed.insert(target, (position, marks.clone()));
    }

    fn file(&mut self, position: u32, (id, institution): &Marks) {
        let both = (id.clone(), institution.clone());
        self.by_id.entry(id.clone()).or_default().insert(position);
        self.by_institution
            .entry(institution.clone())
            .or_default()
            .insert(position);
        self.by_both.entry(both).or_default().insert(position);
    }

    fn unfile(&mut self, position: u32, marks: &Marks) {
        let (id, institution) = marks;
        for set in [
            self.by_id.get_mut(id),
            self.by_institution.get_mut(institution),
            self.by_both.get_mut(marks),
        ]
        .into_iter()
        .flatten()
        {
            set.remove(&position);
        }
    }

    /// The earliest target whose marks do not contradict a row's program
    /// number key `id` and squashed institution (`None`: blank), and how
    /// many sets were looked in (the work counter of the tests).
    pub(super) fn first_match(
        &self,
        id: Option<&str>,
        institution: Option<&str>,
    ) -> (Option<usize>, usize) {
        let first = |set: Option<&Filed>| set.and_then(|s| s.first().copied());
        let some = |text: Option<&str>| text.map(str::to_owned);
        let (positions, looked): (Vec<Option<u32>>, usize) = match (some(id), some(institution)) {
            (None, None) => (vec![(!self.order.is_empty()).then_some(0)], 0),
            (None, Some(inst)) => (
                vec![
                    first(self.by_institution.get(&None)),
                    first(self.by_institution.get(&Some(inst))),
                ],
                2,
            ),
            (Some(id), None) => (
                vec![
                    first(self.by_id.get(&None)),
                    first(self.by_id.get(&Some(id))),
                ],
                2,
            ),
            (Some(id), Some(inst)) => (
                [
                    (None, None),
                    (None, Some(inst.clone())),
                    (Some(id.clone()), None),
                    (Some(id), Some(inst)),
                ]
                .iter()
                .map(|marks| first(self.by_both.get(marks)))
                .collect(),
                4,
            ),
        };
        let earliest = positions.into_iter().flatten().min();
        let target = earliest.and_then(|p| self.order.get(p as usize).copied());
        (target, looked.max(1))
    }

    /// The targets in arrival order, for checking against a plain scan.
    #[cfg(test)]
    pub(super) fn in_order(&self) -> &[usize] {
        &self.order
    }
}
