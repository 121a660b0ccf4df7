//! What the header mapping says about itself: the preview's and the
//! import's warnings (unknown columns with their near-misses, ambiguous
//! ones, repeats, names built from institution and specialty), and the
//! near-miss pointing past a person another column has.

use super::headers::{Field, FieldMap, HeaderMap};
use super::mapping::{Outcome, describe};
use crate::domain::fields::Field as ProgramField;

/// `field`, or for a person whose column is taken, the same part of the
/// next person of that role without one.
pub(super) fn next_free_person(field: Field, taken: &FieldMap<usize>) -> Field {
    let Field::Person {
        role,
        mut slot,
        part,
    } = field
    else {
        return field;
    };
    while slot < 9 && taken.contains_key(&Field::Person { role, slot, part }) {
        slot += 1;
    }
    Field::Person { role, slot, part }
}

/// What the preview says about the columns: the unknown ones (with
/// their near-misses), the ambiguous ones, repeats, and names built.
pub(super) fn warnings(map: &HeaderMap) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = Vec::new();
    for (header, outcome) in &map.mapping.columns {
        match outcome {
            Outcome::Unknown(_) if header.is_empty() => {}
            Outcome::Unknown(None) => unknown.push(format!("{header:?}")),
            Outcome::Unknown(Some(near)) => {
                unknown.push(format!("{header:?}"));
                rest.push(format!(
                    "column {header:?} is not read; closest field: {} (--map {:?} reads it)",
                    describe(*near),
                    format!("{header}={}", near.key())
                ));
            }
            Outcome::Ambiguous(fields) => rest.push(format!(
                "column {header:?} could be {}; it is not read until you choose (--map {:?})",
                fields
                    .iter()
                    .map(|f| describe(*f))
                    .collect::<Vec<_>>()
                    .join(" or "),
                format!("{header}=FIELD")
            )),
            Outcome::Repeat(_, first) => rest.push(format!(
                "column {header:?} means the same as {:?}; only the first is read",
                map.names[*first]
            )),
            Outcome::Read(..) | Outcome::Ignored(_) => {}
        }
    }
    if map.builds_name {
        rest.push(format!(
            "no program name column: each name is built from {:?} and {:?} \
             (\"Institution — Specialty\")",
            map.name_of(Field::Program(ProgramField::Institution))
                .unwrap_or_default(),
            map.name_of(Field::Program(ProgramField::Specialty))
                .unwrap_or_default(),
        ));
    }
    if map.mapping.used_saved {
        rest.insert(0, "using the column mapping saved for these headers (usce import --show-mapping FILE shows it)".into());
    }
    if !unknown.is_empty() {
        rest.insert(
            0,
            format!("ignored unknown columns: {}", unknown.join(", ")),
        );
    }
    rest
}
