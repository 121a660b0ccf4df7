use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::Role;
use crate::outreach::fixtures::{
    add_contact, add_program, files_in, profile, store_with_profile, today, unreachable_smtp,
};

fn templates() -> TemplateSet {
    TemplateSet::load(None).unwrap()
}

#[test]
fn compose_renders_an_unsaved_addressed_draft_with_attachments() {
    let mut store = store_with_profile(&Profile {
        cv_path: "/home/a/cv.pdf".into(),
        scores_path: "  ".into(),
        ..profile()
    });
    let program = add_program(&mut store, "Bluegrass Internal Medicine", "KY");
    let contact = add_contact(&mut store, program, Role::Coordinator, "im@example.edu");

    let draft = compose(
        &store,
        &templates(),
        program,
        Some(contact.id),
        "request_rotation",
        today(),
    )
    .unwrap();

    assert_eq!(draft.id, DraftId(0));
    assert_eq!(draft.program_id, program);
    assert_eq!(draft.contact_id, Some(contact.id));
    assert_eq!(draft.template.as_deref(), Some("request_rotation"));
    assert_eq!(draft.to, "im@example.edu");
    assert!(draft.subject.contains("Amína Yúsuf"), "{}", draft.subject);
    assert!(
        draft.body.starts_with("Dear coordinator person,"),
        "{}",
        draft.body
    );
    assert!(draft.body.contains("Bluegrass Internal Medicine"));
    assert!(
        draft.attach_from_profile,
        "the profile's files, as they are at send"
    );
    assert_eq!(
        draft.attachment_paths(&store.profile().unwrap()),
        ["/home/a/cv.pdf"]
    );
    assert_eq!(draft.status, DraftStatus::Draft);
    assert!(store.list_drafts(program).unwrap().is_empty(), "not saved");
}

#[test]
fn compose_names_every_blank_field_the_template_needs() {
    let mut store = store_with_profile(&Profile {
        full_name: String::new(),
        medical_school: String::new(),
        ..profile()
    });
    let program = add_program(&mut store, "Bluegrass IM", "KY");
    let err = compose(
        &store,
        &templates(),
        program,
        None,
        "request_rotation",
        today(),
    )
    .unwrap_err();
    match err {
        ComposeError::Template(TemplateError::Missing { fields }) => {
            assert_eq!(fields, ["profile.full_name", "profile.medical_school"]);
        }
        other => panic!("expected Missing, got {other:?}"),
    }
}

#[test]
fn compose_refuses_another_programs_contact_and_unknown_templates() {
    let mut store = store_with_profile(&profile());
    let one = add_program(&mut store, "One", "KY");
    let two = add_program(&mut store, "Two", "OH");
    let theirs = add_contact(&mut store, two, Role::Coordinator, "two@example.edu");
    let err = compose(
        &store,
        &templates(),
        one,
        Some(theirs.id),
        "request_rotation",
        today(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("another program"), "{err}");
    let err = compose(&store, &templates(), one, None, "no_such", today()).unwrap_err();
    assert!(
        matches!(err, ComposeError::Template(TemplateError::Unknown(_))),
        "{err:?}"
    );
}

#[test]
fn outgoing_mail_splits_recipients_and_signs_with_the_profile_name() {
    let draft = Draft {
        to: "a@example.edu; b@example.edu ,".into(),
        cc: "c@example.edu".into(),
        subject: "Hello".into(),
        body: "Body\n".into(),
        attachments: vec!["/tmp/cv.pdf".into(), " ".into()],
        ..Draft::default()
    };
    let mail = outgoing_for(
        &draft,
        &profile(),
        Sender::parse("amina@example.org").unwrap(),
    );
    assert_eq!(mail.to, ["a@example.edu", "b@example.edu"]);
    assert_eq!(mail.cc, ["c@example.edu"]);
    assert_eq!(mail.from.name, "Amína Yúsuf");
    assert_eq!(mail.from.email, "amina@example.org");
    assert_eq!(mail.attachments, [PathBuf::from("/tmp/cv.pdf")]);
    let named = outgoing_for(
        &draft,
        &profile(),
        Sender::parse("Dr A <a@example.org>").unwrap(),
    );
    assert_eq!(named.from.name, "Dr A");
}

fn saved_draft(store: &mut Store, to: &str) -> Draft {
    let program = add_program(store, "Bluegrass IM", "KY");
    store
        .save_draft(&Draft {
            program_id: program,
            template: Some("request_rotation".into()),
            to: to.into(),
            subject: "Rotation".into(),
            body: "Hi\n".into(),
            ..Draft::default()
        })
        .unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 4, 12, 0, 0).unwrap()
}

#[test]
fn drafts_that_cannot_be_sent_are_refused_before_any_connection() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = unreachable_smtp();
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: &dir.path().join("sent"),
        follow_up_days: 7,
    };
    let mut store = store_with_profile(&profile());

    let empty = saved_draft(&mut store, " ; ");
    let err = send_draft(&mut store, &mailer, empty.id, now()).unwrap_err();
    assert!(matches!(err, SendDraftError::NoRecipient), "{err:?}");

    let err = send_draft(&mut store, &mailer, DraftId(999), now()).unwrap_err();
    assert!(
        matches!(err, SendDraftError::NotFound(DraftId(999))),
        "{err:?}"
    );

    let unsent = saved_draft(&mut store, "a@example.edu");
    let sent = store
        .save_draft(&Draft {
            status: DraftStatus::Sent,
            ..unsent
        })
        .unwrap();
    let err = send_draft(&mut store, &mailer, sent.id, now()).unwrap_err();
    assert!(matches!(err, SendDraftError::AlreadySent), "{err:?}");
    assert!(files_in(&dir.path().join("sent")).is_empty());
}

#[test]
fn a_refused_connection_leaves_the_draft_and_the_sent_folder_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let sent_dir = dir.path().join("sent");
    let smtp = unreachable_smtp();
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: &sent_dir,
        follow_up_days: 7,
    };
    let mut store = store_with_profile(&profile());
    let draft = saved_draft(&mut store, "a@example.edu");

    let err = send_draft(&mut store, &mailer, draft.id, now()).unwrap_err();

    assert!(
        matches!(err, SendDraftError::Smtp(SendError::Connection { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("refused"), "{err}");
    assert_eq!(store.get_draft(draft.id).unwrap().unwrap(), draft);
    assert!(
        store
            .list_interactions(draft.program_id)
            .unwrap()
            .is_empty()
    );
    assert!(store.list_follow_ups(draft.program_id).unwrap().is_empty());
    assert!(files_in(&sent_dir).is_empty(), "{:?}", files_in(&sent_dir));
}

#[test]
fn export_writes_a_private_eml_and_leaves_the_draft_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_profile(&profile());
    let draft = saved_draft(&mut store, "a@example.edu");
    let path = dir.path().join("out").join("draft.eml");

    export_eml(
        &store,
        &draft,
        Sender::parse("amina@example.org").unwrap(),
        &path,
    )
    .unwrap();

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("To: a@example.edu\r\n"), "{text}");
    assert!(text.contains("Subject: Rotation\r\n"), "{text}");
    assert!(text.contains("Message-ID: <"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(store.get_draft(draft.id).unwrap().unwrap(), draft);
}

#[test]
fn a_template_already_sent_to_the_program_is_refused_before_any_connection() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = unreachable_smtp();
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: &dir.path().join("sent"),
        follow_up_days: 7,
    };
    let mut store = store_with_profile(&profile());
    let first = saved_draft(&mut store, "a@example.edu");
    let record = sent_record(
        &first,
        "<1@example.org>",
        Path::new("/x.eml"),
        &mailer,
        now(),
    );
    store.record_sent(&record).unwrap();
    let second = store
        .save_draft(&Draft {
            id: DraftId(0),
            status: DraftStatus::Draft,
            ..first.clone()
        })
        .unwrap();

    let err = send_draft(&mut store, &mailer, second.id, now()).unwrap_err();

    assert!(
        matches!(&err, SendDraftError::TemplateAlreadySent { template } if template == "request_rotation"),
        "{err:?}"
    );
    assert_eq!(store.get_draft(second.id).unwrap().unwrap(), second);
}

#[test]
fn the_follow_up_is_due_the_configured_days_after_the_local_send_day() {
    let smtp = unreachable_smtp();
    let mailer = Mailer {
        smtp: &smtp,
        sent_dir: Path::new("/unused"),
        follow_up_days: 10,
    };
    let draft = Draft {
        subject: "Rotation".into(),
        ..Draft::default()
    };
    let record = sent_record(&draft, "<1@x>", Path::new("/x.eml"), &mailer, now());
    let follow_up = record.follow_up.unwrap();
    let local_day = now().with_timezone(&Local).date_naive();
    assert_eq!(follow_up.due, local_day + chrono::Days::new(10));
    assert_eq!(follow_up.note, "No reply to “Rotation”? Nudge.");
    assert_eq!(record.log_entry.summary, "Sent: Rotation");
    assert_eq!(record.advance_to, Some(Status::Contacted));
}
