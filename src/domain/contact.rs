//! People at a program, and the log of every interaction with them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ProgramId, text_enum};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct ContactId(pub i64);

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct InteractionId(pub i64);

text_enum! {
    /// Who the person is to the program. Coordinators answer rotation
    /// requests; the visiting-student or GME office is the next stop.
    #[derive(Default)]
    pub enum Role {
        #[default]
        Coordinator = ("coordinator", "coordinator"),
        ProgramDirector = ("program_director", "program director"),
        StudentOffice = ("student_office", "visiting-student/GME office"),
        Alumnus = ("alumnus", "alumnus"),
        Resident = ("resident", "resident"),
        Other = ("other", "other"),
    }
}

text_enum! {
    /// How the contact prefers to be reached.
    #[derive(Default)]
    pub enum PreferredMethod {
        #[default]
        Email = ("email", "email"),
        Phone = ("phone", "phone"),
        LinkedIn = ("linkedin", "LinkedIn"),
        Other = ("other", "other"),
    }
}

text_enum! {
    /// How a letter addresses the person ("Dear Dr. Whitfield,"). `None`
    /// on a contact means no title is known: the greeting then uses their
    /// preferred name or full name rather than guess one.
    pub enum Title {
        Dr = ("dr", "Dr."),
        Ms = ("ms", "Ms."),
        Mr = ("mr", "Mr."),
        Mx = ("mx", "Mx."),
    }
}

impl Title {
    /// What a form or an import cell may hold: a title as written ("Dr",
    /// "dr.", "Doctor"), or blank / "none" for no title. Professors of
    /// medicine are doctors; "Mrs." and "Miss" become the business "Ms.".
    pub fn read(text: &str) -> Result<Option<Title>, String> {
        let t = text.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("none") || t == "-" {
            return Ok(None);
        }
        if let Some(title) = Title::parse(t) {
            return Ok(Some(title));
        }
        let squashed = super::squash(t);
        match squashed.as_str() {
            "doctor" | "prof" | "professor" => Ok(Some(Title::Dr)),
            "mrs" | "miss" => Ok(Some(Title::Ms)),
            _ => Err(format!(
                "{t:?} is not a title: use Dr., Ms., Mr., Mx. or none"
            )),
        }
    }

    /// A title at the start of free text, as spreadsheets hold it: "Dr.",
    /// "Dr. Zoë Ng", "Dear Ms. Whitfield,". Anything else (a job title
    /// such as "Program Coordinator") is no title rather than an error.
    pub fn leading(text: &str) -> Option<Title> {
        let mut words = text.split_whitespace();
        let first = match words.next()? {
            dear if dear.eq_ignore_ascii_case("dear") => words.next()?,
            word => word,
        };
        Title::read(first.trim_end_matches(',')).ok().flatten()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub id: ContactId,
    pub program_id: ProgramId,
    pub role: Role,
    pub title: Option<Title>,
    pub name: String,
    /// What they like to be called ("Dana", "Dr. Bea"), used to greet them
    /// when no title is known.
    pub preferred_name: String,
    pub email: String,
    pub phone: String,
    pub linkedin: String,
    pub preferred: PreferredMethod,
    /// Where the details came from ("program website", "FREIDA", "alumni").
    pub source: String,
    /// When the details were last confirmed: program data goes stale every
    /// season, so the age of a contact matters.
    pub as_of: Option<NaiveDate>,
    pub notes: String,
}

text_enum! {
    pub enum Channel {
        Email = ("email", "email"),
        Phone = ("phone", "phone"),
        Visit = ("visit", "visit"),
        LinkedIn = ("linkedin", "LinkedIn"),
        Other = ("other", "other"),
    }
}

text_enum! {
    pub enum Direction {
        Out = ("out", "out"),
        In = ("in", "in"),
        /// An automatic answer (out of office, ticket received) logged by
        /// the mail sync (issue 17): shown in the log, yet not a reply —
        /// every "did they answer?" question asks for `In`, so it neither
        /// moves the status nor stops the cadence.
        AutoReply = ("auto_reply", "auto-reply"),
    }
}

/// One entry in the contact log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: InteractionId,
    pub program_id: ProgramId,
    pub contact_id: Option<ContactId>,
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    /// The exact copy of a sent message, when the entry records one.
    pub eml_path: Option<String>,
}

/// A light check of an email address: one `@`, a non-empty local part and
/// a dotted domain, no spaces or control characters. Deliverability is the
/// mail server's job; this catches typos and pasted junk.
pub fn validate_email(email: &str) -> Result<(), String> {
    let bad = || Err(format!("{email:?} is not an email address"));
    // Checked on every contact of an import, twice: ASCII needs no
    // Unicode tables.
    let spaced = if email.is_ascii() {
        email
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    } else {
        email.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    if spaced {
        return bad();
    }
    let Some((local, domain)) = email.split_once('@') else {
        return bad();
    };
    if local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        // Bytes, not a substring search: that sets up a searcher per call.
        || domain.as_bytes().windows(2).any(|w| w == b"..")
    {
        return bad();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_as_written_and_blank_means_none() {
        for (text, title) in [
            ("Dr.", Some(Title::Dr)),
            ("dr", Some(Title::Dr)),
            ("Doctor", Some(Title::Dr)),
            ("Prof.", Some(Title::Dr)),
            ("Ms", Some(Title::Ms)),
            ("Mrs.", Some(Title::Ms)),
            ("MR.", Some(Title::Mr)),
            ("Mx.", Some(Title::Mx)),
            ("", None),
            ("  ", None),
            ("none", None),
        ] {
            assert_eq!(Title::read(text), Ok(title), "{text:?}");
        }
        assert!(Title::read("Program Coordinator").is_err());
    }

    #[test]
    fn a_leading_title_is_read_out_of_free_text() {
        assert_eq!(Title::leading("Dr."), Some(Title::Dr));
        assert_eq!(Title::leading("  dr Zoë Ng"), Some(Title::Dr));
        assert_eq!(Title::leading("Dear Ms. Whitfield,"), Some(Title::Ms));
        assert_eq!(Title::leading("Mx,"), Some(Title::Mx));
        assert_eq!(Title::leading("Program Coordinator"), None);
        assert_eq!(Title::leading("Dear Dana,"), None);
        assert_eq!(Title::leading("Dear"), None);
        assert_eq!(Title::leading(""), None);
    }

    #[test]
    fn email_validation_accepts_real_shapes_and_rejects_junk() {
        for ok in ["gme@example.org", "first.last+usce@med.example.edu"] {
            assert!(validate_email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "no-at",
            "a@b",
            "@example.org",
            "a b@example.org",
            "a@@example.org",
            "a@example.",
            "x@.org",
        ] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }
}
