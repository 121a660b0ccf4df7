//! Stored rows usce cannot read: a state code it does not know, tags that
//! are not a list, any value a column should not hold. One such row must
//! not lock the user out of the rest, so it is left as stored, kept out
//! of the lists, and named for the user to repair (the TUI's `!`, a
//! warning from `usce list`, the raw row in `usce export --format json`).

use serde::Serialize;

/// Which kind of row it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Program,
    /// The applicant's profile (one row): the app goes on with an empty
    /// one; saving a profile field reports the row's error until it is
    /// repaired (the sqlite3 shell, or a backup).
    Profile,
}

/// A stored row that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedsRepair {
    pub kind: RowKind,
    /// The row's id in its table.
    pub id: i64,
    /// Its name as stored, when that much could be read.
    pub name: String,
    /// The column and what is wrong with it ("state: unknown UsState code
    /// \"ZZ\" in the database").
    pub reason: String,
}

impl NeedsRepair {
    /// One line naming the row and the reason.
    pub fn describe(&self) -> String {
        if self.kind == RowKind::Profile {
            return format!("your profile: {}", self.reason);
        }
        match self.name.trim() {
            "" => format!("program {}: {}", self.id, self.reason),
            name => format!(
                "program {} \u{201c}{name}\u{201d}: {}",
                self.id, self.reason
            ),
        }
    }
}

/// "2 stored programs could not be read and need repair", for a status
/// line or a warning.
pub fn summary(rows: &[NeedsRepair]) -> String {
    let word = match rows {
        [only] if only.kind == RowKind::Profile => "stored profile",
        _ if rows.iter().all(|r| r.kind == RowKind::Program) => "stored program",
        _ => "stored row",
    };
    let count = super::plural::count(rows.len(), word);
    let verb = if rows.len() == 1 { "needs" } else { "need" };
    format!("{count} could not be read and {verb} repair")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_named_by_id_and_name_with_its_reason() {
        let row = NeedsRepair {
            kind: RowKind::Program,
            id: 4,
            name: "Surgery".into(),
            reason: "state: unknown code \"ZZ\"".into(),
        };
        assert_eq!(
            row.describe(),
            "program 4 \u{201c}Surgery\u{201d}: state: unknown code \"ZZ\""
        );
        let nameless = NeedsRepair {
            name: String::new(),
            ..row.clone()
        };
        assert!(nameless.describe().starts_with("program 4: "));
        assert_eq!(
            summary(&[row.clone(), row.clone()]),
            "2 stored programs could not be read and need repair"
        );
        let profile = NeedsRepair {
            kind: RowKind::Profile,
            id: 1,
            name: String::new(),
            reason: "step1: unknown code".into(),
        };
        assert_eq!(profile.describe(), "your profile: step1: unknown code");
        assert_eq!(
            summary(&[row, profile]),
            "2 stored rows could not be read and need repair"
        );
    }
}
