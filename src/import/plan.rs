//! Deciding, without touching the store, what each imported row becomes:
//! a new program, an update of one already there, or a skipped duplicate.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::ImportRow;
use super::crowd::{Crowd, Marks};
use super::merge::{merge, new_contacts};
use crate::domain::{Contact, Program, ProgramId, UsState, squash, squashes_to};

/// What a row turned out to duplicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateOf {
    /// A program already in the store.
    Existing(ProgramId),
    /// An earlier row of the same file, by the line it starts on.
    Line(u64),
}

/// The fate of one row. `plan` returns one per row, in row order.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// A new program. Later rows of the file that duplicate it have
    /// already been merged in (with `update`) or skipped.
    Add {
        program: Program,
        contacts: Vec<Contact>,
    },
    /// Replace the stored program with `merged`. `contacts` are the rows'
    /// contacts: pass them through `new_contacts` against the stored ones.
    Update {
        existing: ProgramId,
        merged: Program,
        contacts: Vec<Contact>,
    },
    Skip {
        duplicate_of: DuplicateOf,
        /// Says why, for the import summary: "same program id 0140521105
        /// as \"Mercy Hospital Program\"".
        reason: String,
    },
}

/// What duplicate checks and skip reasons read of a program a row may
/// duplicate, worked out once. Keeping these rather than the programs
/// lets a streamed import hand each program over as soon as it is planned.
struct Facts {
    /// [`id_key`] of the program number.
    id: Option<String>,
    /// The institution [`squash`]ed; `None` when the cell was empty.
    institution: Option<String>,
    name: String,
}

impl Facts {
    fn marks(&self) -> Marks {
        (self.id.clone(), self.institution.clone())
    }

    fn of(program: &Program) -> Facts {
        Facts {
            id: number_key(program),
            institution: (!program.institution.is_empty()).then(|| squash(&program.institution)),
            name: program.name.clone(),
        }
    }

    /// Past the numbers, a row duplicates a program of its name and state
    /// only by name + institution + state (issue 16 item 6): "Internal
    /// Medicine" in NY is a dozen programs, told apart by institution or
    /// number. Name and state alone are enough only when neither side has
    /// an institution or a number, as in a list of names alone. Program
    /// numbers must not contradict either; one side without a number is
    /// fine when the institutions agree.
    fn may_be(&self, row: &Program, row_keys: &Keys) -> bool {
        let ids_differ = matches!((&self.id, &row_keys.id), (Some(x), Some(y)) if x != y);
        let row_institution = (!row.institution.is_empty()).then_some(row.institution.as_str());
        let places_agree = match (&self.institution, row_institution) {
            (Some(mine), Some(theirs)) => squashes_to(theirs, mine),
            (None, None) => self.id.is_some() == row_keys.id.is_some(),
            _ => false,
        };
        !ids_differ && places_agree
    }
}

/// A program a row may duplicate: a stored one, one added earlier, or a
/// stored one an earlier row updated.
struct Target {
    /// Index into the stored programs.
    stored: Option<usize>,
    /// The row (and so the decision) that last changed this target.
    decision: Option<usize>,
    facts: Facts,
    /// The names (and states) of the crowds this target is filed in, so a
    /// merge that changes its facts can refile it. Empty, and so no
    /// allocation, for nearly every target.
    crowds: Vec<NameKey>,
}

impl Target {
    fn new(stored: Option<usize>, decision: Option<usize>, facts: Facts) -> Target {
        Target {
            stored,
            decision,
            facts,
            crowds: Vec::new(),
        }
    }
}

type NameKey = (String, UsState);

#[derive(Default)]
struct Index {
    by_external_id: HashMap<String, usize>,
    by_name_state: HashMap<NameKey, Slot>,
    /// Targets and sets of targets looked at to find duplicates: the work
    /// counter that shows planning stays linear.
    looked: usize,
}

/// The targets sharing a name and state. Nearly every name is one
/// program's, so a crowd is built only for the second.
enum Slot {
    One(usize),
    Many(Box<Crowd>),
}

/// A program's index keys, worked out once per row: looking a row up and
/// then adding it needs the same two keys.
struct Keys {
    /// [`number_key`]: ACGME's number, else the NRMP code.
    id: Option<String>,
    /// The NRMP code's key when there is an ACGME number too, so a row
    /// that gives only the code still finds the program.
    nrmp: Option<String>,
    name: NameKey,
}

impl Keys {
    fn of(program: &Program) -> Keys {
        let nrmp = program.nrmp_code.as_deref().map(nrmp_key);
        let id = number_key(program);
        Keys {
            nrmp: nrmp.filter(|n| id.as_ref() != Some(n)),
            id,
            name: (squash(&program.name), program.state),
        }
    }
}

/// What duplicates are judged by first: ACGME's number, then the NRMP
/// code (in a key space of its own, so the two never collide).
fn number_key(program: &Program) -> Option<String> {
    program
        .external_id
        .as_deref()
        .map(id_key)
        .or_else(|| program.nrmp_code.as_deref().map(nrmp_key))
}

fn nrmp_key(code: &str) -> String {
    format!("nrmp:{}", code.trim().to_uppercase())
}

impl Index {
    /// Files `target`, whose facts are current, under its keys.
    fn add(&mut self, target: usize, keys: Keys, targets: &mut [Target]) {
        for id in keys.id.into_iter().chain(keys.nrmp) {
            self.by_external_id.entry(id).or_insert(target);
        }
        let mut entry = match self.by_name_state.entry(keys.name) {
            Entry::Vacant(vacant) => {
                vacant.insert(Slot::One(target));
                return;
            }
            Entry::Occupied(occupied) => occupied,
        };
        let name = entry.key().clone();
        match entry.get_mut() {
            Slot::One(first) if *first == target => {}
            Slot::One(first) => {
                let first = *first;
                let mut crowd = Box::<Crowd>::default();
                for t in [first, target] {
                    crowd.add(t, &targets[t].facts.marks());
                    targets[t].crowds.push(name.clone());
                }
                *entry.get_mut() = Slot::Many(crowd);
            }
            Slot::Many(crowd) => {
                if crowd.add(target, &targets[target].facts.marks()) {
                    targets[target].crowds.push(name);
                }
            }
        }
    }

    /// A merge changed the target's facts: its crowds file it anew.
    fn refile(&mut self, target: usize, targets: &[Target]) {
        let marks = targets[target].facts.marks();
        for name in &targets[target].crowds {
            if let Some(Slot::Many(crowd)) = self.by_name_state.get_mut(name) {
                crowd.refile(target, &marks);
            }
        }
    }

    /// The target a program duplicates, and why.
    fn find(
        &mut self,
        targets: &[Target],
        program: &Program,
        keys: &Keys,
    ) -> Option<(usize, String)> {
        for key in keys.id.iter().chain(&keys.nrmp) {
            if let Some(&t) = self.by_external_id.get(key) {
                let why = match (&program.external_id, &program.nrmp_code) {
                    (Some(id), _) if !key.starts_with("nrmp:") => format!("same program id {id}"),
                    (_, Some(code)) => format!("same NRMP code {code}"),
                    (Some(id), None) => format!("same program id {id}"),
                    (None, None) => "same program number".to_string(),
                };
                return Some((t, why));
            }
        }
        let found = match self.by_name_state.get(&keys.name)? {
            Slot::One(t) => {
                self.looked += 1;
                targets[*t].facts.may_be(program, keys).then_some(*t)
            }
            Slot::Many(crowd) => {
                let institution =
                    (!program.institution.is_empty()).then(|| squash(&program.institution));
                let (found, looked) = crowd.first_match(keys.id.as_deref(), institution.as_deref());
                self.looked += looked;
                #[cfg(test)]
                check_against_a_scan(crowd, targets, program, keys, found);
                found
            }
        };
        found.map(|t| (t, "same name and state".to_string()))
    }
}

/// In tests, a crowd of a few targets answers what scanning them in order
/// would (the rule the crowd replaces).
#[cfg(test)]
#[allow(clippy::panic)]
fn check_against_a_scan(
    crowd: &Crowd,
    targets: &[Target],
    program: &Program,
    keys: &Keys,
    found: Option<usize>,
) {
    let order = crowd.in_order();
    if order.len() <= 64 {
        let scanned = order
            .iter()
            .copied()
            .find(|&t| targets[t].facts.may_be(program, keys));
        assert_eq!(
            found, scanned,
            "crowd and scan disagree for {:?}",
            program.name
        );
    }
}

/// Program numbers compare without case or leading zeros, because a
/// spreadsheet that once held the id as a number drops the zeros.
pub(super) fn id_key(id: &str) -> String {
    id.trim().trim_start_matches('0').to_uppercase()
}

/// Decides add/update/skip for each row, against `existing` and against
/// earlier rows of the same file. With `update`, duplicates are merged
/// (see `merge`); without it they are skipped.
pub fn plan(existing: &[Program], rows: Vec<ImportRow>, update: bool) -> Vec<Decision> {
    plan_counting(existing, rows, update).0
}

/// [`plan`], and how many targets (or sets of them) were looked at to find
/// duplicates: the tests' measure that planning stays linear.
pub(super) fn plan_counting(
    existing: &[Program],
    rows: Vec<ImportRow>,
    update: bool,
) -> (Vec<Decision>, usize) {
    let mut planner = Planner::new(existing, rows.len(), update);
    let mut decisions = Vec::with_capacity(rows.len());
    for row in rows {
        let decision = planner.decide(row, &mut decisions);
        decisions.push(decision);
    }
    (decisions, planner.index.looked)
}

/// [`plan`] a row at a time, for a streamed import: each decision is
/// handed over as soon as it is made. Only without `update`, where a
/// decision never changes once made (with it, a later row may still merge
/// into an earlier Add or Update, so [`plan`] keeps them all).
pub struct StreamPlanner<'e>(Planner<'e>);

impl<'e> StreamPlanner<'e> {
    /// `rows` is how many rows to expect (at most), to size the indexes.
    pub fn new(existing: &'e [Program], rows: usize) -> StreamPlanner<'e> {
        StreamPlanner(Planner::new(existing, rows, false))
    }

    /// Decides the fate of the next row of the file.
    pub fn decide(&mut self, row: ImportRow) -> Decision {
        // Without `update` no earlier decision is looked at again.
        self.0.decide(row, &mut Vec::new())
    }
}

struct Planner<'e> {
    existing: &'e [Program],
    update: bool,
    targets: Vec<Target>,
    index: Index,
    /// The line each row decided so far starts on.
    lines: Vec<u64>,
}

impl<'e> Planner<'e> {
    /// Sized up front: growing two maps of 15,000 string keys rehashed
    /// them again and again, a third of planning a national list.
    fn new(existing: &'e [Program], rows: usize, update: bool) -> Planner<'e> {
        let size = existing.len() + rows;
        let mut planner = Planner {
            existing,
            update,
            targets: Vec::with_capacity(size),
            index: Index {
                by_external_id: HashMap::with_capacity(size),
                by_name_state: HashMap::with_capacity(size),
                looked: 0,
            },
            lines: Vec::with_capacity(rows),
        };
        for (k, program) in existing.iter().enumerate() {
            let t = planner.targets.len();
            planner
                .targets
                .push(Target::new(Some(k), None, Facts::of(program)));
            planner
                .index
                .add(t, Keys::of(program), &mut planner.targets);
        }
        planner
    }

    /// Decides the next row. `earlier` holds every decision made so far
    /// when `update` is on (a merge changes them); without it, it may be
    /// empty.
    fn decide(&mut self, row: ImportRow, earlier: &mut [Decision]) -> Decision {
        let here = self.lines.len();
        self.lines.push(row.line);
        let keys = Keys::of(&row.program);
        let Some((t, why)) = self.index.find(&self.targets, &row.program, &keys) else {
            let t = self.targets.len();
            self.targets
                .push(Target::new(None, Some(here), Facts::of(&row.program)));
            self.index.add(t, keys, &mut self.targets);
            return Decision::Add {
                program: row.program,
                contacts: row.contacts,
            };
        };
        let target = &self.targets[t];
        let what = format!("{why} as {:?}", target.facts.name);
        let stored = target.stored.map(|k| &self.existing[k]);
        let (decision, merged) = match (target.decision, stored, self.update) {
            (Some(before), _, true) => {
                let d = &mut earlier[before];
                let merged = merge(decided_program(d, stored), &row.program);
                absorb(d, merged.clone(), &row.contacts);
                let line = self.lines[before];
                let skip = Decision::Skip {
                    duplicate_of: DuplicateOf::Line(line),
                    reason: format!("{what}; merged into line {line}"),
                };
                (skip, Some(merged))
            }
            (Some(before), _, false) => {
                let line = self.lines[before];
                let skip = Decision::Skip {
                    duplicate_of: DuplicateOf::Line(line),
                    reason: format!("{what} on line {line}"),
                };
                (skip, None)
            }
            (None, Some(stored), true) => {
                let merged = merge(stored, &row.program);
                self.targets[t].decision = Some(here);
                let update = Decision::Update {
                    existing: stored.id,
                    merged: merged.clone(),
                    contacts: row.contacts,
                };
                (update, Some(merged))
            }
            (None, stored, _) => {
                let skip = Decision::Skip {
                    duplicate_of: DuplicateOf::Existing(stored.map(|p| p.id).unwrap_or_default()),
                    reason: format!("{what}, already in your list"),
                };
                (skip, None)
            }
        };
        // A merge may have brought a program number, a new name or an
        // institution: later rows must find the target by them.
        if let Some(merged) = merged {
            self.targets[t].facts = Facts::of(&merged);
            self.index.refile(t, &self.targets);
            self.index.add(t, Keys::of(&merged), &mut self.targets);
        }
        decision
    }
}

/// The program an earlier decision added or merged (`stored` for a skip,
/// which never becomes a target's decision).
fn decided_program<'a>(decision: &'a Decision, stored: Option<&'a Program>) -> &'a Program {
    match (decision, stored) {
        (
            Decision::Add { program, .. }
            | Decision::Update {
                merged: program, ..
            },
            _,
        ) => program,
        (Decision::Skip { .. }, Some(stored)) => stored,
        (Decision::Skip { .. }, None) => unreachable_skip(),
    }
}

#[cold]
#[allow(clippy::panic)]
fn unreachable_skip() -> ! {
    panic!("an import target whose decision is a skip")
}

/// Folds a later duplicate row into the decision of the first one.
fn absorb(decision: &mut Decision, merged: Program, contacts: &[Contact]) {
    match decision {
        Decision::Add {
            program,
            contacts: have,
        }
        | Decision::Update {
            merged: program,
            contacts: have,
            ..
        } => {
            *program = merged;
            let extra = new_contacts(have, contacts);
            have.extend(extra);
        }
        Decision::Skip { .. } => {}
    }
}
