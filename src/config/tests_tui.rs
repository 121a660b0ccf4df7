//! The TUI's settings: key bindings, theme, date format, mouse.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::action::Action;
use crate::app::keymap::KeyContext;
use crate::ui::theme::ThemeName;

fn parse_text(text: &str) -> Result<Loaded, ConfigError> {
    parse(Path::new("/home/a/.config/usce/config.toml"), text)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

const EXAMPLE: &str = include_str!("../../assets/config.example.toml");

/// The commented-out `[keys.*]` block at the end of the example, uncommented.
fn documented_defaults() -> String {
    let start = EXAMPLE.find("# [keys.global]").unwrap();
    EXAMPLE[start..]
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l.trim_start_matches('#')))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_example_documents_exactly_the_default_bindings() {
    let documented = documented_defaults();
    assert_eq!(documented, Keymap::default().to_config());
    // And uncommented, they parse back to the defaults with nothing to say.
    let loaded = parse_text(&documented).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.config.keymap, Keymap::default());
}

#[test]
fn rebinding_merges_over_the_defaults_key_by_key() {
    let text = "[keys.programs]\nquit = \"Q\"\nadd_program = [\"a\", \"ctrl-n\"]\n\n[keys.global]\nhelp = \"F1\"\n";
    let loaded = parse_text(text).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let km = &loaded.config.keymap;
    let p = KeyContext::Programs;
    assert_eq!(km.resolve(&key('Q'), p), Some(Action::Quit));
    // quit was only added to the program list: q still quits from there
    // (global) and everywhere else.
    assert_eq!(km.resolve(&key('q'), p), Some(Action::Quit));
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(km.resolve(&ctrl_n, p), Some(Action::AddProgram));
    assert_eq!(km.resolve(&key('a'), p), Some(Action::AddProgram));
    let f1 = KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE);
    assert_eq!(km.resolve(&f1, KeyContext::Log), Some(Action::Help));
    assert_eq!(km.resolve(&key('?'), KeyContext::Log), None);
    // Untouched bindings keep their defaults.
    assert_eq!(km.resolve(&key('d'), p), Some(Action::Delete));
}

#[test]
fn a_key_clash_is_reported_with_its_line_and_the_app_still_loads() {
    let text =
        "theme = \"light\"\n\n[keys.programs]\nadd_program = \"x\"\ndelete = [\"x\", \"Y\"]\n";
    let loaded = parse_text(text).unwrap();
    assert_eq!(
        loaded.warnings,
        [
            "/home/a/.config/usce/config.toml:5: keys.programs.delete: `x` is already bound \
          to add_program on line 4; ignored here"
        ]
    );
    let km = &loaded.config.keymap;
    assert_eq!(
        km.resolve(&key('x'), KeyContext::Programs),
        Some(Action::AddProgram)
    );
    assert_eq!(
        km.resolve(&key('Y'), KeyContext::Programs),
        Some(Action::Delete)
    );
    assert_eq!(loaded.config.theme, ThemeName::Light);
}

#[test]
fn a_pane_key_shadowing_a_global_key_is_reported() {
    let text = "[keys.global]\nquit = \"Q\"\nhelp = \"a\"\n";
    let loaded = parse_text(text).unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(
        loaded.warnings[0].starts_with(
            "/home/a/.config/usce/config.toml:3: keys.global.help: `a` was the key for add_program"
        ),
        "{}",
        loaded.warnings[0]
    );
    let km = &loaded.config.keymap;
    assert_eq!(
        km.resolve(&key('a'), KeyContext::Programs),
        Some(Action::Help)
    );
}

#[test]
fn names_that_mean_nothing_are_warned_with_their_lines_and_defaults_kept() {
    let text = "[keys.programz]\nquit = \"Q\"\n\n[keys.programs]\nquitt = \"Q\"\nadd-program = \"A\"\ndelete = \"hyper-d\"\ncompose = 3\nfailed = \"F\"\n";
    let loaded = parse_text(text).unwrap();
    let w = &loaded.warnings;
    assert_eq!(w.len(), 6, "{w:?}");
    let at = |line: usize| format!("/home/a/.config/usce/config.toml:{line}: ");
    assert!(
        w[0].starts_with(
            &(at(1) + "unknown key `keys.programz` ignored (the contexts are global, programs")
        ),
        "{}",
        w[0]
    );
    assert!(
        w[1].starts_with(&(at(5) + "keys.programs.quitt: unknown action ignored")),
        "{}",
        w[1]
    );
    assert_eq!(
        w[2],
        at(6) + "keys.programs.add-program: unknown action; did you mean `add_program`?"
    );
    assert_eq!(
        w[3],
        at(7) + "keys.programs.delete: unknown key \"hyper-d\"; default kept"
    );
    assert!(
        w[4].starts_with(&(at(8) + "keys.programs.compose: expected a key name")),
        "{}",
        w[4]
    );
    // Internal actions cannot be bound.
    assert!(
        w[5].starts_with(&(at(9) + "keys.programs.failed: unknown action")),
        "{}",
        w[5]
    );
    assert_eq!(loaded.config.keymap, Keymap::default());
}

#[test]
fn theme_date_format_and_mouse_are_read() {
    let text = "theme = \"light\"\ndate_format = \"%-d %b %Y\"\nmouse = false\n";
    let loaded = parse_text(text).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.config.theme, ThemeName::Light);
    assert_eq!(loaded.config.date_format.as_str(), "%-d %b %Y");
    assert!(!loaded.config.mouse);
    let defaults = parse_text("").unwrap().config;
    assert_eq!(defaults.theme, ThemeName::Dark);
    assert_eq!(defaults.date_format.as_str(), "%Y-%m-%d");
    assert!(defaults.mouse);
}

#[test]
fn an_unknown_theme_is_an_error_naming_the_key_and_line() {
    let err = parse_text("mouse = true\ntheme = \"solarized\"\n").unwrap_err();
    let ConfigError::Invalid {
        line, key, message, ..
    } = &err
    else {
        panic!("expected Invalid, got {err:?}");
    };
    assert_eq!((*line, key.as_str()), (2, "theme"), "{err}");
    assert!(
        message.contains("`dark`") && message.contains("`light`"),
        "{err}"
    );
}

#[test]
fn a_bad_date_format_is_an_error_naming_the_key_and_line() {
    for bad in ["%Q", "", "%Y %"] {
        let text = format!("theme = \"dark\"\n\ndate_format = {bad:?}\n");
        let err = parse_text(&text).unwrap_err();
        let ConfigError::Invalid { line, key, .. } = &err else {
            panic!("expected Invalid, got {err:?}");
        };
        assert_eq!((*line, key.as_str()), (3, "date_format"), "{err}");
        assert!(err.to_string().contains(":3: date_format: "), "{err}");
    }
}

#[test]
fn mouse_must_be_true_or_false() {
    let err = parse_text("mouse = \"yes\"\n").unwrap_err().to_string();
    assert!(err.contains(":1: mouse: invalid type"), "{err}");
}

#[test]
fn a_plain_character_bound_where_text_is_typed_is_warned_about_but_kept() {
    let text = "[keys.editor]\nstop_editing = [\"esc\", \"ctrl-q\"]\n\n[keys.input]\ncancel = [\"esc\", \"q\"]\n";
    let loaded = parse_text(text).unwrap();
    assert_eq!(
        loaded.warnings,
        [
            "/home/a/.config/usce/config.toml:5: keys.input.cancel: `q` can no longer be typed \
          in [keys.input]; a key with ctrl- or alt- would leave it for text"
        ]
    );
    assert_eq!(
        loaded.config.keymap.resolve(&key('q'), KeyContext::Input),
        Some(Action::Cancel)
    );
}
