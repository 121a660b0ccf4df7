//! Which program field a column header names.
//!
//! Every source spells its headers differently and changes them between
//! seasons, so matching ignores case, spaces, underscores and punctuation,
//! and each field has a list of aliases. The first alias of a field is its
//! canonical header: the one the exporter writes. Program fields' aliases
//! live in their table (`domain::fields`); people's and the other
//! import-only columns' in `aliases`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::aliases::ALIASES;
use super::mapping::{
    By, Choice, ImportOptions, Mapping, Outcome, choice_for, choices_in_force, same_header,
    signature,
};
use super::recognise::{Guess, recognise};
use crate::domain::fields::{Field as ProgramField, specs};
use crate::domain::{Role, UsState, squash};

/// One part of a person's details, spread over columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonPart {
    Name,
    Email,
    Phone,
    /// "Dr.", "Ms.", or a whole salutation ("Dear Dr. Ng,"): how letters
    /// address the person.
    Title,
    /// A free-text cell such as FREIDA's "Contact Info (Coordinator)".
    Info,
    /// Split names, as scrapes write them: joined into one name
    /// ("Dana R. Whitfield, MD") by `row::joined_name`.
    First,
    Middle,
    Last,
    /// "Jr.", "III".
    Suffix,
    /// "MD", "MD, PhD".
    Degrees,
}

/// A program field, or a part of a contact, that a column can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// A field of the program table; its headers are declared there.
    Program(ProgramField),
    /// "City, ST" in one cell, as FREIDA shows it.
    Location,
    /// Yes/no columns that some sources use instead of one visa column.
    J1,
    H1b,
    /// `slot` numbers ACGME-style repeated columns: `coordinator_name_2`.
    Person {
        role: Role,
        slot: u8,
        part: PersonPart,
    },
}

/// Every header spelling with the field it names: the program table's
/// headers, then the import-only ones (people, locations, visa columns).
pub fn aliases() -> impl Iterator<Item = (Field, &'static [&'static str])> {
    specs()
        .map(|(f, spec)| (Field::Program(f), spec.headers))
        .chain(ALIASES.iter().copied())
}

static LOOKUP: LazyLock<HashMap<String, Field>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (field, aliases) in aliases() {
        for alias in aliases {
            map.entry(normalise(alias)).or_insert(field);
        }
    }
    map
});

/// Lower-case letters and digits only; `%` reads as "pct" so that
/// "% IMG" and "IMG %" keep a word instead of collapsing to "img".
pub fn normalise(header: &str) -> String {
    squash(&header.replace('%', " pct "))
}

impl Field {
    /// The header the exporter writes for this field.
    pub fn canonical(self) -> String {
        let base = match self {
            Field::Person { slot, .. } if slot > 1 => Field::Person {
                role: role_of(self),
                slot: 1,
                part: part_of(self),
            },
            other => other,
        };
        let name = aliases()
            .find(|(f, _)| *f == base)
            .and_then(|(_, aliases)| aliases.first())
            .copied()
            .unwrap_or("?");
        match self {
            Field::Person { slot, .. } if slot > 1 => format!("{name} {slot}"),
            _ => name.to_string(),
        }
    }

    /// Up to three aliases, for "expected a column like …" messages.
    pub fn examples(self) -> String {
        aliases()
            .find(|(f, _)| *f == self)
            .map(|(_, aliases)| {
                aliases
                    .iter()
                    .take(3)
                    .map(|a| format!("{a:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    }
}

fn role_of(field: Field) -> Role {
    match field {
        Field::Person { role, .. } => role,
        _ => Role::Other,
    }
}

fn part_of(field: Field) -> PersonPart {
    match field {
        Field::Person { part, .. } => part,
        _ => PersonPart::Info,
    }
}

/// The field a header names, if any. People columns may end in a slot
/// number (`coordinator_email_2`); slot 1 is the same as no number.
pub fn field_for(header: &str) -> Option<Field> {
    let key = normalise(header);
    if let Some(field) = LOOKUP.get(&key) {
        return Some(*field);
    }
    let digits = key.len() - key.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits != 1 {
        return None;
    }
    let (base, slot) = key.split_at(key.len() - 1);
    let slot: u8 = slot.parse().ok().filter(|s| *s >= 1)?;
    match LOOKUP.get(base)? {
        Field::Person { role, part, .. } => Some(Field::Person {
            role: *role,
            slot,
            part: *part,
        }),
        _ => None,
    }
}

/// FNV-1a, for the field → column map: every cell of an import looks its
/// field up, and SipHash (built to resist crafted keys, which a handful of
/// enum values never are) was a tenth of parsing a large file.
pub struct FieldHasher(u64);

impl Default for FieldHasher {
    fn default() -> Self {
        FieldHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FieldHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub type FieldMap<V> = HashMap<Field, V, BuildHasherDefault<FieldHasher>>;

/// The columns of one file: which field each carries, and what was left.
#[derive(Debug, Default)]
pub struct HeaderMap {
    /// The header text as written, per column, for error messages.
    pub names: Vec<String>,
    /// Field → column index; the first column naming a field wins.
    pub columns: FieldMap<usize>,
    pub warnings: Vec<String>,
    /// Every column with what happens to it, for the preview and saving.
    pub mapping: Mapping,
    /// `--state`: the state of rows that name none.
    pub default_state: Option<UsState>,
    /// `--strict`: an unreadable optional cell is an error, not unknown.
    pub strict: bool,
    /// No name column, but institution and specialty: each name is built
    /// from them.
    pub builds_name: bool,
    /// `people()`, worked out once rather than for every record.
    people: Vec<(Role, u8)>,
}

impl HeaderMap {
    pub fn new(headers: &[String]) -> HeaderMap {
        HeaderMap::with_options(headers, &ImportOptions::default())
    }

    /// The columns as recognised, then as the user chose (a saved
    /// mapping, then `--map` / `--ignore`).
    pub fn with_options(headers: &[String], options: &ImportOptions) -> HeaderMap {
        let names: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
        let (choices, used_saved) = choices_in_force(&names, options);
        let mut map = HeaderMap {
            mapping: Mapping {
                signature: signature(&names),
                used_saved,
                ..Mapping::default()
            },
            names,
            default_state: options.state,
            strict: options.strict,
            ..HeaderMap::default()
        };
        for index in 0..map.names.len() {
            let header = map.names[index].clone();
            let saved = used_saved && choice_for(&choices, &header).is_some();
            let chosen = options.choices.iter().any(|(h, _)| same_header(h, &header));
            let by = if chosen {
                By::Chosen
            } else if saved {
                By::Saved
            } else {
                By::Header
            };
            let outcome = match choice_for(&choices, &header) {
                Some(Choice::Ignore) => Outcome::Ignored(by),
                Some(Choice::Field(field)) => map.claim(field, index, by),
                None if header.is_empty() => Outcome::Unknown(None),
                None => match recognise(&header) {
                    Guess::Field(field) => map.claim(field, index, By::Header),
                    Guess::Ambiguous(fields) => Outcome::Ambiguous(fields),
                    Guess::Unknown { closest } => Outcome::Unknown(closest),
                },
            };
            map.mapping.columns.push((header, outcome));
        }
        map.mapping.choices = choices;
        // A near miss whose person another column has already points at
        // the next one: "Helper Email" beside coordinator_email is closest
        // to a second coordinator's email.
        for (_, outcome) in &mut map.mapping.columns {
            if let Outcome::Unknown(Some(near)) = outcome {
                *near = super::header_notes::next_free_person(*near, &map.columns);
            }
        }
        map.people = map
            .columns
            .keys()
            .filter_map(|f| match f {
                Field::Person { role, slot, .. } => Some((*role, *slot)),
                _ => None,
            })
            .collect();
        map.people.sort();
        map.people.dedup();
        map.builds_name = !map
            .columns
            .contains_key(&Field::Program(ProgramField::Name))
            && map
                .columns
                .contains_key(&Field::Program(ProgramField::Institution))
            && map
                .columns
                .contains_key(&Field::Program(ProgramField::Specialty));
        map.warnings = super::header_notes::warnings(&map);
        map
    }

    /// Gives `field` to column `index` unless an earlier column has it.
    fn claim(&mut self, field: Field, index: usize, by: By) -> Outcome {
        match self.columns.get(&field) {
            Some(&first) => Outcome::Repeat(field, first),
            None => {
                self.columns.insert(field, index);
                Outcome::Read(field, by)
            }
        }
    }

    /// What the user can do about a missing name or state column: said
    /// as warnings beside the header error.
    pub fn missing_hints(&self) -> Vec<String> {
        let mut hints = Vec::new();
        if !self
            .columns
            .contains_key(&Field::Program(ProgramField::Name))
            && !self.builds_name
        {
            hints.push(
                "name the program name column with --map \"Header=name\", or give \
                 Institution and Specialty columns to build names from"
                    .to_string(),
            );
        }
        let state = Field::Program(ProgramField::State);
        if !self.columns.contains_key(&state)
            && !self.columns.contains_key(&Field::Location)
            && self.default_state.is_none()
        {
            hints.push(
                "if every row is in one state, --state XX gives it (usce import --state FL FILE)"
                    .to_string(),
            );
        }
        hints
    }

    /// Without a name (or a way to build one) and a state (or `--state`)
    /// no record can be valid, so one header error replaces a "required"
    /// error on every line.
    pub fn missing_required(&self) -> Option<String> {
        let (name, state) = (
            Field::Program(ProgramField::Name),
            Field::Program(ProgramField::State),
        );
        let mut missing = Vec::new();
        if !self.columns.contains_key(&name) && !self.builds_name {
            missing.push(format!(
                "no program name column (expected one like {})",
                name.examples()
            ));
        }
        if !self.columns.contains_key(&state)
            && !self.columns.contains_key(&Field::Location)
            && self.default_state.is_none()
        {
            missing.push(format!(
                "no state column (expected one like {})",
                state.examples()
            ));
        }
        if missing.is_empty() {
            return None;
        }
        let found: Vec<String> = self
            .names
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| format!("{n:?}"))
            .collect();
        Some(format!(
            "{}; found {}",
            missing.join("; "),
            if found.is_empty() {
                "no headers".to_string()
            } else {
                found.join(", ")
            }
        ))
    }

    /// The header text of the column carrying `field`, if there is one.
    pub fn name_of(&self, field: Field) -> Option<&str> {
        self.columns
            .get(&field)
            .and_then(|&i| self.names.get(i))
            .map(String::as_str)
    }

    /// Every (role, slot) that has at least one column, in a stable order:
    /// coordinators first, then by slot.
    pub fn people(&self) -> &[(Role, u8)] {
        &self.people
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_alias_names_two_fields() {
        let mut seen: HashMap<String, Field> = HashMap::new();
        for (field, aliases) in aliases() {
            for alias in aliases {
                if let Some(other) = seen.insert(normalise(alias), field) {
                    assert_eq!(other, field, "{alias:?} is claimed twice");
                }
            }
        }
    }
}
