//! Fuzzy search over programs with nucleo-matcher (the engine behind
//! helix's picker): fzf-style syntax, smart case, accents ignored, so
//! "clinica" finds "Clínica".

use std::cell::RefCell;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, chars};

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
    pub fn matches(&self, haystack: Haystack<'_>) -> bool {
        self.pattern.atoms.iter().all(|atom| {
            match (atom.kind, atom.negative, haystack.text, atom.needle_text()) {
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
                        .is_some_and(|folded| is_subsequence(folded, needle))
                }
                _ => atom
                    .score(haystack.text, &mut self.matcher.borrow_mut())
                    .is_some(),
            }
        })
    }

    /// Score of a prepared haystack, or None when it does not match.
    pub fn score(&self, haystack: Haystack<'_>) -> Option<u32> {
        if self.is_empty() {
            return Some(0);
        }
        self.pattern
            .score(haystack.text, &mut self.matcher.borrow_mut())
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

/// Every program's searchable text, prepared once per change of the list
/// and kept back to back in a few buffers: one allocation per program
/// (and its bookkeeping) was 0.6 MB of a national list.
#[derive(Debug, Clone, Default)]
pub struct Haystacks {
    /// The ASCII texts.
    ascii: String,
    /// The other texts, as nucleo reads them (a char per grapheme).
    chars: Vec<char>,
    /// Parallel to `chars`: each character as nucleo folds it for a query
    /// without capitals (accent stripped, lower-cased), 0xFF where that is
    /// not ASCII and so can match no ASCII query. Folding on each keystroke
    /// cost as much as testing all the ASCII text.
    folded: Vec<u8>,
    /// Where each program's text is, in `ascii` or in `chars`/`folded`.
    spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
    unicode: bool,
}

/// One program's searchable text.
#[derive(Debug, Clone, Copy)]
pub struct Haystack<'a> {
    text: Utf32Str<'a>,
    folded: Option<&'a [u8]>,
}

impl Haystacks {
    pub fn of<'p>(programs: impl IntoIterator<Item = &'p Program>) -> Haystacks {
        let mut all = Haystacks::default();
        let mut text = String::new();
        let mut buf = Vec::new();
        for p in programs {
            text.clear();
            search_text(p, &mut text);
            all.push(&text, &mut buf);
        }
        // Grown by doubling; give back what the last doubling left over.
        all.ascii.shrink_to_fit();
        all.chars.shrink_to_fit();
        all.folded.shrink_to_fit();
        all.spans.shrink_to_fit();
        all
    }

    /// Adds a text; `buf` is scratch space for its characters.
    fn push(&mut self, text: &str, buf: &mut Vec<char>) {
        let span = match Utf32Str::new(text, buf) {
            Utf32Str::Ascii(bytes) => {
                let start = self.ascii.len();
                self.ascii.push_str(text);
                Span {
                    start: offset(start),
                    len: offset(bytes.len()),
                    unicode: false,
                }
            }
            Utf32Str::Unicode(chars) => {
                let start = self.chars.len();
                self.chars.extend_from_slice(chars);
                self.folded.extend(chars.iter().map(|&c| {
                    let c = chars::to_lower_case(chars::normalize(c));
                    if c.is_ascii() { c as u8 } else { 0xFF }
                }));
                Span {
                    start: offset(start),
                    len: offset(chars.len()),
                    unicode: true,
                }
            }
        };
        self.spans.push(span);
    }

    /// The text of program `i` (empty past the end).
    pub fn get(&self, i: usize) -> Haystack<'_> {
        let Some(span) = self.spans.get(i) else {
            return Haystack {
                text: Utf32Str::Ascii(&[]),
                folded: None,
            };
        };
        let range = span.start as usize..(span.start + span.len) as usize;
        if span.unicode {
            Haystack {
                text: Utf32Str::Unicode(&self.chars[range.clone()]),
                folded: Some(&self.folded[range]),
            }
        } else {
            Haystack {
                text: Utf32Str::Ascii(&self.ascii.as_bytes()[range]),
                folded: None,
            }
        }
    }
}

/// Offsets fit in 32 bits: 4 GB of search text is far beyond any list.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The text a program is searched by: name, institution, city,
/// specialty, tags and state code.
fn search_text(p: &Program, s: &mut String) {
    for part in [&p.name, &p.institution, &p.city, &p.specialty] {
        s.push_str(part);
        s.push(' ');
    }
    for tag in &p.tags {
        s.push_str(tag);
        s.push(' ');
    }
    s.push_str(p.state.code());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UsState;

    fn haystacks(texts: &[&str]) -> Haystacks {
        let mut all = Haystacks::default();
        let mut buf = Vec::new();
        for text in texts {
            all.push(text, &mut buf);
        }
        all
    }

    #[test]
    fn fuzzy_matches_ignore_accents_and_rank_tighter_matches_higher() {
        let mut s = Search::default();
        s.set_query("clinica");
        let programs = ["Clínica Señor", "Internal Medicine", "Pediatrics"]
            .map(|name| Program::new(name, UsState::default()));
        let hays = Haystacks::of(&programs);
        assert!(s.score(hays.get(0)).is_some());
        s.set_query("intmed");
        assert!(s.score(hays.get(1)).is_some());
        assert!(s.score(hays.get(2)).is_none());
        assert!(s.score(hays.get(3)).is_none(), "past the end: empty");
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
            let all = haystacks(&hays);
            for (i, text) in hays.iter().enumerate() {
                let hay = all.get(i);
                assert_eq!(s.matches(hay), s.score(hay).is_some(), "{query} in {text}");
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
            // Behind another text, so offsets into the buffers are tested.
            let all = haystacks(&["Ašb", &hay]);
            proptest::prop_assert_eq!(s.matches(all.get(1)), s.score(all.get(1)).is_some());
            let mut buf = Vec::new();
            proptest::prop_assert_eq!(
                s.score(all.get(1)),
                s.score(Haystack { text: Utf32Str::new(&hay, &mut buf), folded: all.get(1).folded }),
                "the stored text is the text"
            );
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
