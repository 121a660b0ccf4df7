//! Builds the template context from domain types.
//!
//! The context is a small tree of maps (`program`, `contact`, `profile`,
//! `request`), the scalars `today`, `salutation` and `signature_block`, and
//! the list `attachments`. The derived values follow the domain's rules
//! (`domain::salutation`, `Profile::rotation_to_ask`, `attachments`,
//! `signature_block`), so templates say the same thing the app does. Empty text and `None` values are left out of the
//! tree on purpose: with minijinja's strict undefined behaviour a template
//! that prints a blank required field then fails instead of sending
//! "Dear ," to a program director. Lists are always present (possibly empty)
//! so templates can test them with a plain `{% if program.tags %}`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::Value;

use crate::domain::salutation::{NameParts, personal_addressee, salutation, title_of};
use crate::domain::{Contact, Profile, Program, RotationKind, StepResult};

/// What a template is rendered against.
#[derive(Debug, Clone, Copy)]
pub struct RenderInput<'a> {
    pub program: &'a Program,
    /// `None` when writing to a generic office address.
    pub contact: Option<&'a Contact>,
    pub profile: &'a Profile,
    pub today: NaiveDate,
}

/// One node of the context: a value, or a map of named children.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Leaf(Value),
    Branch(BTreeMap<String, Node>),
}

/// Whether a dotted path such as `contact.name` resolves in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    Present,
    Missing,
}

/// The whole context, keyed by root name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    roots: BTreeMap<String, Node>,
}

impl Tree {
    pub(crate) fn build(input: &RenderInput<'_>) -> Tree {
        let mut roots = BTreeMap::new();
        roots.insert("program".to_owned(), program_node(input.program));
        roots.insert("contact".to_owned(), contact_node(input.contact));
        roots.insert("profile".to_owned(), profile_node(input.profile));
        roots.insert(
            "today".to_owned(),
            Node::Leaf(Value::from(input.today.format("%B %-d, %Y").to_string())),
        );
        roots.insert(
            "salutation".to_owned(),
            Node::Leaf(Value::from(salutation(input.contact))),
        );
        roots.insert("request".to_owned(), request_node(input));
        let attachments: Vec<Value> = (input.profile.attachments().iter())
            .map(|a| Value::from(a.what))
            .collect();
        roots.insert(
            "attachments".to_owned(),
            Node::Leaf(Value::from(attachments)),
        );
        if let Some(block) = input.profile.signature_block() {
            roots.insert("signature_block".to_owned(), Node::Leaf(Value::from(block)));
        }
        Tree { roots }
    }

    /// A path is present when it ends on an existing node, or when a prefix
    /// of it is already a plain value (deeper access is then the template's
    /// own business, e.g. a method on a string).
    pub(crate) fn lookup(&self, path: &str) -> Lookup {
        let mut children = &self.roots;
        for segment in path.split('.') {
            match children.get(segment) {
                None => return Lookup::Missing,
                Some(Node::Leaf(_)) => return Lookup::Present,
                Some(Node::Branch(next)) => children = next,
            }
        }
        Lookup::Present
    }

    /// Puts `value` at `path`, creating maps on the way. Used to probe which
    /// missing fields a template really needs.
    pub(crate) fn fill(&mut self, path: &str, value: &Value) {
        let segments: Vec<&str> = path.split('.').collect();
        let Some((last, parents)) = segments.split_last() else {
            return;
        };
        let mut children = &mut self.roots;
        for segment in parents {
            let node = children
                .entry((*segment).to_owned())
                .or_insert_with(|| Node::Branch(BTreeMap::new()));
            match node {
                Node::Leaf(_) => return,
                Node::Branch(next) => children = next,
            }
        }
        children
            .entry((*last).to_owned())
            .or_insert_with(|| Node::Leaf(value.clone()));
    }

    pub(crate) fn to_value(&self) -> Value {
        branch_value(&self.roots)
    }
}

fn branch_value(children: &BTreeMap<String, Node>) -> Value {
    let map: BTreeMap<String, Value> = children
        .iter()
        .map(|(key, node)| {
            let value = match node {
                Node::Leaf(v) => v.clone(),
                Node::Branch(inner) => branch_value(inner),
            };
            (key.clone(), value)
        })
        .collect();
    Value::from(map)
}

/// Collects the fields of one object, dropping blank text and `None`.
#[derive(Default)]
struct Fields(BTreeMap<String, Node>);

impl Fields {
    fn text(&mut self, key: &str, text: &str) -> &mut Self {
        let text = text.trim();
        if !text.is_empty() {
            self.value(key, Value::from(text));
        }
        self
    }

    fn opt<T: Into<Value>>(&mut self, key: &str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.value(key, v.into());
        }
        self
    }

    fn list<'a>(&mut self, key: &str, items: impl IntoIterator<Item = &'a str>) -> &mut Self {
        let items: Vec<Value> = items
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Value::from)
            .collect();
        self.value(key, Value::from(items))
    }

    fn value(&mut self, key: &str, value: Value) -> &mut Self {
        self.0.insert(key.to_owned(), Node::Leaf(value));
        self
    }

    fn into_node(self) -> Node {
        Node::Branch(self.0)
    }
}

fn program_node(p: &Program) -> Node {
    let kinds = &p.rotation.kinds;
    let mut f = Fields::default();
    f.text("name", &p.name)
        .text("institution", &p.institution)
        .text("city", &p.city)
        .text("state", p.state.code())
        .text("state_name", p.state.name())
        .text("specialty", &p.specialty)
        .list("tags", p.tags.iter().map(String::as_str))
        .text("website", &p.website)
        .list("rotation_kinds", kinds.iter().map(|k| k.label()))
        .value(
            "offers_core",
            Value::from(kinds.contains(&RotationKind::Core)),
        )
        .value(
            "offers_elective",
            Value::from(kinds.contains(&RotationKind::Elective)),
        )
        .value(
            "offers_observership",
            Value::from(kinds.contains(&RotationKind::Observership)),
        )
        .value(
            "offers_externship",
            Value::from(kinds.contains(&RotationKind::Externship)),
        )
        .opt("rotation_weeks", p.rotation.weeks)
        .text("fee", &p.rotation.fee)
        .opt("route", p.route.map(|r| r.label()));
    f.into_node()
}

/// Always a map, even without a contact, so `contact.name is defined` works
/// in templates that can greet an office instead of a person.
fn contact_node(c: Option<&Contact>) -> Node {
    let mut f = Fields::default();
    if let Some(c) = c {
        f.text("name", &c.name)
            .text("role", c.role.label())
            .text("email", &c.email)
            .text("phone", &c.phone)
            .text("preferred_name", &c.preferred_name)
            .text("surname", &NameParts::parse(&c.name).surname)
            .opt("title", title_of(c))
            .opt(
                "salutation",
                personal_addressee(c).map(|a| format!("Dear {a},")),
            );
    }
    f.into_node()
}

/// What `request_rotation` asks for, by the applicant's stage and what the
/// program offers.
fn request_node(input: &RenderInput<'_>) -> Node {
    let ask = input.profile.rotation_to_ask(&input.program.rotation.kinds);
    let mut f = Fields::default();
    f.text("kind", ask.words())
        .text("a_kind", ask.with_article());
    f.into_node()
}

/// Derived values stand for the field the user fills in: a template that
/// needs `contact.salutation` is missing the person's name.
pub(crate) fn reported_as(path: &str) -> &str {
    match path {
        "contact.salutation" | "contact.surname" => "contact.name",
        "signature_block" => "profile.full_name",
        other => other,
    }
}

fn profile_node(p: &Profile) -> Node {
    let first_name = p.full_name.split_whitespace().next().unwrap_or_default();
    let mut f = Fields::default();
    f.text("full_name", &p.full_name)
        .text("first_name", first_name)
        .text("email", &p.email)
        .text("phone", &p.phone)
        .text("medical_school", &p.medical_school)
        .text("country", &p.country)
        .opt("graduation_year", p.graduation_year)
        .value("is_student", Value::from(p.is_student))
        .text("step1", p.step1.label())
        .value("step1_passed", Value::from(p.step1 == StepResult::Pass))
        .opt("step2_score", p.step2_score)
        .text("ecfmg_status", &p.ecfmg_status)
        .value("needs_visa", Value::from(p.needs_visa))
        .text("target_specialty", &p.target_specialty)
        .list(
            "related_specialties",
            p.related_specialties.iter().map(String::as_str),
        )
        .text("available", &p.available)
        .opt("home_state", p.home_state.map(|s| s.code()))
        .opt("home_state_name", p.home_state.map(|s| s.name()))
        .text("signature", &p.signature)
        .text("cv_path", &p.cv_path)
        .text("scores_path", &p.scores_path)
        .text("usmle_id", &p.usmle_id);
    f.into_node()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UsState;

    fn input_tree(program: &Program, contact: Option<&Contact>, profile: &Profile) -> Tree {
        Tree::build(&RenderInput {
            program,
            contact,
            profile,
            today: NaiveDate::from_ymd_opt(2025, 3, 4).unwrap(),
        })
    }

    fn path(value: &Value, dotted: &str) -> String {
        let mut v = value.clone();
        for segment in dotted.split('.') {
            v = v.get_attr(segment).unwrap();
        }
        v.to_string()
    }

    #[test]
    fn blank_text_and_none_are_left_out() {
        let program = Program::new("Internal Medicine", UsState::parse("KY").unwrap());
        let profile = Profile {
            full_name: "  ".into(),
            ..Profile::default()
        };
        let tree = input_tree(&program, None, &profile);
        assert_eq!(tree.lookup("program.name"), Lookup::Present);
        assert_eq!(tree.lookup("program.state_name"), Lookup::Present);
        assert_eq!(tree.lookup("program.website"), Lookup::Missing);
        assert_eq!(tree.lookup("program.tags"), Lookup::Present);
        assert_eq!(tree.lookup("profile.full_name"), Lookup::Missing);
        assert_eq!(tree.lookup("profile.first_name"), Lookup::Missing);
        assert_eq!(tree.lookup("profile.step2_score"), Lookup::Missing);
        assert_eq!(tree.lookup("contact"), Lookup::Present);
        assert_eq!(tree.lookup("contact.name"), Lookup::Missing);
        assert_eq!(tree.lookup("nothing"), Lookup::Missing);
        // A deeper path under a plain value is the template's business.
        assert_eq!(tree.lookup("program.name.upper"), Lookup::Present);
    }

    #[test]
    fn first_name_and_today_are_derived() {
        let program = Program::new("IM", UsState::parse("NY").unwrap());
        let profile = Profile {
            full_name: "Amina  Yusuf".into(),
            ..Profile::default()
        };
        let value = input_tree(&program, None, &profile).to_value();
        assert_eq!(path(&value, "profile.first_name"), "Amina");
        assert_eq!(
            value.get_attr("today").unwrap().to_string(),
            "March 4, 2025"
        );
    }

    #[test]
    fn fill_creates_missing_branches_but_never_overwrites() {
        let mut tree = Tree::default();
        tree.fill("contact.name", &Value::from("x"));
        assert_eq!(tree.lookup("contact.name"), Lookup::Present);
        tree.fill("contact.name", &Value::from("y"));
        let v = tree.to_value();
        assert_eq!(path(&v, "contact.name"), "x");
    }
}
