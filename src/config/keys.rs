//! `[keys.<context>]` tables: `action = "key"` or `action = ["key", …]`.
//!
//! Anything that names nothing (a context, an action, a key) is warned
//! about with its line and skipped, and the action keeps its default keys:
//! one typo must not leave the user without a way to quit.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::DeValue;

use super::Lines;
use crate::app::action::Action;
use crate::app::keymap::{KeyContext, Override};
use crate::app::keys::KeySpec;

type Warnings = Vec<(usize, String)>;

/// The entries of the `keys` table, and a `(line, message)` warning for
/// each one that cannot be used.
pub(super) fn read(
    keys: Option<&Spanned<DeValue<'_>>>,
    lines: &Lines,
) -> (Vec<Override>, Warnings) {
    let mut overrides = Vec::new();
    let mut warnings = Vec::new();
    let Some(keys) = keys else {
        return (overrides, warnings);
    };
    let line = |span: std::ops::Range<usize>| lines.of(span.start);
    let DeValue::Table(contexts) = keys.get_ref() else {
        warnings.push((
            line(keys.span()),
            "keys: expected tables such as [keys.programs]; ignored".to_owned(),
        ));
        return (overrides, warnings);
    };
    for (ctx_key, table) in contexts.iter() {
        let ctx_name: &str = ctx_key.get_ref();
        let Some(context) = KeyContext::from_name(ctx_name) else {
            let known: Vec<&str> = KeyContext::ALL.iter().map(|c| c.name()).collect();
            warnings.push((
                line(ctx_key.span()),
                format!(
                    "unknown key `keys.{ctx_name}` ignored (the contexts are {})",
                    known.join(", ")
                ),
            ));
            continue;
        };
        let DeValue::Table(entries) = table.get_ref() else {
            warnings.push((
                line(ctx_key.span()),
                format!("keys.{ctx_name}: expected a table of `action = \"key\"`; ignored"),
            ));
            continue;
        };
        for (action_key, value) in entries.iter() {
            let name: &str = action_key.get_ref();
            let at = line(action_key.span());
            let path = format!("keys.{ctx_name}.{name}");
            let Some(action) = Action::from_config_name(name) else {
                warnings.push((at, format!("{path}: {}", unknown_action(name))));
                continue;
            };
            match key_list(value) {
                Ok(keys) => {
                    if let Some(typed) = keys.iter().find(|k| is_typed(context, k)) {
                        warnings.push((
                            at,
                            format!(
                                "{path}: `{}` can no longer be typed in [keys.{ctx_name}]; \
                                 a key with ctrl- or alt- would leave it for text",
                                typed.name()
                            ),
                        ));
                    }
                    overrides.push(Override {
                        context,
                        action,
                        keys,
                        line: at,
                    })
                }
                Err(message) => warnings.push((at, format!("{path}: {message}; default kept"))),
            }
        }
    }
    (overrides, warnings)
}

/// Whether `key` is a plain character in a context where characters are
/// text: binding it there takes it away from typing.
fn is_typed(context: KeyContext, key: &KeySpec) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    matches!(context, KeyContext::Editor | KeyContext::Input)
        && matches!(key.code, KeyCode::Char(_))
        && !key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn unknown_action(name: &str) -> String {
    let guess = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    match Action::from_config_name(&guess) {
        Some(_) => format!("unknown action; did you mean `{guess}`?"),
        None => "unknown action ignored (config.example.toml lists every action name)".to_owned(),
    }
}

/// One key name or a list of them; all must be known.
fn key_list(value: &Spanned<DeValue<'_>>) -> Result<Vec<KeySpec>, String> {
    let names: Vec<&Cow<'_, str>> = match value.get_ref() {
        DeValue::String(name) => vec![name],
        DeValue::Array(items) => items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(name) => Ok(name),
                other => Err(format!("expected key names, found a {}", other.type_str())),
            })
            .collect::<Result<_, _>>()?,
        other => {
            return Err(format!(
                "expected a key name or a list of key names, found a {}",
                other.type_str()
            ));
        }
    };
    names.into_iter().map(|n| KeySpec::parse(n)).collect()
}
