//! Merging a row into a program already there: what `usce import --update`
//! and duplicate rows within a file do.

use crate::domain::{Contact, Program, Status, Tri, squash};

use super::plan::id_key;

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
