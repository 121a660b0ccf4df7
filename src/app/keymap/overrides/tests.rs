use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn entry(context: KeyContext, command: Command, keys: &[&str], line: usize) -> Override {
    Override {
        context,
        command,
        keys: keys.iter().map(|k| KeySpec::parse(k).unwrap()).collect(),
        line,
    }
}

#[test]
fn the_defaults_have_no_clashes_and_unique_entries() {
    let (merged, conflicts) = Keymap::default().with_overrides(&[]);
    assert_eq!(conflicts, []);
    assert_eq!(merged, Keymap::default());
    let km = Keymap::default();
    for ctx in km.contexts() {
        let commands: Vec<_> = km.bindings(ctx).map(|b| &b.command).collect();
        for (i, a) in commands.iter().enumerate() {
            assert!(!commands[..i].contains(a), "{ctx:?} binds {a:?} twice");
            assert!(!a.config_name().is_empty(), "{a:?} has no config name");
        }
    }
}

#[test]
fn names_of_actions_and_contexts_read_back() {
    assert_eq!(Command::AddProgram.config_name(), "add_program");
    assert_eq!(
        Command::from_config_name("add_program"),
        Some(Command::AddProgram)
    );
    assert_eq!(Command::from_config_name("AddProgram"), None);
    // Events and raw input are other types: they have no name (there is
    // no `Event::config_name`) and no name reaches them.
    assert_eq!(Command::from_config_name("failed"), None);
    assert_eq!(Command::from_config_name("editor_key"), None);
    for ctx in KeyContext::ALL {
        assert_eq!(KeyContext::from_name(ctx.name()), Some(ctx));
    }
    assert_eq!(
        KeyContext::from_name("filter_bar"),
        Some(KeyContext::FilterBar)
    );
}

#[test]
fn an_entry_replaces_only_that_actions_keys_in_that_context() {
    let (km, conflicts) = Keymap::default().with_overrides(&[entry(
        KeyContext::Programs,
        Command::AddProgram,
        &["A", "ctrl-n"],
        3,
    )]);
    assert_eq!(conflicts, []);
    let p = KeyContext::Programs;
    assert_eq!(km.resolve(&key('A'), p), Some(Command::AddProgram.into()));
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(km.resolve(&ctrl_n, p), Some(Command::AddProgram.into()));
    assert_eq!(km.resolve(&key('a'), p), None);
    // Everything else keeps its default.
    assert_eq!(km.resolve(&key('d'), p), Some(Command::Delete.into()));
    assert_eq!(km.resolve(&key('q'), p), Some(Command::Quit.into()));
}

#[test]
fn taking_a_default_key_reports_what_the_other_action_lost() {
    let (km, conflicts) = Keymap::default().with_overrides(&[entry(
        KeyContext::Programs,
        Command::AddProgram,
        &["d"],
        4,
    )]);
    assert_eq!(
        km.resolve(&key('d'), KeyContext::Programs),
        Some(Command::AddProgram.into())
    );
    assert!(
        !km.bindings(KeyContext::Programs)
            .any(|b| b.command == Command::Delete)
    );
    assert_eq!(
        conflicts,
        [Conflict {
            line: 4,
            message: "keys.programs.add_program: `d` was the key for delete in \
                      [keys.programs]; delete has no key there now"
                .into()
        }]
    );
}

#[test]
fn swapping_two_keys_is_not_a_clash() {
    let (km, conflicts) = Keymap::default().with_overrides(&[
        entry(KeyContext::Programs, Command::AddProgram, &["d"], 2),
        entry(KeyContext::Programs, Command::Delete, &["a"], 3),
    ]);
    assert_eq!(conflicts, []);
    assert_eq!(
        km.resolve(&key('d'), KeyContext::Programs),
        Some(Command::AddProgram.into())
    );
    assert_eq!(
        km.resolve(&key('a'), KeyContext::Programs),
        Some(Command::Delete.into())
    );
}

#[test]
fn of_two_user_entries_on_one_key_the_earlier_line_wins() {
    // Given out of order: the line decides, not the slice order.
    let (km, conflicts) = Keymap::default().with_overrides(&[
        entry(KeyContext::Log, Command::Delete, &["x", "Y"], 9),
        entry(KeyContext::Log, Command::Compose, &["x"], 5),
    ]);
    assert_eq!(
        km.resolve(&key('x'), KeyContext::Log),
        Some(Command::Compose.into())
    );
    assert_eq!(
        km.resolve(&key('Y'), KeyContext::Log),
        Some(Command::Delete.into())
    );
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].line, 9);
    assert_eq!(
        conflicts[0].message,
        "keys.log.delete: `x` is already bound to compose on line 5; ignored here"
    );
}

#[test]
fn a_global_key_the_user_chose_is_not_hidden_by_a_pane_default() {
    let (km, conflicts) =
        Keymap::default().with_overrides(&[entry(KeyContext::Global, Command::Quit, &["a"], 2)]);
    assert_eq!(
        km.resolve(&key('a'), KeyContext::Programs),
        Some(Command::Quit.into())
    );
    assert_eq!(km.resolve(&key('q'), KeyContext::Programs), None);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].line, 2);
    assert!(
        conflicts[0]
            .message
            .starts_with("keys.global.quit: `a` was the key for add_program"),
        "{}",
        conflicts[0].message
    );
}

#[test]
fn a_pane_key_the_user_chose_over_a_global_key_is_reported() {
    let (km, conflicts) = Keymap::default().with_overrides(&[entry(
        KeyContext::Programs,
        Command::Compose,
        &["q"],
        7,
    )]);
    assert_eq!(
        km.resolve(&key('q'), KeyContext::Programs),
        Some(Command::Compose.into())
    );
    // Other panes still quit on q.
    assert_eq!(
        km.resolve(&key('q'), KeyContext::Log),
        Some(Command::Quit.into())
    );
    assert_eq!(
        conflicts,
        [Conflict {
            line: 7,
            message: "keys.programs.compose: `q` is the global key for quit; \
                      in [keys.programs] it means compose instead"
                .into()
        }]
    );
}

#[test]
fn an_empty_list_unbinds_and_a_new_pair_is_added() {
    let (km, conflicts) = Keymap::default().with_overrides(&[
        entry(KeyContext::Programs, Command::RemoveSamples, &[], 2),
        entry(KeyContext::Log, Command::AddProgram, &["A"], 3),
    ]);
    assert_eq!(conflicts, []);
    assert_eq!(km.resolve(&key('X'), KeyContext::Programs), None);
    assert_eq!(
        km.resolve(&key('A'), KeyContext::Log),
        Some(Command::AddProgram.into())
    );
}

#[test]
fn the_config_text_spells_keys_the_parser_reads() {
    let text = Keymap::default().to_config();
    assert!(
        text.starts_with("[keys.global]\nquit = \"q\"\nhelp = \"?\"\n"),
        "{text}"
    );
    assert!(text.contains("down = [\"j\", \"down\"]\n"), "{text}");
    assert!(text.contains("reload = \"ctrl-r\"\n"), "{text}");
    assert!(text.contains("[keys.filter_bar]\n"), "{text}");
}
