//! Key names as people write them ("ctrl-s", "shift-tab", "?", "pgdn") and
//! matching them against crossterm events.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeySpec {
    pub const fn plain(code: KeyCode) -> KeySpec {
        KeySpec {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> KeySpec {
        KeySpec::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> KeySpec {
        KeySpec {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Parses "j", "G", "?", "ctrl-s", "alt-x", "shift-tab", "enter", "esc",
    /// "space", "pgup", "f5"… Case of named keys does not matter; a single
    /// character keeps its case ("G" is not "g").
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let stripped = ["ctrl-", "alt-", "shift-"]
                .iter()
                .find(|p| lower.starts_with(*p) && rest.len() > p.len());
            match stripped {
                Some(&"ctrl-") => mods |= KeyModifiers::CONTROL,
                Some(&"alt-") => mods |= KeyModifiers::ALT,
                Some(_) => mods |= KeyModifiers::SHIFT,
                None => break,
            }
            rest = &rest[stripped.map_or(0, |p| p.len())..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => match c {
                '↑' => KeyCode::Up,
                '↓' => KeyCode::Down,
                '←' => KeyCode::Left,
                '→' => KeyCode::Right,
                _ if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
                // Terminals send "shift-q" as "Q": spell it that way so it
                // can match.
                _ if mods.contains(KeyModifiers::SHIFT) => {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_ascii_uppercase())
                }
                _ => KeyCode::Char(c),
            },
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pgdown" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("unknown key {text:?}")),
            },
        };
        Ok(KeySpec { code, mods })
    }

    /// Whether a key event is this key. For printable characters the Shift
    /// modifier is ignored, since terminals report "?" and "G" with it.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mut ev_mods = ev.modifiers;
        let mut code = ev.code;
        if let KeyCode::Char(c) = code {
            ev_mods.remove(KeyModifiers::SHIFT);
            if ev_mods.contains(KeyModifiers::CONTROL) {
                code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
        if code == KeyCode::BackTab {
            ev_mods.remove(KeyModifiers::SHIFT);
        }
        code == self.code && ev_mods == self.mods
    }
}

impl KeySpec {
    /// The name a config file uses for this key ("ctrl-r", "pgup", "?"):
    /// `parse` reads it back to the same key.
    pub fn name(&self) -> String {
        let mut name = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            name.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            name.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            name.push_str("shift-");
        }
        let code = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => "shift-tab".to_string(),
            KeyCode::Delete => "delete".to_string(),
            KeyCode::PageUp => "pgup".to_string(),
            KeyCode::PageDown => "pgdn".to_string(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_ascii_lowercase(),
        };
        name.push_str(&code);
        name
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn parses_and_prints_round_trip() {
        for text in [
            "j",
            "G",
            "?",
            "Ctrl-s",
            "Shift-Tab",
            "Enter",
            "Esc",
            "Space",
            "PgUp",
            "F5",
            "Alt-x",
        ] {
            let key = KeySpec::parse(text).unwrap();
            assert_eq!(KeySpec::parse(&key.to_string()).unwrap(), key, "{text}");
        }
        assert!(KeySpec::parse("hyper-q").is_err());
        assert_eq!(KeySpec::parse("↑").unwrap(), KeySpec::plain(KeyCode::Up));
    }

    #[test]
    fn config_names_read_back_to_the_same_key() {
        for text in [
            "j",
            "G",
            "?",
            "ctrl-r",
            "shift-tab",
            "enter",
            "esc",
            "space",
            "pgup",
            "pgdn",
            "home",
            "end",
            "up",
            "down",
            "left",
            "right",
            "backspace",
            "delete",
            "tab",
            "f1",
            "alt-x",
        ] {
            let key = KeySpec::parse(text).unwrap();
            assert_eq!(key.name(), text, "{text}");
            assert_eq!(KeySpec::parse(&key.name()).unwrap(), key, "{text}");
        }
    }

    #[test]
    fn shift_with_a_letter_means_the_capital_letter() {
        let key = KeySpec::parse("shift-q").unwrap();
        assert_eq!(key, KeySpec::ch('Q'));
        assert!(key.matches(&ev(KeyCode::Char('Q'), KeyModifiers::SHIFT)));
        assert!(KeySpec::parse("").is_err());
    }

    #[test]
    fn shifted_characters_match_without_naming_shift() {
        let q = KeySpec::parse("?").unwrap();
        assert!(q.matches(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT)));
        let big_g = KeySpec::parse("G").unwrap();
        assert!(big_g.matches(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert!(!big_g.matches(&ev(KeyCode::Char('g'), KeyModifiers::NONE)));
        let save = KeySpec::parse("ctrl-s").unwrap();
        assert!(save.matches(&ev(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!save.matches(&ev(KeyCode::Char('s'), KeyModifiers::NONE)));
        let back = KeySpec::parse("shift-tab").unwrap();
        assert!(back.matches(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)));
    }
}
