use proptest::prelude::*;

use super::*;
use crate::domain::contact::Title;

fn person(title: Option<Title>, name: &str, preferred: &str) -> Contact {
    Contact {
        title,
        name: name.into(),
        preferred_name: preferred.into(),
        ..Contact::default()
    }
}

fn greet(title: Option<Title>, name: &str) -> String {
    salutation(Some(&person(title, name, "")))
}

#[test]
fn a_title_greets_by_surname_alone() {
    assert_eq!(
        greet(Some(Title::Dr), "Zoë O'Brien-Núñez"),
        "Dear Dr. O'Brien-Núñez,"
    );
    assert_eq!(
        greet(Some(Title::Ms), "Dana Whitfield"),
        "Dear Ms. Whitfield,"
    );
    assert_eq!(greet(Some(Title::Mr), "Kwame Mensah"), "Dear Mr. Mensah,");
    assert_eq!(greet(Some(Title::Mx), "Sam Rivera"), "Dear Mx. Rivera,");
}

#[test]
fn degrees_and_suffixes_are_not_surnames() {
    for name in [
        "Zoë O'Brien-Núñez, MD",
        "Zoë O'Brien-Núñez MD",
        "Zoë O'Brien-Núñez, M.D., FACP",
        "Zoë O'Brien-Núñez PhD",
        "Zoë O'Brien-Núñez, Ph.D.",
        "Zoë O'Brien-Núñez Jr.",
        "Zoë O'Brien-Núñez, Jr., MD",
        "Zoë O'Brien-Núñez III",
        "Zoë O'Brien-Núñez MBBS, MPH",
    ] {
        assert_eq!(
            greet(Some(Title::Dr), name),
            "Dear Dr. O'Brien-Núñez,",
            "{name}"
        );
    }
}

#[test]
fn a_doctoral_degree_means_dr_when_no_title_is_set() {
    assert_eq!(
        greet(None, "Zoë O'Brien-Núñez, MD"),
        "Dear Dr. O'Brien-Núñez,"
    );
    assert_eq!(greet(None, "Li Wei DO"), "Dear Dr. Wei,");
    assert_eq!(greet(None, "Ana Costa, PhD"), "Dear Dr. Costa,");
    // A master's degree is dropped but makes nobody a doctor.
    assert_eq!(greet(None, "Dana Whitfield, MPH"), "Dear Dana Whitfield,");
}

#[test]
fn a_title_in_the_name_is_used_and_never_doubled() {
    assert_eq!(
        greet(Some(Title::Dr), "Dr. Zoë O'Brien-Núñez"),
        "Dear Dr. O'Brien-Núñez,"
    );
    assert_eq!(greet(Some(Title::Dr), "Dr Dr. Ng"), "Dear Dr. Ng,");
    assert_eq!(greet(Some(Title::Dr), "Dr.Ng"), "Dear Dr. Ng,");
    assert_eq!(
        greet(None, "Dr. Zoë O'Brien-Núñez"),
        "Dear Dr. O'Brien-Núñez,"
    );
    assert_eq!(greet(None, "Ms. Dana Whitfield"), "Dear Ms. Whitfield,");
    assert_eq!(greet(None, "Mrs Jane Doe"), "Dear Mrs. Doe,");
    assert_eq!(greet(None, "Prof. Hans Müller"), "Dear Professor Müller,");
    // The title set on the contact wins over one typed into the name.
    assert_eq!(
        greet(Some(Title::Dr), "Ms. Dana Whitfield"),
        "Dear Dr. Whitfield,"
    );
    // A stray title at the end is not a surname.
    assert_eq!(greet(Some(Title::Dr), "Ng Dr."), "Dear Dr. Ng,");
}

#[test]
fn particles_hyphens_and_accents_stay_in_the_surname() {
    assert_eq!(
        greet(Some(Title::Dr), "Ana María de la Cruz"),
        "Dear Dr. de la Cruz,"
    );
    assert_eq!(
        greet(Some(Title::Dr), "Pieter van der Berg"),
        "Dear Dr. van der Berg,"
    );
    assert_eq!(greet(Some(Title::Ms), "Anna De Luca"), "Dear Ms. De Luca,");
    assert_eq!(
        greet(Some(Title::Dr), "Siobhán Ó Súilleabháin"),
        "Dear Dr. Ó Súilleabháin,"
    );
    assert_eq!(greet(Some(Title::Dr), "Çağla Öztürk"), "Dear Dr. Öztürk,");
    assert_eq!(
        greet(Some(Title::Dr), "José Ramón García-Márquez"),
        "Dear Dr. García-Márquez,"
    );
    // A particle is never the first word: that is a given name.
    assert_eq!(greet(Some(Title::Mr), "Van Morrison"), "Dear Mr. Morrison,");
    // Short surnames that look like degrees are kept when not in capitals.
    assert_eq!(greet(Some(Title::Dr), "Anh Do"), "Dear Dr. Do,");
    assert_eq!(greet(Some(Title::Dr), "Yo-Yo Ma"), "Dear Dr. Ma,");
}

#[test]
fn last_comma_first_keeps_the_whole_family_name() {
    assert_eq!(
        greet(Some(Title::Ms), "Whitfield, Dana"),
        "Dear Ms. Whitfield,"
    );
    assert_eq!(
        greet(Some(Title::Dr), "van der Berg, Pieter"),
        "Dear Dr. van der Berg,"
    );
    assert_eq!(greet(None, "Costa, Ana MD"), "Dear Dr. Costa,");
    assert_eq!(greet(None, "Whitfield, Dana"), "Dear Dana Whitfield,");
}

#[test]
fn nicknames_in_quotes_or_parentheses_are_left_out() {
    assert_eq!(
        greet(Some(Title::Mr), "Robert \"Bob\" Smith"),
        "Dear Mr. Smith,"
    );
    assert_eq!(
        greet(Some(Title::Ms), "Dana Whitfield (coordinator)"),
        "Dear Ms. Whitfield,"
    );
}

#[test]
fn a_preferred_name_greets_when_there_is_no_title() {
    let c = person(None, "Dana Whitfield", "Dana");
    assert_eq!(salutation(Some(&c)), "Dear Dana,");
    // With a title the letter stays formal.
    let c = person(Some(Title::Ms), "Dana Whitfield", "Dana");
    assert_eq!(salutation(Some(&c)), "Dear Ms. Whitfield,");
    // A title but no name to go with it: the preferred name.
    let c = person(Some(Title::Dr), "", "Dr. Bea");
    assert_eq!(salutation(Some(&c)), "Dear Dr. Bea,");
}

#[test]
fn without_a_title_the_plain_full_name_is_used() {
    assert_eq!(greet(None, "Dana Whitfield"), "Dear Dana Whitfield,");
    assert_eq!(greet(None, "  Dana   Whitfield "), "Dear Dana Whitfield,");
    assert_eq!(greet(None, "Madonna"), "Dear Madonna,");
}

#[test]
fn with_no_name_the_office_is_greeted() {
    assert_eq!(salutation(None), "Dear Program Coordinator,");
    let office_of = |role| {
        let c = Contact {
            role,
            title: Some(Title::Dr),
            ..Contact::default()
        };
        salutation(Some(&c))
    };
    assert_eq!(office_of(Role::Coordinator), "Dear Program Coordinator,");
    assert_eq!(office_of(Role::ProgramDirector), "Dear Program Director,");
    assert_eq!(
        office_of(Role::StudentOffice),
        "Dear Visiting Student Coordinator,"
    );
    assert_eq!(greet(Some(Title::Dr), "  "), "Dear Program Coordinator,");
    assert_eq!(greet(Some(Title::Dr), "Dr."), "Dear Program Coordinator,");
    assert_eq!(greet(None, "(unknown)"), "Dear Program Coordinator,");
    assert_eq!(personal_addressee(&person(None, "", "")), None);
}

#[test]
fn the_title_a_letter_uses_is_reported() {
    assert_eq!(
        title_of(&person(Some(Title::Mx), "Sam Rivera", "")),
        Some("Mx.")
    );
    assert_eq!(title_of(&person(None, "Sam Rivera, DO", "")), Some("Dr."));
    assert_eq!(title_of(&person(None, "Sam Rivera", "")), None);
}

/// Title words as an independent list, to check the output with.
fn is_title_word(word: &str) -> bool {
    let bare = word.trim_end_matches([',', '.']).to_lowercase();
    [
        "dr",
        "doctor",
        "prof",
        "professor",
        "ms",
        "mrs",
        "miss",
        "mr",
        "mx",
    ]
    .contains(&bare.as_str())
}

fn name_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Dr.".to_string()),
        Just("dr".to_string()),
        Just("Doctor".to_string()),
        Just("Ms.".to_string()),
        Just("Prof".to_string()),
        Just("MD".to_string()),
        Just("Ph.D.".to_string()),
        Just("Jr.".to_string()),
        Just("de".to_string()),
        Just("van".to_string()),
        Just(",".to_string()),
        Just("\"Bo\"".to_string()),
        Just("(x".to_string()),
        Just("Dr.Dr.".to_string()),
        "[A-Z][a-z]{1,8}",
        "[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’-]{0,10}",
        "\\PC{1,6}",
    ]
}

fn title() -> impl Strategy<Value = Option<Title>> {
    prop_oneof![
        Just(None),
        Just(Some(Title::Dr)),
        Just(Some(Title::Ms)),
        Just(Some(Title::Mr)),
        Just(Some(Title::Mx)),
    ]
}

proptest! {
    #[test]
    fn any_name_gives_one_greeting_line_and_never_two_titles(
        title in title(),
        words in proptest::collection::vec(name_word(), 0..6),
        role in proptest::sample::select(Role::ALL.to_vec()),
    ) {
        let name = words.join(" ");
        let c = Contact { title, name: name.clone(), role, ..Contact::default() };
        let line = salutation(Some(&c));
        prop_assert!(line.starts_with("Dear "), "{line}");
        prop_assert!(line.ends_with(','), "{line}");
        prop_assert!(!line.contains('\n') && !line.contains("  "), "{line:?}");
        prop_assert!(line.len() > "Dear ,".len(), "{line:?}");
        let greeted: Vec<&str> = line["Dear ".len()..].split_whitespace().collect();
        for pair in greeted.windows(2) {
            prop_assert!(
                !(is_title_word(pair[0]) && is_title_word(pair[1])),
                "{name:?} → {line:?}"
            );
        }
    }

    #[test]
    fn a_titled_plain_name_greets_by_its_last_word(
        title in title().prop_filter("a title", Option::is_some),
        given in "[A-Z][a-zà-öø-ÿ]{1,8}",
        surname in "[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]{1,6}(-[A-Z][a-zà-öø-ÿ]{1,6})?",
        degrees in prop_oneof![Just(""), Just(", MD"), Just(" PhD"), Just(" Jr."), Just(", M.D., FACP")],
    ) {
        prop_assume!(title_word(&given).is_none() && title_word(&surname).is_none());
        prop_assume!(!is_particle(&given));
        // Words such as "Jr" or "Mph" are read as suffixes on purpose.
        prop_assume!(suffix(&surname).is_none());
        let line = greet(title, &format!("{given} {surname}{degrees}"));
        let label = title.map(|t| t.label()).unwrap_or_default();
        prop_assert_eq!(line, format!("Dear {label} {surname},"));
    }
}
