//! Status history, rotations, letters, open follow-ups and statistics.

use chrono::Utc;

use super::{add_contact, add_program, day, instant, interaction, store};
use crate::domain::{
    Direction, FollowUp, FollowUpId, Letter, LetterId, ProgramId, Role, Rotation, RotationId,
    RotationKind, Status,
};
use crate::store::{Store, StoreError};

fn follow_up(program: ProgramId, due: chrono::NaiveDate, note: &str) -> FollowUp {
    FollowUp {
        id: FollowUpId(0),
        program_id: program,
        contact_id: None,
        due,
        note: note.into(),
        done_at: None,
        snoozed_from: vec![],
    }
}

fn history(store: &Store, program: ProgramId) -> Vec<(Status, Status)> {
    store
        .list_status_changes(program)
        .unwrap()
        .into_iter()
        .map(|c| (c.from, c.to))
        .collect()
}

#[test]
fn set_status_records_each_real_change_in_order() {
    let mut store = store();
    let p = add_program(&mut store, "P", "KY");
    let before = Utc::now();
    store.set_status(p.id, Status::Contacted).unwrap();
    store.set_status(p.id, Status::Contacted).unwrap();
    store.set_status(p.id, Status::Replied).unwrap();
    assert_eq!(
        history(&store, p.id),
        [
            (Status::Researching, Status::Contacted),
            (Status::Contacted, Status::Replied)
        ]
    );
    let changes = store.list_status_changes(p.id).unwrap();
    assert!(
        changes
            .iter()
            .all(|c| c.program_id == p.id && c.at >= before)
    );
    assert!(changes[0].at <= changes[1].at);
}

#[test]
fn update_program_records_a_status_change_but_not_other_edits() {
    let mut store = store();
    let mut p = add_program(&mut store, "P", "KY");
    p.city = "Lexington".into();
    let p = store.update_program(&p).unwrap();
    assert!(history(&store, p.id).is_empty());
    let mut moved = p.clone();
    moved.status = Status::Shortlisted;
    store.update_program(&moved).unwrap();
    assert_eq!(
        history(&store, p.id),
        [(Status::Researching, Status::Shortlisted)]
    );
}

#[test]
fn a_failed_status_change_leaves_no_history() {
    let mut store = store();
    let err = store
        .set_status(ProgramId(99), Status::Replied)
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    let mut ghost = crate::domain::Program::new("Ghost", super::state("KY"));
    ghost.id = ProgramId(99);
    ghost.status = Status::Replied;
    assert!(matches!(
        store.update_program(&ghost),
        Err(StoreError::NotFound(_))
    ));
    let rows: i64 = store
        .conn
        .query_row("SELECT count(*) FROM status_changes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
}

#[test]
fn status_history_goes_with_its_program() {
    let mut store = store();
    let p = add_program(&mut store, "P", "KY");
    store.set_status(p.id, Status::Contacted).unwrap();
    store.delete_program(p.id).unwrap();
    assert!(store.list_status_changes(p.id).unwrap().is_empty());
}

fn rotation(program: ProgramId, start: (u32, u32), end: (u32, u32)) -> Rotation {
    Rotation {
        specialty: "Internal Medicine".into(),
        hands_on: true,
        weeks: Some(4),
        fee: "$1,200".into(),
        ..Rotation::new(
            program,
            RotationKind::Elective,
            day(2026, start.0, start.1),
            day(2026, end.0, end.1),
        )
    }
}

#[test]
fn rotations_round_trip_sort_by_start_and_refuse_backwards_dates() {
    let mut store = store();
    let p = add_program(&mut store, "P", "KY");
    let other = add_program(&mut store, "Q", "OH");
    let late = store
        .insert_rotation(&rotation(p.id, (6, 1), (6, 28)))
        .unwrap();
    let early = store
        .insert_rotation(&rotation(p.id, (3, 2), (3, 29)))
        .unwrap();
    store
        .insert_rotation(&rotation(other.id, (1, 5), (1, 30)))
        .unwrap();
    assert_ne!(late.id, RotationId(0));
    assert_eq!(
        store.list_rotations(p.id).unwrap(),
        [early.clone(), late.clone()]
    );
    assert_eq!(store.list_all_rotations().unwrap().len(), 3);
    assert_eq!(store.get_rotation(early.id).unwrap(), Some(early.clone()));

    let mut changed = early.clone();
    changed.kind = RotationKind::SubInternship;
    changed.hands_on = false;
    changed.program_id = other.id; // ignored: a rotation stays with its program
    let saved = store.update_rotation(&changed).unwrap();
    assert_eq!(saved.kind, RotationKind::SubInternship);
    assert_eq!(saved.program_id, p.id);

    let backwards = rotation(p.id, (5, 2), (5, 1));
    let err = store.insert_rotation(&backwards).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let mut bad_update = early.clone();
    bad_update.end = day(2026, 1, 1);
    assert!(matches!(
        store.update_rotation(&bad_update),
        Err(StoreError::Invalid(_))
    ));

    store.delete_rotation(late.id).unwrap();
    assert!(matches!(
        store.delete_rotation(late.id),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(store.list_rotations(p.id).unwrap().len(), 1);
}

fn letter(writer: &str, us: bool, received: Option<(u32, u32)>) -> Letter {
    Letter {
        writer: writer.into(),
        writer_is_us_physician: us,
        requested_on: Some(day(2026, 1, 2)),
        received_on: received.map(|(m, d)| day(2026, m, d)),
        ..Letter::default()
    }
}

#[test]
fn a_letter_from_a_rotation_takes_its_program() {
    let mut store = store();
    let p = add_program(&mut store, "P", "KY");
    let other = add_program(&mut store, "Q", "OH");
    let r = store
        .insert_rotation(&rotation(p.id, (3, 2), (3, 29)))
        .unwrap();
    let l = store
        .insert_letter(&Letter {
            rotation_id: Some(r.id),
            ..letter("Dr. Reyes", true, Some((4, 1)))
        })
        .unwrap();
    assert_ne!(l.id, LetterId(0));
    assert_eq!(l.program_id, Some(p.id));
    assert_eq!(store.get_letter(l.id).unwrap(), Some(l.clone()));
    assert_eq!(store.list_program_letters(p.id).unwrap(), vec![l.clone()]);

    let wrong = Letter {
        program_id: Some(other.id),
        ..l.clone()
    };
    let err = store.update_letter(&wrong).unwrap_err();
    assert!(err.to_string().contains("another program"), "{err}");
    let missing = Letter {
        rotation_id: Some(RotationId(404)),
        ..letter("Dr. X", true, None)
    };
    assert!(matches!(
        store.insert_letter(&missing),
        Err(StoreError::NotFound(_))
    ));
    let nameless = letter(" ", true, None);
    assert!(matches!(
        store.insert_letter(&nameless),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn letters_outlive_their_program_and_rotation() {
    let mut store = store();
    let p = add_program(&mut store, "P", "KY");
    let r = store
        .insert_rotation(&rotation(p.id, (3, 2), (3, 29)))
        .unwrap();
    let l = store
        .insert_letter(&Letter {
            rotation_id: Some(r.id),
            ..letter("Dr. Reyes", true, Some((4, 1)))
        })
        .unwrap();
    store.delete_program(p.id).unwrap();
    let kept = store.get_letter(l.id).unwrap().unwrap();
    assert_eq!(kept.program_id, None);
    assert_eq!(kept.rotation_id, None);
    assert_eq!(kept.writer, "Dr. Reyes");
}

#[test]
fn letters_progress_counts_received_us_letters() {
    let mut store = store();
    assert_eq!(store.letters_progress().unwrap().total, 0);
    let a = store
        .insert_letter(&letter("A", true, Some((2, 1))))
        .unwrap();
    store
        .insert_letter(&letter("B", false, Some((2, 2))))
        .unwrap();
    let c = store.insert_letter(&letter("C", true, None)).unwrap();
    let p = store.letters_progress().unwrap();
    assert_eq!(
        (p.received_from_us_physicians, p.received, p.total),
        (1, 2, 3)
    );
    let mut arrived = c.clone();
    arrived.received_on = Some(day(2026, 3, 1));
    arrived.uploaded_to_eras = true;
    store.update_letter(&arrived).unwrap();
    assert_eq!(
        store
            .letters_progress()
            .unwrap()
            .received_from_us_physicians,
        2
    );
    store.delete_letter(a.id).unwrap();
    assert_eq!(store.list_letters().unwrap().len(), 2);
    assert!(matches!(
        store.delete_letter(a.id),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn open_follow_ups_span_programs_soonest_first_with_names() {
    let mut store = store();
    let ky = add_program(&mut store, "Bluegrass IM", "KY");
    let oh = add_program(&mut store, "Lakeshore Peds", "OH");
    let coordinator = add_contact(&mut store, oh.id, Role::Coordinator, "Ana Ruiz");
    store
        .insert_follow_up(&follow_up(ky.id, day(2025, 12, 9), "later"))
        .unwrap();
    let mut named = follow_up(oh.id, day(2025, 12, 1), "ask about dates");
    named.contact_id = Some(coordinator.id);
    store.insert_follow_up(&named).unwrap();
    let mut done = follow_up(ky.id, day(2025, 11, 1), "done already");
    done.done_at = Some(instant(2025, 11, 2, 9, 0, 0));
    store.insert_follow_up(&done).unwrap();

    let open = store.list_open_follow_ups().unwrap();
    let seen: Vec<(&str, &str, Option<&str>)> = open
        .iter()
        .map(|o| {
            (
                o.program_name.as_str(),
                o.state.code(),
                o.contact_name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Lakeshore Peds", "OH", Some("Ana Ruiz")),
            ("Bluegrass IM", "KY", None)
        ]
    );
    assert_eq!(open[0].follow_up.note, "ask about dates");
    assert_eq!(open[0].follow_up.due, day(2025, 12, 1));
}

#[test]
fn completing_open_follow_ups_touches_one_program_only() {
    let mut store = store();
    let a = add_program(&mut store, "A", "KY");
    let b = add_program(&mut store, "B", "KY");
    for due in [day(2025, 12, 1), day(2025, 12, 8)] {
        store.insert_follow_up(&follow_up(a.id, due, "")).unwrap();
    }
    store
        .insert_follow_up(&follow_up(b.id, day(2025, 12, 2), ""))
        .unwrap();
    let at = instant(2025, 12, 3, 14, 0, 0);
    assert_eq!(store.complete_open_follow_ups(a.id, at).unwrap(), 2);
    assert_eq!(store.complete_open_follow_ups(a.id, at).unwrap(), 0);
    assert!(
        store
            .list_follow_ups(a.id)
            .unwrap()
            .iter()
            .all(|f| f.done_at == Some(at))
    );
    let open = store.list_open_follow_ups().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].follow_up.program_id, b.id);
    assert!(matches!(
        store.complete_open_follow_ups(ProgramId(404), at),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn outreach_stats_read_first_contact_first_reply_and_overdue() {
    let mut store = store();
    let replied = add_program(&mut store, "Replied", "KY");
    let silent = add_program(&mut store, "Silent", "KY");
    add_program(&mut store, "Untouched", "OH");
    store.set_status(replied.id, Status::Replied).unwrap();
    store.set_status(silent.id, Status::Contacted).unwrap();
    // They wrote first; that inbound entry is not a reply.
    let mut early_in = interaction(replied.id, instant(2025, 10, 1, 9, 0, 0), "hello");
    early_in.direction = Direction::In;
    store.insert_interaction(&early_in).unwrap();
    store
        .insert_interaction(&interaction(
            replied.id,
            instant(2025, 11, 1, 9, 0, 0),
            "ask",
        ))
        .unwrap();
    let mut reply = interaction(replied.id, instant(2025, 11, 4, 21, 0, 0), "yes");
    reply.direction = Direction::In;
    store.insert_interaction(&reply).unwrap();
    store
        .insert_interaction(&interaction(
            silent.id,
            instant(2025, 11, 2, 9, 0, 0),
            "ask",
        ))
        .unwrap();
    store
        .insert_follow_up(&follow_up(silent.id, day(2025, 11, 16), "nudge"))
        .unwrap();
    store
        .insert_follow_up(&follow_up(silent.id, day(2025, 12, 16), "again"))
        .unwrap();

    let stats = store.outreach_stats(day(2025, 12, 1)).unwrap();
    let ky = &stats.by_state[0];
    assert_eq!(ky.state.code(), "KY");
    assert_eq!(
        (ky.tally.programs, ky.tally.contacted, ky.tally.replied),
        (2, 2, 1)
    );
    assert_eq!(ky.tally.reply_rate, Some(0.5));
    assert_eq!(ky.tally.median_days_to_reply, Some(3.5));
    assert_eq!(ky.tally.follow_ups_overdue, 1);
    assert_eq!(stats.by_state[1].tally.programs, 1);
    assert_eq!(stats.overall.programs, 3);
    assert_eq!(stats.overall.follow_ups_overdue, 1);
}
