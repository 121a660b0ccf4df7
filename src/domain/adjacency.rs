//! Which states border which, for "expand state by state" once the home
//! state is done.
//!
//! The 48 contiguous states and DC use shared land borders (NJ–DE counts:
//! they share the Delaware River line). Corner points are not borders, so the
//! Four Corners pairs AZ–CO and NM–UT are left out, as are water-only pairs
//! such as MI–MN and NY–RI.
//!
//! Places with no land neighbour get the nearest sensible link instead, so
//! that an applicant based there still gets a next step:
//! AK–WA and HI–CA (the usual gateways to the mainland), PR–VI (the
//! Caribbean pair) and GU–MP (the Mariana Islands). American Samoa has no
//! sensible neighbour and gets none.

use super::UsState;

/// (code, neighbour codes), sorted by code; each list sorted too. Every
/// code in `UsState`'s table has an entry, so the lookup never misses.
const NEIGHBOURS: &[(&str, &[&str])] = &[
    ("AK", &["WA"]),
    ("AL", &["FL", "GA", "MS", "TN"]),
    ("AR", &["LA", "MO", "MS", "OK", "TN", "TX"]),
    ("AS", &[]),
    ("AZ", &["CA", "NM", "NV", "UT"]),
    ("CA", &["AZ", "HI", "NV", "OR"]),
    ("CO", &["KS", "NE", "NM", "OK", "UT", "WY"]),
    ("CT", &["MA", "NY", "RI"]),
    ("DC", &["MD", "VA"]),
    ("DE", &["MD", "NJ", "PA"]),
    ("FL", &["AL", "GA"]),
    ("GA", &["AL", "FL", "NC", "SC", "TN"]),
    ("GU", &["MP"]),
    ("HI", &["CA"]),
    ("IA", &["IL", "MN", "MO", "NE", "SD", "WI"]),
    ("ID", &["MT", "NV", "OR", "UT", "WA", "WY"]),
    ("IL", &["IA", "IN", "KY", "MO", "WI"]),
    ("IN", &["IL", "KY", "MI", "OH"]),
    ("KS", &["CO", "MO", "NE", "OK"]),
    ("KY", &["IL", "IN", "MO", "OH", "TN", "VA", "WV"]),
    ("LA", &["AR", "MS", "TX"]),
    ("MA", &["CT", "NH", "NY", "RI", "VT"]),
    ("MD", &["DC", "DE", "PA", "VA", "WV"]),
    ("ME", &["NH"]),
    ("MI", &["IN", "OH", "WI"]),
    ("MN", &["IA", "ND", "SD", "WI"]),
    ("MO", &["AR", "IA", "IL", "KS", "KY", "NE", "OK", "TN"]),
    ("MP", &["GU"]),
    ("MS", &["AL", "AR", "LA", "TN"]),
    ("MT", &["ID", "ND", "SD", "WY"]),
    ("NC", &["GA", "SC", "TN", "VA"]),
    ("ND", &["MN", "MT", "SD"]),
    ("NE", &["CO", "IA", "KS", "MO", "SD", "WY"]),
    ("NH", &["MA", "ME", "VT"]),
    ("NJ", &["DE", "NY", "PA"]),
    ("NM", &["AZ", "CO", "OK", "TX"]),
    ("NV", &["AZ", "CA", "ID", "OR", "UT"]),
    ("NY", &["CT", "MA", "NJ", "PA", "VT"]),
    ("OH", &["IN", "KY", "MI", "PA", "WV"]),
    ("OK", &["AR", "CO", "KS", "MO", "NM", "TX"]),
    ("OR", &["CA", "ID", "NV", "WA"]),
    ("PA", &["DE", "MD", "NJ", "NY", "OH", "WV"]),
    ("PR", &["VI"]),
    ("RI", &["CT", "MA"]),
    ("SC", &["GA", "NC"]),
    ("SD", &["IA", "MN", "MT", "ND", "NE", "WY"]),
    ("TN", &["AL", "AR", "GA", "KY", "MO", "MS", "NC", "VA"]),
    ("TX", &["AR", "LA", "NM", "OK"]),
    ("UT", &["AZ", "CO", "ID", "NV", "WY"]),
    ("VA", &["DC", "KY", "MD", "NC", "TN", "WV"]),
    ("VI", &["PR"]),
    ("VT", &["MA", "NH", "NY"]),
    ("WA", &["AK", "ID", "OR"]),
    ("WI", &["IA", "IL", "MI", "MN"]),
    ("WV", &["KY", "MD", "OH", "PA", "VA"]),
    ("WY", &["CO", "ID", "MT", "NE", "SD", "UT"]),
];

/// The neighbours' USPS codes, sorted.
pub fn neighbour_codes(s: UsState) -> &'static [&'static str] {
    NEIGHBOURS
        .binary_search_by(|(code, _)| (*code).cmp(s.code()))
        .map(|i| NEIGHBOURS[i].1)
        .unwrap_or(&[])
}

/// The neighbours, in code order.
pub fn neighbours(s: UsState) -> Vec<UsState> {
    neighbour_codes(s)
        .iter()
        .filter_map(|code| UsState::from_code(code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(code: &str) -> UsState {
        UsState::from_code(code).unwrap()
    }

    #[test]
    fn every_state_has_an_entry_and_the_table_is_sorted() {
        assert!(NEIGHBOURS.windows(2).all(|w| w[0].0 < w[1].0));
        let table: Vec<&str> = NEIGHBOURS.iter().map(|(c, _)| *c).collect();
        let states: Vec<&str> = UsState::all().map(UsState::code).collect();
        assert_eq!(table, states);
    }

    #[test]
    fn every_neighbour_code_is_a_real_state_and_lists_are_sorted() {
        for (code, list) in NEIGHBOURS {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{code}: {list:?}");
            for n in *list {
                assert!(UsState::from_code(n).is_some(), "{code} → {n}");
                assert_ne!(code, n, "{code} borders itself");
            }
            assert_eq!(neighbours(state(code)).len(), list.len());
        }
    }

    #[test]
    fn the_relation_is_symmetric() {
        for s in UsState::all() {
            for n in neighbours(s) {
                assert!(
                    neighbours(n).contains(&s),
                    "{s} lists {n} but {n} does not list {s}"
                );
            }
        }
    }

    #[test]
    fn every_state_and_dc_has_a_neighbour() {
        let lonely: Vec<&str> = UsState::all()
            .filter(|s| neighbours(*s).is_empty())
            .map(UsState::code)
            .collect();
        assert_eq!(lonely, ["AS"]);
    }

    #[test]
    fn known_borders() {
        assert_eq!(
            neighbour_codes(state("KY")),
            ["IL", "IN", "MO", "OH", "TN", "VA", "WV"]
        );
        assert_eq!(neighbour_codes(state("ME")), ["NH"]);
        assert!(!neighbours(state("AZ")).contains(&state("CO")));
        assert!(!neighbours(state("MI")).contains(&state("MN")));
    }
}
