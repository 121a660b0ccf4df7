//! Editing in the after-yes overlays by key: a document edited and
//! removed (`e`, `x` in `K`), an application's outcome (`o` in `E`), a
//! rotation's travel (`t` in `$`), and the board's word on *applied*.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::after_yes::AfterYesView;
use super::after_yes_edit::{Outcome, parse_outcome};
use super::effect::Effect;
use super::event::Event;
use super::fixtures_after_yes::{plans, state};
use super::msg::UserInput;
use super::update::update;
use super::{AppState, InputPurpose, Popup};
use crate::domain::application::Decision;
use crate::domain::costs::Cents;
use crate::domain::documents::{DocKind, DocumentId, StandardDoc};
use crate::domain::{ProgramId, RotationId, Status};

fn press(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    match state.keymap.resolve(&key, state.key_context()) {
        Some(msg) => update(state, msg),
        None => Vec::new(),
    }
}

/// Types into the open prompt (its selected text is replaced) and Enter.
fn answer(state: &mut AppState, text: &str) -> Vec<Effect> {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        update(state, UserInput::InputKey(key));
    }
    press(state, KeyCode::Enter)
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn opened(view: AfterYesView) -> AppState {
    let mut s = state();
    update(&mut s, Event::PlansLoaded(Box::new(plans()), view));
    s
}

#[test]
fn e_over_the_shelf_edits_the_document_under_the_cursor_keeping_its_file() {
    let mut s = opened(AfterYesView::Documents);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('e'));
    let input = s.input.as_ref().expect("a prompt");
    assert_eq!(input.purpose, InputPurpose::EditDocument(DocumentId(2)));
    assert_eq!(input.text.lines()[0], "BLS, 2025-06-01");
    let effects = answer(&mut s, "BLS, June 3 2026");
    let [Effect::UpdateDocument(doc)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(doc.id, DocumentId(2));
    assert_eq!(doc.kind, DocKind::Standard(StandardDoc::Bls));
    assert_eq!(
        doc.obtained,
        Some(day(2026, 6, 3)),
        "the shared date parser"
    );
    assert_eq!(doc.path, "~/docs/bls-card.pdf", "the file is kept");
    assert!(s.input.is_none());
}

#[test]
fn a_document_line_reads_dates_written_with_commas() {
    let doc = super::after_yes_edit::document_parts("TB test, Sep 1, 2026, June 30, 2027").unwrap();
    assert_eq!(doc.obtained, Some(day(2026, 9, 1)));
    assert_eq!(doc.expires, Some(day(2027, 6, 30)));
    let doc = super::after_yes_edit::document_parts("passport, , May 1, 2031").unwrap();
    assert_eq!((doc.obtained, doc.expires), (None, Some(day(2031, 5, 1))));
    let why = super::after_yes_edit::document_parts("BLS, 2026-01-10, never").unwrap_err();
    assert!(why.contains("expiry"), "{why}");
}

#[test]
fn a_bad_date_in_the_edit_keeps_the_prompt_open_and_saves_nothing() {
    let mut s = opened(AfterYesView::Documents);
    press(&mut s, KeyCode::Char('e'));
    let effects = answer(&mut s, "TB test, someday");
    assert!(effects.is_empty(), "{effects:?}");
    let input = s.input.as_ref().expect("still open");
    assert!(input.error.as_deref().unwrap_or("").contains("not a date"));
}

#[test]
fn x_over_the_shelf_asks_then_removes_and_the_overlay_comes_back() {
    let mut s = opened(AfterYesView::Documents);
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Char('x'));
    let Some(Popup::Confirm { message, .. }) = &s.popup else {
        panic!("{:?}", s.popup);
    };
    assert!(message.contains("CV"), "{message}");
    let effects = press(&mut s, KeyCode::Char('y'));
    assert_eq!(effects, [Effect::DeleteDocument(DocumentId(3))]);
    assert!(matches!(
        s.popup,
        Some(Popup::AfterYes {
            view: AfterYesView::Documents,
            scroll: 2
        })
    ));
    // No: nothing happens.
    press(&mut s, KeyCode::Char('x'));
    assert!(press(&mut s, KeyCode::Char('n')).is_empty());
}

#[test]
fn the_editing_keys_do_nothing_in_the_wrong_overlay() {
    let mut s = opened(AfterYesView::Budget);
    for key in ['e', 'x', 'o', 'a'] {
        assert!(press(&mut s, KeyCode::Char(key)).is_empty());
        assert!(s.input.is_none() && matches!(s.popup, Some(Popup::AfterYes { .. })));
    }
    let mut s = opened(AfterYesView::Documents);
    press(&mut s, KeyCode::Char('t'));
    assert!(s.input.is_none());
}

#[test]
fn o_in_a_checklist_records_submitted_on_and_the_decision() {
    let program = ProgramId(7);
    let mut s = opened(AfterYesView::Checklist(program));
    press(&mut s, KeyCode::Char('o'));
    let input = s.input.as_ref().expect("a prompt");
    assert_eq!(input.purpose, InputPurpose::ApplicationOutcome(program));
    assert_eq!(input.text.lines()[0], ", pending", "nothing submitted yet");
    let effects = answer(&mut s, "11/25/2026, accepted, Dec 1 2026");
    assert_eq!(
        effects,
        [Effect::SaveOutcome {
            program,
            outcome: Outcome {
                submitted_on: Some(day(2026, 11, 25)),
                decision: Decision::Accepted,
                decided_on: Some(day(2026, 12, 1)),
            }
        }]
    );
}

#[test]
fn an_outcome_reads_leniently_and_refuses_an_unknown_decision() {
    let today = day(2026, 12, 1);
    let o = parse_outcome("2026-11-20, waitlisted", today).unwrap();
    assert_eq!(
        o.decided_on,
        Some(today),
        "a decision with no date is today's"
    );
    let o = parse_outcome("2026-11-20", today).unwrap();
    assert_eq!((o.decision, o.decided_on), (Decision::Pending, None));
    let o = parse_outcome("2026-11-20, pending, 2026-11-30", today).unwrap();
    assert_eq!(o.decided_on, None, "pending has no decision date");
    assert!(
        parse_outcome("2026-11-20, maybe", today)
            .unwrap_err()
            .contains("maybe")
    );
    assert!(parse_outcome("soon", today).is_err());
    let o = parse_outcome("Nov 20, 2026, declined, Nov 30, 2026", today).unwrap();
    assert_eq!(
        o.submitted_on,
        Some(day(2026, 11, 20)),
        "dates keep their commas"
    );
    assert_eq!(o.decided_on, Some(day(2026, 11, 30)));
    assert_eq!(o.decision, Decision::Declined);
}

#[test]
fn t_in_the_budget_types_the_travel_of_the_rotation_under_the_cursor() {
    let mut s = opened(AfterYesView::Budget);
    let lines = s.plans.budget(s.list.programs()).lines;
    let booked = lines
        .iter()
        .position(|l| l.rotation_id == Some(RotationId(1)))
        .unwrap();
    for _ in 0..booked {
        press(&mut s, KeyCode::Char('j'));
    }
    press(&mut s, KeyCode::Char('t'));
    let input = s.input.as_ref().expect("a prompt");
    assert_eq!(input.purpose, InputPurpose::Travel(RotationId(1)));
    assert_eq!(input.text.lines()[0], "650.00");
    let effects = answer(&mut s, "$1,200.50");
    assert_eq!(effects, [Effect::SetTravel(RotationId(1), Cents(120_050))]);
    press(&mut s, KeyCode::Char('t'));
    assert!(answer(&mut s, "lots").is_empty(), "not an amount");
}

#[test]
fn t_on_an_application_not_yet_booked_says_to_record_the_rotation() {
    let mut s = opened(AfterYesView::Budget);
    let lines = s.plans.budget(s.list.programs()).lines;
    let unbooked = lines.iter().position(|l| l.rotation_id.is_none()).unwrap();
    for _ in 0..unbooked {
        press(&mut s, KeyCode::Char('j'));
    }
    press(&mut s, KeyCode::Char('t'));
    assert!(s.input.is_none());
    let status = s.status.as_ref().unwrap();
    assert!(
        status.is_error && status.text.contains("L"),
        "{}",
        status.text
    );
}

#[test]
fn moving_a_card_to_applied_on_the_board_points_at_its_checklist() {
    let mut s = state();
    let applied = Status::ALL
        .iter()
        .position(|st| *st == Status::Applied)
        .unwrap();
    let mut programs = s.list.programs().to_vec();
    for p in &mut programs {
        if p.id == ProgramId(7) {
            p.status = Status::ALL[applied - 1];
        }
    }
    s.list = super::list::ProgramList::new(programs, crate::domain::UsState::parse("OH"));
    s.list.select_program(ProgramId(7));
    update(&mut s, super::command::Command::Board);
    let effects = press(&mut s, KeyCode::Char('>'));
    assert_eq!(effects, [Effect::SetStatus(ProgramId(7), Status::Applied)]);
    assert!(
        matches!(s.popup, Some(Popup::Board { .. })),
        "the board stays"
    );
    let status = s.status.as_ref().unwrap();
    assert!(
        status.text.contains("E opens its checklist"),
        "{}",
        status.text
    );
    // The move lands: the cursor follows the card into its column.
    let mut moved = s.list.get(ProgramId(7)).unwrap().clone();
    moved.status = Status::Applied;
    update(&mut s, Event::ProgramSaved(Box::new(moved)));
    let effects = press(&mut s, KeyCode::Char('E'));
    assert_eq!(
        effects,
        [Effect::LoadPlans(AfterYesView::Checklist(ProgramId(7)))]
    );
    // Any other move says nothing of a checklist.
    s.status = None;
    press(&mut s, KeyCode::Char('>'));
    assert!(s.status.is_none());
}
