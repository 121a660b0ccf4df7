use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

fn index() -> MailIndex {
    MailIndex {
        sent: vec![SentRef {
            message_id: "<sent-1@usce>".into(),
            program: ProgramId(1),
            contact: Some(ContactId(10)),
            to: "gme@mercy.org".into(),
        }],
        contacts: vec![KnownAddress {
            address: "Dana.Coord+gme@gmail.com".into(),
            program: ProgramId(2),
            contact: ContactId(20),
        }],
        domains: vec![("mercy.org".into(), ProgramId(1))],
        own: vec!["me@example.org".into()],
    }
    .normalized()
}

fn mail(from: &str) -> InboundMail {
    InboundMail {
        message_id: "<m@x>".into(),
        from: from.into(),
        ..InboundMail::default()
    }
}

#[test]
fn a_reference_to_a_sent_message_is_the_strongest_evidence() {
    let mut m = mail("someone-else@other.org");
    m.refers_to = vec!["<unknown@x>".into(), "<SENT-1@usce>".into()];
    let party = Party {
        program: ProgramId(1),
        contact: Some(ContactId(10)),
    };
    assert_eq!(judge(&m, &index()), Verdict::Reply(party));
}

#[test]
fn a_known_contact_matches_ignoring_case_and_a_gmail_plus_tag() {
    let party = Party {
        program: ProgramId(2),
        contact: Some(ContactId(20)),
    };
    assert_eq!(
        judge(&mail("dana.coord@GMAIL.com"), &index()),
        Verdict::Reply(party)
    );
    assert_eq!(normalize_address("a+b@mercy.org"), "a+b@mercy.org");
    assert_eq!(normalize_address("A+b@gmail.com"), "a@gmail.com");
}

#[test]
fn a_stranger_at_a_program_domain_is_only_proposed_and_own_mail_is_never_a_reply() {
    assert_eq!(
        judge(&mail("new.person@mercy.org"), &index()),
        Verdict::Proposal(ProgramId(1))
    );
    assert!(matches!(
        judge(&mail("x@elsewhere.org"), &index()),
        Verdict::Unrelated(_)
    ));
    let mut own = mail("Me@Example.org");
    own.refers_to = vec!["<sent-1@usce>".into()];
    assert_eq!(judge(&own, &index()), Verdict::Own);
}

#[test]
fn an_auto_reply_keeps_its_party_and_return_day() {
    let mut m = mail("gme@mercy.org");
    m.refers_to = vec!["<sent-1@usce>".into()];
    m.auto_reply = true;
    m.date = Some(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    m.text = "I am out of the office and will be back on Monday, December 8.".into();
    let party = Party {
        program: ProgramId(1),
        contact: Some(ContactId(10)),
    };
    assert_eq!(
        judge(&m, &index()),
        Verdict::AutoReply {
            party,
            back: NaiveDate::from_ymd_opt(2026, 12, 8)
        }
    );
}

#[test]
fn a_bounce_names_the_address_and_the_sent_message() {
    let mut m = mail("mailer-daemon@mx.example");
    m.bounce = Some(Bounce {
        recipients: vec![],
        original_ids: vec!["<sent-1@usce>".into()],
    });
    let party = Party {
        program: ProgramId(1),
        contact: Some(ContactId(10)),
    };
    assert_eq!(
        judge(&m, &index()),
        Verdict::Bounce {
            address: "gme@mercy.org".into(),
            party: Some(party)
        }
    );
}

#[test]
fn return_days_are_read_in_several_shapes() {
    let sent = Some(Utc.with_ymd_and_hms(2026, 12, 20, 9, 0, 0).unwrap());
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(return_date("back on 2027-01-05", sent), day(2027, 1, 5));
    assert_eq!(return_date("away until 01/04/2027.", sent), day(2027, 1, 4));
    assert_eq!(return_date("I return on 3 January", sent), day(2027, 1, 3));
    assert_eq!(
        return_date("Out of office until Dec 28th", sent),
        day(2026, 12, 28)
    );
    assert_eq!(return_date("Thanks for your email.", sent), None);
}

#[test]
fn website_domains_lose_scheme_path_and_www() {
    assert_eq!(
        website_domain("https://www.Mercy.org/gme?x=1").as_deref(),
        Some("mercy.org")
    );
    assert_eq!(website_domain("mercy.org").as_deref(), Some("mercy.org"));
    assert_eq!(website_domain(""), None);
    assert_eq!(domain_of("a@B.org").as_deref(), Some("b.org"));
}
