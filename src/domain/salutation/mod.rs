//! How a letter greets its reader: "Dear Dr. O'Brien-Núñez," for a person
//! with a title, "Dear Dana," for one known by a preferred name, "Dear
//! Program Coordinator," when nobody is named.
//!
//! Names arrive as people and programs write them: "Zoë O'Brien-Núñez, MD",
//! "Dr. Ana de la Cruz", "Whitfield, Dana", "John Smith Jr.". The rules:
//! - a title written into the name ("Dr.", "Mrs.", "Professor") is the
//!   person's title when the contact has none set, and is never repeated;
//! - degrees and suffixes at the end ("MD", "Ph.D.", "Jr.", anything after
//!   a comma that is only degrees) are dropped; a doctoral degree means
//!   "Dr." when no title is known;
//! - the surname is the last word with the particles before it ("de la
//!   Cruz", "van der Berg"); hyphens, apostrophes and accents stay;
//! - "Last, First" (a comma followed by a given name) puts the whole part
//!   before the comma in the surname.

use super::contact::{Contact, Role};

/// A person's name taken apart for a greeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameParts {
    /// A title written into the name, normalised ("dr" → "Dr.").
    pub title: Option<&'static str>,
    /// Given names, in order.
    pub given: Vec<String>,
    /// The family name with its particles; empty when the name has no words.
    pub surname: String,
    /// A doctoral degree followed the name ("MD", "DO", "PhD", "MBBS").
    pub doctoral: bool,
}

impl NameParts {
    pub fn parse(name: &str) -> NameParts {
        let name = drop_asides(name);
        let (head, tail) = match name.split_once(',') {
            Some((head, tail)) => (head, Some(tail)),
            None => (name.as_str(), None),
        };
        let mut parts = NameParts::default();
        let tail_words = tail.map(words).unwrap_or_default();
        let tail_is_degrees = tail_words.iter().all(|w| suffix(w).is_some());
        for w in tail_words
            .iter()
            .filter(|w| tail_is_degrees || suffix(w).is_some())
        {
            parts.doctoral |= suffix(w) == Some(Suffix::Doctoral);
        }
        let mut head = words(head);
        parts.title = strip_titles(&mut head);
        parts.doctoral |= strip_suffixes(&mut head);
        if tail_is_degrees {
            let start = surname_start(&head);
            let surname = head.split_off(start).join(" ");
            // "Ng." at the end is punctuation, not part of the name.
            parts.surname = surname.trim_end_matches('.').to_owned();
            parts.given = head;
        } else {
            // "Whitfield, Dana": everything before the comma is the surname.
            let mut given = tail_words;
            let title = strip_titles(&mut given);
            parts.title = parts.title.or(title);
            parts.doctoral |= strip_suffixes(&mut given);
            given.retain(|w| suffix(w).is_none());
            parts.surname = head.join(" ");
            parts.given = given;
        }
        parts
    }

    /// Given names then surname, without titles or degrees.
    pub fn plain(&self) -> String {
        let mut all: Vec<&str> = self.given.iter().map(String::as_str).collect();
        if !self.surname.is_empty() {
            all.push(&self.surname);
        }
        all.join(" ")
    }
}

/// The whole greeting line: "Dear Dr. O'Brien-Núñez,".
pub fn salutation(contact: Option<&Contact>) -> String {
    format!("Dear {},", addressee(contact))
}

/// Who the greeting names: the person when the contact says enough,
/// otherwise their office ("Program Director"), or the coordinator when
/// the email goes to nobody in particular.
pub fn addressee(contact: Option<&Contact>) -> String {
    contact
        .and_then(personal_addressee)
        .unwrap_or_else(|| office(contact.map(|c| c.role)).to_owned())
}

/// The greeting by the person alone: title and surname, else the preferred
/// name, else the plain full name; `None` when the contact has no name.
pub fn personal_addressee(contact: &Contact) -> Option<String> {
    let parts = NameParts::parse(&contact.name);
    if let Some(title) = effective_title(contact, &parts)
        && !parts.surname.is_empty()
    {
        return Some(format!("{title} {}", parts.surname));
    }
    let preferred = one_line(&contact.preferred_name);
    if !preferred.is_empty() {
        return Some(preferred);
    }
    let plain = parts.plain();
    (!plain.is_empty()).then_some(plain)
}

/// The title a letter uses: the one set on the contact, else one written
/// into the name, else "Dr." for a doctoral degree.
pub fn title_of(contact: &Contact) -> Option<&'static str> {
    effective_title(contact, &NameParts::parse(&contact.name))
}

fn effective_title(contact: &Contact, parts: &NameParts) -> Option<&'static str> {
    contact
        .title
        .map(|t| t.label())
        .or(parts.title)
        .or(parts.doctoral.then_some("Dr."))
}

/// How to address an office when no person is named.
pub fn office(role: Option<Role>) -> &'static str {
    match role {
        None | Some(Role::Coordinator | Role::Other) => "Program Coordinator",
        Some(Role::ProgramDirector) => "Program Director",
        Some(Role::StudentOffice) => "Visiting Student Coordinator",
        Some(Role::Alumnus) => "Colleague",
        Some(Role::Resident) => "Doctor",
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes nicknames and remarks in parentheses or double quotes:
/// `Robert "Bob" Smith (PD)` reads as "Robert Smith".
fn drop_asides(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut closing: Option<char> = None;
    for c in name.chars() {
        match (closing, c) {
            (Some(end), c) if c == end => closing = None,
            (Some(_), _) => {}
            (None, '(') => closing = Some(')'),
            (None, '"') => closing = Some('"'),
            (None, '“') => closing = Some('”'),
            (None, c) => out.push(c),
        }
    }
    out
}

/// The words of a name: split on spaces and commas, a title glued to the
/// next word split off ("Dr.Ng" → "Dr.", "Ng"), stray punctuation trimmed.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || c == ',') {
        let mut rest = raw;
        while let Some((before, after)) = rest.split_once('.') {
            if after.is_empty() || title_word(before).is_none() {
                break;
            }
            out.push(format!("{before}."));
            rest = after;
        }
        let word = rest
            .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if !word.is_empty() {
            out.push(word.to_owned());
        }
    }
    out
}

/// Drops title words and returns the one the name starts with, normalised.
/// A title elsewhere ("Ana Dr. Cruz") is a typo, never part of a name.
fn strip_titles(words: &mut Vec<String>) -> Option<&'static str> {
    let first = words.first().and_then(|w| title_word(w));
    words.retain(|w| title_word(w).is_none());
    first
}

/// Drops trailing degrees and suffixes; true when one of them was a
/// doctoral degree. A lone word stays: "Smith MD" is Smith, "Do" is a name.
fn strip_suffixes(words: &mut Vec<String>) -> bool {
    let mut doctoral = false;
    while words.len() > 1 {
        let Some(kind) = words.last().and_then(|w| suffix(w)) else {
            break;
        };
        doctoral |= kind == Suffix::Doctoral;
        words.pop();
    }
    doctoral
}

/// Where the surname begins: the last word, and the particles before it,
/// but never the first word (that is a given name).
fn surname_start(words: &[String]) -> usize {
    let mut start = words.len().saturating_sub(1);
    while start > 1 && is_particle(&words[start - 1]) {
        start -= 1;
    }
    start
}

fn is_particle(word: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "der", "den", "de", "del", "della", "degli", "di", "da", "du", "la", "le",
        "dos", "das", "ter", "ten", "bin", "binti", "ibn", "al", "el", "st", "st.", "san", "mac",
        "ó", "ní", "nic", "ua",
    ];
    let lower = word.to_lowercase();
    PARTICLES.contains(&lower.as_str())
}

/// A title as the first word of a name, normalised.
fn title_word(word: &str) -> Option<&'static str> {
    let bare = word.strip_suffix('.').unwrap_or(word);
    const TITLES: &[(&str, &str)] = &[
        ("dr", "Dr."),
        ("doctor", "Dr."),
        ("prof", "Professor"),
        ("professor", "Professor"),
        ("ms", "Ms."),
        ("mrs", "Mrs."),
        ("miss", "Miss"),
        ("mr", "Mr."),
        ("mx", "Mx."),
    ];
    TITLES
        .iter()
        .find(|(spelled, _)| spelled.eq_ignore_ascii_case(bare))
        .map(|(_, normal)| *normal)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    /// MD, DO, PhD and the like: the holder is "Dr.".
    Doctoral,
    /// Jr., III, MPH, FACP: dropped from the greeting.
    Other,
}

/// Whether a word is a degree or suffix. Dots are ignored ("M.D.", "Ph.D.").
/// Ones that are also surnames ("Do", "Ma", "Iv") count only as degrees
/// are written ("DO", "MA", "IV"); the rest in any case ("PHD", "Jr").
fn suffix(word: &str) -> Option<Suffix> {
    const DOCTORAL_ANY_CASE: &[&str] = &["phd", "mbbs", "mbchb", "mbbch", "drph", "pharmd", "psyd"];
    const DOCTORAL_EXACT: &[&str] = &["MD", "DO", "DDS", "DMD", "DPM", "DNP", "EdD", "DVM"];
    const OTHER_ANY_CASE: &[&str] = &[
        "jr", "sr", "mph", "mba", "msc", "bsc", "mscr", "mmed", "facp", "facs", "faap", "faafp",
        "facog", "facc", "facep", "fache", "fasn", "fccp", "faha", "frcp", "frcs", "frcpc",
        "frcsc", "mrcp", "mrcs", "fcps", "esq",
    ];
    const OTHER_EXACT: &[&str] = &[
        "II", "III", "IV", "MS", "MA", "BS", "RN", "NP", "PA", "PA-C", "JD", "DM", "MCh", "MEd",
        "CNM", "LPN", "MSN", "BSN", "DPT", "DNB", "MHA", "MHS", "APRN", "FNP",
    ];
    let bare: String = word.chars().filter(|c| *c != '.').collect();
    if bare.is_empty() {
        return None;
    }
    let any_case = |list: &[&str]| list.iter().any(|s| s.eq_ignore_ascii_case(&bare));
    let exact = |list: &[&str]| list.contains(&bare.as_str());
    if any_case(DOCTORAL_ANY_CASE) || exact(DOCTORAL_EXACT) {
        Some(Suffix::Doctoral)
    } else if any_case(OTHER_ANY_CASE) || exact(OTHER_EXACT) {
        Some(Suffix::Other)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
