//! Fuzzy search over programs with nucleo-matcher (the engine behind
//! helix's picker): fzf-style syntax, smart case, accents ignored, so
//! "clinica" finds "Clínica".

use std::cell::RefCell;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

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
    pub fn matches(&self, haystack: &Utf32String) -> bool {
        self.pattern.atoms.iter().all(|atom| {
            match (
                atom.kind,
                atom.negative,
                haystack.slice(..),
                atom.needle_text(),
            ) {
                (AtomKind::Fuzzy, false, Utf32Str::Ascii(hay), Utf32Str::Ascii(needle)) => {
                    is_subsequence(hay, needle)
                }
                // Accented text: the greedy matcher runs the same
                // subsequence test with nucleo's case folding and
                // normalisation, set as the atom would set them.
                (AtomKind::Fuzzy, false, Utf32Str::Unicode(_), Utf32Str::Ascii(needle)) => {
                    let mut matcher = self.matcher.borrow_mut();
                    matcher.config.ignore_case = !needle.iter().any(u8::is_ascii_uppercase);
                    matcher.config.normalize = true;
                    matcher
                        .fuzzy_match_greedy(haystack.slice(..), atom.needle_text())
                        .is_some()
                }
                _ => atom
                    .score(haystack.slice(..), &mut self.matcher.borrow_mut())
                    .is_some(),
            }
        })
    }

    /// Score of a prepared haystack, or None when it does not match.
    pub fn score(&self, haystack: &Utf32String) -> Option<u32> {
        if self.is_empty() {
            return Some(0);
        }
        self.pattern
            .score(haystack.slice(..), &mut self.matcher.borrow_mut())
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

/// nucleo's fuzzy match exists exactly when the needle is a subsequence of
/// the haystack. With smart case (what `Search` uses) a needle without
/// capitals ignores case, and one with capitals respects it.
fn is_subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let ignore_case = !needle.iter().any(u8::is_ascii_uppercase);
    let mut rest = hay.iter();
    needle.iter().all(|&c| {
        let other = if ignore_case && c.is_ascii_lowercase() {
            c.to_ascii_uppercase()
        } else {
            c
        };
        rest.any(|&h| h == c || h == other)
    })
}

/// The text a program is searched by: name, institution, city,
/// specialty, tags and state code.
pub fn haystack(p: &Program) -> Utf32String {
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
    Utf32String::from(s)
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
            "AB", "ab", "aB", "Ab", "Clínica", "CLINICA", "clinica", "Peñasco",
        ];
        let queries = [
            "aB", "ab", "AB", "Ab", "cli", "Cli", "CLI", "cl ica", "pena", "Peñ",
        ];
        let mut s = Search::default();
        for query in queries {
            s.set_query(query);
            for hay in hays {
                let hay = Utf32String::from(hay);
                assert_eq!(s.matches(&hay), s.score(&hay).is_some(), "{query} in {hay}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn matches_agrees_with_scoring(
            hay in "[a-cA-C -]{0,12}|[a-cA-CéÉüñÑ -]{0,12}",
            query in "[a-cA-C-]{1,3}( [a-cA-C!^$']{1,3})?",
        ) {
            let mut s = Search::default();
            s.set_query(&query);
            let hay = Utf32String::from(hay.as_str());
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
