//! One parser per kind of field, shared by the CSV importer
//! (`import::values`) and every form and prompt of the TUI, so text that
//! one accepts the other accepts too, with the same value.
//!
//! Each parser takes text as the user typed it (or as a cell held it) and
//! returns the value or an [`Invalid`]: what was wrong (`reason`, the
//! short form the importer's line report prints) and what is wanted, with
//! an example (`Display`, what a form shows under the field).

mod choice;
mod date;
mod number;
mod state;
mod text;

#[cfg(test)]
mod tests;

pub use choice::{app_route, rotation_kind, rotation_kinds, status, visa, yes_no};
pub use date::date;
pub use number::{bounded, percent, weeks};
pub use state::state;
pub use text::{email, path};

/// The kind of field a parser reads; says which example an error gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Date,
    Number,
    /// A span such as "4-8 weeks", read as one number.
    Range,
    /// One (or a list) of a few fixed words.
    Enum,
    State,
    Email,
    Path,
}

/// Text a parser refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub kind: Kind,
    /// What is wrong with the text, quoting it: "\"March\" is not a date".
    reason: String,
    /// What would do, with an example: "write a date like 2027-03-05, …".
    wanted: String,
}

impl Invalid {
    pub fn new(kind: Kind, reason: impl Into<String>, wanted: impl Into<String>) -> Invalid {
        Invalid {
            kind,
            reason: reason.into(),
            wanted: wanted.into(),
        }
    }

    /// The reason alone. The importer's line report prints this: each line
    /// already names its column, and scripts read the established wording.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// What is wanted, with an example.
    pub fn wanted(&self) -> &str {
        &self.wanted
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A suggestion ("did you mean Kentucky (KY)?") is the example.
        if self.reason.ends_with('?') {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.reason, self.wanted)
        }
    }
}

impl std::error::Error for Invalid {}

impl From<Invalid> for String {
    fn from(e: Invalid) -> String {
        e.to_string()
    }
}
