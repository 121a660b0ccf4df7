//! What the config changes on screen: rebound keys in the footer and the
//! help, the light theme's colours, the date format.

use std::fmt::Write;
use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Style};

use super::theme::ThemeName;
use super::{Theme, render};
use crate::app::command::Command;
use crate::app::event::{Event, ProgramLoaded};
use crate::app::keymap::Keymap;
use crate::app::update::update;
use crate::app::{AppState, fixtures};
use crate::config;
use crate::domain::{Channel, Direction, Interaction, InteractionId};

fn draw(state: &AppState, theme: Theme, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| render(f, state, &theme)).unwrap();
    terminal
}

/// The fixture state with the settings of a config text applied, as
/// `tui::run` applies them.
fn configured(text: &str) -> AppState {
    let mut loaded = config::parse(Path::new("config.toml"), text).unwrap();
    let keymap = Keymap::from_config(&mut loaded);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let mut state = fixtures::state();
    state.keymap = keymap;
    state.date_format = loaded.config.date_format;
    state
}

#[test]
fn rebound_keys_show_in_the_footer() {
    let state = configured(
        "[keys.programs]\nadd_program = [\"A\", \"ctrl-n\"]\n[keys.global]\nhelp = \"f1\"\nquit = \"Q\"\n",
    );
    let terminal = draw(&state, Theme::plain(), 120, 36);
    insta::assert_snapshot!(terminal.backend());
    let footer: String = (0..120)
        .map(|x| terminal.backend().buffer()[(x, 35)].symbol().to_string())
        .collect();
    assert!(footer.starts_with("F1 help  "), "{footer}");
    assert!(footer.contains("A add "), "{footer}");
    assert!(footer.contains("Q quit "), "{footer}");
}

#[test]
fn rebound_keys_show_in_the_help_overlay() {
    let mut state = configured(
        "[keys.programs]\nadd_program = [\"A\", \"ctrl-n\"]\n[keys.global]\nhelp = \"f1\"\n",
    );
    update(&mut state, Command::Help);
    insta::assert_snapshot!(draw(&state, Theme::plain(), 100, 30).backend());
}

/// Each row as runs of equally styled cells: `[fg +MODS]text`.
fn styled_rows(buffer: &Buffer, rows: std::ops::Range<u16>) -> String {
    let mut out = String::new();
    for y in rows {
        let mut run_style: Option<Style> = None;
        let mut run = String::new();
        let mut line = String::new();
        let flush = |style: Option<Style>, run: &mut String, line: &mut String| {
            if let Some(style) = style.filter(|_| !run.trim().is_empty()) {
                let fg = style.fg.map_or("-".to_string(), |c| format!("{c:?}"));
                let mods = format!("{:?}", style.add_modifier);
                write!(line, "[{fg} {mods}]{:?} ", run.trim_end()).unwrap();
            }
            run.clear();
        };
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let style = cell.style();
            if run_style != Some(style) {
                flush(run_style, &mut run, &mut line);
                run_style = Some(style);
            }
            run.push_str(cell.symbol());
        }
        flush(run_style, &mut run, &mut line);
        writeln!(out, "{y:>2}: {}", line.trim_end()).unwrap();
    }
    out
}

#[test]
fn light_theme_uses_dark_colours_readable_on_white() {
    let mut state = fixtures::state();
    state.info("Draft saved.");
    let theme = Theme::new(ThemeName::Light, true);
    let terminal = draw(&state, theme, 80, 16);
    let buffer = terminal.backend().buffer();
    insta::assert_snapshot!(styled_rows(buffer, 0..6) + &styled_rows(buffer, 13..16));
    // None of the pale named colours a dark theme relies on.
    let pale = [
        Color::White,
        Color::Gray,
        Color::Yellow,
        Color::LightYellow,
        Color::LightCyan,
        Color::LightGreen,
        Color::LightBlue,
        Color::Cyan,
    ];
    for cell in &buffer.content {
        assert!(
            !pale.contains(&cell.fg),
            "{:?} on {:?}",
            cell.fg,
            cell.symbol()
        );
        assert_eq!(cell.bg, Color::Reset, "the terminal's own background stays");
    }
    // The dark theme draws the same screen differently.
    let dark = draw(&state, Theme::new(ThemeName::Dark, true), 80, 16);
    assert_ne!(dark.backend().buffer(), buffer);
}

#[test]
fn no_color_wins_over_the_light_theme() {
    let state = fixtures::state();
    let terminal = draw(&state, Theme::new(ThemeName::Light, false), 80, 16);
    assert!(
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
}

#[test]
fn the_contact_log_shows_dates_in_the_configured_format() {
    let mut state = configured("date_format = \"%-d %b %Y\"\n");
    let program = state.list.selected_program().unwrap().id;
    // Midday UTC: the same calendar day in every time zone within ±11 h.
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z")
        .unwrap()
        .to_utc();
    let loaded = ProgramLoaded {
        program,
        interactions: vec![Interaction {
            id: InteractionId(1),
            program_id: program,
            contact_id: None,
            at,
            channel: Channel::Email,
            direction: Direction::In,
            summary: "Coordinator replied".into(),
            eml_path: None,
        }],
        ..Default::default()
    };
    update(&mut state, Event::ProgramLoaded(Box::new(loaded)));
    let screen = format!("{}", draw(&state, Theme::plain(), 120, 36).backend());
    assert!(
        screen.contains("20 Nov 2026 ← email    Coordinator replied"),
        "{screen}"
    );
    assert!(!screen.contains("2026-11-20"), "{screen}");
}

#[test]
fn hints_in_empty_panes_name_the_rebound_keys() {
    let mut loaded = config::parse(
        Path::new("config.toml"),
        "[keys.programs]\nadd_program = \"A\"\n[keys.log]\nnew_contact = \"ctrl-p\"\n",
    )
    .unwrap();
    let state = AppState {
        keymap: Keymap::from_config(&mut loaded),
        ..AppState::default()
    };
    let screen = format!("{}", draw(&state, Theme::plain(), 120, 20).backend());
    assert!(
        screen.contains("Press A to add one, or i to import"),
        "{screen}"
    );

    let mut state = configured("[keys.log]\nnew_contact = \"ctrl-p\"\n");
    let program = state.list.selected_program().unwrap().id;
    update(
        &mut state,
        Event::ProgramLoaded(Box::new(ProgramLoaded {
            program,
            ..Default::default()
        })),
    );
    let screen = format!("{}", draw(&state, Theme::plain(), 120, 20).backend());
    assert!(
        screen.contains("No contacts yet — Ctrl-p adds a person."),
        "{screen}"
    );
}
