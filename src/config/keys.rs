//! `[keys.<context>]` tables: `command = "key"` or `command = ["key", …]`.
//!
//! Read here only as plain data: the context, command and key names as
//! written, each with its line. Whether the names mean anything is for
//! the keymap that is built from them (`app::keymap::from_config`), which
//! warns about those that do not; the config knows no commands.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::DeValue;

use super::Lines;

/// One `[keys.<context>]` table as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTable {
    /// The context's name (`programs`), not yet checked.
    pub context: String,
    /// 1-based line of the table's name.
    pub line: usize,
    /// The entries, or None when `keys.<context>` is not a table.
    pub entries: Option<Vec<KeyEntry>>,
}

/// One `command = keys` line of a `[keys.<context>]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    /// The command's name (`add_program`), not yet checked.
    pub command: String,
    /// 1-based line of the entry.
    pub line: usize,
    /// The key names as written (empty unbinds), or why the value is not
    /// a list of key names.
    pub keys: Result<Vec<String>, String>,
}

type Warnings = Vec<(usize, String)>;

/// The tables of `keys`, and a `(line, message)` warning when `keys`
/// itself is not a table of tables.
pub(super) fn read(
    keys: Option<&Spanned<DeValue<'_>>>,
    lines: &Lines,
) -> (Vec<KeyTable>, Warnings) {
    let Some(keys) = keys else {
        return (Vec::new(), Vec::new());
    };
    let line = |span: std::ops::Range<usize>| lines.of(span.start);
    let DeValue::Table(contexts) = keys.get_ref() else {
        let warning = (
            line(keys.span()),
            "keys: expected tables such as [keys.programs]; ignored".to_owned(),
        );
        return (Vec::new(), vec![warning]);
    };
    let tables = contexts
        .iter()
        .map(|(ctx_key, table)| KeyTable {
            context: ctx_key.get_ref().to_string(),
            line: line(ctx_key.span()),
            entries: match table.get_ref() {
                DeValue::Table(entries) => Some(
                    entries
                        .iter()
                        .map(|(name, value)| KeyEntry {
                            command: name.get_ref().to_string(),
                            line: line(name.span()),
                            keys: key_names(value),
                        })
                        .collect(),
                ),
                _ => None,
            },
        })
        .collect();
    (tables, Vec::new())
}

/// One key name or a list of them.
fn key_names(value: &Spanned<DeValue<'_>>) -> Result<Vec<String>, String> {
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
    Ok(names.into_iter().map(|n| n.to_string()).collect())
}
