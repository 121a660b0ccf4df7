//! Are the documents ready? Expiry warnings against rotation dates and
//! application deadlines, the "docs 5/7 · TB expires before start" line,
//! and the season's upcoming windows.

use chrono::{Days, NaiveDate};

use super::application::Application;
use super::costs::Deadline;
use super::documents::{DocKind, Document, best_of, parse_kinds};
use super::{Program, ProgramId, Rotation, RotationId};

/// What is wrong with a document, and against which date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Required, and nothing of the kind is on the shelf.
    Missing,
    /// Lapses before the rotation starts.
    ExpiresBeforeStart { rotation: RotationId, on: NaiveDate },
    /// Lapses between the first and the last day of the rotation.
    ExpiresDuring { rotation: RotationId, on: NaiveDate },
    /// Lapses before the application's deadline.
    ExpiresBeforeDeadline { deadline: NaiveDate, on: NaiveDate },
    /// Lapses within the warning window from today (or has lapsed).
    ExpiresSoon { on: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub program: Option<ProgramId>,
    pub kind: DocKind,
    pub problem: Problem,
}

impl Warning {
    /// "TB test expires before start (2027-02-01)".
    pub fn describe(&self) -> String {
        let kind = short_label(&self.kind);
        match &self.problem {
            Problem::Missing => format!("{kind} missing"),
            Problem::ExpiresBeforeStart { on, .. } => {
                format!("{kind} expires before start ({on})")
            }
            Problem::ExpiresDuring { on, .. } => format!("{kind} expires mid-rotation ({on})"),
            Problem::ExpiresBeforeDeadline { on, .. } => {
                format!("{kind} expires before the deadline ({on})")
            }
            Problem::ExpiresSoon { on } => format!("{kind} expires {on}"),
        }
    }
}

/// "TB" rather than "TB test" where a row is short.
fn short_label(kind: &DocKind) -> &str {
    kind.label().strip_suffix(" test").unwrap_or(kind.label())
}

/// The kinds that matter for `program`: the ones it requires; when it
/// states none, every kind on the shelf that lapses (a safe default).
fn kinds_for(program: &Program, shelf: &[Document]) -> Vec<DocKind> {
    let required = parse_kinds(&program.application.required_docs);
    if !required.is_empty() {
        return required;
    }
    let mut kinds: Vec<DocKind> = Vec::new();
    for d in shelf.iter().filter(|d| d.expiry().is_some()) {
        if !kinds.contains(&d.kind) {
            kinds.push(d.kind.clone());
        }
    }
    kinds
}

/// Everything wrong with the documents for one rotation (missing kinds
/// count only when the program states what it requires).
pub fn rotation_warnings(
    program: &Program,
    rotation: &Rotation,
    shelf: &[Document],
) -> Vec<Warning> {
    let required = !program.application.required_docs.is_empty();
    kinds_for(program, shelf)
        .into_iter()
        .filter_map(|kind| {
            let problem = match best_of(shelf, &kind) {
                None if required => Problem::Missing,
                None => return None,
                Some(doc) => {
                    let on = doc.expiry()?;
                    if on < rotation.start {
                        Problem::ExpiresBeforeStart {
                            rotation: rotation.id,
                            on,
                        }
                    } else if on < rotation.end {
                        Problem::ExpiresDuring {
                            rotation: rotation.id,
                            on,
                        }
                    } else {
                        return None;
                    }
                }
            };
            Some(Warning {
                program: Some(program.id),
                kind,
                problem,
            })
        })
        .collect()
}

/// The day applications to `program` close: its stated date, or its lead
/// time before the start of the rotation applied for.
pub fn deadline(program: &Program, rotation: Option<&Rotation>) -> Option<NaiveDate> {
    Deadline::parse(&program.application.deadline)?.day_for(rotation.map(|r| r.start))
}

/// Documents that lapse before an open application's deadline.
pub fn deadline_warnings(
    program: &Program,
    deadline: NaiveDate,
    shelf: &[Document],
) -> Vec<Warning> {
    kinds_for(program, shelf)
        .into_iter()
        .filter_map(|kind| {
            let on = best_of(shelf, &kind)?.expiry()?;
            (on < deadline).then_some(Warning {
                program: Some(program.id),
                problem: Problem::ExpiresBeforeDeadline { deadline, on },
                kind,
            })
        })
        .collect()
}

/// Documents on the shelf that lapse within `days` of `today` (or have).
pub fn expiring(shelf: &[Document], today: NaiveDate, days: u32) -> Vec<&Document> {
    let until = today
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let mut out: Vec<&Document> = shelf
        .iter()
        .filter(|d| d.expiry().is_some_and(|e| e <= until))
        .collect();
    out.sort_by_key(|d| d.expiry());
    out
}

/// What the program row and the board show: required kinds ready (on
/// the shelf, and valid through the next rotation there, or today), and
/// the first problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub ready: usize,
    pub required: usize,
    pub first_problem: Option<Warning>,
}

impl Readiness {
    /// "docs 5/7 · TB expires before start (2027-02-01)".
    pub fn line(&self) -> String {
        let mut text = format!("docs {}/{}", self.ready, self.required);
        if let Some(w) = &self.first_problem {
            text.push_str(" · ");
            text.push_str(&w.describe());
        }
        text
    }
}

/// Readiness of `program`, against its first rotation that has not ended
/// (`rotations` are the program's), else today. `None` when the program
/// states no required documents.
pub fn readiness(
    program: &Program,
    rotations: &[Rotation],
    shelf: &[Document],
    today: NaiveDate,
) -> Option<Readiness> {
    let required = parse_kinds(&program.application.required_docs);
    if required.is_empty() {
        return None;
    }
    let next = rotations
        .iter()
        .filter(|r| r.program_id == program.id && r.end >= today)
        .min_by_key(|r| r.start);
    let warnings = match next {
        Some(r) => rotation_warnings(program, r, shelf),
        None => required
            .iter()
            .filter_map(|kind| {
                let problem = match best_of(shelf, kind) {
                    None => Problem::Missing,
                    Some(d) if !d.valid_on(today) => Problem::ExpiresSoon {
                        on: d.expiry().unwrap_or(today),
                    },
                    Some(_) => return None,
                };
                Some(Warning {
                    program: Some(program.id),
                    kind: kind.clone(),
                    problem,
                })
            })
            .collect(),
    };
    Some(Readiness {
        ready: required.len() - warnings.len().min(required.len()),
        required: required.len(),
        first_problem: warnings.into_iter().next(),
    })
}

/// One line of the Due view's "Upcoming windows".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Window {
    Opens {
        program: ProgramId,
        on: NaiveDate,
    },
    Closes {
        program: ProgramId,
        on: NaiveDate,
    },
    /// A rotation starting within the window whose documents are not ready.
    NotReady {
        program: ProgramId,
        rotation: RotationId,
        start: NaiveDate,
        problem: String,
    },
}

impl Window {
    pub fn day(&self) -> NaiveDate {
        match self {
            Window::Opens { on, .. } | Window::Closes { on, .. } => *on,
            Window::NotReady { start, .. } => *start,
        }
    }

    pub fn program(&self) -> ProgramId {
        match self {
            Window::Opens { program, .. }
            | Window::Closes { program, .. }
            | Window::NotReady { program, .. } => *program,
        }
    }
}

/// How far ahead each window looks, in days (issue 19's numbers).
pub const OPENS_WITHIN: u64 = 30;
pub const CLOSES_WITHIN: u64 = 14;
pub const READY_BEFORE_START: u64 = 30;

/// Applications opening in the next 30 days, deadlines in the next 14
/// (a stated date, or a lead time before a planned rotation), rotations
/// starting within 30 days whose documents are not ready; soonest first.
/// Programs the user already applied to drop out of "opens"/"closes", and
/// only programs being pursued count (see [`pursued`]): a national list
/// with open dates must not flood the view.
pub fn upcoming_windows(
    programs: &[Program],
    rotations: &[Rotation],
    applications: &[Application],
    shelf: &[Document],
    today: NaiveDate,
) -> Vec<Window> {
    let within = |day: NaiveDate, days: u64| {
        day >= today
            && today
                .checked_add_days(Days::new(days))
                .is_some_and(|end| day <= end)
    };
    let applied = |p: &Program| {
        applications
            .iter()
            .any(|a| a.program_id == p.id && a.submitted_on.is_some())
    };
    let mut out = Vec::new();
    for p in programs.iter().filter(|p| pursued(p, applications)) {
        let next = rotations
            .iter()
            .filter(|r| r.program_id == p.id && r.start >= today)
            .min_by_key(|r| r.start);
        if !applied(p) {
            if let Some(on) = p
                .rotation
                .applications_open
                .filter(|d| within(*d, OPENS_WITHIN))
            {
                out.push(Window::Opens { program: p.id, on });
            }
            if let Some(on) = deadline(p, next).filter(|d| within(*d, CLOSES_WITHIN)) {
                out.push(Window::Closes { program: p.id, on });
            }
        }
        if let Some(r) = next.filter(|r| within(r.start, READY_BEFORE_START))
            && let Some(w) = rotation_warnings(p, r, shelf).into_iter().next()
        {
            {
                out.push(Window::NotReady {
                    program: p.id,
                    rotation: r.id,
                    start: r.start,
                    problem: w.describe(),
                });
            }
        }
    }
    out.sort_by_key(Window::day);
    out
}

#[cfg(test)]
#[path = "tests_readiness.rs"]
mod tests;

/// Every warning the shelf has today: rotations not yet ended against
/// their program's documents, open applications against their deadlines,
/// and documents lapsing within `warn_days` (config, 30 by default).
pub fn all_warnings(
    programs: &[Program],
    rotations: &[Rotation],
    applications: &[Application],
    shelf: &[Document],
    today: NaiveDate,
    warn_days: u32,
) -> Vec<Warning> {
    let program = |id: ProgramId| programs.iter().find(|p| p.id == id);
    let mut out = Vec::new();
    for r in rotations.iter().filter(|r| r.end >= today) {
        if let Some(p) = program(r.program_id) {
            out.extend(rotation_warnings(p, r, shelf));
        }
    }
    for a in applications.iter().filter(|a| a.submitted_on.is_none()) {
        let Some(p) = program(a.program_id) else {
            continue;
        };
        let rotation = a
            .rotation_id
            .and_then(|id| rotations.iter().find(|r| r.id == id));
        if let Some(day) = deadline(p, rotation).filter(|d| *d >= today) {
            out.extend(deadline_warnings(p, day, shelf));
        }
    }
    for d in expiring(shelf, today, warn_days) {
        if let Some(on) = d.expiry() {
            out.push(Warning {
                program: None,
                kind: d.kind.clone(),
                problem: Problem::ExpiresSoon { on },
            });
        }
    }
    out
}

/// A program the user is pursuing: shortlisted onwards and not turned
/// down either way, or one with an application.
pub fn pursued(p: &Program, applications: &[Application]) -> bool {
    use super::Status;
    let going = p.status.rank() >= Status::Shortlisted.rank()
        && !matches!(p.status, Status::NotAFit | Status::Declined);
    going || applications.iter().any(|a| a.program_id == p.id)
}

pub use super::plans::Plans;
