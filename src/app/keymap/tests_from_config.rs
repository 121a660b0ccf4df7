//! Key bindings from the config file: the `[keys.*]` tables `config`
//! reads as plain names, checked and merged over the defaults here, with
//! their warnings in the config's file order.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{KeyContext, Keymap};
use crate::app::command::Command;
use crate::config::{self, Config, ConfigError, ThemeName};

/// What the TUI takes from a config text: its settings, the keymap they
/// make, and every warning (the config's and the keymap's) in file order.
struct Loaded {
    config: Config,
    keymap: Keymap,
    warnings: Vec<String>,
}

fn parse_text(text: &str) -> Result<Loaded, ConfigError> {
    let mut loaded = config::parse(Path::new("/home/a/.config/usce/config.toml"), text)?;
    let keymap = Keymap::from_config(&mut loaded);
    Ok(Loaded {
        config: loaded.config,
        keymap,
        warnings: loaded.warnings,
    })
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

const EXAMPLE: &str = include_str!("../../../assets/config.example.toml");

/// The commented-out `[keys.*]` block at the end of the example, uncommented.
fn documented_defaults() -> String {
    let start = EXAMPLE.find("# [keys.global]").unwrap();
    EXAMPLE[start..]
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l.trim_start_matches('#')))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Moved from `config::tests::the_shipped_example_parses_without_warnings`,
/// which can no longer see the keymap.
#[test]
fn the_shipped_example_binds_the_default_keys() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.example.toml");
    let mut loaded = config::load(&path).unwrap();
    let keymap = Keymap::from_config(&mut loaded);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(keymap, Keymap::default());
}

#[test]
fn the_example_documents_exactly_the_default_bindings() {
    let documented = documented_defaults();
    assert_eq!(documented, Keymap::default().to_config());
    // And uncommented, they parse back to the defaults with nothing to say.
    let loaded = parse_text(&documented).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.keymap, Keymap::default());
}

#[test]
fn rebinding_merges_over_the_defaults_key_by_key() {
    let text = "[keys.programs]\nquit = \"Q\"\nadd_program = [\"a\", \"ctrl-n\"]\n\n[keys.global]\nhelp = \"F1\"\n";
    let loaded = parse_text(text).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let km = &loaded.keymap;
    let p = KeyContext::Programs;
    assert_eq!(km.resolve(&key('Q'), p), Some(Command::Quit.into()));
    // quit was only added to the program list: q still quits from there
    // (global) and everywhere else.
    assert_eq!(km.resolve(&key('q'), p), Some(Command::Quit.into()));
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(km.resolve(&ctrl_n, p), Some(Command::AddProgram.into()));
    assert_eq!(km.resolve(&key('a'), p), Some(Command::AddProgram.into()));
    let f1 = KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE);
    assert_eq!(km.resolve(&f1, KeyContext::Log), Some(Command::Help.into()));
    assert_eq!(km.resolve(&key('?'), KeyContext::Log), None);
    // Untouched bindings keep their defaults.
    assert_eq!(km.resolve(&key('d'), p), Some(Command::Delete.into()));
}

#[test]
fn ctrl_c_quits_everywhere_even_with_quit_unbound_and_ctrl_q_while_unbound() {
    let text = "[keys.global]\nquit = []\n";
    let loaded = parse_text(text).unwrap();
    let km = &loaded.keymap;
    assert_eq!(
        km.resolve(&key('q'), KeyContext::Programs),
        None,
        "quit unbound"
    );
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let quit = Some(Command::Quit.into());
    for ctx in KeyContext::ALL {
        // Text inputs and the draft editor too, which take every other key.
        assert_eq!(km.resolve(&ctrl('c'), ctx), quit, "ctrl-c in {ctx:?}");
        assert_eq!(km.resolve(&ctrl('q'), ctx), quit, "ctrl-q in {ctx:?}");
    }
    // Ctrl-C wins over a binding (the config is told); Ctrl-Q only where
    // it is unbound.
    let text = "[keys.programs]\nadd_program = [\"ctrl-c\", \"ctrl-q\"]\n";
    let loaded = parse_text(text).unwrap();
    assert_eq!(
        loaded.warnings,
        [
            "/home/a/.config/usce/config.toml:2: keys.programs.add_program: `ctrl-c` always \
          quits; bind another key for add_program"
        ]
    );
    let km = loaded.keymap;
    let p = KeyContext::Programs;
    assert_eq!(km.resolve(&ctrl('c'), p), quit);
    assert_eq!(km.resolve(&ctrl('q'), p), Some(Command::AddProgram.into()));
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
    let km = &loaded.keymap;
    assert_eq!(
        km.resolve(&key('x'), KeyContext::Programs),
        Some(Command::AddProgram.into())
    );
    assert_eq!(
        km.resolve(&key('Y'), KeyContext::Programs),
        Some(Command::Delete.into())
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
    let km = &loaded.keymap;
    assert_eq!(
        km.resolve(&key('a'), KeyContext::Programs),
        Some(Command::Help.into())
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
    assert_eq!(loaded.keymap, Keymap::default());
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
        loaded.keymap.resolve(&key('q'), KeyContext::Input),
        Some(Command::Cancel.into())
    );
}

mod hostile {
    //! `config::tests_prop` checks the config parser on hostile text; the
    //! `[keys.*]` names it passes on are checked here, so this runs both.

    use proptest::prelude::*;

    use super::*;

    fn keys_like() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            Just("[keys.programs]".to_string()),
            Just("[keys.nowhere]".to_string()),
            Just("[keys.input]".to_string()),
            Just("[keys]".to_string()),
            Just("keys = 3".to_string()),
            Just("programs = 3".to_string()),
            Just("quit = [\"q\", \"ctrl-\u{1F600}\", 3]".to_string()),
            Just("add_program = \"a\"".to_string()),
            Just("delete = [\"a\", \"x\"]".to_string()),
            Just("cancel = \"q\"".to_string()),
            Just("failed = \"F\"".to_string()),
            "[a-z_]{1,12} = \"[^\"\\\\]{0,8}\"",
            ".{0,30}",
        ];
        proptest::collection::vec(line, 0..20).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn key_warnings_name_the_line_and_quit_survives(text in keys_like()) {
            let Ok(mut loaded) = config::parse(Path::new("config.toml"), &text) else {
                return Ok(());
            };
            let km = Keymap::from_config(&mut loaded);
            for w in &loaded.warnings {
                prop_assert!(w.starts_with("config.toml:"), "warnings name the line: {}", w);
            }
            let quits = KeyContext::ALL.iter().any(|ctx| {
                km.bindings(*ctx).any(|b| b.command == Command::Quit && !b.keys.is_empty())
            });
            prop_assert!(quits || text.contains("quit"), "no way left to quit: {}", text);
        }
    }
}
