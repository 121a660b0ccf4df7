//! U.S. states by code or name, with a suggestion for a near miss.

use super::{Invalid, Kind};
use crate::domain::UsState;

const STATE_WANTED: &str = "write a code or name, like KY or Kentucky";

/// A state by USPS code or full name, ignoring case ("ky", "Kentucky",
/// "new york"); "OH Ohio" (what a form shows) reads too. A typo close to
/// one name gets a suggestion: "Kentuky" → did you mean Kentucky (KY)?
pub fn state(text: &str) -> Result<UsState, Invalid> {
    let t = text.trim();
    if let Some(s) = UsState::parse(t) {
        return Ok(s);
    }
    // "OH Ohio": the code then its name, as the form shows a state.
    if let Some((code, name)) = t.split_once(char::is_whitespace)
        && let Some(s) = UsState::from_code(code)
        && UsState::parse(name) == Some(s)
    {
        return Ok(s);
    }
    let reason = match closest(t) {
        Some(s) => format!(
            "{t:?} is not a U.S. state or territory — did you mean {} ({})?",
            s.name(),
            s.code()
        ),
        None => format!("{t:?} is not a U.S. state or territory"),
    };
    Err(Invalid::new(Kind::State, reason, STATE_WANTED))
}

/// The one state whose name is within a couple of edits of the text
/// (fewer for short text), if exactly one is nearest.
fn closest(text: &str) -> Option<UsState> {
    let typed: Vec<char> = text
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if typed.len() < 4 {
        return None; // a two-letter code is near a dozen others
    }
    let limit = if typed.len() < 7 { 1 } else { 2 };
    let mut best: Option<(usize, UsState)> = None;
    let mut tie = false;
    for s in UsState::all() {
        let name: Vec<char> = s
            .name()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        let d = edit_distance(&typed, &name);
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, s));
                tie = false;
            }
        }
    }
    best.filter(|(d, _)| *d <= limit && !tie).map(|(_, s)| s)
}

/// Levenshtein distance: insertions, deletions and substitutions.
pub(super) fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
