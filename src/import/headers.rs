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
use crate::domain::fields::{Field as ProgramField, specs};
use crate::domain::{Role, squash};

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
    /// `people()`, worked out once rather than for every record.
    people: Vec<(Role, u8)>,
}

impl HeaderMap {
    pub fn new(headers: &[String]) -> HeaderMap {
        let mut map = HeaderMap {
            names: headers.iter().map(|h| h.trim().to_string()).collect(),
            ..HeaderMap::default()
        };
        let mut unknown = Vec::new();
        for (index, header) in map.names.iter().enumerate() {
            if header.is_empty() {
                continue;
            }
            match field_for(header) {
                None => unknown.push(format!("{header:?}")),
                Some(field) => {
                    if let Some(&first) = map.columns.get(&field) {
                        map.warnings.push(format!(
                            "column {header:?} means the same as {:?}; only the first is read",
                            map.names[first]
                        ));
                    } else {
                        map.columns.insert(field, index);
                    }
                }
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
        if !unknown.is_empty() {
            map.warnings.insert(
                0,
                format!("ignored unknown columns: {}", unknown.join(", ")),
            );
        }
        map
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
