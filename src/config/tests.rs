use std::path::Path;

use super::*;
use crate::mail::Security;

fn parse_text(text: &str) -> Result<Loaded, ConfigError> {
    parse(Path::new("/home/a/.config/usce/config.toml"), text)
}

const VALID: &str = r#"
[smtp]
host = "127.0.0.1"
port = 2525
security = "none"
from = "Amina <amina@example.org>"
username = "amina"
password_env = "USCE_TEST_SMTP_PASSWORD"

[follow_up]
after_send_days = 10

[outreach]
delay_secs = 5
max_per_day = 30
"#;

#[test]
fn a_valid_file_fills_every_section() {
    let loaded = parse_text(VALID).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let smtp = loaded.config.smtp.unwrap();
    assert_eq!(smtp.port, 2525);
    assert_eq!(smtp.security, Security::None);
    assert_eq!(
        smtp.password_env.as_deref(),
        Some("USCE_TEST_SMTP_PASSWORD")
    );
    assert_eq!(loaded.config.follow_up.after_send_days, 10);
    assert_eq!(loaded.config.outreach.delay_secs, 5);
    assert_eq!(loaded.config.outreach.max_per_day, Some(30));
}

#[test]
fn an_empty_or_missing_file_gives_defaults() {
    let loaded = parse_text("").unwrap();
    assert!(loaded.config.smtp.is_none());
    assert_eq!(loaded.config.follow_up.after_send_days, 7);
    assert_eq!(loaded.config.outreach.delay_secs, 20);
    assert_eq!(loaded.config.outreach.max_per_day, None);

    let dir = tempfile::tempdir().unwrap();
    let missing = load(&dir.path().join("nope.toml")).unwrap();
    assert!(missing.config.smtp.is_none());
    assert!(missing.warnings.is_empty());
}

#[test]
fn a_wrong_type_names_the_file_line_and_key() {
    let text = "\n[smtp]\nhost = \"127.0.0.1\"\nsecurity = \"none\"\nfrom = \"a@example.org\"\n\nport = \"x\"\n";
    let err = parse_text(text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "/home/a/.config/usce/config.toml:7: smtp.port: invalid type: string \"x\", expected u16"
    );
    let ConfigError::Invalid { line, key, .. } = err else {
        panic!("expected Invalid");
    };
    assert_eq!((line, key.as_str()), (7, "smtp.port"));
}

#[test]
fn a_nested_value_error_points_at_its_line() {
    let text = "[outreach]\ndelay_secs = 3\nmax_per_day = -4\n";
    let err = parse_text(text).unwrap_err().to_string();
    assert!(
        err.starts_with("/home/a/.config/usce/config.toml:3: outreach.max_per_day: "),
        "{err}"
    );
}

#[test]
fn a_syntax_error_gives_its_line() {
    let text = "[follow_up]\nafter_send_days = 7\n\n[outreach\n";
    let err = parse_text(text).unwrap_err();
    let ConfigError::Invalid { line, key, .. } = &err else {
        panic!("expected Invalid, got {err:?}");
    };
    assert_eq!(*line, 4, "{err}");
    assert!(key.is_empty());
}

#[test]
fn a_missing_required_smtp_key_names_the_section() {
    let text = "[follow_up]\nafter_send_days = 7\n[smtp]\nhost = \"127.0.0.1\"\nport = 25\n";
    let err = parse_text(text).unwrap_err().to_string();
    assert!(err.contains(":3: smtp: missing field `from`"), "{err}");
}

#[test]
fn unknown_keys_are_warned_with_their_line_and_ignored() {
    let text = "[smtp]\nhost = \"127.0.0.1\"\nhostt = \"typo\"\nport = 25\nsecurity = \"none\"\nfrom = \"a@example.org\"\n\n[colours]\nbg = \"red\"\n\n[outreach]\ndelay = 3\n";
    let loaded = parse_text(text).unwrap();
    assert_eq!(
        loaded.warnings,
        [
            "/home/a/.config/usce/config.toml:3: unknown key `smtp.hostt` ignored",
            "/home/a/.config/usce/config.toml:8: unknown key `colours` ignored",
            "/home/a/.config/usce/config.toml:12: unknown key `outreach.delay` ignored",
        ]
    );
    assert_eq!(loaded.config.smtp.unwrap().host, "127.0.0.1");
    assert_eq!(loaded.config.outreach.delay_secs, 20);
}

#[test]
fn a_password_in_the_file_is_refused_not_ignored() {
    let text = "[smtp]\nhost = \"127.0.0.1\"\nport = 25\nsecurity = \"none\"\nfrom = \"a@example.org\"\nusername = \"a\"\npassword = \"hunter2\"\n";
    let err = parse_text(text).unwrap_err().to_string();
    assert!(err.contains(":7: smtp.password: "), "{err}");
    assert!(err.contains("password_cmd"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn smtp_settings_that_cannot_work_are_refused_at_load() {
    let text = "[smtp]\nhost = \"smtp.example.org\"\nport = 25\nsecurity = \"none\"\nfrom = \"a@example.org\"\n";
    let err = parse_text(text).unwrap_err().to_string();
    assert!(err.contains(":1: smtp: "), "{err}");
    assert!(err.contains("unencrypted"), "{err}");
}

#[test]
fn the_shipped_example_parses_without_warnings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.example.toml");
    let loaded = load(&path).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let smtp = loaded.config.smtp.unwrap();
    assert_eq!(smtp.host, "smtp.gmail.com");
    assert_eq!(smtp.security, Security::StartTls);
    assert_eq!(
        smtp.password_cmd,
        Some(vec!["pass".into(), "show".into(), "gmail-app".into()])
    );
    assert_eq!(loaded.config.follow_up.after_send_days, 7);
    assert_eq!(loaded.config.outreach.delay_secs, 20);
    assert_eq!(loaded.config.outreach.max_per_day, Some(25));
    assert_eq!(loaded.config.theme, super::ThemeName::Dark);
    assert_eq!(loaded.config.date_format, Default::default());
    assert!(loaded.config.mouse);
    // That its keys are the default bindings is checked where the keymap
    // is built: `app::keymap::tests_from_config`.
}

#[test]
fn the_example_mentions_every_known_key() {
    let text = include_str!("../../assets/config.example.toml");
    for (section, shape) in SCHEMA {
        match shape {
            Shape::Section(keys) => {
                assert!(text.contains(&format!("[{section}]")), "{section}");
                for key in *keys {
                    assert!(text.contains(&format!("{key} =")), "{section}.{key}");
                }
            }
            Shape::OpenSection => assert!(text.contains(&format!("[{section}.")), "{section}"),
            Shape::Value => assert!(text.contains(&format!("\n{section} = ")), "{section}"),
        }
    }
}

thread_local! {
    /// Bytes of config text read to find line numbers, by this thread.
    pub(super) static BYTES_SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A config of `count` keys of each kind that reports a line: unknown
/// top-level keys, unknown section keys and unknown key bindings.
fn many_keys(count: usize) -> String {
    use std::fmt::Write;
    let mut text = String::new();
    for i in 0..count {
        writeln!(text, "unknown_{i} = {i}").unwrap();
    }
    text.push_str("[outreach]\n");
    for i in 0..count {
        writeln!(text, "typo_{i} = {i}").unwrap();
    }
    text.push_str("[keys.programs]\n");
    for i in 0..count {
        writeln!(text, "no_such_action_{i} = \"x\"").unwrap();
    }
    text
}

#[test]
fn line_numbers_cost_one_pass_over_the_file_however_many_keys() {
    // 40,000 keys (here 42,000) took 7.6 s when each key's line was counted from the
    // start of the file: a pass per key. Now it is one pass in all.
    let count = 14_000;
    let text = many_keys(count);
    BYTES_SCANNED.with(|n| n.set(0));
    let loaded = parse_text(&text).unwrap();
    assert_eq!(BYTES_SCANNED.with(std::cell::Cell::get), text.len());
    // The config warns about its own unknown keys; the key tables are plain
    // data whose names the keymap checks (and warns about) later, with the
    // lines found here in the same pass.
    assert_eq!(loaded.warnings.len(), 2 * count);
    let last = count * 3 + 2;
    assert!(
        loaded.warnings[0].contains("config.toml:1: unknown key `unknown_0`"),
        "{}",
        loaded.warnings[0]
    );
    let entries = loaded.config.keys[0].entries.as_ref().unwrap();
    assert_eq!(entries.len(), count);
    let final_name = format!("no_such_action_{}", count - 1);
    let final_entry = entries.iter().find(|e| e.command == final_name).unwrap();
    assert_eq!(final_entry.line, last);
}
