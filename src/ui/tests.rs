//! Snapshot tests: each pane and overlay drawn into a `TestBackend`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::app::command::Command;
use crate::app::event::{Event, ProgramLoaded};
use crate::app::msg::UserInput;
use crate::app::update::update;
use crate::app::{AppState, fixtures};
use crate::domain::{Channel, Contact, Direction, Interaction, InteractionId, Role};

pub(super) fn draw(state: &AppState, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| render(f, state, &Theme::plain()))
        .unwrap();
    terminal
}

/// The fixture state with a contact and two log entries for the selection.
pub(super) fn loaded_state() -> AppState {
    let mut state = fixtures::state();
    let program = state.list.selected_program().unwrap().id;
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    let loaded = ProgramLoaded {
        program,
        contacts: vec![Contact {
            program_id: program,
            role: Role::Coordinator,
            name: "Program Coordinator".into(),
            email: "im.coordinator@example.org".into(),
            phone: "555-0142".into(),
            ..Contact::default()
        }],
        interactions: vec![
            Interaction {
                id: InteractionId(2),
                program_id: program,
                contact_id: None,
                at: at("2026-11-20T15:00:00Z"),
                channel: Channel::Email,
                direction: Direction::In,
                summary: "Coordinator replied: apply through VSLO by March".into(),
                eml_path: None,
            },
            Interaction {
                id: InteractionId(1),
                program_id: program,
                contact_id: None,
                at: at("2026-11-12T09:30:00Z"),
                channel: Channel::Phone,
                direction: Direction::Out,
                summary: "Phoned coordinator, left voicemail".into(),
                eml_path: None,
            },
        ],
        draft: None,
        sent: Vec::new(),
        follow_ups: Vec::new(),
        status_changes: vec![crate::domain::StatusChange {
            program_id: program,
            at: at("2026-11-12T09:31:00Z"),
            from: crate::domain::Status::Researching,
            to: crate::domain::Status::Contacted,
        }],
    };
    update(&mut state, Event::ProgramLoaded(Box::new(loaded)));
    state
}

#[test]
fn main_screen_120x36() {
    insta::assert_snapshot!(draw(&loaded_state(), 120, 36).backend());
}

#[test]
fn main_screen_40x12_shows_only_the_focused_pane() {
    insta::assert_snapshot!(draw(&loaded_state(), 40, 12).backend());
}

#[test]
fn too_small_terminal_says_so_instead_of_panicking() {
    let state = loaded_state();
    for (w, h) in [(39, 12), (40, 11), (1, 1), (0, 0), (10, 40)] {
        draw(&state, w, h);
    }
    insta::assert_snapshot!(draw(&state, 39, 11).backend());
}

#[test]
fn every_size_from_tiny_to_wide_renders_without_panic() {
    let mut state = loaded_state();
    update(&mut state, Command::OpenDetail);
    update(&mut state, Command::Help);
    for w in (0..=130).step_by(7) {
        for h in (0..=40).step_by(3) {
            draw(&state, w, h);
        }
    }
}

#[test]
fn draft_pane_with_text_and_focus() {
    let mut state = loaded_state();
    update(&mut state, Command::FocusPrev);
    update(&mut state, Command::EditDraft);
    for c in "Dear Program Coordinator,".chars() {
        update(
            &mut state,
            UserInput::EditorKey(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char(c),
            )),
        );
    }
    insta::assert_snapshot!(draw(&state, 120, 36).backend());
}

#[test]
fn detail_view_lists_every_field() {
    let mut state = loaded_state();
    update(&mut state, Command::OpenDetail);
    insta::assert_snapshot!(draw(&state, 120, 36).backend());
}

#[test]
fn folded_state_and_filter_bar() {
    let mut state = loaded_state();
    update(&mut state, Command::ToggleGroup);
    update(&mut state, Command::Filter);
    for c in "medicine".chars() {
        update(
            &mut state,
            UserInput::InputKey(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char(c),
            )),
        );
    }
    insta::assert_snapshot!(draw(&state, 100, 20).backend());
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut state = loaded_state();
    update(&mut state, Command::Help);
    insta::assert_snapshot!(draw(&state, 120, 36).backend());
}

#[test]
fn delete_confirmation_and_status_picker() {
    let mut state = loaded_state();
    update(&mut state, Command::Delete);
    insta::assert_snapshot!("confirm", draw(&state, 80, 24).backend());
    update(&mut state, Command::Cancel);
    update(&mut state, Command::SetStatus);
    insta::assert_snapshot!("status_picker", draw(&state, 80, 24).backend());
}

#[test]
fn no_color_theme_draws_no_colours() {
    let state = loaded_state();
    let terminal = draw(&state, 120, 36);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
    // ...while the colour theme does use colour.
    let mut colored = Terminal::new(TestBackend::new(120, 36)).unwrap();
    colored
        .draw(|f| render(f, &state, &Theme::default()))
        .unwrap();
    assert!(
        colored
            .backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != ratatui::style::Color::Reset)
    );
}

/// The screen with search matches marked: each highlighted (underlined)
/// run is wrapped in [brackets], so the snapshot shows what is lit.
fn marked_rows(terminal: &Terminal<TestBackend>, rows: std::ops::Range<u16>) -> String {
    use ratatui::style::Modifier;
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in rows {
        let mut inside = false;
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let lit = cell.modifier.contains(Modifier::UNDERLINED)
                && cell.modifier.contains(Modifier::BOLD);
            if lit != inside {
                out.push(if lit { '[' } else { ']' });
                inside = lit;
            }
            out.push_str(cell.symbol());
        }
        if inside {
            out.push(']');
        }
        out.push('\n');
    }
    out
}

#[test]
fn search_highlights_matched_characters() {
    let mut state = loaded_state();
    update(&mut state, Command::Filter);
    for c in "lex".chars() {
        update(
            &mut state,
            UserInput::InputKey(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char(c),
            )),
        );
    }
    update(&mut state, Command::Submit);
    update(&mut state, Command::Down);
    insta::assert_snapshot!(marked_rows(&draw(&state, 160, 14), 1..5));
}

#[test]
fn filter_bar_shows_each_filter_and_the_match_count() {
    let mut state = loaded_state();
    update(&mut state, Command::FilterBar);
    update(&mut state, Command::NextValue);
    update(&mut state, Command::Down);
    update(&mut state, Command::Down);
    update(&mut state, Command::NextValue);
    insta::assert_snapshot!(draw(&state, 100, 24).backend());
}

#[test]
fn import_problems_popup() {
    let mut state = loaded_state();
    let preview = crate::app::event::ImportPreview {
        path: "bad.csv".into(),
        summary: None,
        problems: vec![
            "bad.csv:3: Program Name: a program name is required".into(),
            "bad.csv:4: State: \"Narnia\" is not a U.S. state or territory".into(),
        ],
        ..Default::default()
    };
    update(&mut state, Event::ImportPreviewed(Box::new(preview)));
    insta::assert_snapshot!(draw(&state, 100, 24).backend());
}

#[test]
fn compose_picker_then_a_composed_email_in_the_draft_pane() {
    use crate::domain::{Contact, ContactId, Draft, DraftId, Role};
    let mut state = loaded_state();
    let program = state.log.program.unwrap();
    state.templates = vec![
        "request_rotation".into(),
        "express_interest".into(),
        "follow_up".into(),
    ];
    let coordinator = Contact {
        id: ContactId(1),
        ..state.log.contacts[0].clone()
    };
    let gme = Contact {
        id: ContactId(2),
        program_id: program,
        role: Role::StudentOffice,
        name: "Visiting Student Office".into(),
        email: "vso@example.edu".into(),
        ..Contact::default()
    };
    update(
        &mut state,
        Event::ContactSaved(Box::new(coordinator), false),
    );
    state.log.contacts.retain(|c| c.id.0 != 0);
    update(&mut state, Event::ContactSaved(Box::new(gme), false));
    state.focus = crate::app::Pane::Draft;
    update(&mut state, Command::Compose);
    insta::assert_snapshot!("compose_pick_contact", draw(&state, 100, 24).backend());
    update(&mut state, Command::Submit);
    insta::assert_snapshot!("compose_pick_template", draw(&state, 100, 24).backend());
    update(&mut state, Command::Submit);
    let draft = Draft {
        id: DraftId(9),
        program_id: program,
        to: "im.coordinator@example.org".into(),
        subject: "Request for a core rotation in Psychiatry".into(),
        attachments: vec!["~/cv.pdf".into(), "~/usmle.pdf".into()],
        body: "Dear Program Coordinator,\n\nI am an international medical graduate…".into(),
        template: Some("request_rotation".into()),
        ..Draft::default()
    };
    update(&mut state, Event::DraftComposed(Box::new(draft)));
    update(&mut state, Command::StopEditing);
    insta::assert_snapshot!("draft_pane_with_email", draw(&state, 120, 36).backend());
}

#[test]
fn a_bouncing_address_shows_on_its_contact_and_on_the_programs_row() {
    let mut state = loaded_state();
    let program = state.list.selected_program().unwrap().id;
    let text = |state: &AppState| -> String {
        let terminal = draw(state, 160, 36);
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect()
    };
    assert!(!text(&state).contains("bouncing"));
    state.mail_sync.bouncing = vec!["im.coordinator@example.org".into()];
    state.mail_sync.bouncing_programs = vec![program];
    let screen = text(&state);
    assert_eq!(screen.matches("⚠ bouncing").count(), 2, "{screen}");
}

#[test]
fn an_auto_reply_reads_as_one_in_the_log_not_as_an_answer() {
    let mut state = loaded_state();
    let program = state.list.selected_program().unwrap().id;
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-21T08:00:00Z").unwrap();
    state.log.interactions.insert(
        0,
        Interaction {
            id: InteractionId(3),
            program_id: program,
            contact_id: None,
            at: at.to_utc(),
            channel: Channel::Email,
            direction: Direction::AutoReply,
            summary: "Out of office until 5 Jan".into(),
            eml_path: None,
        },
    );
    let terminal = draw(&state, 160, 36);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..36)
        .map(|y| (0..160).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let row = rows
        .iter()
        .find(|r| r.contains("Out of office"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        row.contains("← auto-reply · Out of office until 5 Jan"),
        "{row}"
    );
    assert!(!row.contains("email"), "{row}");
}
