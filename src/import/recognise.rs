//! Header recognition beyond the alias list.
//!
//! Scrapes and exports name their columns as their tools do:
//! `program_specialty_title`, `Coordinator.Phone.1`, `programDirectorFirstName`.
//! A header is cut into words (case changes, digits and punctuation all
//! separate words; `%`, `percent` and `percentage` are one word), and then
//! tried, in order of confidence:
//! 1. as an alias, exactly (what `headers::field_for` knows);
//! 2. as the words of an alias, once a trailing number is taken off;
//! 3. as a person: a role (`program_director`, `coordinator`, `contact`,
//!    `pd`…), an optional number, and a part (`first_name`, `phone`…);
//! 4. with a `program`/`residency` prefix or a `name`/`title` suffix taken
//!    off. When the stripped spellings name different fields the header is
//!    ambiguous and the user chooses (`--map`); a wrong guess would put
//!    values in the wrong field without anyone noticing.
//!
//! What none of these places is reported with the field it is closest to,
//! never mapped: words in common are a hint, not proof.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::headers::{Field, PersonPart, aliases, field_for};
use crate::domain::Role;

/// What one header was recognised as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guess {
    Field(Field),
    /// Several fields fit as well as each other.
    Ambiguous(Vec<Field>),
    /// No field fits; `closest` shares the most words with it, if any does.
    Unknown {
        closest: Option<Field>,
    },
}

/// The header's words, lower-cased: `programDirector_Phone2` →
/// `program director phone 2`, `% IMG` → `pct img`.
pub fn words(header: &str) -> Vec<String> {
    let chars: Vec<char> = header.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '%' {
            push_word(&mut words, &mut current);
            words.push("pct".into());
            continue;
        }
        if c == '#' {
            push_word(&mut words, &mut current);
            words.push("number".into());
            continue;
        }
        if !c.is_alphanumeric() {
            push_word(&mut words, &mut current);
            continue;
        }
        if let Some(&prev) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let camel = prev.is_lowercase() && c.is_uppercase();
            // "IMGPercent": the P starts a word, the G ended one.
            let acronym_end =
                prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase);
            let digit_change = prev.is_ascii_digit() != c.is_ascii_digit();
            if camel || acronym_end || digit_change {
                push_word(&mut words, &mut current);
            }
        }
        current.push(c);
    }
    push_word(&mut words, &mut current);
    words
}

fn push_word(words: &mut Vec<String>, current: &mut String) {
    if current.is_empty() {
        return;
    }
    let word = current.to_lowercase();
    current.clear();
    words.push(match word.as_str() {
        "percent" | "percentage" | "pct" => "pct".into(),
        _ => word,
    });
}

/// Alias words joined → field: the lookup for spellings whose only
/// difference from an alias is case, separators or `percent` for `%`.
static BY_WORDS: LazyLock<HashMap<String, Field>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (field, spellings) in aliases() {
        for alias in spellings {
            map.entry(words(alias).concat()).or_insert(field);
        }
    }
    map
});

/// Role words at the start of a person's column, longest first.
const ROLES: &[(&[&str], Role)] = &[
    (&["residency", "program", "director"], Role::ProgramDirector),
    (&["residency", "program", "coordinator"], Role::Coordinator),
    (&["program", "director"], Role::ProgramDirector),
    (&["program", "coordinator"], Role::Coordinator),
    (&["residency", "coordinator"], Role::Coordinator),
    (&["program", "contact"], Role::Coordinator),
    (&["pd"], Role::ProgramDirector),
    (&["director"], Role::ProgramDirector),
    (&["coordinator"], Role::Coordinator),
    (&["coord"], Role::Coordinator),
    (&["contact"], Role::Coordinator),
];

/// The words after a role, joined, and the part they name.
const PARTS: &[(&str, PersonPart)] = &[
    ("name", PersonPart::Name),
    ("fullname", PersonPart::Name),
    ("first", PersonPart::First),
    ("firstname", PersonPart::First),
    ("fname", PersonPart::First),
    ("givenname", PersonPart::First),
    ("middle", PersonPart::Middle),
    ("middlename", PersonPart::Middle),
    ("middleinitial", PersonPart::Middle),
    ("mi", PersonPart::Middle),
    ("last", PersonPart::Last),
    ("lastname", PersonPart::Last),
    ("lname", PersonPart::Last),
    ("surname", PersonPart::Last),
    ("familyname", PersonPart::Last),
    ("suffix", PersonPart::Suffix),
    ("namesuffix", PersonPart::Suffix),
    ("degree", PersonPart::Degrees),
    ("degrees", PersonPart::Degrees),
    ("credentials", PersonPart::Degrees),
    ("credential", PersonPart::Degrees),
    ("title", PersonPart::Title),
    ("salutation", PersonPart::Title),
    ("prefix", PersonPart::Title),
    ("honorific", PersonPart::Title),
    ("email", PersonPart::Email),
    ("mail", PersonPart::Email),
    ("emailaddress", PersonPart::Email),
    ("phone", PersonPart::Phone),
    ("phonenumber", PersonPart::Phone),
    ("telephone", PersonPart::Phone),
    ("tel", PersonPart::Phone),
    ("info", PersonPart::Info),
    ("contactinfo", PersonPart::Info),
    ("contactinformation", PersonPart::Info),
];

/// Split-name parts that need no role: a list with `first_name` and
/// `last_name` columns names its contact person, as "Contact Name" does.
const ROLELESS: &[PersonPart] = &[
    PersonPart::First,
    PersonPart::Middle,
    PersonPart::Last,
    PersonPart::Suffix,
    PersonPart::Degrees,
];

const PREFIXES: &[&[&str]] = &[
    &["program"],
    &["prog"],
    &["residency"],
    &["residency", "program"],
];
const SUFFIXES: &[&[&str]] = &[&["name"], &["title"]];

/// Words that say nothing about which field a column is: left out when
/// looking for the closest field.
const NOISE: &[&str] = &["program", "name", "the", "of", "and", "residency"];

/// Recognises one header.
pub fn recognise(header: &str) -> Guess {
    if let Some(field) = field_for(header) {
        return Guess::Field(field);
    }
    let all = words(header);
    if let Some(field) = BY_WORDS.get(&all.concat()) {
        return Guess::Field(*field);
    }
    let mut words = all.clone();
    let slot = take_slot(&mut words);
    if let Some(field) = BY_WORDS.get(&words.concat()) {
        return Guess::Field(with_slot(*field, slot));
    }
    if let Some(field) = person(&words, slot) {
        return Guess::Field(field);
    }
    // A number may belong to the field's own words ("J-1"): try it
    // there before reading it as a column number.
    match stripped(&all).or_else(|| stripped(&words)) {
        Some(fields) if fields.len() == 1 => Guess::Field(with_slot(fields[0], slot)),
        Some(fields) => Guess::Ambiguous(fields),
        None => Guess::Unknown {
            closest: closest(&words),
        },
    }
}

/// A trailing number of one or two digits (`_1`, `.2`): a person's slot,
/// or a numbered copy of a program column.
fn take_slot(words: &mut Vec<String>) -> u8 {
    let Some(last) = words.last() else { return 1 };
    if words.len() < 2 || last.len() > 2 || !last.chars().all(|c| c.is_ascii_digit()) {
        return 1;
    }
    let slot = last.parse::<u8>().unwrap_or(1).max(1);
    words.pop();
    slot
}

fn with_slot(field: Field, slot: u8) -> Field {
    match field {
        Field::Person { role, part, .. } => Field::Person { role, slot, part },
        other => other,
    }
}

/// A role, an optional number, and a part; a role alone is the name.
fn person(words: &[String], slot: u8) -> Option<Field> {
    let part_of = |rest: &[String]| {
        let key = rest.concat();
        PARTS.iter().find(|(k, _)| *k == key).map(|(_, part)| *part)
    };
    for (role_words, role) in ROLES {
        let Some(rest) = strip_start(words, role_words) else {
            continue;
        };
        let (slot, rest) = match rest.split_first() {
            Some((n, rest)) if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) => {
                (n.parse::<u8>().unwrap_or(1).max(1), rest)
            }
            _ => (slot, rest),
        };
        let part = if rest.is_empty() {
            Some(PersonPart::Name)
        } else {
            part_of(rest)
        };
        if let Some(part) = part {
            return Some(Field::Person {
                role: *role,
                slot,
                part,
            });
        }
    }
    let part = part_of(words).filter(|p| ROLELESS.contains(p))?;
    Some(Field::Person {
        role: Role::Coordinator,
        slot,
        part,
    })
}

fn strip_start<'w>(words: &'w [String], start: &[&str]) -> Option<&'w [String]> {
    let head = words.get(..start.len())?;
    head.iter()
        .zip(start)
        .all(|(w, s)| w == s)
        .then(|| &words[start.len()..])
}

fn strip_end<'w>(words: &'w [String], end: &[&str]) -> Option<&'w [String]> {
    let cut = words.len().checked_sub(end.len())?;
    words[cut..]
        .iter()
        .zip(end)
        .all(|(w, s)| w == s)
        .then(|| &words[..cut])
}

/// The fields named once a prefix, a suffix, or both are taken off:
/// `None` when none is, else every field found at the first tier that
/// finds any.
fn stripped(words: &[String]) -> Option<Vec<Field>> {
    let lookup = |rest: &[String]| -> Option<Field> {
        if rest.is_empty() {
            return None;
        }
        BY_WORDS
            .get(&rest.concat())
            .copied()
            .filter(|f| !matches!(f, Field::Person { .. }))
    };
    let mut one_off = Vec::new();
    for prefix in PREFIXES {
        if let Some(rest) = strip_start(words, prefix) {
            one_off.extend(lookup(rest));
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = strip_end(words, suffix) {
            one_off.extend(lookup(rest));
        }
    }
    let mut both = Vec::new();
    for prefix in PREFIXES {
        let Some(rest) = strip_start(words, prefix) else {
            continue;
        };
        for suffix in SUFFIXES {
            if let Some(rest) = strip_end(rest, suffix) {
                both.extend(lookup(rest));
            }
        }
    }
    [one_off, both].into_iter().find_map(|mut fields| {
        fields.dedup();
        let mut distinct: Vec<Field> = Vec::new();
        for f in fields {
            if !distinct.contains(&f) {
                distinct.push(f);
            }
        }
        (!distinct.is_empty()).then_some(distinct)
    })
}

/// The field whose aliases share the most meaningful words with the
/// header, when they share at least a third of them.
fn closest(words: &[String]) -> Option<Field> {
    let meaningful: Vec<&String> = words
        .iter()
        .filter(|w| !NOISE.contains(&w.as_str()))
        .collect();
    if meaningful.is_empty() {
        return None;
    }
    let mut best: Option<(f64, Field)> = None;
    for (field, spellings) in aliases() {
        for alias in spellings {
            let alias_words = self::words(alias);
            let common = meaningful
                .iter()
                .filter(|w| alias_words.contains(w))
                .count();
            if common == 0 {
                continue;
            }
            let total = meaningful.len().max(alias_words.len());
            let score = common as f64 / total as f64;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, field));
            }
        }
    }
    best.filter(|(score, _)| *score >= 0.34).map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::Field as P;

    fn field(header: &str) -> Option<Field> {
        match recognise(header) {
            Guess::Field(f) => Some(f),
            _ => None,
        }
    }

    fn person(role: Role, slot: u8, part: PersonPart) -> Option<Field> {
        Some(Field::Person { role, slot, part })
    }

    #[test]
    fn words_split_on_case_digits_and_punctuation() {
        assert_eq!(
            words("programDirector_Phone2"),
            ["program", "director", "phone", "2"]
        );
        assert_eq!(words("IMGPercent"), ["img", "pct"]);
        assert_eq!(words("% IMG"), ["pct", "img"]);
        assert_eq!(words("Coordinator.Phone.1"), ["coordinator", "phone", "1"]);
    }

    #[test]
    fn affixes_of_scrapes_are_looked_through() {
        assert_eq!(
            field("program_specialty_title"),
            Some(Field::Program(P::Specialty))
        );
        assert_eq!(field("specialty_title"), Some(Field::Program(P::Specialty)));
        assert_eq!(field("program_title"), Some(Field::Program(P::Name)));
        assert_eq!(field("city_name"), Some(Field::Program(P::City)));
        assert_eq!(field("img_percentage"), Some(Field::Program(P::ImgPercent)));
        assert_eq!(field("ACGME #"), Some(Field::Program(P::ExternalId)));
        assert_eq!(field("ACGME"), Some(Field::Program(P::ExternalId)));
        assert_eq!(field("nrmp"), Some(Field::Program(P::NrmpCode)));
    }

    #[test]
    fn role_prefixes_and_numbers_make_people() {
        use PersonPart::*;
        let (c, d) = (Role::Coordinator, Role::ProgramDirector);
        assert_eq!(field("coordinator_first_name_1"), person(c, 1, First));
        assert_eq!(field("Coordinator.Last.Name.2"), person(c, 2, Last));
        assert_eq!(field("program_director_degrees"), person(d, 1, Degrees));
        assert_eq!(field("programDirectorMiddleName"), person(d, 1, Middle));
        assert_eq!(field("contact_phone_1"), person(c, 1, Phone));
        assert_eq!(field("coordinator_2_email"), person(c, 2, Email));
        assert_eq!(field("pd_suffix"), person(d, 1, Suffix));
        assert_eq!(field("last_name"), person(c, 1, Last));
        assert_eq!(field("phone"), Some(Field::Program(P::MainPhone)));
    }

    #[test]
    fn unknown_headers_name_their_closest_field_without_mapping() {
        assert_eq!(
            recognise("visa_types_offered_list"),
            Guess::Unknown {
                closest: Some(Field::Program(P::Visa))
            }
        );
        assert_eq!(
            recognise("program_description"),
            Guess::Unknown { closest: None }
        );
        assert_eq!(recognise("Unnamed: 0"), Guess::Unknown { closest: None });
    }

    #[test]
    fn no_two_fields_share_the_words_of_an_alias() {
        let mut seen: HashMap<String, Field> = HashMap::new();
        for (field, spellings) in aliases() {
            for alias in spellings {
                if let Some(other) = seen.insert(words(alias).concat(), field) {
                    assert_eq!(other, field, "{alias:?} is claimed twice");
                }
            }
        }
    }
}
