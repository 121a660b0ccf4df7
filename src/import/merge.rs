//! Merging a row into a program already there: what `usce import --update`
//! and duplicate rows within a file do.

use crate::domain::fields::{Slot, Value, specs};
use crate::domain::{Contact, Program, Status, Tri, Visa, squash};

use super::plan::id_key;

/// Updates `existing` with what `incoming` states. A value `incoming` leaves
/// unknown or empty never blanks existing data. Tags are united and notes
/// appended, since both may hold the user's own words; a status of
/// "researching" (the default of a blank cell) never moves a program back.
/// Id, timestamps and the sample flag follow `existing`, except that a
/// sample row the user imports for real stops being a sample.
pub fn merge(existing: &Program, incoming: &Program) -> Program {
    let mut p = existing.clone();
    for (_, spec) in specs() {
        merge_value(&spec.value, &mut p, incoming);
    }
    p.is_sample = existing.is_sample && incoming.is_sample;
    p
}

/// Merges one field of `new` into `p` (a copy of the existing program),
/// by the rule for its kind.
fn merge_value(value: &Value, p: &mut Program, new: &Program) {
    match value {
        Value::Line { at, .. } => {
            let text = (at.get)(new);
            if !text.trim().is_empty() {
                *(at.get_mut)(p) = text.clone();
            }
        }
        Value::Notes(at) => append_note((at.get_mut)(p), (at.get)(new)),
        Value::Id(at) => {
            let (old, new) = ((at.get)(p), (at.get)(new));
            let keep_old = matches!((old, new), (Some(a), Some(b)) if id_key(a) == id_key(b));
            if !keep_old && new.is_some() {
                *(at.get_mut)(p) = new.clone();
            }
        }
        Value::State(at) => *(at.get_mut)(p) = *(at.get)(new),
        Value::Tri(at) => keep_known(at, p, new, &Tri::Unknown),
        Value::Visa(at) => keep_known(at, p, new, &Visa::Unknown),
        Value::Status(at) => keep_known(at, p, new, &Status::Researching),
        Value::Route(at) => keep_some(at, p, new),
        Value::Number(n) => n.at.copy_known(new, p),
        Value::Date(at) => keep_some(at, p, new),
        Value::RotationKinds(at) => keep_known(at, p, new, &Vec::new()),
        Value::Tags(at) => {
            let tags = (at.get_mut)(p);
            for tag in (at.get)(new) {
                if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                    tags.push(tag.clone());
                }
            }
        }
    }
}

fn keep_known<T: PartialEq + Clone>(at: &Slot<T>, p: &mut Program, new: &Program, unknown: &T) {
    let value = (at.get)(new);
    if value != unknown {
        *(at.get_mut)(p) = value.clone();
    }
}

fn keep_some<T: Clone>(at: &Slot<Option<T>>, p: &mut Program, new: &Program) {
    if let Some(value) = (at.get)(new) {
        *(at.get_mut)(p) = Some(value.clone());
    }
}

/// Appends a note that is not already there, a blank line between.
fn append_note(notes: &mut String, new: &str) {
    let note = new.trim();
    if !note.is_empty() && !notes.contains(note) {
        *notes = if notes.trim().is_empty() {
            new.to_string()
        } else {
            format!("{}\n\n{}", notes.trim_end(), new)
        };
    }
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
