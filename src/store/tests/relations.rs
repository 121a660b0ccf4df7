use super::{add_contact, add_program, day, instant, interaction, store};
use crate::domain::{
    Contact, ContactId, Draft, DraftId, DraftStatus, FollowUp, FollowUpId, ProgramId, Role,
};
use crate::store::{Store, StoreError, interactions::list_interactions_sql};

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn draft(program: ProgramId, subject: &str, status: DraftStatus) -> Draft {
    Draft {
        program_id: program,
        subject: subject.into(),
        status,
        ..Draft::default()
    }
}

fn follow_up(program: ProgramId, due: chrono::NaiveDate) -> FollowUp {
    FollowUp {
        id: FollowUpId(0),
        program_id: program,
        contact_id: None,
        due,
        note: String::new(),
        done_at: None,
        snoozed_from: vec![],
    }
}

#[test]
fn a_contact_for_a_missing_program_is_refused() {
    let mut store = store();
    let orphan = Contact {
        program_id: ProgramId(4242),
        name: "Nobody's".into(),
        ..Contact::default()
    };
    let err = store.insert_contact(&orphan).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(count(&store, "contacts"), 0);
}

#[test]
fn deleting_a_program_cascades_to_everything_it_owns() {
    let mut store = store();
    let doomed = add_program(&mut store, "Doomed", "KY");
    let kept = add_program(&mut store, "Kept", "KY");
    for program in [doomed.id, kept.id] {
        let contact = add_contact(&mut store, program, Role::Coordinator, "Coordinator");
        let mut entry = interaction(program, instant(2025, 1, 1, 9, 0, 0), "hello");
        entry.contact_id = Some(contact.id);
        store.insert_interaction(&entry).unwrap();
        store
            .save_draft(&draft(program, "hi", DraftStatus::Draft))
            .unwrap();
        store
            .insert_follow_up(&follow_up(program, day(2025, 1, 8)))
            .unwrap();
    }

    store.delete_program(doomed.id).unwrap();

    for table in ["contacts", "interactions", "drafts", "follow_ups"] {
        assert_eq!(count(&store, table), 1, "{table}");
    }
    assert!(store.list_contacts(doomed.id).unwrap().is_empty());
    assert_eq!(store.list_contacts(kept.id).unwrap().len(), 1);
    assert_eq!(store.list_interactions(kept.id).unwrap().len(), 1);
}

#[test]
fn deleting_a_contact_keeps_the_log_entry_without_them() {
    let mut store = store();
    let program = add_program(&mut store, "P", "OH");
    let contact = add_contact(&mut store, program.id, Role::Coordinator, "Coordinator");
    let mut entry = interaction(program.id, instant(2025, 1, 1, 9, 0, 0), "called");
    entry.contact_id = Some(contact.id);
    store.insert_interaction(&entry).unwrap();

    store.delete_contact(contact.id).unwrap();

    let log = store.list_interactions(program.id).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].contact_id, None);
    assert!(matches!(
        store.delete_contact(contact.id),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn rows_may_not_name_another_programs_contact() {
    let mut store = store();
    let mine = add_program(&mut store, "Mine", "TN");
    let theirs = add_program(&mut store, "Theirs", "TN");
    let stranger = add_contact(&mut store, theirs.id, Role::Coordinator, "Coordinator");

    let mut entry = interaction(mine.id, instant(2025, 1, 1, 9, 0, 0), "x");
    entry.contact_id = Some(stranger.id);
    assert!(matches!(
        store.insert_interaction(&entry),
        Err(StoreError::Invalid(_))
    ));
    let mut d = draft(mine.id, "x", DraftStatus::Draft);
    d.contact_id = Some(stranger.id);
    assert!(matches!(store.save_draft(&d), Err(StoreError::Invalid(_))));
    let mut f = follow_up(mine.id, day(2025, 1, 1));
    f.contact_id = Some(ContactId(stranger.id.0 + 50));
    assert!(matches!(
        store.insert_follow_up(&f),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(count(&store, "interactions") + count(&store, "drafts"), 0);
}

#[test]
fn programs_are_listed_by_state_then_name_ignoring_case() {
    let mut store = store();
    add_program(&mut store, "zeta", "NY");
    add_program(&mut store, "Beta", "KY");
    add_program(&mut store, "alpha", "NY");
    add_program(&mut store, "Gamma", "KY");
    add_program(&mut store, "Omega", "FL");
    let names: Vec<String> = store
        .list_programs()
        .unwrap()
        .into_iter()
        .map(|p| format!("{} {}", p.state.code(), p.name))
        .collect();
    assert_eq!(
        names,
        ["FL Omega", "KY Beta", "KY Gamma", "NY alpha", "NY zeta"]
    );
    assert_eq!(store.count_programs().unwrap(), 5);
}

#[test]
fn contacts_list_coordinator_first_then_role_then_name() {
    let mut store = store();
    let program = add_program(&mut store, "P", "IL");
    add_contact(&mut store, program.id, Role::Other, "aardvark");
    add_contact(
        &mut store,
        program.id,
        Role::StudentOffice,
        "Visiting office",
    );
    add_contact(&mut store, program.id, Role::ProgramDirector, "Director");
    add_contact(&mut store, program.id, Role::Coordinator, "zed coordinator");
    add_contact(&mut store, program.id, Role::Coordinator, "Amy coordinator");
    let order: Vec<String> = store
        .list_contacts(program.id)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        order,
        [
            "Amy coordinator",
            "zed coordinator",
            "Director",
            "Visiting office",
            "aardvark"
        ]
    );
}

#[test]
fn interactions_are_listed_newest_first() {
    let mut store = store();
    let program = add_program(&mut store, "P", "MI");
    let other = add_program(&mut store, "Other", "MI");
    for (at, summary) in [
        (instant(2025, 2, 1, 10, 0, 0), "middle"),
        (instant(2025, 3, 1, 10, 0, 0), "newest"),
        (instant(2024, 12, 31, 23, 59, 59), "oldest"),
    ] {
        store
            .insert_interaction(&interaction(program.id, at, summary))
            .unwrap();
    }
    store
        .insert_interaction(&interaction(
            other.id,
            instant(2030, 1, 1, 0, 0, 0),
            "elsewhere",
        ))
        .unwrap();
    let summaries: Vec<String> = store
        .list_interactions(program.id)
        .unwrap()
        .into_iter()
        .map(|i| i.summary)
        .collect();
    assert_eq!(summaries, ["newest", "middle", "oldest"]);
}

#[test]
fn the_contact_log_query_is_served_by_the_program_and_time_index() {
    let store = store();
    let plan: Vec<String> = store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {}", list_interactions_sql()))
        .unwrap()
        .query_map([1], |row| row.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let plan = plan.join("\n");
    assert!(
        plan.contains("USING INDEX interactions_by_program_at"),
        "{plan}"
    );
    assert!(
        !plan.contains("TEMP B-TREE"),
        "sorting should come from the index: {plan}"
    );
}

#[test]
fn the_contact_log_of_one_program_among_100_000_rows_is_complete_and_ordered() {
    let mut store = store();
    let programs: Vec<ProgramId> = (0..50)
        .map(|i| add_program(&mut store, &format!("P{i}"), "TX").id)
        .collect();
    {
        let tx = store.conn.transaction().unwrap();
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO interactions (program_id, at, channel, direction, summary) \
                     VALUES (?1, ?2, 'email', 'out', '')",
                )
                .unwrap();
            for n in 0..100_000_i64 {
                let program = programs[(n % 50) as usize];
                let at = instant(2020, 1, 1, 0, 0, 0) + chrono::Duration::minutes(n * 7 % 99_991);
                insert
                    .execute(rusqlite::params![program, crate::store::convert::Stamp(at)])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
    }

    let log = store.list_interactions(programs[7]).unwrap();

    assert_eq!(log.len(), 2_000);
    assert!(log.iter().all(|i| i.program_id == programs[7]));
    assert!(log.windows(2).all(|w| w[0].at >= w[1].at));
}

#[test]
fn current_draft_ignores_sent_drafts() {
    let mut store = store();
    let program = add_program(&mut store, "P", "NJ");
    assert_eq!(store.current_draft(program.id).unwrap(), None);
    let open = store
        .save_draft(&draft(program.id, "open", DraftStatus::Draft))
        .unwrap();
    let mut sent = store
        .save_draft(&draft(program.id, "to send", DraftStatus::Ready))
        .unwrap();
    assert_eq!(
        store.current_draft(program.id).unwrap().unwrap().subject,
        "to send"
    );

    sent.status = DraftStatus::Sent;
    sent.sent_at = Some(chrono::Utc::now());
    let sent = store.save_draft(&sent).unwrap();

    assert_eq!(store.current_draft(program.id).unwrap(), Some(open.clone()));
    assert_eq!(store.list_drafts(program.id).unwrap().len(), 2);
    assert_eq!(store.list_drafts(program.id).unwrap()[0], sent);
}

#[test]
fn saving_a_draft_again_updates_it_in_place() {
    let mut store = store();
    let program = add_program(&mut store, "P", "PA");
    let first = store
        .save_draft(&draft(program.id, "v1", DraftStatus::Draft))
        .unwrap();
    let second = store
        .save_draft(&Draft {
            body: "v2 body".into(),
            ..first.clone()
        })
        .unwrap();
    assert_eq!(second.id, first.id);
    assert!(second.updated_at >= first.updated_at);
    assert_eq!(store.current_draft(program.id).unwrap(), Some(second));
    assert_eq!(count(&store, "drafts"), 1);
    assert!(matches!(
        store.save_draft(&Draft {
            id: DraftId(first.id.0 + 9),
            ..first
        }),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn follow_ups_list_by_due_day_and_due_ones_across_programs() {
    let mut store = store();
    let a = add_program(&mut store, "A", "GA");
    let b = add_program(&mut store, "B", "GA");
    let late = store
        .insert_follow_up(&follow_up(a.id, day(2025, 5, 1)))
        .unwrap();
    let early = store
        .insert_follow_up(&follow_up(a.id, day(2025, 4, 1)))
        .unwrap();
    let mut done = follow_up(b.id, day(2025, 3, 1));
    done.done_at = Some(instant(2025, 3, 1, 12, 0, 0));
    store.insert_follow_up(&done).unwrap();
    let other = store
        .insert_follow_up(&follow_up(b.id, day(2025, 4, 15)))
        .unwrap();

    assert_eq!(
        store.list_follow_ups(a.id).unwrap(),
        vec![early.clone(), late]
    );
    assert_eq!(
        store.list_due_follow_ups(day(2025, 4, 30)).unwrap(),
        vec![early.clone(), other]
    );
    store.delete_follow_up(early.id).unwrap();
    assert!(matches!(
        store.delete_follow_up(early.id),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn deleting_an_interaction_removes_only_it() {
    let mut store = store();
    let program = add_program(&mut store, "P", "MD");
    let gone = store
        .insert_interaction(&interaction(program.id, instant(2025, 1, 1, 0, 0, 0), "a"))
        .unwrap();
    store
        .insert_interaction(&interaction(program.id, instant(2025, 1, 2, 0, 0, 0), "b"))
        .unwrap();
    store.delete_interaction(gone.id).unwrap();
    let left = store.list_interactions(program.id).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].summary, "b");
    assert!(matches!(
        store.delete_interaction(gone.id),
        Err(StoreError::NotFound(_))
    ));
}
