//! Deciding, without touching the store, what each imported row becomes:
//! a new program, an update of one already there, or a skipped duplicate.

use std::collections::HashMap;

use super::ImportRow;
use crate::domain::{Contact, Program, ProgramId, Status, Tri, UsState, squash};

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

/// A program a row may duplicate: a stored one, one added earlier, or a
/// stored one an earlier row updated. Indices, not copies: cloning every
/// program of a large file (and of the store) was a fifth of planning.
#[derive(Clone, Copy)]
struct Target {
    /// Index into the stored programs.
    stored: Option<usize>,
    /// The decision (and so the row) that last changed this target; its
    /// program (added or merged) is the target's program from then on.
    decision: Option<usize>,
}

/// The program a target stands for now.
fn program_of<'a>(existing: &'a [Program], decisions: &'a [Decision], t: Target) -> &'a Program {
    match (t.decision.and_then(|d| decisions.get(d)), t.stored) {
        (
            Some(
                Decision::Add { program, .. }
                | Decision::Update {
                    merged: program, ..
                },
            ),
            _,
        ) => program,
        (_, Some(k)) => &existing[k],
        // A target is made either from a stored program or from an Add.
        _ => unreachable_target(),
    }
}

#[cold]
#[allow(clippy::panic)]
fn unreachable_target() -> ! {
    panic!("an import target with neither a stored program nor a decision")
}

#[derive(Default)]
struct Index {
    by_external_id: HashMap<String, usize>,
    by_name_state: HashMap<(String, UsState), Vec<usize>>,
}

/// A program's index keys, worked out once per row: looking a row up and
/// then adding it needs the same two keys.
struct Keys {
    id: Option<String>,
    name: (String, UsState),
}

impl Keys {
    fn of(program: &Program) -> Keys {
        Keys {
            id: program.external_id.as_deref().map(id_key),
            name: name_key(program),
        }
    }
}

impl Index {
    fn add(&mut self, target: usize, program: &Program) {
        self.add_keys(target, Keys::of(program));
    }

    fn add_keys(&mut self, target: usize, keys: Keys) {
        if let Some(id) = keys.id {
            self.by_external_id.entry(id).or_insert(target);
        }
        let slot = self.by_name_state.entry(keys.name).or_default();
        if !slot.contains(&target) {
            slot.push(target);
        }
    }
}

/// Program numbers compare without case or leading zeros, because a
/// spreadsheet that once held the id as a number drops the zeros.
fn id_key(id: &str) -> String {
    id.trim().trim_start_matches('0').to_uppercase()
}

fn name_key(program: &Program) -> (String, UsState) {
    (squash(&program.name), program.state)
}

/// Same name and state is not enough when both sides name a different
/// program number or a different institution: "Internal Medicine" in NY
/// is a dozen programs.
fn may_be_same(a: &Program, b: &Program) -> bool {
    let ids_differ = match (&a.external_id, &b.external_id) {
        (Some(x), Some(y)) => id_key(x) != id_key(y),
        _ => false,
    };
    let institutions_differ = !a.institution.is_empty()
        && !b.institution.is_empty()
        && squash(&a.institution) != squash(&b.institution);
    !ids_differ && !institutions_differ
}

/// Finds the target a program duplicates, and says why.
fn find(
    existing: &[Program],
    decisions: &[Decision],
    targets: &[Target],
    index: &Index,
    program: &Program,
    keys: &Keys,
) -> Option<(usize, String)> {
    if let (Some(id), Some(key)) = (&program.external_id, &keys.id)
        && let Some(&t) = index.by_external_id.get(key)
    {
        return Some((t, format!("same program id {id}")));
    }
    index
        .by_name_state
        .get(&keys.name)?
        .iter()
        .copied()
        .find(|&t| may_be_same(program_of(existing, decisions, targets[t]), program))
        .map(|t| (t, "same name and state".to_string()))
}

/// Decides add/update/skip for each row, against `existing` and against
/// earlier rows of the same file. With `update`, duplicates are merged
/// (see `merge`); without it they are skipped.
pub fn plan(existing: &[Program], rows: Vec<ImportRow>, update: bool) -> Vec<Decision> {
    let mut planner = Planner::new(existing, rows.len(), update);
    for row in rows {
        planner.push(row);
    }
    planner.finish()
}

/// [`plan`] a row at a time, so an import can write each row while the
/// next is still being read. Without `update` a decision is final the
/// moment [`Planner::push`] returns it; with `update` a later row may still
/// merge into an earlier Add or Update.
pub struct Planner<'e> {
    existing: &'e [Program],
    update: bool,
    targets: Vec<Target>,
    index: Index,
    decisions: Vec<Decision>,
    lines: Vec<u64>,
}

impl<'e> Planner<'e> {
    /// `rows` is how many rows to expect, to size the indexes up front:
    /// growing two maps of 15,000 string keys rehashed them again and
    /// again, a third of planning a national list.
    pub fn new(existing: &'e [Program], rows: usize, update: bool) -> Planner<'e> {
        let size = existing.len() + rows;
        let mut planner = Planner {
            existing,
            update,
            targets: Vec::with_capacity(size),
            index: Index {
                by_external_id: HashMap::with_capacity(size),
                by_name_state: HashMap::with_capacity(size),
            },
            decisions: Vec::with_capacity(rows),
            lines: Vec::with_capacity(rows),
        };
        for (k, program) in existing.iter().enumerate() {
            planner.index.add(planner.targets.len(), program);
            planner.targets.push(Target {
                stored: Some(k),
                decision: None,
            });
        }
        planner
    }

    /// Decides the fate of the next row of the file.
    pub fn push(&mut self, row: ImportRow) -> &Decision {
        let here = self.decisions.len();
        self.lines.push(row.line);
        let keys = Keys::of(&row.program);
        let found = find(
            self.existing,
            &self.decisions,
            &self.targets,
            &self.index,
            &row.program,
            &keys,
        );
        let Some((t, why)) = found else {
            self.index.add_keys(self.targets.len(), keys);
            self.targets.push(Target {
                stored: None,
                decision: Some(here),
            });
            self.decisions.push(Decision::Add {
                program: row.program,
                contacts: row.contacts,
            });
            return &self.decisions[here];
        };
        let target = self.targets[t];
        let current = program_of(self.existing, &self.decisions, target);
        let what = format!("{why} as {:?}", current.name);
        let stored_id = target.stored.map(|k| self.existing[k].id);
        let decision = match (target.decision, stored_id, self.update) {
            (Some(earlier), _, true) => {
                let merged = merge(current, &row.program);
                absorb(&mut self.decisions[earlier], merged, &row.contacts);
                let line = self.lines[earlier];
                Decision::Skip {
                    duplicate_of: DuplicateOf::Line(line),
                    reason: format!("{what}; merged into line {line}"),
                }
            }
            (Some(earlier), _, false) => {
                let line = self.lines[earlier];
                Decision::Skip {
                    duplicate_of: DuplicateOf::Line(line),
                    reason: format!("{what} on line {line}"),
                }
            }
            (None, Some(id), true) => {
                self.targets[t].decision = Some(here);
                Decision::Update {
                    existing: id,
                    merged: merge(current, &row.program),
                    contacts: row.contacts,
                }
            }
            (None, stored, _) => Decision::Skip {
                duplicate_of: DuplicateOf::Existing(stored.unwrap_or_default()),
                reason: format!("{what}, already in your list"),
            },
        };
        self.decisions.push(decision);
        // A merge may have brought a program number or a new name.
        let program = program_of(self.existing, &self.decisions, self.targets[t]);
        self.index.add(t, program);
        &self.decisions[here]
    }

    /// Every decision, one per row pushed, in row order.
    pub fn finish(self) -> Vec<Decision> {
        self.decisions
    }
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

fn keep_known<T: PartialEq + Clone>(old: &T, new: &T, unknown: &T) -> T {
    if new == unknown { old } else { new }.clone()
}

fn keep_text(old: &str, new: &str) -> String {
    if new.trim().is_empty() { old } else { new }.to_string()
}

/// Updates `existing` with what `incoming` states. A value `incoming` leaves
/// unknown or empty never blanks existing data. Tags are united and notes
/// appended, since both may hold the user's own words; a status of
/// "researching" (the default of a blank cell) never moves a program back.
/// Id, timestamps and the sample flag follow `existing`, except that a
/// sample row the user imports for real stops being a sample.
pub fn merge(existing: &Program, incoming: &Program) -> Program {
    let old = existing;
    let new = incoming;
    let mut p = existing.clone();
    p.external_id = match (&old.external_id, &new.external_id) {
        (Some(a), Some(b)) if id_key(a) == id_key(b) => Some(a.clone()),
        (a, b) => b.clone().or_else(|| a.clone()),
    };
    p.name = keep_text(&old.name, &new.name);
    p.state = new.state;
    p.institution = keep_text(&old.institution, &new.institution);
    p.specialty = keep_text(&old.specialty, &new.specialty);
    p.city = keep_text(&old.city, &new.city);
    p.website = keep_text(&old.website, &new.website);
    p.accepts_imgs = keep_known(&old.accepts_imgs, &new.accepts_imgs, &Tri::Unknown);
    p.visa = keep_known(&old.visa, &new.visa, &crate::domain::Visa::Unknown);
    p.img_percent = new.img_percent.or(old.img_percent);

    let (r, o, n) = (&mut p.requirements, &old.requirements, &new.requirements);
    r.grad_within_years = n.grad_within_years.or(o.grad_within_years);
    r.step1_pass_required = keep_known(
        &o.step1_pass_required,
        &n.step1_pass_required,
        &Tri::Unknown,
    );
    r.min_step2_score = n.min_step2_score.or(o.min_step2_score);
    r.takes_graduates = keep_known(&o.takes_graduates, &n.takes_graduates, &Tri::Unknown);

    let (r, o, n) = (&mut p.rotation, &old.rotation, &new.rotation);
    r.kinds = keep_known(&o.kinds, &n.kinds, &Vec::new());
    r.hands_on = keep_known(&o.hands_on, &n.hands_on, &Tri::Unknown);
    r.weeks = n.weeks.or(o.weeks);
    r.fee = keep_text(&o.fee, &n.fee);
    r.applications_open = n.applications_open.or(o.applications_open);

    p.route = new.route.or(old.route);
    p.status = keep_known(&old.status, &new.status, &Status::Researching);
    for tag in &new.tags {
        if !p
            .tags
            .iter()
            .any(|t| t.to_lowercase() == tag.to_lowercase())
        {
            p.tags.push(tag.clone());
        }
    }
    let note = new.notes.trim();
    if !note.is_empty() && !old.notes.contains(note) {
        p.notes = if old.notes.trim().is_empty() {
            new.notes.clone()
        } else {
            format!("{}\n\n{}", old.notes.trim_end(), new.notes)
        };
    }
    p.is_sample = old.is_sample && new.is_sample;
    p
}

fn same_person(a: &Contact, b: &Contact) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if !a.email.is_empty() && !b.email.is_empty() {
        a.email.eq_ignore_ascii_case(&b.email)
    } else if !a.name.is_empty() && !b.name.is_empty() {
        squash(&a.name) == squash(&b.name)
    } else {
        !a.phone.is_empty() && digits(&a.phone) == digits(&b.phone)
    }
}

/// The contacts of `incoming` not already among `existing` (same email,
/// else same name, else same phone digits), without repeats. Existing
/// contacts are never changed by an import.
pub fn new_contacts(existing: &[Contact], incoming: &[Contact]) -> Vec<Contact> {
    let mut fresh: Vec<Contact> = Vec::new();
    for contact in incoming {
        let known = existing
            .iter()
            .chain(fresh.iter())
            .any(|c| same_person(c, contact));
        if !known {
            fresh.push(contact.clone());
        }
    }
    fresh
}
