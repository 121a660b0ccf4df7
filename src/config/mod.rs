//! The user's settings: `<config dir>/usce/config.toml`.
//!
//! A missing file means defaults. A broken file is refused with the file,
//! line and dotted key (`config.toml:7: smtp.port: invalid type …`), so the
//! user can go straight to it. Unknown keys are only warned about, with
//! their line: a typo should not lock anyone out of their data, but it
//! should not pass silently either. The one exception is a password
//! written into the file, which is refused: it belongs in a password
//! manager or an environment variable.
//!
//! To add a section: add its field to [`Config`] and a row to [`SCHEMA`].
//!
//! The config is plain data and knows nothing of the app: `[keys.*]` come
//! out as names and key strings ([`KeyTable`]), and the app builds its
//! keymap from them (`app::keymap::from_config`), adding its warnings to
//! [`Loaded`] so they keep file order.

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::mail::SmtpConfig;

mod date_format;
mod keys;
pub mod smtp_file;

pub use date_format::DateFormat;
pub use keys::{KeyEntry, KeyTable};

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Config {
    /// How to send mail; without it usce drafts and exports but never sends.
    pub smtp: Option<SmtpConfig>,
    pub follow_up: FollowUpConfig,
    pub outreach: OutreachConfig,
    /// Colours for a dark or a light terminal background.
    pub theme: ThemeName,
    /// How the TUI shows dates (chrono strftime), checked at load.
    pub date_format: DateFormat,
    /// Clicks and the wheel in the TUI; off leaves the mouse to the
    /// terminal (for selecting text).
    pub mouse: bool,
    /// The program that opens links (a website, a `mailto:` draft), as
    /// words like `$EDITOR` ("firefox", "open -a Safari"), run without a
    /// shell. Unset: the desktop's opener (`xdg-open`, or `open` on macOS).
    pub browser: Option<String>,
    /// The `[keys.*]` tables as written, in file order; the app merges
    /// them over its default bindings.
    #[serde(skip)]
    pub keys: Vec<KeyTable>,
}

/// The `theme` config value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            smtp: None,
            follow_up: FollowUpConfig::default(),
            outreach: OutreachConfig::default(),
            theme: ThemeName::default(),
            date_format: DateFormat::default(),
            mouse: true,
            browser: None,
            keys: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FollowUpConfig {
    /// Days from the first unanswered email to its follow-up; later steps
    /// follow the cadence (a week apart).
    pub after_send_days: u32,
}

impl Default for FollowUpConfig {
    fn default() -> Self {
        FollowUpConfig { after_send_days: 7 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct OutreachConfig {
    /// Seconds between two emails of a batch: a burst of identical mails
    /// looks like spam to the receiving servers.
    pub delay_secs: u64,
    /// At most this many batch emails per calendar day, if set.
    pub max_per_day: Option<u32>,
}

impl Default for OutreachConfig {
    fn default() -> Self {
        OutreachConfig {
            delay_secs: 20,
            max_per_day: None,
        }
    }
}

/// What a top-level key may hold.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A table whose keys are exactly these.
    Section(&'static [&'static str]),
    /// A table of free-form keys (e.g. key bindings by action name).
    OpenSection,
    /// A plain value (e.g. a date format).
    Value,
}

/// Every top-level key the config knows. Keys found elsewhere are warned
/// about and ignored.
pub const SCHEMA: &[(&str, Shape)] = &[
    (
        "smtp",
        Shape::Section(&[
            "host",
            "port",
            "security",
            "username",
            "from",
            "password_env",
            "password_cmd",
        ]),
    ),
    ("follow_up", Shape::Section(&["after_send_days"])),
    ("outreach", Shape::Section(&["delay_secs", "max_per_day"])),
    ("theme", Shape::Value),
    ("date_format", Shape::Value),
    ("mouse", Shape::Value),
    ("browser", Shape::Value),
    // `[keys.<context>]` tables: checked in `keys.rs`, where an unknown
    // context, action or key name is warned about with its line.
    ("keys", Shape::OpenSection),
];

/// The parsed config and what was ignored in it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    /// `FILE:LINE: message`, in file order: ignored keys and, once the
    /// keymap has added its own (`add_warnings`), key names that mean
    /// nothing and key-binding clashes with how they were settled.
    pub warnings: Vec<String>,
    /// `(line, message)` behind `warnings`, so later ones merge in order.
    located: Vec<(usize, String)>,
    path: PathBuf,
}

/// Settings made in code (tests, tools), with nothing to warn about.
impl From<Config> for Loaded {
    fn from(config: Config) -> Loaded {
        Loaded {
            config,
            ..Loaded::default()
        }
    }
}

impl Loaded {
    /// The defaults, for when the file cannot be used, with the reason as
    /// the one warning (a broken config must not lock anyone out).
    pub fn defaults_because(reason: impl std::fmt::Display) -> Loaded {
        Loaded {
            warnings: vec![format!("{reason} — using defaults until it is fixed")],
            ..Loaded::default()
        }
    }

    /// Adds `(line, message)` warnings found in the plain data by whoever
    /// reads it (the keymap); `warnings` stays in file order, and of two
    /// on one line the config's own comes first.
    pub fn add_warnings(&mut self, more: impl IntoIterator<Item = (usize, String)>) {
        self.located.extend(more);
        self.located.sort_by_key(|(line, _)| *line);
        self.warnings = self
            .located
            .iter()
            .map(|(line, message)| format!("{}:{line}: {message}", self.path.display()))
            .collect();
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// `key` is dotted (`smtp.port`), or empty when the problem is the
    /// file's syntax rather than a setting.
    #[error("{}:{line}: {}{message}", path.display(), key_prefix(key))]
    Invalid {
        path: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
}

fn key_prefix(key: &str) -> String {
    if key.is_empty() {
        String::new()
    } else {
        format!("{key}: ")
    }
}

/// The most a config file may hold. A real one is a few kilobytes; this
/// stops a hostile one (a symlink to `/dev/zero`, a huge file) before it
/// fills the memory. A FIFO or a device is refused before it is opened, so
/// start-up never waits on one.
pub const MAX_CONFIG_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the config at `path`; a missing file gives the defaults.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    match crate::paths::read_regular_text(path, MAX_CONFIG_BYTES) {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Loaded::default()),
        Err(source) => Err(ConfigError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Parses config text; `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Loaded, ConfigError> {
    let lines = Lines::new(text);
    let invalid = |span: Option<Range<usize>>, key: String, message: String| ConfigError::Invalid {
        path: path.to_owned(),
        line: lines.of(span.map_or(0, |s| s.start)),
        key,
        message,
    };
    let mut root = DeTable::parse(text)
        .map_err(|e| invalid(e.span(), String::new(), e.message().to_owned()))?;
    let mut warnings: Vec<(usize, String)> = Vec::new();
    for ignored in prune_unknown(root.get_mut()) {
        if ignored.key.rsplit('.').next() == Some("password") {
            return Err(invalid(
                Some(ignored.span),
                ignored.key,
                "a password does not belong in the config file; set `password_env` \
                 (an environment variable) or `password_cmd` (e.g. [\"pass\", \"show\", \
                 \"mail\"]) instead"
                    .to_owned(),
            ));
        }
        warnings.push((
            lines.of(ignored.span.start),
            format!("unknown key `{}` ignored", ignored.key),
        ));
    }
    let (key_tables, key_warnings) = keys::read(root.get_ref().get("keys"), &lines);
    warnings.extend(key_warnings);
    // The pruned table still carries its spans, so a type error can be
    // traced back to its key and line.
    let spans = KeySpans::collect(root.get_ref());
    let mut config = Config::deserialize(Deserializer::from(root)).map_err(|e| {
        let key = e.span().map(|s| spans.key_at(s.start)).unwrap_or_default();
        invalid(e.span(), key, e.message().to_owned())
    })?;
    if let Some(smtp) = &config.smtp {
        smtp.validate().map_err(|e| {
            let span = spans.span_of("smtp");
            invalid(span, "smtp".to_owned(), e.to_string())
        })?;
    }
    config.keys = key_tables;
    let mut loaded = Loaded {
        config,
        path: path.to_owned(),
        ..Loaded::default()
    };
    loaded.add_warnings(warnings);
    Ok(loaded)
}

struct Ignored {
    key: String,
    span: Range<usize>,
}

/// Removes every key the schema does not know, returning them in file order.
fn prune_unknown(root: &mut DeTable<'_>) -> Vec<Ignored> {
    let mut ignored = Vec::new();
    let mut drop_keys = |table: &mut DeTable<'_>, prefix: &str, known: &dyn Fn(&str) -> bool| {
        let unknown: Vec<_> = table
            .keys()
            .filter(|k| !known(k.get_ref()))
            .cloned()
            .collect();
        for key in unknown {
            table.remove(&key);
            ignored.push(Ignored {
                key: format!("{prefix}{}", key.get_ref()),
                span: key.span(),
            });
        }
    };
    drop_keys(root, "", &|k| SCHEMA.iter().any(|(name, _)| *name == k));
    for (name, shape) in SCHEMA {
        let Shape::Section(keys) = shape else {
            continue;
        };
        if let Some(DeValue::Table(section)) = root.get_mut(*name).map(|v| v.get_mut()) {
            drop_keys(section, &format!("{name}."), &|k| keys.contains(&k));
        }
    }
    ignored.sort_by_key(|i| i.span.start);
    ignored
}

/// Every key of the document with the byte range of its key and value.
struct KeySpans(Vec<(String, Range<usize>)>);

impl KeySpans {
    fn collect(root: &DeTable<'_>) -> KeySpans {
        fn walk(table: &DeTable<'_>, prefix: &str, out: &mut Vec<(String, Range<usize>)>) {
            for (key, value) in table.iter() {
                let path = format!("{prefix}{}", key.get_ref());
                let (k, v) = (key.span(), value.span());
                out.push((path.clone(), k.start.min(v.start)..k.end.max(v.end)));
                if let DeValue::Table(inner) = value.get_ref() {
                    walk(inner, &format!("{path}."), out);
                }
            }
        }
        let mut out = Vec::new();
        walk(root, "", &mut out);
        KeySpans(out)
    }

    /// The deepest key whose text covers `offset`.
    fn key_at(&self, offset: usize) -> String {
        self.0
            .iter()
            .filter(|(_, span)| span.contains(&offset))
            .max_by_key(|(key, _)| key.matches('.').count())
            .map(|(key, _)| key.clone())
            .unwrap_or_default()
    }

    fn span_of(&self, key: &str) -> Option<Range<usize>> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, s)| s.clone())
    }
}

/// Where each line of the config text starts, found in one pass: asking
/// for the line of each of 40,000 keys by counting from the file's start
/// took 7.6 s. A lookup is then a binary search.
pub(super) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub(super) fn new(text: &str) -> Lines {
        #[cfg(test)]
        tests::BYTES_SCANNED.with(|n| n.set(n.get() + text.len()));
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Lines { starts }
    }

    /// 1-based line of a byte offset (the last line for one past the end).
    pub(super) fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_prop;
#[cfg(test)]
mod tests_tui;
