//! The user's key bindings merged over the defaults, television/gitui
//! style: an entry replaces that command's keys in that context, everything
//! else keeps its default. Clashes are settled here, never left for
//! `resolve` to pick silently: the user's binding beats a default, an
//! earlier line beats a later one, and every key taken away is reported.

use super::{Binding, KeyContext, Keymap};
use crate::app::command::Command;
use crate::app::keys::KeySpec;

/// One entry of the config file: `[keys.<context>] <command> = <keys>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub context: KeyContext,
    pub command: Command,
    /// Empty unbinds the command in that context.
    pub keys: Vec<KeySpec>,
    /// 1-based line of the entry, for messages and for "first line wins".
    pub line: usize,
}

/// A key taken away from one command because another claimed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The line of the user's entry involved (the loser's when both are
    /// the user's).
    pub line: usize,
    /// Starts with the dotted config key: `keys.programs.delete: …`.
    pub message: String,
}

impl KeyContext {
    pub const ALL: [KeyContext; 17] = [
        KeyContext::Global,
        KeyContext::Programs,
        KeyContext::Log,
        KeyContext::Draft,
        KeyContext::Editor,
        KeyContext::Form,
        KeyContext::Help,
        KeyContext::Confirm,
        KeyContext::Picker,
        KeyContext::FilterBar,
        KeyContext::Due,
        KeyContext::Board,
        KeyContext::Tracking,
        KeyContext::States,
        KeyContext::Review,
        KeyContext::Input,
        KeyContext::Notes,
    ];

    /// Its table in the config file: `[keys.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            KeyContext::Global => "global",
            KeyContext::Programs => "programs",
            KeyContext::Log => "log",
            KeyContext::Draft => "draft",
            KeyContext::Editor => "editor",
            KeyContext::Form => "form",
            KeyContext::Help => "help",
            KeyContext::Confirm => "confirm",
            KeyContext::Picker => "picker",
            KeyContext::FilterBar => "filter_bar",
            KeyContext::Due => "due",
            KeyContext::Board => "board",
            KeyContext::Tracking => "tracking",
            KeyContext::States => "states",
            KeyContext::Review => "review",
            KeyContext::Input => "input",
            KeyContext::Notes => "notes",
        }
    }

    pub fn from_name(name: &str) -> Option<KeyContext> {
        KeyContext::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Who set a binding: the user's file (with its line) outranks a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    User(usize),
    Default,
}

impl Origin {
    fn line(self) -> usize {
        match self {
            Origin::User(line) => line,
            Origin::Default => 0,
        }
    }
}

impl Keymap {
    /// Applies the user's entries (in any order: file order is taken from
    /// their lines) and settles the clashes they cause.
    pub fn with_overrides(mut self, overrides: &[Override]) -> (Keymap, Vec<Conflict>) {
        let mut origins = vec![Origin::Default; self.bindings.len()];
        let mut sorted: Vec<&Override> = overrides.iter().collect();
        sorted.sort_by_key(|o| o.line);
        for o in sorted {
            let mut keys: Vec<KeySpec> = Vec::new();
            for k in &o.keys {
                if !keys.contains(k) {
                    keys.push(*k);
                }
            }
            let existing = self
                .bindings
                .iter()
                .position(|b| b.context == o.context && b.command == o.command);
            match existing {
                Some(i) => {
                    self.bindings[i].keys = keys;
                    origins[i] = Origin::User(o.line);
                }
                None => {
                    self.bindings.push(Binding {
                        context: o.context,
                        keys,
                        command: o.command,
                        footer: false,
                    });
                    origins.push(Origin::User(o.line));
                }
            }
        }
        let mut conflicts = Vec::new();
        settle_same_context(&mut self.bindings, &origins, &mut conflicts);
        settle_shadowing(&mut self.bindings, &origins, &mut conflicts);
        self.bindings.retain(|b| !b.keys.is_empty());
        conflicts.sort_by_key(|c| c.line);
        (self, conflicts)
    }

    /// The bindings as `[keys.*]` tables, spelled as the config file reads
    /// them (the shipped example documents the defaults with this).
    pub fn to_config(&self) -> String {
        let mut out = String::new();
        for ctx in self.contexts() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("[keys.{}]\n", ctx.name()));
            for b in self.bindings(ctx) {
                let name = b.command.config_name();
                let keys: Vec<String> = b.keys.iter().map(|k| quote(&k.name())).collect();
                let value = match keys.as_slice() {
                    [one] => one.clone(),
                    _ => format!("[{}]", keys.join(", ")),
                };
                out.push_str(&format!("{name} = {value}\n"));
            }
        }
        out
    }
}

fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// What a command keeps after losing a key, for the message.
fn remaining(b: &Binding) -> String {
    let name = b.command.config_name();
    match b.keys.as_slice() {
        [] => format!("{name} has no key there now"),
        keys => {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{}`", k.name())).collect();
            format!("{name} keeps {}", keys.join(", "))
        }
    }
}

/// Binding indices, strongest claim first.
fn by_rank(origins: &[Origin]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..origins.len()).collect();
    order.sort_by_key(|&i| (origins[i], i));
    order
}

/// Two commands on one key in one context: the stronger keeps it.
fn settle_same_context(bindings: &mut [Binding], origins: &[Origin], out: &mut Vec<Conflict>) {
    let mut claimed: Vec<(KeyContext, KeySpec, usize)> = Vec::new();
    for i in by_rank(origins) {
        let ctx = bindings[i].context;
        for key in bindings[i].keys.clone() {
            let Some(&(_, _, winner)) = claimed.iter().find(|(c, k, _)| *c == ctx && *k == key)
            else {
                claimed.push((ctx, key, i));
                continue;
            };
            bindings[i].keys.retain(|k| *k != key);
            let (loser, win) = (&bindings[i], &bindings[winner]);
            let path = |b: &Binding| format!("keys.{}.{}", ctx.name(), b.command.config_name());
            match (origins[i], origins[winner]) {
                (Origin::User(line), Origin::User(first)) => out.push(Conflict {
                    line,
                    message: format!(
                        "{}: `{}` is already bound to {} on line {first}; ignored here",
                        path(loser),
                        key.name(),
                        win.command.config_name()
                    ),
                }),
                (Origin::Default, Origin::User(line)) => out.push(Conflict {
                    line,
                    message: format!(
                        "{}: `{}` was the key for {} in [keys.{}]; {}",
                        path(win),
                        key.name(),
                        loser.command.config_name(),
                        ctx.name(),
                        remaining(loser)
                    ),
                }),
                // Defaults never clash (a test holds them to it).
                _ => {}
            }
        }
    }
}

/// A key of a pane context that is also a global key hides the global
/// one there. The stronger claim keeps the key; a default never hides a
/// global key the user chose.
fn settle_shadowing(bindings: &mut [Binding], origins: &[Origin], out: &mut Vec<Conflict>) {
    let globals: Vec<usize> = (0..bindings.len())
        .filter(|&i| bindings[i].context == KeyContext::Global)
        .collect();
    for i in 0..bindings.len() {
        let ctx = bindings[i].context;
        if !ctx.fallbacks().contains(&KeyContext::Global) {
            continue;
        }
        for key in bindings[i].keys.clone() {
            let Some(&g) = globals.iter().find(|&&g| {
                bindings[g].command != bindings[i].command && bindings[g].keys.contains(&key)
            }) else {
                continue;
            };
            if origins[g] == Origin::Default && origins[i] == Origin::Default {
                continue;
            }
            let global_name = bindings[g].command.config_name();
            let local_name = bindings[i].command.config_name();
            if origins[g] < origins[i] {
                bindings[i].keys.retain(|k| *k != key);
                out.push(Conflict {
                    line: origins[g].line(),
                    message: format!(
                        "keys.global.{global_name}: `{}` was the key for {local_name} in \
                         [keys.{}]; it now means {global_name} there too, and {}",
                        key.name(),
                        ctx.name(),
                        remaining(&bindings[i])
                    ),
                });
            } else {
                out.push(Conflict {
                    line: origins[i].line(),
                    message: format!(
                        "keys.{}.{local_name}: `{}` is the global key for {global_name}; \
                         in [keys.{}] it means {local_name} instead",
                        ctx.name(),
                        key.name(),
                        ctx.name()
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
