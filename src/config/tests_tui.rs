//! The TUI's settings as plain data: theme, date format, mouse. (Key
//! bindings are checked where the keymap is built from them:
//! `app::keymap::tests_from_config`.)

use std::path::Path;

use super::*;

fn parse_text(text: &str) -> Result<Loaded, ConfigError> {
    parse(Path::new("/home/a/.config/usce/config.toml"), text)
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
