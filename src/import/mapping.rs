//! The mapping step: which field each column of a file goes to, what the
//! user chose instead (`--map`, `--ignore`, a mapping saved from an earlier
//! import of the same kind of file), and how that is shown and saved.
//!
//! A mapping is saved under the file's header signature (its headers'
//! words, in order), so a file with the same columns next season gets the
//! same choices without asking, and a file with other columns does not.

use std::fmt::Write as _;

use super::headers::{Field, PersonPart, aliases};
use super::recognise::{Guess, recognise, words};
use crate::domain::UsState;

/// What the user said a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Field(Field),
    Ignore,
}

/// A set of choices for one header list, as the database keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedMapping {
    pub signature: String,
    /// Header (as written) → choice.
    pub choices: Vec<(String, Choice)>,
}

/// How an import reads its file beyond what the file says.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--map` and `--ignore`, by header as written (matched ignoring
    /// case and punctuation). These win over a saved mapping.
    pub choices: Vec<(String, Choice)>,
    /// `--state`: the state of every row that names none.
    pub state: Option<UsState>,
    /// `--strict`: any unreadable cell refuses the file, as before
    /// lenient cells.
    pub strict: bool,
    /// Every mapping saved in the database; the one whose signature is
    /// this file's is applied.
    pub saved: Vec<SavedMapping>,
}

/// How a column got its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// Recognised from its header.
    Header,
    /// A mapping saved from an earlier import of these headers.
    Saved,
    /// `--map` / `--ignore` (or the TUI's picker) this time.
    Chosen,
}

/// What happens to one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Read(Field, By),
    Ignored(By),
    /// No field fits; the near-miss, if any.
    Unknown(Option<Field>),
    Ambiguous(Vec<Field>),
    /// Another column already carries this field.
    Repeat(Field, usize),
}

/// The mapping of one file, for the preview, `--show-mapping` and saving.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    pub signature: String,
    /// One per column, in file order: (header, outcome).
    pub columns: Vec<(String, Outcome)>,
    /// Whether a saved mapping was applied.
    pub used_saved: bool,
    /// The choices in force (saved, then this time's): what to save after
    /// a confirmed import.
    pub choices: Vec<(String, Choice)>,
}

/// The file's header signature: each header's words, in order.
pub fn signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| words(h).join("_"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Headers match ignoring case, separators and punctuation.
pub fn same_header(a: &str, b: &str) -> bool {
    words(a) == words(b)
}

/// The choice for `header`: this time's first, then the saved one.
pub fn choice_for(choices: &[(String, Choice)], header: &str) -> Option<Choice> {
    choices
        .iter()
        .rev()
        .find(|(h, _)| same_header(h, header))
        .map(|(_, c)| *c)
}

/// The choices in force for `headers`, and whether a saved mapping gave
/// some of them. Saved choices first, so this time's win.
pub fn choices_in_force(
    headers: &[String],
    options: &ImportOptions,
) -> (Vec<(String, Choice)>, bool) {
    let sig = signature(headers);
    let saved = options.saved.iter().find(|s| s.signature == sig);
    let mut choices: Vec<(String, Choice)> = saved.map(|s| s.choices.clone()).unwrap_or_default();
    let used_saved = !choices.is_empty();
    for (header, choice) in &options.choices {
        choices.retain(|(h, _)| !same_header(h, header));
        choices.push((header.clone(), *choice));
    }
    (choices, used_saved)
}

const PART_KEYS: &[(PersonPart, &str)] = &[
    (PersonPart::Name, "name"),
    (PersonPart::Email, "email"),
    (PersonPart::Phone, "phone"),
    (PersonPart::Title, "title"),
    (PersonPart::Info, "info"),
    (PersonPart::First, "first_name"),
    (PersonPart::Middle, "middle_name"),
    (PersonPart::Last, "last_name"),
    (PersonPart::Suffix, "suffix"),
    (PersonPart::Degrees, "degrees"),
];

impl Field {
    /// The name `--map` takes and a saved mapping stores:
    /// `institution`, `main_phone`, `coordinator_email_2`.
    pub fn key(self) -> String {
        match self {
            Field::Program(f) => f.spec().column.to_string(),
            Field::Location => "location".into(),
            Field::J1 => "j1".into(),
            Field::H1b => "h1b".into(),
            Field::Person { role, slot, part } => {
                let part = PART_KEYS
                    .iter()
                    .find(|(p, _)| *p == part)
                    .map_or("name", |(_, k)| k);
                let role = role.code();
                if slot > 1 {
                    format!("{role}_{part}_{slot}")
                } else {
                    format!("{role}_{part}")
                }
            }
        }
    }
}

/// Every field a column can be mapped to (people in slot 1), for help.
pub fn field_keys() -> Vec<String> {
    let mut keys: Vec<String> = aliases().map(|(f, _)| f.key()).collect();
    keys.dedup();
    keys
}

/// The people fields again for a second person of each role
/// (`coordinator_email_2`), which `--map` reads too: a list with two
/// coordinators under headers usce does not know needs them.
pub fn second_person_keys() -> Vec<String> {
    let mut keys: Vec<String> = aliases()
        .filter_map(|(field, _)| match field {
            Field::Person {
                role,
                slot: 1,
                part,
            } => Some(
                Field::Person {
                    role,
                    slot: 2,
                    part,
                }
                .key(),
            ),
            _ => None,
        })
        .collect();
    keys.dedup();
    keys
}

/// Reads the right side of `--map "Header=field"`: a field key
/// (`main_phone`, `coordinator_email_2`) or any header usce recognises.
pub fn parse_field(text: &str) -> Result<Choice, String> {
    let wanted = words(text).join("_");
    if matches!(wanted.as_str(), "ignore" | "ignored" | "none" | "skip") {
        return Ok(Choice::Ignore);
    }
    for (field, _) in aliases() {
        if field.key() == wanted {
            return Ok(Choice::Field(field));
        }
    }
    match recognise(text) {
        Guess::Field(field) => Ok(Choice::Field(field)),
        _ => Err(format!(
            "{text:?} is not a field; one of: {}",
            field_keys().join(", ")
        )),
    }
}

/// `--map "Header=field"` → (header, choice).
pub fn parse_map(arg: &str) -> Result<(String, Choice), String> {
    let (header, field) = arg
        .rsplit_once('=')
        .ok_or_else(|| format!("--map {arg:?}: write it as \"Header=field\""))?;
    let header = header.trim();
    if header.is_empty() {
        return Err(format!("--map {arg:?}: the header before '=' is empty"));
    }
    Ok((header.to_string(), parse_field(field.trim())?))
}

/// A field as the mapping shows it: its key and, for a program field, its
/// label ("main_phone (Main phone)").
pub fn describe(field: Field) -> String {
    match field {
        Field::Program(f) => format!("{} ({})", field.key(), f.label()),
        _ => field.key(),
    }
}

impl Mapping {
    /// The mapping as lines, one per column:
    /// `"phone" → main_phone (Main phone)`, with where it came from.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::with_capacity(self.columns.len() + 1);
        if self.used_saved {
            lines.push(
                "using the mapping saved for these headers (--map or --ignore changes it)".into(),
            );
        }
        for (header, outcome) in &self.columns {
            let mut line = format!("{header:?} → ");
            let _ = match outcome {
                Outcome::Read(field, by) => write!(line, "{}{}", describe(*field), by_note(*by)),
                Outcome::Ignored(by) => write!(line, "ignored{}", by_note(*by)),
                Outcome::Unknown(None) => write!(line, "ignored (not recognised)"),
                Outcome::Unknown(Some(near)) => write!(
                    line,
                    "ignored (not recognised; closest: {}; --map {:?} reads it)",
                    describe(*near),
                    format!("{header}={}", near.key())
                ),
                Outcome::Ambiguous(fields) => write!(
                    line,
                    "ignored (could be {}; choose with --map {:?})",
                    fields
                        .iter()
                        .map(|f| describe(*f))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    format!("{header}=FIELD")
                ),
                Outcome::Repeat(field, first) => write!(
                    line,
                    "ignored (means {} too, which column {} carries)",
                    describe(*field),
                    first + 1
                ),
            };
            lines.push(line);
        }
        lines
    }

    /// The saved form of the choices: a JSON list of [header, field key]
    /// pairs, `null` for an ignored column, in the order they were made.
    pub fn choices_json(&self) -> String {
        let pairs: Vec<(&str, Option<String>)> = self
            .choices
            .iter()
            .map(|(h, c)| {
                let key = match c {
                    Choice::Field(f) => Some(f.key()),
                    Choice::Ignore => None,
                };
                (h.as_str(), key)
            })
            .collect();
        serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into())
    }
}

/// What a column maps to, in the TUI's words (no CLI flags): the field,
/// or "ignored" with the reason and the near-miss.
pub fn target(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Read(field, _) => describe(*field),
        Outcome::Ignored(_) => "ignored".into(),
        Outcome::Unknown(None) => "ignored (not recognised)".into(),
        Outcome::Unknown(Some(near)) => {
            format!("ignored (not recognised; closest: {})", describe(*near))
        }
        Outcome::Ambiguous(fields) => format!(
            "ignored (could be {})",
            fields
                .iter()
                .map(|f| describe(*f))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        Outcome::Repeat(field, first) => format!(
            "ignored (means {} too, which column {} carries)",
            describe(*field),
            first + 1
        ),
    }
}

/// Where a column's mapping came from: `"saved"`, `"chosen"`, or `""` for
/// one recognised from its header.
pub fn origin(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Read(_, By::Saved) | Outcome::Ignored(By::Saved) => "saved",
        Outcome::Read(_, By::Chosen) | Outcome::Ignored(By::Chosen) => "chosen",
        _ => "",
    }
}

fn by_note(by: By) -> &'static str {
    match by {
        By::Header => "",
        By::Saved => " (saved mapping)",
        By::Chosen => " (chosen)",
    }
}

/// Reads a saved mapping back; entries that no longer name a field (the
/// table changed) are dropped rather than refusing the import.
pub fn saved_from_json(signature: &str, json: &str) -> SavedMapping {
    let choices = serde_json::from_str::<Vec<(String, Option<String>)>>(json)
        .map(|pairs| {
            pairs
                .into_iter()
                .filter_map(|(header, key)| {
                    let choice = match key {
                        None => Some(Choice::Ignore),
                        Some(key) => parse_field(&key).ok(),
                    }?;
                    Some((header, choice))
                })
                .collect()
        })
        .unwrap_or_default();
    SavedMapping {
        signature: signature.to_string(),
        choices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::domain::fields::Field as P;

    #[test]
    fn every_field_key_reads_back_as_its_field() {
        for (field, _) in aliases() {
            assert_eq!(
                parse_field(&field.key()),
                Ok(Choice::Field(field)),
                "{field:?}"
            );
        }
        let second = Field::Person {
            role: Role::ProgramDirector,
            slot: 2,
            part: PersonPart::Last,
        };
        assert_eq!(parse_field(&second.key()), Ok(Choice::Field(second)));
    }

    #[test]
    fn map_arguments_take_keys_headers_or_ignore() {
        assert_eq!(
            parse_map("Tel=main_phone"),
            Ok(("Tel".into(), Choice::Field(Field::Program(P::MainPhone))))
        );
        assert_eq!(
            parse_map("X = Sponsoring Institution"),
            Ok(("X".into(), Choice::Field(Field::Program(P::Institution))))
        );
        assert_eq!(parse_map("X=ignore"), Ok(("X".into(), Choice::Ignore)));
        assert!(parse_map("X").unwrap_err().contains("Header=field"));
        assert!(
            parse_map("X=favourite colour")
                .unwrap_err()
                .contains("main_phone")
        );
    }

    #[test]
    fn saved_choices_round_trip_through_json() {
        let mapping = Mapping {
            choices: vec![
                ("Tel".into(), Choice::Field(Field::Program(P::MainPhone))),
                ("Junk".into(), Choice::Ignore),
            ],
            ..Mapping::default()
        };
        let saved = saved_from_json("tel,junk", &mapping.choices_json());
        assert_eq!(saved.choices, mapping.choices);
    }

    #[test]
    fn this_times_choices_win_over_saved_ones() {
        let headers = vec!["Tel".to_string(), "Junk".to_string()];
        let options = ImportOptions {
            choices: vec![("tel".into(), Choice::Ignore)],
            saved: vec![SavedMapping {
                signature: signature(&headers),
                choices: vec![("Tel".into(), Choice::Field(Field::Program(P::MainPhone)))],
            }],
            ..ImportOptions::default()
        };
        let (choices, used_saved) = choices_in_force(&headers, &options);
        assert!(used_saved);
        assert_eq!(choice_for(&choices, "TEL"), Some(Choice::Ignore));
    }
}
