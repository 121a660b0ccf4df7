//! A send closes the follow-ups it answers, in its own transaction, and
//! the last message sent to a person is what a reply threads on.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::thread::PreviousMessage;
use crate::domain::{Channel, Contact, ContactId, Direction, Program, Role, UsState};

struct Fixture {
    store: Store,
    program: Program,
    dana: Contact,
    lee: Contact,
}

fn fixture() -> Fixture {
    let mut store = Store::open_in_memory().unwrap();
    let program = store
        .insert_program(&Program::new(
            "Bluegrass IM",
            UsState::from_code("KY").unwrap(),
        ))
        .unwrap();
    let person = |store: &mut Store, role, name: &str| {
        store
            .insert_contact(&Contact {
                program_id: program.id,
                role,
                name: name.into(),
                email: format!("{}@example.edu", name.to_lowercase()),
                ..Contact::default()
            })
            .unwrap()
    };
    let dana = person(&mut store, Role::Coordinator, "Dana");
    let lee = person(&mut store, Role::StudentOffice, "Lee");
    Fixture {
        store,
        program,
        dana,
        lee,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
}

fn at(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, d, 15, 0, 0).unwrap()
}

impl Fixture {
    fn follow_up(&mut self, contact: Option<&Contact>, due: u32) -> FollowUpId {
        self.store
            .insert_follow_up(&FollowUp {
                id: FollowUpId(0),
                program_id: self.program.id,
                contact_id: contact.map(|c| c.id),
                due: day(due),
                note: "chase".into(),
                done_at: None,
                snoozed_from: Vec::new(),
            })
            .unwrap()
            .id
    }

    fn draft(&mut self, to: Option<&Contact>, subject: &str) -> Draft {
        self.store
            .save_draft(&Draft {
                program_id: self.program.id,
                contact_id: to.map(|c| c.id),
                to: to
                    .map(|c| c.email.clone())
                    .unwrap_or("x@example.edu".into()),
                subject: subject.into(),
                body: "Hello\n".into(),
                ..Draft::default()
            })
            .unwrap()
    }

    fn send(&mut self, draft: &Draft, message_id: &str, when: DateTime<Utc>) -> RecordedSend {
        let record = SendRecord {
            draft: draft.id,
            message_id: message_id.into(),
            sent_at: when,
            log_entry: Interaction {
                id: InteractionId(0),
                program_id: self.program.id,
                contact_id: draft.contact_id,
                at: when,
                channel: Channel::Email,
                direction: Direction::Out,
                summary: format!("Sent: {}", draft.subject),
                eml_path: None,
            },
            follow_up: Some(FollowUp {
                id: FollowUpId(0),
                program_id: self.program.id,
                contact_id: draft.contact_id,
                due: when.date_naive() + Duration::days(7),
                note: "next".into(),
                done_at: None,
                snoozed_from: Vec::new(),
            }),
            advance_to: Some(Status::Contacted),
        };
        self.store.record_sent(&record).unwrap()
    }

    fn open(&self) -> Vec<(FollowUpId, Option<ContactId>)> {
        self.store
            .list_follow_ups(self.program.id)
            .unwrap()
            .into_iter()
            .filter(FollowUp::is_open)
            .map(|f| (f.id, f.contact_id))
            .collect()
    }
}

#[test]
fn a_send_closes_the_persons_and_nobodys_follow_ups_and_leaves_anothers_open() {
    let mut f = fixture();
    let (dana, lee) = (f.dana.clone(), f.lee.clone());
    let for_dana = f.follow_up(Some(&dana), 10);
    let for_nobody = f.follow_up(None, 11);
    let for_lee = f.follow_up(Some(&lee), 12);
    let draft = f.draft(Some(&dana), "Request");

    let done = f.send(&draft, "<1@example.org>", at(10));

    assert_eq!(done.closed_follow_ups, [for_dana, for_nobody]);
    let next = done.follow_up.unwrap().id;
    assert_eq!(
        f.open(),
        [(for_lee, Some(lee.id)), (next, Some(dana.id))],
        "Lee's stays open, and the new one is not closed by its own send"
    );
    let closed = f.store.list_follow_ups(f.program.id).unwrap();
    let closed = closed.iter().find(|x| x.id == for_dana).unwrap();
    assert_eq!(closed.done_at, Some(at(10)));
}

#[test]
fn the_answered_follow_up_closes_whoever_it_names() {
    let mut f = fixture();
    let (dana, lee) = (f.dana.clone(), f.lee.clone());
    let for_lee = f.follow_up(Some(&lee), 12);
    let other_for_lee = f.follow_up(Some(&lee), 20);
    let draft = f.draft(Some(&dana), "Following up");
    f.store.link_draft_to_follow_up(draft.id, for_lee).unwrap();
    assert_eq!(
        f.store.follow_up_answered_by(draft.id).unwrap(),
        Some(for_lee)
    );

    let done = f.send(&draft, "<1@example.org>", at(12));

    assert_eq!(done.closed_follow_ups, [for_lee]);
    let mut open: Vec<FollowUpId> = f.open().into_iter().map(|(id, _)| id).collect();
    open.sort();
    assert_eq!(open, [other_for_lee, done.follow_up.unwrap().id]);
}

#[test]
fn a_send_that_fails_to_record_closes_nothing() {
    let mut f = fixture();
    let dana = f.dana.clone();
    let waiting = f.follow_up(Some(&dana), 10);
    let draft = f.draft(Some(&dana), "Request");
    let record = SendRecord {
        draft: draft.id,
        message_id: "<1@x>".into(),
        sent_at: at(10),
        log_entry: Interaction {
            id: InteractionId(0),
            program_id: f.program.id,
            contact_id: Some(dana.id),
            at: at(10),
            channel: Channel::Email,
            direction: Direction::Out,
            summary: String::new(),
            eml_path: None,
        },
        // The next follow-up, written after the closing, names a contact
        // that does not exist: the whole send must roll back.
        follow_up: Some(FollowUp {
            id: FollowUpId(0),
            program_id: f.program.id,
            contact_id: Some(ContactId(999)),
            due: day(17),
            note: String::new(),
            done_at: None,
            snoozed_from: Vec::new(),
        }),
        advance_to: None,
    };
    assert!(f.store.record_sent(&record).is_err());
    assert_eq!(f.open(), [(waiting, Some(dana.id))]);
}

#[test]
fn a_draft_links_only_to_its_own_programs_follow_up() {
    let mut f = fixture();
    let draft = f.draft(None, "Note");
    let other = f
        .store
        .insert_program(&Program::new(
            "Elsewhere",
            UsState::from_code("OH").unwrap(),
        ))
        .unwrap();
    let theirs = f
        .store
        .insert_follow_up(&FollowUp {
            id: FollowUpId(0),
            program_id: other.id,
            contact_id: None,
            due: day(10),
            note: String::new(),
            done_at: None,
            snoozed_from: Vec::new(),
        })
        .unwrap();
    let err = f
        .store
        .link_draft_to_follow_up(draft.id, theirs.id)
        .unwrap_err();
    assert!(err.to_string().contains("another program"), "{err}");
    let err = f
        .store
        .link_draft_to_follow_up(draft.id, FollowUpId(404))
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert_eq!(f.store.follow_up_answered_by(draft.id).unwrap(), None);
    // Deleting the follow-up drops the link with it.
    let mine = f.follow_up(None, 10);
    f.store.link_draft_to_follow_up(draft.id, mine).unwrap();
    f.store.delete_follow_up(mine).unwrap();
    assert_eq!(f.store.follow_up_answered_by(draft.id).unwrap(), None);
}

#[test]
fn the_last_message_to_a_person_carries_the_chain_before_it() {
    let mut f = fixture();
    let (dana, lee) = (f.dana.clone(), f.lee.clone());
    assert_eq!(
        f.store.last_sent_message(f.program.id, dana.id).unwrap(),
        None
    );

    let first = f.draft(Some(&dana), "Elective request");
    f.send(&first, "<1@example.org>", at(1));
    let to_lee = f.draft(Some(&lee), "Hello Lee");
    f.send(&to_lee, "<lee@example.org>", at(2));
    let second = f.draft(Some(&dana), "Re: Elective request");
    f.send(&second, "<2@example.org>", at(8));
    // An unsent draft is not part of the thread.
    f.draft(Some(&dana), "Re: Elective request");

    assert_eq!(
        f.store.last_sent_message(f.program.id, dana.id).unwrap(),
        Some(PreviousMessage {
            message_id: "<2@example.org>".into(),
            subject: "Re: Elective request".into(),
            references: vec!["<1@example.org>".into()],
        })
    );
    let lees = f
        .store
        .last_sent_message(f.program.id, lee.id)
        .unwrap()
        .unwrap();
    assert_eq!(
        (lees.message_id.as_str(), lees.references.len()),
        ("<lee@example.org>", 0)
    );
}
