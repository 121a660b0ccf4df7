//! The keymap a config file asks for: its `[keys.<context>]` tables (plain
//! names and key strings, read by `config`) checked against the contexts,
//! commands and key names the app knows, then merged over the defaults.
//!
//! Anything that names nothing (a context, a command, a key) is warned
//! about with its line and skipped, and the command keeps its default
//! keys: one typo must not leave the user without a way to quit.

use super::{KeyContext, Keymap, Override};
use crate::app::command::Command;
use crate::app::keys::KeySpec;
use crate::config::{KeyEntry, KeyTable, Loaded};

type Warnings = Vec<(usize, String)>;

impl Keymap {
    /// The defaults with the config's `[keys.*]` entries merged over them.
    /// What cannot be used, and every clash and how it was settled, join
    /// `loaded.warnings` at their lines.
    pub fn from_config(loaded: &mut Loaded) -> Keymap {
        let (overrides, mut warnings) = read(&loaded.config.keys);
        let (keymap, conflicts) = Keymap::default().with_overrides(&overrides);
        warnings.extend(conflicts.into_iter().map(|c| (c.line, c.message)));
        loaded.add_warnings(warnings);
        keymap
    }
}

/// The entries that name a known context, command and keys, and a
/// `(line, message)` warning for each one that does not.
pub fn read(tables: &[KeyTable]) -> (Vec<Override>, Warnings) {
    let mut overrides = Vec::new();
    let mut warnings = Vec::new();
    for table in tables {
        let ctx_name = table.context.as_str();
        let Some(context) = KeyContext::from_name(ctx_name) else {
            let known: Vec<&str> = KeyContext::ALL.iter().map(|c| c.name()).collect();
            warnings.push((
                table.line,
                format!(
                    "unknown key `keys.{ctx_name}` ignored (the contexts are {})",
                    known.join(", ")
                ),
            ));
            continue;
        };
        let Some(entries) = &table.entries else {
            warnings.push((
                table.line,
                format!("keys.{ctx_name}: expected a table of `action = \"key\"`; ignored"),
            ));
            continue;
        };
        for entry in entries {
            match check(context, entry) {
                Ok((o, warning)) => {
                    overrides.push(o);
                    warnings.extend(warning.map(|w| (entry.line, w)));
                }
                Err(message) => warnings.push((entry.line, message)),
            }
        }
    }
    (overrides, warnings)
}

/// One entry as an override (with a warning that does not stop it), or
/// why it is ignored.
fn check(context: KeyContext, entry: &KeyEntry) -> Result<(Override, Option<String>), String> {
    let name = entry.command.as_str();
    let ctx_name = context.name();
    let path = format!("keys.{ctx_name}.{name}");
    let command =
        Command::from_config_name(name).ok_or_else(|| format!("{path}: {}", unknown(name)))?;
    let keys: Vec<KeySpec> = entry
        .keys
        .clone()
        .and_then(|names| names.iter().map(|n| KeySpec::parse(n)).collect())
        .map_err(|message: String| format!("{path}: {message}; default kept"))?;
    let typed = keys.iter().find(|k| is_typed(context, k)).map(|typed| {
        format!(
            "{path}: `{}` can no longer be typed in [keys.{ctx_name}]; \
             a key with ctrl- or alt- would leave it for text",
            typed.name()
        )
    });
    // `Keymap::resolve` answers Ctrl-C with quit before any binding.
    let ctrl_c = KeySpec::ctrl('c');
    let warning = typed.or_else(|| {
        (command != Command::Quit && keys.contains(&ctrl_c))
            .then(|| format!("{path}: `ctrl-c` always quits; bind another key for {name}"))
    });
    let o = Override {
        context,
        command,
        keys,
        line: entry.line,
    };
    Ok((o, warning))
}

/// Whether `key` is a plain character in a context where characters are
/// text: binding it there takes it away from typing.
fn is_typed(context: KeyContext, key: &KeySpec) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    matches!(
        context,
        KeyContext::Editor | KeyContext::Input | KeyContext::Notes
    ) && matches!(key.code, KeyCode::Char(_))
        && !key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn unknown(name: &str) -> String {
    let guess = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    match Command::from_config_name(&guess) {
        Some(_) => format!("unknown action; did you mean `{guess}`?"),
        None => "unknown action ignored (config.example.toml lists every action name)".to_owned(),
    }
}
