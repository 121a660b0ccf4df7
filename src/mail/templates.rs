//! Email templates: the shipped defaults merged with the user's own files.
//!
//! # File format
//!
//! One file per template, named `NAME.txt` (NAME made of `a-z`, `0-9`, `_`,
//! `-`). Line 1 is `Subject: ` followed by the subject, line 2 is blank, and
//! everything after is the body:
//!
//! ```text
//! Subject: Rotation request – {{ profile.full_name }}
//!
//! {{ salutation }}
//! …
//! ```
//!
//! Subject and body are minijinja templates rendered with
//! `UndefinedBehavior::Strict`. The context (see `context.rs`) has `program`,
//! `contact`, `profile`, `request`, `attachments`, `salutation`,
//! `signature_block` and `today`; blank fields are absent, so a required
//! field is written plainly (`{{ contact.name }}`) and an optional one is
//! guarded (`{% if contact.name is defined %}`). A missing derived field is
//! reported as the one the user fills in (`contact.salutation` as
//! `contact.name`). Lists are always present:
//! `{% if program.tags %}`. The filter `and_list` joins a list as
//! "a, b and c". Block tags swallow their own line (`trim_blocks`,
//! `lstrip_blocks`), runs of blank lines collapse to one, and the subject is
//! folded onto one line.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value};

pub use super::context::RenderInput;
use super::context::{Lookup, Tree, reported_as};
use super::template_files::{io_error, split_source, user_files};

/// The shipped templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "request_rotation",
        include_str!("../../assets/templates/request_rotation.txt"),
    ),
    (
        "express_interest",
        include_str!("../../assets/templates/express_interest.txt"),
    ),
    (
        "ask_to_visit",
        include_str!("../../assets/templates/ask_to_visit.txt"),
    ),
    (
        "ask_alumnus",
        include_str!("../../assets/templates/ask_alumnus.txt"),
    ),
    (
        "follow_up",
        include_str!("../../assets/templates/follow_up.txt"),
    ),
    (
        "thank_you",
        include_str!("../../assets/templates/thank_you.txt"),
    ),
    (
        "lor_request",
        include_str!("../../assets/templates/lor_request.txt"),
    ),
];

/// The body starts on line 3 of the file; minijinja counts from the body.
const BODY_FIRST_LINE: usize = 3;

/// Stands in for a missing field while probing which fields a template needs.
const PROBE: &str = "…";

/// Instructions one render may run. The longest shipped template runs a
/// few hundred; a nested `range(100000)` loop pinned the TUI at 100% CPU
/// and grew its memory by 8 MB a second.
pub const FUEL: u64 = 100_000;

/// The most text one render may write: an email is a few KB, a long one
/// with a pasted field a few hundred.
pub const MAX_OUTPUT_BYTES: usize = 1024 * 1024;

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    User(PathBuf),
}

/// A rendered email, ready to be edited or sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("no template named {0:?}")]
    Unknown(String),
    /// Every field the template needs that is blank or absent, by dotted
    /// path (`contact.name`, `profile.step2_score`).
    #[error("missing {}", fields.join(", "))]
    Missing { fields: Vec<String> },
    #[error("template {template:?}, line {line}: {message}")]
    Syntax {
        template: String,
        line: usize,
        message: String,
    },
    /// The file does not follow the `Subject:` / blank line / body layout.
    #[error("template {template:?}: {message}")]
    Format { template: String, message: String },
    /// A valid template failed while rendering for another reason than a
    /// missing field (e.g. a filter applied to the wrong type).
    #[error("template {template:?}, line {line}: {message}")]
    Render {
        template: String,
        line: usize,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
    /// Rendering ran out of [`FUEL`] or passed [`MAX_OUTPUT_BYTES`].
    #[error("template {template:?} is too complex: {why}")]
    TooComplex { template: String, why: String },
}

#[derive(Debug)]
struct Entry {
    origin: Origin,
    /// A template that failed to load stays listed, so the user sees why.
    broken: Option<TemplateError>,
}

/// All templates available to the app.
#[derive(Debug)]
pub struct TemplateSet {
    env: Environment<'static>,
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Copy)]
enum Part {
    Subject,
    Body,
}

/// A minijinja error and the part of the file it came from.
struct Failure {
    part: Part,
    error: minijinja::Error,
}

impl Failure {
    fn is_undefined(&self) -> bool {
        self.error.kind() == ErrorKind::UndefinedError
    }

    fn into_render_error(self, template: &str) -> TemplateError {
        let too_complex = |why: String| TemplateError::TooComplex {
            template: template.to_owned(),
            why,
        };
        match self.error.kind() {
            ErrorKind::OutOfFuel => {
                return too_complex(format!(
                    "it runs more than {FUEL} steps (a loop inside a loop?)"
                ));
            }
            // Only the capped writer fails a write: rendering is into memory.
            ErrorKind::WriteFailure => {
                return too_complex(format!(
                    "it writes more than {} MB",
                    MAX_OUTPUT_BYTES / (1024 * 1024)
                ));
            }
            _ => {}
        }
        TemplateError::Render {
            template: template.to_owned(),
            line: file_line(self.part, &self.error),
            message: describe(&self.error),
        }
    }
}

/// The most a template file may hold: a long letter is 10 KB. A bigger
/// file (or one swapped for a FIFO or a device after the folder was
/// listed) is a problem of that template, never a wait or a full memory.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

impl TemplateSet {
    /// The shipped templates, overridden or extended by `NAME.txt` files in
    /// `user_dir`. A missing directory is fine; an unreadable one is an
    /// error. A broken file does not stop the others from loading: see
    /// [`TemplateSet::problems`].
    pub fn load(user_dir: Option<&Path>) -> Result<TemplateSet, TemplateError> {
        let mut set = TemplateSet {
            env: new_environment(),
            entries: BTreeMap::new(),
        };
        for (name, text) in BUILTIN {
            set.insert(name, Ok((*text).to_owned()), Origin::Builtin);
        }
        if let Some(dir) = user_dir {
            for (name, path) in user_files(dir)? {
                let text = crate::paths::read_regular_text(&path, MAX_TEMPLATE_BYTES)
                    .map_err(io_error(&path));
                set.insert(&name, text, Origin::User(path));
            }
        }
        Ok(set)
    }

    /// Template names in alphabetical order, broken ones included.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub fn origin(&self, name: &str) -> Option<&Origin> {
        self.entries.get(name).map(|e| &e.origin)
    }

    /// Templates that failed to load, with the reason.
    pub fn problems(&self) -> impl Iterator<Item = (&str, &TemplateError)> {
        self.entries
            .iter()
            .filter_map(|(name, e)| e.broken.as_ref().map(|err| (name.as_str(), err)))
    }

    pub fn render(&self, name: &str, input: &RenderInput<'_>) -> Result<Rendered, TemplateError> {
        let entry = self
            .entries
            .get(name)
            .ok_or_else(|| TemplateError::Unknown(name.to_owned()))?;
        if let Some(err) = &entry.broken {
            return Err(err.clone());
        }
        let tree = Tree::build(input);
        match self.render_tree(name, &tree) {
            Ok(rendered) => Ok(rendered),
            Err(failure) if failure.is_undefined() => Err(self.missing(name, &tree, failure)),
            Err(failure) => Err(failure.into_render_error(name)),
        }
    }

    fn insert(&mut self, name: &str, text: Result<String, TemplateError>, origin: Origin) {
        self.env.remove_template(&key(name, Part::Subject));
        self.env.remove_template(&key(name, Part::Body));
        let broken = text.and_then(|text| self.compile(name, &text)).err();
        self.entries
            .insert(name.to_owned(), Entry { origin, broken });
    }

    fn compile(&mut self, name: &str, text: &str) -> Result<(), TemplateError> {
        let (subject, body) = split_source(text).map_err(|message| TemplateError::Format {
            template: name.to_owned(),
            message,
        })?;
        for (part, source) in [(Part::Subject, subject), (Part::Body, body)] {
            self.env
                .add_template_owned(key(name, part), source)
                .map_err(|e| TemplateError::Syntax {
                    template: name.to_owned(),
                    line: file_line(part, &e),
                    message: describe(&e),
                })?;
        }
        Ok(())
    }

    fn render_tree(&self, name: &str, tree: &Tree) -> Result<Rendered, Failure> {
        let ctx = tree.to_value();
        let part = |part: Part| {
            self.env
                .get_template(&key(name, part))
                .and_then(|t| render_capped(&t, &ctx))
                .map_err(|error| Failure { part, error })
        };
        Ok(Rendered {
            subject: tidy_subject(&part(Part::Subject)?),
            body: tidy_body(&part(Part::Body)?),
        })
    }

    /// minijinja stops at the first undefined value; the user should learn
    /// every missing field at once. Candidates are the template's variables
    /// absent from the context. A candidate is needed if the template still
    /// fails when every other candidate is filled with a placeholder, which
    /// leaves out fields only used behind `is defined` guards.
    fn missing(&self, name: &str, tree: &Tree, first: Failure) -> TemplateError {
        let candidates = self.absent_variables(name, tree);
        let probe = Value::from(PROBE);
        let needed: Vec<String> = candidates
            .iter()
            .filter(|candidate| {
                let mut filled = tree.clone();
                for other in candidates.iter().filter(|o| o != candidate) {
                    filled.fill(other, &probe);
                }
                matches!(self.render_tree(name, &filled), Err(f) if f.is_undefined())
            })
            .cloned()
            .collect();
        match (needed.is_empty(), candidates.is_empty()) {
            (false, _) => TemplateError::Missing {
                fields: as_reported(needed),
            },
            (true, false) => TemplateError::Missing {
                fields: as_reported(candidates),
            },
            (true, true) => first.into_render_error(name),
        }
    }

    fn absent_variables(&self, name: &str, tree: &Tree) -> Vec<String> {
        let globals: HashSet<&str> = self.env.globals().map(|(k, _)| k).collect();
        let mut absent = BTreeSet::new();
        for part in [Part::Subject, Part::Body] {
            let Ok(template) = self.env.get_template(&key(name, part)) else {
                continue;
            };
            for path in template.undeclared_variables(true) {
                let root = path.split('.').next().unwrap_or_default();
                if !globals.contains(root) && tree.lookup(&path) == Lookup::Missing {
                    absent.insert(path);
                }
            }
        }
        absent.into_iter().collect()
    }
}

/// Renders into memory, failing with `WriteFailure` past
/// [`MAX_OUTPUT_BYTES`]. (The fuel bounds the steps; this bounds what few
/// steps can still write, such as a 100 KB field printed in a loop.)
fn render_capped(
    template: &minijinja::Template<'_, '_>,
    ctx: &Value,
) -> Result<String, minijinja::Error> {
    struct Capped(Vec<u8>);
    impl std::io::Write for Capped {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.0.len() + bytes.len() > MAX_OUTPUT_BYTES {
                return Err(std::io::Error::other("template output too large"));
            }
            self.0.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Capped(Vec::new());
    template.render_captured_to(ctx, &mut out)?;
    // minijinja writes only whole strings, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&out.0).into_owned())
}

/// Derived fields named by what the user fills in, sorted, once each.
fn as_reported(fields: Vec<String>) -> Vec<String> {
    let named: BTreeSet<String> = fields.iter().map(|f| reported_as(f).to_owned()).collect();
    named.into_iter().collect()
}

fn new_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_filter("and_list", and_list);
    env
}

/// "a", "a and b", "a, b and c".
fn and_list(items: Vec<String>) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn key(name: &str, part: Part) -> String {
    match part {
        Part::Subject => format!("{name}#subject"),
        Part::Body => format!("{name}#body"),
    }
}

fn file_line(part: Part, error: &minijinja::Error) -> usize {
    let line = error.line().unwrap_or(1);
    match part {
        Part::Subject => 1,
        Part::Body => line + BODY_FIRST_LINE - 1,
    }
}

fn describe(error: &minijinja::Error) -> String {
    match error.detail() {
        Some(detail) => format!("{}: {detail}", error.kind()),
        None => error.kind().to_string(),
    }
}

fn tidy_subject(subject: &str) -> String {
    subject.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trailing spaces go, blank-line runs left by skipped conditionals
/// collapse to one, and the body ends with exactly one newline.
fn tidy_body(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut blank_run = 0;
    for line in body.lines().map(str::trim_end) {
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if blank_run > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank_run = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}
