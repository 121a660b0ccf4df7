//! The import targets that share a name and state, filed so that a row
//! finds the first one it may duplicate without walking the others.
//!
//! A row duplicates the earliest target of its name and state at the same
//! institution whose program number does not contradict the row's, or,
//! when neither names an institution, whose number is the row's (both
//! blank): see `Facts::may_be`. Scanning the list of such targets made 40,000
//! rows named "Internal Medicine" in one state, each at its own
//! institution, take 20 s. Here each target is filed under its institution
//! and under its program number with it, by its place in arrival order, and a
//! row looks in at most two ordered sets.

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
        self.by_institution
            .entry(institution.clone())
            .or_default()
            .insert(position);
        self.by_both.entry(both).or_default().insert(position);
    }

    fn unfile(&mut self, position: u32, marks: &Marks) {
        for set in [
            self.by_institution.get_mut(&marks.1),
            self.by_both.get_mut(marks),
        ]
        .into_iter()
        .flatten()
        {
            set.remove(&position);
        }
    }

    /// The earliest target a row may duplicate, given its program number
    /// key `id` and squashed institution (`None`: blank), and how many sets
    /// were looked in (the work counter of the tests). The rule is
    /// `Facts::may_be`'s (issue 16 item 6): the institutions agree and the
    /// numbers do not contradict, or neither side has an institution and
    /// the numbers agree (both blank, in practice: a matching number is
    /// found before the crowd is asked).
    pub(super) fn first_match(
        &self,
        id: Option<&str>,
        institution: Option<&str>,
    ) -> (Option<usize>, usize) {
        let first = |marks: Marks| self.by_both.get(&marks).and_then(|s| s.first().copied());
        let some = |text: Option<&str>| text.map(str::to_owned);
        let positions: Vec<Option<u32>> = match (some(id), some(institution)) {
            (id, None) => vec![first((id, None))],
            (None, Some(inst)) => {
                vec![
                    self.by_institution
                        .get(&Some(inst))
                        .and_then(|s| s.first().copied()),
                ]
            }
            (Some(id), Some(inst)) => vec![
                first((None, Some(inst.clone()))),
                first((Some(id), Some(inst))),
            ],
        };
        let looked = positions.len();
        let earliest = positions.into_iter().flatten().min();
        let target = earliest.and_then(|p| self.order.get(p as usize).copied());
        (target, looked)
    }

    /// The targets in arrival order, for checking against a plain scan.
    #[cfg(test)]
    pub(super) fn in_order(&self) -> &[usize] {
        &self.order
    }
}
