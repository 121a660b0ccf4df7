//! The pipeline board and the stats screen in the reducer.

use super::Popup;
use super::board;
use super::command::Command;
use super::effect::Effect;
use super::event::Event;
use super::fixtures;
use super::update::update;
use crate::domain::{ProgramId, Status};

#[test]
fn the_board_opens_on_the_selected_programs_column_and_moves_it_along() {
    let mut state = fixtures::state();
    // Selected: Buckeye Community Psychiatry, shortlisted.
    update(&mut state, Command::Board);
    let shortlisted = Status::ALL
        .iter()
        .position(|s| *s == Status::Shortlisted)
        .unwrap();
    assert_eq!(
        state.popup,
        Some(Popup::Board {
            column: shortlisted,
            row: 0
        })
    );
    assert_eq!(board::selected(&state), Some(ProgramId(4)));
    let effects = update(&mut state, Command::Promote);
    assert_eq!(
        effects,
        vec![Effect::SetStatus(ProgramId(4), Status::NotAFit)]
    );
    let mut moved = state
        .list
        .programs()
        .iter()
        .find(|p| p.id == ProgramId(4))
        .unwrap()
        .clone();
    moved.status = Status::NotAFit;
    update(&mut state, Event::ProgramSaved(Box::new(moved)));
    assert_eq!(
        board::selected(&state),
        Some(ProgramId(4)),
        "the cursor follows the program"
    );
    // Columns count the list's programs by status.
    let counts: Vec<usize> = board::columns(&state).iter().map(Vec::len).collect();
    assert_eq!(counts.iter().sum::<usize>(), 7);
    assert_eq!(
        counts[Status::ALL
            .iter()
            .position(|s| *s == Status::NotAFit)
            .unwrap()],
        2
    );
    // Left at the first column stays put; Enter opens the program's form.
    for _ in 0..20 {
        update(&mut state, Command::Left);
    }
    assert!(matches!(state.popup, Some(Popup::Board { column: 0, .. })));
    update(&mut state, Command::Down);
    let id = board::selected(&state).unwrap();
    update(&mut state, Command::OpenDetail);
    assert!(state.popup.is_none());
    assert_eq!(state.form.and_then(|f| f.target.program()), Some(id));
}

#[test]
fn stats_are_loaded_then_shown() {
    let mut state = fixtures::state();
    assert_eq!(update(&mut state, Command::Stats), vec![Effect::LoadStats]);
    update(&mut state, Event::StatsLoaded(Box::default()));
    assert!(matches!(state.popup, Some(Popup::Stats { .. })));
    update(&mut state, Command::Cancel);
    assert!(state.popup.is_none());
}

#[test]
fn accepting_a_program_offers_to_record_its_rotation_and_letters_are_tracked() {
    use crate::domain::{Letter, LetterId, Rotation, RotationId};
    let mut state = fixtures::state();
    let mut p = state.list.selected_program().unwrap().clone();
    p.status = Status::Accepted;
    update(&mut state, Event::ProgramSaved(Box::new(p.clone())));
    let Some(Popup::Confirm { message, effect }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert!(message.contains("Record the rotation"));
    let Effect::InsertRotation(r) = effect else {
        panic!("{effect:?}")
    };
    assert_eq!(r.program_id, p.id);
    assert!(r.end > r.start);
    let mut saved: Rotation = (**r).clone();
    saved.id = RotationId(1);
    update(&mut state, Command::Confirm);
    update(&mut state, Event::RotationSaved(Box::new(saved), true));
    assert!(matches!(
        state.form.map(|f| f.target),
        Some(super::forms::FormTarget::Rotation(RotationId(1)))
    ));
    state.form = None;
    // Saving it again as accepted does not ask twice.
    update(&mut state, Event::ProgramSaved(Box::new(p)));
    assert!(state.popup.is_none());

    update(&mut state, Command::Tracking);
    assert!(matches!(state.popup, Some(Popup::Tracking { .. })));
    let effects = update(&mut state, Command::AddLetter);
    let [Effect::InsertLetter(l)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        l.rotation_id,
        Some(RotationId(1)),
        "the letter is tied to the rotation there"
    );
    let letter = Letter {
        id: LetterId(5),
        received_on: Some(state.today),
        ..(**l).clone()
    };
    update(&mut state, Event::LetterSaved(Box::new(letter), true));
    assert_eq!(state.key_context(), super::keymap::KeyContext::Form);
    assert_eq!(
        super::tracking::progress(&state).received_from_us_physicians,
        1
    );
    // Esc closes the letter's form and keeps the tracking screen.
    update(&mut state, Command::Cancel);
    assert!(state.form.is_none());
    assert!(matches!(state.popup, Some(Popup::Tracking { .. })));
}

#[test]
fn the_welcome_offers_each_first_step() {
    use super::forms::FormTarget;
    let mut state = fixtures::state();
    // With a sample program listed, the welcome offers to keep or remove
    // the samples too (without one, those two steps are left out).
    let mut sample = state.list.programs()[0].clone();
    sample.id = crate::domain::ProgramId(900);
    sample.is_sample = true;
    state.list.upsert(sample);
    update(&mut state, Command::Welcome);
    let choices = super::onboarding::choices(&state);
    // Eight since issue 17 item 1 added the step for reading replies
    // (IMAP): "The onboarding wizard gets a step for it".
    assert_eq!(choices.len(), 8);
    assert!(choices[6].contains("(IMAP)"), "{choices:#?}");
    assert!(choices[0].contains("profile"));
    // Enter on the first step opens the profile form.
    update(&mut state, Command::Submit);
    assert_eq!(state.form.map(|f| f.target), Some(FormTarget::Profile));
    // The import step opens the path prompt; Tab asks to complete it.
    state.form = None;
    update(&mut state, Command::Welcome);
    update(&mut state, Command::Down);
    update(&mut state, Command::Submit);
    assert_eq!(
        state.input.as_ref().map(|i| i.purpose.clone()),
        Some(super::InputPurpose::ImportPath)
    );
    let effects = update(&mut state, Command::Complete);
    assert_eq!(effects, vec![Effect::CompletePath(String::new())]);
    update(&mut state, Event::PathCompleted("~/lists/".into()));
    assert_eq!(state.input.as_ref().unwrap().value(), "~/lists/");
    // The test message needs sending set up first.
    state.input = None;
    update(&mut state, Command::Welcome);
    for _ in 0..5 {
        update(&mut state, Command::Down);
    }
    assert!(update(&mut state, Command::Submit).is_empty());
    assert!(state.status.as_ref().is_some_and(|s| s.is_error));
}

#[test]
fn after_x_the_welcome_drops_the_sample_steps_and_ticks_import() {
    let mut state = fixtures::state();
    state.profile.full_name = "Amina Yusuf".into();
    update(&mut state, Command::Welcome);
    let choices = super::onboarding::choices(&state);
    assert!(
        choices.iter().all(|c| !c.contains("sample program")),
        "{choices:#?}"
    );
    assert!(
        choices[0].starts_with("✓ Fill in your profile"),
        "{choices:#?}"
    );
    // The fixture's programs are the user's own: the import step is done,
    // and sending is the next step.
    assert!(choices[1].starts_with("✓ Import"), "{choices:#?}");
    assert!(choices[2].starts_with("→ Set up sending"), "{choices:#?}");
    // Without programs of one's own, the import is the next step.
    state.list = crate::app::list::ProgramList::new(Vec::new(), None);
    let choices = super::onboarding::choices(&state);
    assert!(choices[1].starts_with("→ Import"), "{choices:#?}");
    assert!(choices[2].starts_with("  Set up sending"), "{choices:#?}");
}

#[test]
fn a_settings_problem_is_the_welcomes_first_step_and_enter_lists_it() {
    let mut state = fixtures::state();
    state.settings_problems = vec!["config.toml:3: smtp.port: invalid type".into()];
    update(&mut state, Command::Welcome);
    let choices = super::onboarding::choices(&state);
    assert!(
        choices[0].contains("Settings need attention: config.toml:3: smtp.port"),
        "{choices:#?}"
    );
    update(&mut state, Command::Up);
    update(&mut state, Command::Top);
    update(&mut state, Command::Submit);
    let Some(Popup::Info { lines, .. }) = &state.popup else {
        panic!("{:?}", state.popup)
    };
    assert_eq!(lines, &state.settings_problems);
}

#[test]
fn the_smtp_form_saves_once_complete_and_valid() {
    use super::forms::FormTarget;
    let mut state = fixtures::state();
    state.profile.email = "me@example.org".into();
    super::onboarding::start_smtp(&mut state);
    assert_eq!(state.form.map(|f| f.target), Some(FormTarget::Smtp));
    // Host is the first field: typing it makes the settings complete.
    update(&mut state, Command::Submit);
    let input = state.input.as_mut().unwrap();
    *input = super::Input::new(input.purpose.clone(), "x", "smtp.example.org");
    let effects = update(&mut state, Command::Submit);
    // A login is prefilled from the profile but no password source yet.
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        state
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("Not saved yet"))
    );
    let cmd = crate::domain::fields::FieldSet::all()
        .iter()
        .position(|f: &super::onboarding::SmtpField| {
            *f == super::onboarding::SmtpField::PasswordCmd
        })
        .unwrap();
    state.form.as_mut().unwrap().selected = cmd;
    update(&mut state, Command::Submit);
    let input = state.input.as_mut().unwrap();
    *input = super::Input::new(input.purpose.clone(), "x", "pass show mail");
    let effects = update(&mut state, Command::Submit);
    let [Effect::SaveSmtp(smtp)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(smtp.host, "smtp.example.org");
    assert_eq!(
        smtp.password_cmd,
        Some(vec!["pass".into(), "show".into(), "mail".into()])
    );
}

#[test]
fn esc_from_a_program_opened_on_the_board_returns_to_the_board() {
    let mut state = fixtures::state();
    update(&mut state, Command::Board);
    update(&mut state, Command::OpenDetail);
    assert!(state.form.is_some() && state.popup.is_none());
    update(&mut state, Command::Cancel);
    assert!(state.form.is_none());
    assert!(
        matches!(state.popup, Some(Popup::Board { .. })),
        "{:?}",
        state.popup
    );
}
