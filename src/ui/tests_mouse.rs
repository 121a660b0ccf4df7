//! Clicks and the wheel, end to end within the process: draw into a
//! `TestBackend` (which records where the panes are), then feed the
//! reducer `Click`/`Scroll` at a screen cell and check what got selected.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Theme, render};
use crate::app::command::Command;
use crate::app::event::{Event, ProgramLoaded};
use crate::app::list::{ProgramList, Row};
use crate::app::msg::UserInput;
use crate::app::update::update;
use crate::app::{AppState, Pane, Popup, fixtures};
use crate::domain::{
    Channel, Contact, ContactId, Direction, Interaction, InteractionId, Program, ProgramId, Role,
    UsState,
};

fn draw(state: &AppState, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| render(f, state, &Theme::plain()))
        .unwrap();
    terminal
}

fn row_text(terminal: &Terminal<TestBackend>, y: u16) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol().to_string())
        .collect()
}

/// Sixty programs in three states: far more rows than fit.
fn long_list() -> AppState {
    let programs = (1..=60)
        .map(|i| Program {
            id: ProgramId(i),
            ..Program::new(
                format!("Program {i:02}"),
                UsState::parse(["KY", "OH", "TN"][(i % 3) as usize]).unwrap(),
            )
        })
        .collect();
    AppState::new(ProgramList::new(programs, None))
}

fn click(state: &mut AppState, column: u16, row: u16) {
    update(state, UserInput::Click { column, row });
}

#[test]
fn a_click_selects_the_program_row_under_it_even_after_scrolling() {
    let mut state = long_list();
    // 100×20: the list's rows start at y=2 (header line, border).
    let terminal = draw(&state, 100, 20);
    click(&mut state, 10, 5);
    let name = state.list.selected_program().unwrap().name.clone();
    assert!(row_text(&terminal, 5).contains(&name), "{name}");

    // Scroll far down with the keys, so the list is drawn from an offset.
    for _ in 0..40 {
        update(&mut state, Command::Down);
    }
    let terminal = draw(&state, 100, 20);
    assert!(state.list.offset.get() > 20, "the list scrolled");
    let mut headers = 0;
    for y in 2..17 {
        click(&mut state, 20, y);
        let shown = row_text(&terminal, y);
        match state.list.selected_row().unwrap() {
            Row::Program(_) => {
                let name = &state.list.selected_program().unwrap().name;
                assert!(
                    shown.contains(&format!(" {name} ")),
                    "row {y}: {shown:?} vs {name}"
                );
            }
            Row::Header(us) => {
                headers += 1;
                assert!(
                    shown.contains(&format!(" {}  {}", us.code(), us.name())),
                    "{shown}"
                );
            }
        }
    }
    assert_eq!(headers, 1, "the window crosses one state boundary");
}

#[test]
fn a_click_focuses_the_pane_and_a_click_on_its_border_selects_nothing() {
    let mut state = fixtures::state();
    draw(&state, 120, 36);
    let before = state.list.selected_index();
    // The draft pane: the right half, lower part.
    click(&mut state, 90, 30);
    assert_eq!(state.focus, Pane::Draft);
    // The program list's top border focuses it but keeps the selection.
    click(&mut state, 10, 1);
    assert_eq!(state.focus, Pane::Programs);
    assert_eq!(state.list.selected_index(), before);
    // The header line and the footer are no pane.
    click(&mut state, 90, 0);
    click(&mut state, 90, 35);
    assert_eq!(state.focus, Pane::Programs);
}

#[test]
fn a_click_below_the_last_row_changes_nothing() {
    let mut state = fixtures::state();
    draw(&state, 120, 36);
    let before = state.list.selected_index();
    click(&mut state, 10, 30);
    assert_eq!(state.list.selected_index(), before);
}

#[test]
fn a_click_selects_contacts_and_log_entries_in_the_contact_log() {
    let mut state = fixtures::state();
    let program = state.list.selected_program().unwrap().id;
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z")
        .unwrap()
        .to_utc();
    let entry = |id: i64, summary: &str| Interaction {
        id: InteractionId(id),
        program_id: program,
        contact_id: None,
        at,
        channel: Channel::Phone,
        direction: Direction::Out,
        summary: summary.into(),
        eml_path: None,
    };
    let contact = |id: i64, name: &str| Contact {
        id: ContactId(id),
        program_id: program,
        role: Role::Coordinator,
        name: name.into(),
        ..Contact::default()
    };
    let loaded = ProgramLoaded {
        program,
        contacts: vec![contact(1, "Dana Coordinator"), contact(2, "Dr Chief")],
        interactions: vec![entry(2, "Second call"), entry(1, "First call")],
        ..ProgramLoaded::default()
    };
    update(&mut state, Event::ProgramLoaded(Box::new(loaded)));
    let terminal = draw(&state, 120, 36);
    // Log rows start at y=2, x=70: two contacts, a rule, two entries.
    for (y, selected, text) in [
        (3, 1, "Dr Chief"),
        (5, 2, "Second call"),
        (6, 3, "First call"),
        (2, 0, "Dana Coordinator"),
    ] {
        click(&mut state, 80, y);
        assert_eq!(state.focus, Pane::Log);
        assert_eq!(state.log.selected, selected, "row {y}");
        assert!(row_text(&terminal, y).contains(text), "row {y}");
    }
    // The rule between contacts and entries selects nothing.
    click(&mut state, 80, 4);
    assert_eq!(state.log.selected, 0);
}

#[test]
fn the_wheel_moves_the_list_under_the_pointer() {
    let mut state = long_list();
    draw(&state, 100, 20);
    let start = state.list.selected_index();
    update(
        &mut state,
        UserInput::Scroll {
            up: false,
            column: 10,
            row: 10,
        },
    );
    assert_eq!(state.list.selected_index(), start + 3);
    update(
        &mut state,
        UserInput::Scroll {
            up: true,
            column: 10,
            row: 10,
        },
    );
    assert_eq!(state.list.selected_index(), start);
}

#[test]
fn the_wheel_scrolls_help_and_clicks_pass_no_popup() {
    let mut state = fixtures::state();
    update(&mut state, Command::Help);
    draw(&state, 120, 36);
    let wheel = UserInput::Scroll {
        up: false,
        column: 60,
        row: 10,
    };
    update(&mut state, wheel);
    assert_eq!(state.popup, Some(Popup::Help { scroll: 3 }));
    // A click under an open overlay does not reach the panes.
    let before = state.list.selected_index();
    click(&mut state, 10, 8);
    assert_eq!(state.list.selected_index(), before);
    assert_eq!(state.focus, Pane::Programs);
    assert!(state.popup.is_some());
}

#[test]
fn panes_a_narrow_screen_hides_cannot_be_clicked() {
    let mut state = fixtures::state();
    draw(&state, 120, 36);
    // Narrow: only the program list is drawn, over the whole width.
    draw(&state, 60, 20);
    click(&mut state, 50, 5);
    assert_eq!(state.focus, Pane::Programs);
}
