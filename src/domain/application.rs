//! An application to a program and its checklist: one line per document
//! the program requires, ticked when sent (on a date) or attached from the
//! shelf.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::documents::{DocKind, Document, DocumentId, parse_kinds};
use super::{Program, ProgramId, RotationId, text_enum};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct ApplicationId(pub i64);

text_enum! {
    /// What the program answered.
    #[derive(Default)]
    pub enum Decision {
        #[default]
        Pending = ("pending", "pending"),
        Accepted = ("accepted", "accepted"),
        Waitlisted = ("waitlisted", "waitlisted"),
        Declined = ("declined", "declined"),
        Withdrawn = ("withdrawn", "withdrawn"),
    }
}

/// One ticked line of a checklist. Unticked lines are not stored: the
/// checklist is the program's required kinds, so a kind the program adds
/// later shows up unticked by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub kind: DocKind,
    /// The day it was sent (uploaded, mailed).
    #[serde(default)]
    pub sent_on: Option<NaiveDate>,
    /// The shelf document attached for it.
    #[serde(default)]
    pub document: Option<DocumentId>,
}

impl ChecklistItem {
    pub fn is_done(&self) -> bool {
        self.sent_on.is_some() || self.document.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    #[serde(default)]
    pub id: ApplicationId,
    pub program_id: ProgramId,
    /// The rotation it led to, once accepted and booked.
    #[serde(default)]
    pub rotation_id: Option<RotationId>,
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
    #[serde(default)]
    pub decision: Decision,
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    #[serde(default)]
    pub items: Vec<ChecklistItem>,
}

impl Application {
    pub fn new(program_id: ProgramId) -> Application {
        Application {
            id: ApplicationId::default(),
            program_id,
            rotation_id: None,
            submitted_on: None,
            decision: Decision::Pending,
            decided_on: None,
            items: Vec::new(),
        }
    }

    pub fn item(&self, kind: &DocKind) -> Option<&ChecklistItem> {
        self.items.iter().find(|i| &i.kind == kind)
    }
}

/// One line of a checklist as shown: the kind, its tick (if any) and the
/// shelf's best document of that kind.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistLine<'a> {
    pub kind: DocKind,
    pub item: Option<&'a ChecklistItem>,
    pub on_shelf: Option<&'a Document>,
}

impl ChecklistLine<'_> {
    pub fn is_done(&self) -> bool {
        self.item.is_some_and(ChecklistItem::is_done)
    }
}

/// The checklist of `application` to `program`: each required kind once,
/// then any ticked kind the program no longer lists (kept, not lost).
pub fn checklist<'a>(
    program: &Program,
    application: &'a Application,
    shelf: &'a [Document],
) -> Vec<ChecklistLine<'a>> {
    let mut kinds = parse_kinds(&program.application.required_docs);
    for item in &application.items {
        if !kinds.contains(&item.kind) {
            kinds.push(item.kind.clone());
        }
    }
    kinds
        .into_iter()
        .map(|kind| ChecklistLine {
            item: application.item(&kind),
            on_shelf: super::documents::best_of(shelf, &kind),
            kind,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UsState;
    use crate::domain::documents::StandardDoc;

    #[test]
    fn the_checklist_is_the_programs_kinds_with_their_ticks() {
        let mut program = Program::new("Lakeside IM", UsState::parse("IL").unwrap());
        program.application.required_docs = vec!["TB test".into(), "BLS".into(), "CV".into()];
        let mut app = Application::new(ProgramId(1));
        app.items.push(ChecklistItem {
            kind: DocKind::Standard(StandardDoc::Bls),
            sent_on: NaiveDate::from_ymd_opt(2027, 1, 5),
            document: None,
        });
        app.items.push(ChecklistItem {
            kind: DocKind::Custom("COVID card".into()),
            sent_on: None,
            document: Some(DocumentId(3)),
        });
        let mut cv = Document::new(DocKind::Standard(StandardDoc::Cv));
        cv.id = DocumentId(9);
        let shelf = [cv];
        let lines = checklist(&program, &app, &shelf);
        let done: Vec<(String, bool)> = lines
            .iter()
            .map(|l| (l.kind.label().to_string(), l.is_done()))
            .collect();
        assert_eq!(
            done,
            [
                ("TB test".to_string(), false),
                ("BLS".to_string(), true),
                ("CV".to_string(), false),
                ("COVID card".to_string(), true),
            ]
        );
        assert_eq!(lines[2].on_shelf.map(|d| d.id), Some(DocumentId(9)));
    }
}
