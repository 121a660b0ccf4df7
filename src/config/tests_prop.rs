//! The config parser on hostile input: any text gives a config or a clear
//! error naming a line, never a panic.

use std::path::Path;

use proptest::prelude::*;

use super::{ConfigError, parse};

/// Text shaped like a config file: known and unknown keys and sections,
/// bad values, stray brackets and quotes, control characters, emoji.
fn config_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("[smtp]".to_string()),
        Just("[keys.programs]".to_string()),
        Just("[keys.nowhere]".to_string()),
        Just("[follow_up]".to_string()),
        Just("theme = \"light\"".to_string()),
        Just("theme = 7".to_string()),
        Just("date_format = \"%Q%\"".to_string()),
        Just("mouse = \"sometimes\"".to_string()),
        Just("host = \"smtp.example.org\"".to_string()),
        Just("port = 99999".to_string()),
        Just("password = \"hunter2\"".to_string()),
        Just("quit = [\"q\", \"ctrl-\u{1F600}\", 3]".to_string()),
        Just("add_program = \"a\"".to_string()),
        Just("after_send_days = -1".to_string()),
        "[a-z_.]{1,12} = \"[^\"\\\\]{0,20}\"",
        "\\PC{0,40}",
        ".{0,40}",
    ];
    proptest::collection::vec(line, 0..25).prop_map(|lines| lines.join("\n"))
}

fn check(text: &str) {
    match parse(Path::new("config.toml"), text) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                assert!(w.starts_with("config.toml:"), "warnings name the line: {w}");
            }
        }
        Err(ConfigError::Invalid { line, .. }) => assert!(line >= 1, "errors name a line"),
        Err(other) => panic!("unexpected error kind: {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn any_config_text_loads_or_names_a_line(text in config_like()) {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes));
    }
}

/// The hostile shapes of issue 18 for a config: a huge first line (4 MB
/// of `a,`, as the CSV header that took 507 MB), arrays and inline tables
/// nested thousands deep, thousands of dotted key parts.
fn hostile_config() -> impl Strategy<Value = String> {
    let depth = prop_oneof![Just(1usize), 10usize..200, Just(10_000usize)];
    prop_oneof![
        Just("a,".repeat(2_000_000)),
        depth
            .clone()
            .prop_map(|n| format!("x = {}{}", "[".repeat(n), "]".repeat(n))),
        depth.clone().prop_map(|n| format!("x = {}", "[".repeat(n))),
        depth
            .clone()
            .prop_map(|n| format!("x = {}1{}", "{ a = ".repeat(n), " }".repeat(n))),
        depth.prop_map(|n| format!("{} = 1", vec!["k"; n].join("."))),
        (config_like(), 1usize..2_000).prop_map(|(text, n)| text.repeat(n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn hostile_shapes_load_or_name_a_line(text in hostile_config()) {
        check(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    #[ignore = "long run: cargo test -- --ignored"]
    fn hostile_shapes_load_or_name_a_line_long(text in hostile_config()) {
        check(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    #[ignore = "long run: cargo test -- --ignored"]
    fn any_config_text_loads_or_names_a_line_long(text in config_like()) {
        check(&text);
    }
}
