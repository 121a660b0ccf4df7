//! Each parser once: every accepted form, and the error's text.

use chrono::NaiveDate;

use super::*;
use crate::domain::{AppRoute, RotationKind, Status, Tri, Visa};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn dates_read_iso_us_and_written_out_months() {
    for text in [
        "2027-03-05",
        "03/05/2027",
        "3/5/2027",
        "3/5/27",
        "March 5, 2027",
        "March 5 2027",
        "march 5, 2027",
        "Mar 5, 2027",
        "Mar. 5, 2027",
        "March 5th, 2027",
        "5 March 2027",
        "5 Mar 2027",
        "2027/03/05",
        "  March   5,  2027 ",
    ] {
        assert_eq!(date(text), Ok(day(2027, 3, 5)), "{text}");
    }
}

#[test]
fn a_date_error_quotes_the_text_and_shows_every_accepted_form() {
    let e = date("next spring").unwrap_err();
    assert_eq!(e.kind, Kind::Date);
    assert_eq!(e.reason(), "\"next spring\" is not a date");
    assert_eq!(
        e.to_string(),
        "\"next spring\" is not a date: write a date like 2027-03-05, 03/05/2027 or March 5, 2027"
    );
    assert!(date("2027-02-30").is_err(), "no such day");
    assert!(date("March").is_err());
}

#[test]
fn percentages_read_signs_words_and_decimal_commas() {
    for (text, want) in [
        ("35", 35),
        ("35%", 35),
        ("35 %", 35),
        ("35 percent", 35),
        ("35.5", 36),
        ("35,5", 36),
        ("0", 0),
        ("100%", 100),
    ] {
        assert_eq!(percent(text), Ok(want), "{text}");
    }
    let e = percent("forty").unwrap_err();
    assert_eq!(e.kind, Kind::Number);
    assert_eq!(
        e.to_string(),
        "\"forty\" is not a percentage: write a number from 0 to 100, like 35 or 35%"
    );
    assert_eq!(
        percent("150").unwrap_err().reason(),
        "\"150\" is not between 0 and 100"
    );
    assert!(percent("-5").is_err());
}

#[test]
fn counts_take_the_first_number_and_keep_their_bounds() {
    assert_eq!(bounded("230", "points", 0, 300), Ok(230));
    assert_eq!(bounded("230+", "points", 0, 300), Ok(230));
    assert_eq!(bounded("5 years", "years", 0, 30), Ok(5));
    let e = bounded("lots", "points", 0, 300).unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"lots\" has no number of points: write a whole number from 0 to 300, like 230"
    );
    assert_eq!(
        bounded("301", "points", 0, 300).unwrap_err().reason(),
        "\"301\" is not between 0 and 300 points"
    );
    assert!(
        bounded("-5 years", "years", 0, 30).is_err(),
        "no negative counts"
    );
}

#[test]
fn weeks_read_ranges_units_and_months() {
    for (text, want) in [
        ("4", 4),
        ("4 weeks", 4),
        ("4-8", 4),
        ("4-8 weeks", 4),
        ("4–8 weeks", 4),
        ("4 to 8 weeks", 4),
        ("1 month", 4),
        ("2 months", 8),
    ] {
        assert_eq!(weeks(text), Ok(want), "{text}");
    }
    let e = weeks("a few").unwrap_err();
    assert_eq!(e.kind, Kind::Range);
    assert_eq!(
        e.to_string(),
        "\"a few\" has no number of weeks: write weeks like 4, 4 weeks, 4-8 weeks or 1 month"
    );
    assert_eq!(
        weeks("0").unwrap_err().reason(),
        "\"0\" is not between 1 and 52 weeks"
    );
    assert!(weeks("14 months").is_err());
}

#[test]
fn states_read_codes_and_names_in_any_case() {
    for text in [
        "KY",
        "ky",
        "Ky",
        "Kentucky",
        "KENTUCKY",
        " kentucky ",
        "KY Kentucky",
    ] {
        assert_eq!(state(text).map(|s| s.code()), Ok("KY"), "{text}");
    }
    assert_eq!(state("new york").map(|s| s.code()), Ok("NY"));
    assert_eq!(state("Washington, D.C.").map(|s| s.code()), Ok("DC"));
}

#[test]
fn a_misspelt_state_gets_a_suggestion_and_nonsense_does_not() {
    let e = state("Kentuky").unwrap_err();
    assert_eq!(e.kind, Kind::State);
    assert_eq!(
        e.to_string(),
        "\"Kentuky\" is not a U.S. state or territory — did you mean Kentucky (KY)?"
    );
    assert_eq!(
        state("Atlantis").unwrap_err().to_string(),
        "\"Atlantis\" is not a U.S. state or territory: write a code or name, like KY or Kentucky"
    );
    assert!(
        state("Pensylvania")
            .unwrap_err()
            .reason()
            .contains("Pennsylvania (PA)")
    );
    assert_eq!(
        state("Narnia").unwrap_err().reason(),
        "\"Narnia\" is not a U.S. state or territory"
    );
    // Short text is near too many codes to guess.
    assert!(!state("KYky").unwrap_err().reason().contains("did you mean"));
}

#[test]
fn edit_distance_counts_single_edits() {
    let chars = |s: &str| s.chars().collect::<Vec<_>>();
    assert_eq!(
        state::edit_distance(&chars("kentuky"), &chars("kentucky")),
        1
    );
    assert_eq!(state::edit_distance(&chars("kitten"), &chars("sitting")), 3);
    assert_eq!(state::edit_distance(&chars(""), &chars("utah")), 4);
}

#[test]
fn rotation_types_read_lists_and_other_names() {
    use RotationKind::*;
    for (text, want) in [
        ("core", vec![Core]),
        ("core, observer", vec![Core, Observership]),
        ("core; observership", vec![Core, Observership]),
        ("Sub-I / electives", vec![SubInternship, Elective]),
        ("away rotation | shadowing", vec![Elective, Observership]),
        ("externship, extern", vec![Externship]),
        ("acting internship", vec![SubInternship]),
        ("", vec![]),
    ] {
        assert_eq!(rotation_kinds(text), Ok(want), "{text}");
    }
    let e = rotation_kinds("core, vacation").unwrap_err();
    assert_eq!(e.kind, Kind::Enum);
    assert_eq!(
        e.to_string(),
        "\"vacation\" is not a rotation type (core, elective, sub-i, externship, observership): \
         write one or more types separated by commas, like core, observership"
    );
    assert_eq!(rotation_kind("observer"), Ok(Observership));
}

#[test]
fn yes_no_visa_route_and_status_read_their_words() {
    for (text, want) in [
        ("yes", Tri::Yes),
        ("Y", Tri::Yes),
        ("x", Tri::Yes),
        ("✓", Tri::Yes),
    ] {
        assert_eq!(yes_no(text), Ok(want), "{text}");
    }
    for (text, want) in [("no", Tri::No), ("false", Tri::No), ("0", Tri::No)] {
        assert_eq!(yes_no(text), Ok(want), "{text}");
    }
    assert_eq!(yes_no("unknown"), Ok(Tri::Unknown));
    assert_eq!(
        yes_no("maybe").unwrap_err().to_string(),
        "\"maybe\" is not yes or no: write yes or no (y, n, true, false also do)"
    );
    assert_eq!(visa("J-1 visa sponsorship through ECFMG"), Ok(Visa::J1));
    assert_eq!(visa("J-1, H-1B"), Ok(Visa::Both));
    assert_eq!(visa("none"), Ok(Visa::None));
    assert!(
        visa("yes")
            .unwrap_err()
            .reason()
            .contains("does not name a visa")
    );
    assert_eq!(app_route("VSAS"), Ok(AppRoute::Vslo));
    assert!(
        app_route("carrier pigeon")
            .unwrap_err()
            .reason()
            .contains("route")
    );
    assert!(
        status("lost")
            .unwrap_err()
            .reason()
            .starts_with("\"lost\" is not a status (")
    );
    assert_eq!(status(Status::ALL[0].label()), Ok(Status::ALL[0]));
}

#[test]
fn an_email_is_one_address() {
    assert_eq!(email(" gme@example.org "), Ok("gme@example.org".into()));
    let e = email("not an email").unwrap_err();
    assert_eq!(e.kind, Kind::Email);
    assert_eq!(
        e.to_string(),
        "\"not an email\" is not an email address: write one address, like coordinator@hospital.org"
    );
    assert_eq!(
        email("a@example.org, b@example.org").unwrap_err().reason(),
        "\"a@example.org, b@example.org\" holds more than one address"
    );
    assert!(email("a@b").is_err());
}

#[test]
fn a_path_loses_the_quotes_and_escapes_a_paste_brings() {
    for text in [
        "~/Documents/My CV.pdf",
        " ~/Documents/My CV.pdf ",
        "'~/Documents/My CV.pdf'",
        "\"~/Documents/My CV.pdf\"",
        "~/Documents/My\\ CV.pdf",
    ] {
        assert_eq!(path(text), Ok("~/Documents/My CV.pdf".into()), "{text}");
    }
    assert_eq!(path("file:///tmp/cv.pdf"), Ok("/tmp/cv.pdf".into()));
    assert_eq!(path(""), Ok(String::new()));
    let e = path("cv\u{7}.pdf").unwrap_err();
    assert_eq!(e.kind, Kind::Path);
    assert_eq!(
        e.to_string(),
        "the path contains the control character U+0007: write a path like ~/Documents/cv.pdf"
    );
}
