//! Fuzzy search over programs with nucleo-matcher (the engine behind
//! helix's picker): fzf-style syntax, smart case, accents ignored, so
//! "clinica" finds "Clínica".

use std::cell::RefCell;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String, chars};

use crate::domain::Program;

pub struct Search {
    matcher: RefCell<Matcher>,
    pattern: Pattern,
    query: String,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            matcher: RefCell::new(Matcher::new(Config::DEFAULT)),
            pattern: Pattern::default(),
            query: String::new(),
        }
    }
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Search")
            .field("query", &self.query)
            .finish()
    }
}

impl Search {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn is_empty(&self) -> bool {
        self.pattern.atoms.is_empty()
    }

    /// Sets the query; returns true when every match of the new query is
    /// sure to be a match of the old one (text was only appended and no
    /// fzf operator is involved), so only old matches need checking.
    pub fn set_query(&mut self, query: &str) -> bool {
        let narrows = !self.query.is_empty()
            && query.starts_with(&self.query)
            && !query.contains(['!', '^', '$', '\'', '\\', '|']);
        self.query = query.to_string();
        self.pattern
            .reparse(query, CaseMatching::Smart, Normalization::Smart);
        narrows
    }

    /// Whether a prepared haystack matches: always the same answer as
    /// `score(..).is_some()`, found without ranking. Plain fuzzy words (nearly
    /// every search) are a subsequence test, a tenth of the cost of scoring;
    /// other kinds of word ask the matcher for a score.
    pub fn matches(&self, haystack: &Haystack) -> bool {
        self.pattern.atoms.iter().all(|atom| {
            match (
                atom.kind,
                atom.negative,
                haystack.text.slice(..),
                atom.needle_text(),
            ) {
                (AtomKind::Fuzzy, false, Utf32Str::Ascii(hay), Utf32Str::Ascii(needle)) => {
                    is_subsequence(hay, needle)
                }
                // Accented text against a query without capitals: the
                // same test over the text as nucleo folds it.
                (AtomKind::Fuzzy, false, Utf32Str::Unicode(_), Utf32Str::Ascii(needle))
                    if ignores_case(needle) =>
                {
                    haystack
                        .folded
                        .as_deref()
                        .is_some_and(|folded| is_subsequence(folded, needle))
                }
                _ => atom
                    .score(haystack.text.slice(..), &mut self.matcher.borrow_mut())
                    .is_some(),
            }
        })
    }

    /// Score of a prepared haystack, or None when it does not match.
    pub fn score(&self, haystack: &Haystack) -> Option<u32> {
        if self.is_empty() {
            return Some(0);
        }
        self.pattern
            .score(haystack.text.slice(..), &mut self.matcher.borrow_mut())
    }

    /// Character positions in `text` that the query matched, for
    /// highlighting. Each query word is matched on its own, so words that
    /// match other fields (not shown) leave no stray highlights.
    pub fn highlights(&self, text: &str) -> Vec<usize> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut buf = Vec::new();
        let hay = Utf32Str::new(text, &mut buf);
        let mut matcher = self.matcher.borrow_mut();
        let mut all = Vec::new();
        for atom in &self.pattern.atoms {
            let mut indices = Vec::new();
            if atom.indices(hay, &mut matcher, &mut indices).is_some() {
                all.extend(indices.into_iter().map(|i| i as usize));
            }
        }
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// With smart case (what `Search` uses) a needle without capitals ignores
/// case, and one with capitals respects it.
fn ignores_case(needle: &[u8]) -> bool {
    !needle.iter().any(u8::is_ascii_uppercase)
}

/// nucleo's fuzzy match exists exactly when the needle is a subsequence of
/// the haystack (under the needle's case rule).
fn is_subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let ignore_case = ignores_case(needle);
    let mut rest = hay;
    for &c in needle {
        let found = if ignore_case && c.is_ascii_lowercase() {
            memchr::memchr2(c, c.to_ascii_uppercase(), rest)
        } else {
            memchr::memchr(c, rest)
        };
        match found {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// A program's searchable text, prepared once per change of the list.
#[derive(Debug, Clone)]
pub struct Haystack {
    text: Utf32String,
    /// For text with accents: each character as nucleo folds it for a query
    /// without capitals (accent stripped, lower-cased), 0xFF where that is
    /// not ASCII and so can match no ASCII query. Folding on each keystroke
    /// cost as much as testing all the ASCII text.
    folded: Option<Box<[u8]>>,
}

impl Haystack {
    pub fn new(text: String) -> Haystack {
        let text = Utf32String::from(text);
        let folded = match text.slice(..) {
            Utf32Str::Ascii(_) => None,
            Utf32Str::Unicode(chars) => Some(
                chars
                    .iter()
                    .map(|&c| {
                        let c = chars::to_lower_case(chars::normalize(c));
                        if c.is_ascii() { c as u8 } else { 0xFF }
                    })
                    .collect(),
            ),
        };
        Haystack { text, folded }
    }
}

/// The text a program is searched by: name, institution, city,
/// specialty, tags and state code.
pub fn haystack(p: &Program) -> Haystack {
    let mut s = String::with_capacity(96);
    for part in [&p.name, &p.institution, &p.city, &p.specialty] {
        s.push_str(part);
        s.push(' ');
    }
    for tag in &p.tags {
        s.push_str(tag);
        s.push(' ');
    }
    s.push_str(p.state.code());
    Haystack::new(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UsState;

    #[test]
    fn fuzzy_matches_ignore_accents_and_rank_tighter_matches_higher() {
        let mut s = Search::default();
        s.set_query("clinica");
        let a = haystack(&Program::new("Clínica Señor", UsState::default()));
        assert!(s.score(&a).is_some());
        s.set_query("intmed");
        let tight = haystack(&Program::new("Internal Medicine", UsState::default()));
        assert!(s.score(&tight).is_some());
        assert!(
            s.score(&haystack(&Program::new("Pediatrics", UsState::default())))
                .is_none()
        );
    }

    #[test]
    fn narrowing_is_detected_only_for_plain_appends() {
        let mut s = Search::default();
        assert!(!s.set_query("ka"));
        assert!(s.set_query("kan"));
        assert!(!s.set_query("ka"));
        assert!(!s.set_query("ka !x"));
    }

    #[test]
    fn matches_agrees_with_scoring_on_mixed_case_and_accents() {
        let hays = [
            "AB", "ab", "aB", "Ab", "Clínica", "CLINICA", "clinica", "Peñasco", "Straße", "Ǆemal",
        ];
        let queries = [
            "aB", "ab", "AB", "Ab", "cli", "Cli", "CLI", "cl ica", "pena", "Peñ", "strasse",
            "stra", "dz", "emal",
        ];
        let mut s = Search::default();
        for query in queries {
            s.set_query(query);
            for text in hays {
                let hay = Haystack::new(text.to_string());
                assert_eq!(
                    s.matches(&hay),
                    s.score(&hay).is_some(),
                    "{query} in {text}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn matches_agrees_with_scoring(
            hay in "[a-cA-C -]{0,12}|[a-ckA-CKéÉüñÑßİ\u{212A} -]{0,12}",
            query in "[a-ckA-CK-]{1,3}( [a-ckA-C!^$']{1,3})?",
        ) {
            let mut s = Search::default();
            s.set_query(&query);
            let hay = Haystack::new(hay.clone());
            proptest::prop_assert_eq!(s.matches(&hay), s.score(&hay).is_some());
        }
    }

    #[test]
    fn highlights_point_at_matched_characters() {
        let mut s = Search::default();
        s.set_query("lex");
        assert_eq!(s.highlights("Lexington"), vec![0, 1, 2]);
        assert_eq!(s.highlights("Dayton"), Vec::<usize>::new());
    }
}
