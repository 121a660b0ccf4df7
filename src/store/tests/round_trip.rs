use super::{add_contact, day, full_program, instant, interaction, state, store};
use crate::domain::{
    Channel, Contact, ContactId, Direction, Draft, DraftId, DraftStatus, FollowUp, FollowUpId,
    Interaction, InteractionId, PreferredMethod, Profile, Program, ProgramId, Role, Status,
    StepResult, Title,
};
use crate::store::StoreError;

#[test]
fn every_program_field_round_trips() {
    let mut store = store();
    let input = full_program();
    let before = chrono::Utc::now();

    let saved = store.insert_program(&input).unwrap();

    assert_ne!(saved.id, ProgramId(777), "insert must ignore the given id");
    assert!(saved.created_at >= before && saved.updated_at == saved.created_at);
    let loaded = store.get_program(saved.id).unwrap().unwrap();
    assert_eq!(loaded, saved);
    assert_eq!(
        loaded,
        Program {
            id: saved.id,
            created_at: saved.created_at,
            updated_at: saved.updated_at,
            ..input
        }
    );
    assert_eq!(loaded.external_id.as_deref(), Some("0012345678"));
}

#[test]
fn a_program_with_nothing_optional_round_trips() {
    let mut store = store();
    let input = Program::new("Plain", state("KY"));
    let saved = store.insert_program(&input).unwrap();
    let loaded = store.get_program(saved.id).unwrap().unwrap();
    assert_eq!(loaded, saved);
    assert_eq!(loaded.external_id, None);
    assert_eq!(loaded.route, None);
    assert!(loaded.tags.is_empty() && loaded.rotation.kinds.is_empty());
}

#[test]
fn update_program_saves_every_field_and_keeps_created_at() {
    let mut store = store();
    let original = store
        .insert_program(&Program::new("Before", state("OH")))
        .unwrap();
    let edited = Program {
        id: original.id,
        created_at: original.created_at,
        ..full_program()
    };

    let saved = store.update_program(&edited).unwrap();

    assert_eq!(saved.created_at, original.created_at);
    assert!(saved.updated_at >= original.updated_at);
    assert_eq!(
        saved,
        Program {
            updated_at: saved.updated_at,
            ..edited
        }
    );
    assert_eq!(store.get_program(original.id).unwrap().unwrap(), saved);
}

#[test]
fn enums_and_lists_are_stored_as_readable_text() {
    let mut store = store();
    let saved = store.insert_program(&full_program()).unwrap();
    let row: (String, String, String, String, String) = store
        .conn
        .query_row(
            "SELECT status, state, visa, rotation_kinds, applications_open FROM programs \
             WHERE id = ?1",
            [saved.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "not_a_fit".into(),
            "PR".into(),
            "both".into(),
            r#"["subi","observership"]"#.into(),
            "2026-02-28".into()
        )
    );
}

#[test]
fn an_unknown_code_in_the_file_is_an_error_not_a_panic() {
    let mut store = store();
    let saved = store.insert_program(&full_program()).unwrap();
    store
        .conn
        .execute(
            "UPDATE programs SET status = 'bogus' WHERE id = ?1",
            [saved.id],
        )
        .unwrap();
    let err = store.list_programs().unwrap_err();
    assert!(matches!(err, StoreError::Sql { .. }), "{err:?}");
    assert!(err.to_string().contains("bogus"), "{err}");
}

#[test]
fn program_input_is_checked() {
    let mut store = store();
    let nameless = Program::new("  ", state("KY"));
    assert!(matches!(
        store.insert_program(&nameless),
        Err(StoreError::Invalid(_))
    ));

    let mut bad_number = full_program();
    bad_number.external_id = Some("12 34".into());
    assert!(matches!(
        store.insert_program(&bad_number),
        Err(StoreError::Invalid(_))
    ));

    let mut too_many_imgs = full_program();
    too_many_imgs.img_percent = Some(101);
    let err = store.insert_program(&too_many_imgs).unwrap_err();
    assert!(err.to_string().contains("img_percent"), "{err}");
    assert_eq!(store.count_programs().unwrap(), 0);
}

#[test]
fn program_numbers_are_unique_but_blank_ones_are_none() {
    let mut store = store();
    store.insert_program(&full_program()).unwrap();
    let err = store.insert_program(&full_program()).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("program number"), "{err}");

    let mut blank = Program::new("Blank one", state("KY"));
    blank.external_id = Some("  ".into());
    let saved = store.insert_program(&blank).unwrap();
    assert_eq!(saved.external_id, None);
    store
        .insert_program(&Program::new("Another without number", state("KY")))
        .unwrap();
    assert_eq!(store.count_programs().unwrap(), 3);
}

#[test]
fn contact_round_trips_and_updates() {
    let mut store = store();
    let program = store.insert_program(&full_program()).unwrap();
    let input = Contact {
        id: ContactId(99),
        program_id: program.id,
        role: Role::StudentOffice,
        name: "Oficina de Educación Médica".into(),
        email: "gme.office@example.edu".into(),
        phone: "(787) 555-0142".into(),
        linkedin: "https://example.org/in/gme".into(),
        preferred: PreferredMethod::LinkedIn,
        source: "program website".into(),
        as_of: Some(day(2025, 10, 3)),
        notes: "answers in Spanish".into(),
        title: Some(Title::Mx),
        preferred_name: "Oficina GME".into(),
    };
    let saved = store.insert_contact(&input).unwrap();
    assert_ne!(saved.id, ContactId(99));
    assert_eq!(
        saved,
        Contact {
            id: saved.id,
            ..input.clone()
        }
    );
    assert_eq!(store.get_contact(saved.id).unwrap(), Some(saved.clone()));

    let edited = Contact {
        role: Role::Other,
        name: "Renamed".into(),
        email: String::new(),
        as_of: None,
        title: None,
        preferred_name: "Renamed Office".into(),
        ..saved.clone()
    };
    assert_eq!(store.update_contact(&edited).unwrap(), edited);
    assert_eq!(store.list_contacts(program.id).unwrap(), vec![edited]);
}

#[test]
fn contact_emails_are_validated() {
    let mut store = store();
    let program = store.insert_program(&full_program()).unwrap();
    let mut contact = add_contact(&mut store, program.id, Role::Coordinator, "Coordinator");
    contact.email = "not an email".into();
    assert!(matches!(
        store.update_contact(&contact),
        Err(StoreError::Invalid(_))
    ));
    contact.id = ContactId(0);
    assert!(matches!(
        store.insert_contact(&contact),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn interaction_round_trips() {
    let mut store = store();
    let program = store.insert_program(&full_program()).unwrap();
    let contact = add_contact(&mut store, program.id, Role::Coordinator, "Coordinator");
    let input = Interaction {
        id: InteractionId(5),
        contact_id: Some(contact.id),
        channel: Channel::LinkedIn,
        direction: Direction::In,
        eml_path: Some("/home/me/sent/ñ.eml".into()),
        ..interaction(
            program.id,
            instant(2025, 3, 1, 14, 5, 9),
            "Replied: send CV",
        )
    };
    let saved = store.insert_interaction(&input).unwrap();
    assert_eq!(
        saved,
        Interaction {
            id: saved.id,
            ..input
        }
    );
    assert_eq!(store.list_interactions(program.id).unwrap(), vec![saved]);
}

#[test]
fn interaction_keeps_sub_second_precision() {
    let mut store = store();
    let program = store.insert_program(&full_program()).unwrap();
    let at = chrono::Utc::now();
    let saved = store
        .insert_interaction(&interaction(program.id, at, "now"))
        .unwrap();
    assert_eq!(store.list_interactions(program.id).unwrap()[0].at, at);
    assert_eq!(saved.at, at);
}

#[test]
fn draft_round_trips() {
    let mut store = store();
    let program = store.insert_program(&full_program()).unwrap();
    let contact = add_contact(&mut store, program.id, Role::Coordinator, "Coordinator");
    let input = Draft {
        id: DraftId(0),
        program_id: program.id,
        contact_id: Some(contact.id),
        template: Some("first_contact".into()),
        to: "gme@example.org".into(),
        cc: "me@example.org".into(),
        subject: "Rotation request – Señor".into(),
        body: "Dear Coordinator,\n\nI am writing…".into(),
        attachments: vec!["/home/me/CV, final.pdf".into(), "/home/me/step1.pdf".into()],
        attach_from_profile: true,
        status: DraftStatus::Sent,
        message_id: Some("<abc@example.org>".into()),
        sent_at: Some(instant(2025, 3, 2, 9, 0, 0)),
        updated_at: None,
    };
    let saved = store.save_draft(&input).unwrap();
    assert!(saved.updated_at.is_some());
    let listed = store.list_drafts(program.id).unwrap();
    assert_eq!(listed, vec![saved.clone()]);
    assert_eq!(
        saved,
        Draft {
            id: saved.id,
            updated_at: saved.updated_at,
            ..input
        }
    );
}

#[test]
fn follow_up_round_trips_and_updates() {
    let mut store = store();
    let program = store.insert_program(&full_program()).unwrap();
    let contact = add_contact(&mut store, program.id, Role::Coordinator, "Coordinator");
    let input = FollowUp {
        id: FollowUpId(0),
        program_id: program.id,
        contact_id: Some(contact.id),
        due: day(2026, 1, 20),
        note: "chase if no reply".into(),
        done_at: Some(instant(2026, 1, 21, 8, 0, 0)),
        snoozed_from: vec![day(2026, 1, 6), day(2026, 1, 13)],
    };
    let saved = store.insert_follow_up(&input).unwrap();
    assert_eq!(
        saved,
        FollowUp {
            id: saved.id,
            ..input
        }
    );
    assert_eq!(
        store.list_follow_ups(program.id).unwrap(),
        vec![saved.clone()]
    );

    let edited = FollowUp {
        contact_id: None,
        done_at: None,
        snoozed_from: vec![],
        ..saved
    };
    assert_eq!(store.update_follow_up(&edited).unwrap(), edited);
    assert_eq!(store.list_follow_ups(program.id).unwrap(), vec![edited]);
}

#[test]
fn profile_is_default_until_saved_then_round_trips() {
    let mut store = store();
    assert_eq!(store.profile().unwrap(), Profile::default());
    let input = Profile {
        full_name: "Applicant Example".into(),
        email: "me@example.org".into(),
        phone: "+20 555 0100".into(),
        medical_school: "Universidad Ejemplo".into(),
        country: "México".into(),
        graduation_year: Some(2023),
        is_student: true,
        step1: StepResult::Pass,
        step2_score: Some(248),
        ecfmg_status: "pending Step 2 CK".into(),
        needs_visa: true,
        target_specialty: "Internal Medicine".into(),
        related_specialties: vec!["Family Medicine".into(), "Pediatrics".into()],
        available: "from July 2026".into(),
        home_state: Some(state("NY")),
        signature: "—\nA. Example".into(),
        cv_path: "/home/me/cv.pdf".into(),
        scores_path: "/home/me/scores.pdf".into(),
        usmle_id: "0-123-456-7".into(),
    };
    store.save_profile(&input).unwrap();
    assert_eq!(store.profile().unwrap(), input);

    let cleared = Profile {
        home_state: None,
        step2_score: None,
        ..input
    };
    store.save_profile(&cleared).unwrap();
    assert_eq!(store.profile().unwrap(), cleared);
    let rows: i64 = store
        .conn
        .query_row("SELECT count(*) FROM profile", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn set_status_changes_status_and_misses_are_not_found() {
    let mut store = store();
    let program = store.insert_program(&full_program()).unwrap();
    store.set_status(program.id, Status::Replied).unwrap();
    let loaded = store.get_program(program.id).unwrap().unwrap();
    assert_eq!(loaded.status, Status::Replied);
    assert!(loaded.updated_at >= program.updated_at);

    let missing = ProgramId(program.id.0 + 100);
    assert!(matches!(
        store.set_status(missing, Status::Replied),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.update_program(&Program {
            id: missing,
            ..program
        }),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.delete_program(missing),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(store.get_program(missing).unwrap(), None);
}
