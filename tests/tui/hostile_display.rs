//! Text from a spreadsheet or a web page can carry terminal control
//! sequences: `ESC ] 0 ; title BEL` renames the window, `ESC [ 2 J` clears
//! the screen, and the C1 codes (U+0080–U+009F, e.g. U+009B, a one-character
//! CSI) do the same on terminals that honour them. Every screen that shows
//! user text is drawn here with such text in every field, and no cell may
//! hold a control character afterwards.
#![allow(clippy::unwrap_used, clippy::panic)]

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use usce::app::command::Command;
use usce::app::event::{Event, ProgramLoaded};
use usce::app::forms::{Form, FormTarget};
use usce::app::list::ProgramList;
use usce::app::update::update;
use usce::app::{AppState, Input, InputPurpose, Pane, Popup};
use usce::domain::{
    Channel, Contact, ContactId, Direction, Draft, Interaction, InteractionId, Program, ProgramId,
    Role, UsState,
};
use usce::ui::{Theme, render};

const PWNED: &str = "\x1b]0;pwned\x07\x1b[2J\u{9b}31m\u{9d}0;x\u{9c}\u{85}\r\nX\x08\x7f\0";

/// A state whose every user-visible text is `evil`.
fn hostile_state(evil: &str) -> AppState {
    let id = ProgramId(7);
    let mut program = Program::new(format!("Mercy {evil}"), UsState::parse("KY").unwrap());
    program.id = id;
    program.institution = evil.into();
    program.specialty = evil.into();
    program.city = evil.into();
    program.website = evil.into();
    program.notes = evil.into();
    program.tags = vec![evil.into()];
    program.rotation.fee = evil.into();
    let mut state = AppState::new(ProgramList::new(vec![program], None));
    state.list.select_program(id);
    state.profile.full_name = evil.into();
    state.profile.signature = evil.into();
    let loaded = ProgramLoaded {
        program: id,
        contacts: vec![Contact {
            id: ContactId(3),
            program_id: id,
            role: Role::Coordinator,
            name: evil.into(),
            email: evil.into(),
            phone: evil.into(),
            notes: evil.into(),
            ..Contact::default()
        }],
        interactions: vec![Interaction {
            id: InteractionId(4),
            program_id: id,
            contact_id: None,
            at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            channel: Channel::Email,
            direction: Direction::Out,
            summary: evil.into(),
            eml_path: None,
        }],
        draft: Some(Draft {
            program_id: id,
            subject: evil.into(),
            body: format!("{evil}\nsecond line {evil}"),
            ..Draft::default()
        }),
        ..ProgramLoaded::default()
    };
    update(&mut state, Event::ProgramLoaded(Box::new(loaded)));
    state.error(evil);
    state
}

/// Every variation of the screen that draws user text.
fn screens(evil: &str) -> Vec<(&'static str, AppState)> {
    let mut out = vec![("main", hostile_state(evil))];
    for (name, target) in [
        ("program form", FormTarget::Program(ProgramId(7))),
        ("contact form", FormTarget::Contact(ContactId(3))),
        ("log form", FormTarget::Interaction(InteractionId(4))),
        ("profile form", FormTarget::Profile),
    ] {
        let mut s = hostile_state(evil);
        s.form = Some(Form {
            target,
            selected: 0,
        });
        out.push((name, s));
    }
    let mut s = hostile_state(evil);
    s.popup = Some(Popup::Info {
        title: evil.into(),
        lines: vec![evil.into(), evil.into()],
        scroll: 0,
    });
    out.push(("info popup", s));
    let mut s = hostile_state(evil);
    update(&mut s, Command::Delete);
    assert!(matches!(s.popup, Some(Popup::Confirm { .. })));
    out.push(("confirm popup", s));
    let mut s = hostile_state(evil);
    s.input = Some(Input::new(InputPurpose::NewLogEntry, evil, evil));
    out.push(("input line", s));
    let mut s = hostile_state(evil);
    s.list.set_filter(evil);
    out.push(("search", s));
    let mut s = hostile_state(evil);
    s.popup = Some(Popup::FilterBar { selected: 0 });
    out.push(("filter bar", s));
    for pane in [Pane::Log, Pane::Draft] {
        let mut s = hostile_state(evil);
        s.focus = pane;
        s.draft.editing = pane == Pane::Draft;
        out.push(("focused pane", s));
    }
    out
}

/// Draws every screen at a wide and a narrow size and returns the first
/// cell holding a control character, if any.
fn control_cell(evil: &str) -> Option<String> {
    control_cell_in(screens(evil), &[(120, 36), (60, 20)])
}

/// The screens most text goes through, at one size: enough per case for
/// thousands of random strings to run in seconds.
fn control_cell_quick(evil: &str) -> Option<String> {
    let mut all = screens(evil);
    all.retain(|(name, _)| ["main", "program form", "info popup", "input line"].contains(name));
    control_cell_in(all, &[(100, 30)])
}

fn control_cell_in(screens: Vec<(&'static str, AppState)>, sizes: &[(u16, u16)]) -> Option<String> {
    for (name, state) in screens {
        for &(w, h) in sizes {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|f| render(f, &state, &Theme::default()))
                .unwrap();
            let buffer = terminal.backend().buffer();
            for (i, cell) in buffer.content().iter().enumerate() {
                if cell.symbol().chars().any(char::is_control) {
                    return Some(format!(
                        "{name} at {w}x{h}: cell {i} holds {:?}",
                        cell.symbol()
                    ));
                }
            }
        }
    }
    None
}

#[test]
fn escape_sequences_in_every_field_never_reach_the_screen() {
    assert_eq!(control_cell(PWNED), None);
    // The words around the sequences still show, so the test looks at the
    // screens that matter.
    let state = hostile_state(PWNED);
    let mut terminal = Terminal::new(TestBackend::new(120, 36)).unwrap();
    terminal
        .draw(|f| render(f, &state, &Theme::plain()))
        .unwrap();
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("Mercy"), "{text}");
    assert!(text.contains("pwned"), "{text}");
}

#[test]
fn c1_controls_count_as_control_characters() {
    for c in '\u{80}'..='\u{9f}' {
        assert!(c.is_control(), "{c:?}");
        assert!(!usce::ui::text::clean(&format!("a{c}b")).contains(c));
    }
}

/// Hostile strings: control characters of every kind among ordinary,
/// right-to-left and wide text.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\x1b]0;pwned\x07".to_string()),
        Just("\x1b[2J\x1b[H".to_string()),
        Just("\x1bP+q\x1b\\".to_string()),
        Just("\u{9b}6n".to_string()),
        Just("שלום مرحبا".to_string()),
        Just("🩺👩🏽‍⚕️東京".to_string()),
        Just("\u{202e}evil\u{202c}".to_string()),
        "[\\x00-\\x1f\\x7f-\\x9f]{1,4}",
        "[a-zA-Z ,.]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]
    #[test]
    fn hostile_text_never_puts_a_control_character_on_screen(evil in hostile()) {
        prop_assert_eq!(control_cell_quick(&evil), None);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]
    #[test]
    #[ignore = "long run: cargo test --test tui hostile_display -- --ignored"]
    fn hostile_text_never_puts_a_control_character_on_screen_long(evil in hostile()) {
        prop_assert_eq!(control_cell_quick(&evil), None);
    }
}
