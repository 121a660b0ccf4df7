//! README's key tables and the `?` overlay list the same commands, in the
//! same words for where you are (issue 15: one vocabulary). Both
//! directions: every key the overlay lists is in README's table for that
//! context, every key README lists is one the app binds there, and every
//! binding's keys sit together in one README row.

use std::collections::BTreeSet;

use super::help::{Section, sections};
use crate::app::keymap::Keymap;

const README: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));

/// One README key table: its bold heading and the keys of each row.
#[derive(Debug)]
struct Table {
    heading: String,
    rows: Vec<Vec<String>>,
}

/// The tables of README's "## Keys" section, each under a `**Heading**`
/// line. Keys are the backticked words of a row's first cell.
fn readme_tables() -> Vec<Table> {
    let start = README
        .find("\n## Keys\n")
        .expect("README has a Keys section");
    let section = &README[start + 1..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let mut tables: Vec<Table> = Vec::new();
    for line in section[..end].lines() {
        if let Some(rest) = line.strip_prefix("**") {
            let heading = rest.split("**").next().unwrap_or_default().to_string();
            tables.push(Table {
                heading,
                rows: Vec::new(),
            });
        } else if let Some(cells) = line.strip_prefix('|') {
            let first = cells.split('|').next().unwrap_or_default();
            let keys = backticked(first);
            if let (Some(table), false) = (tables.last_mut(), keys.is_empty()) {
                table.rows.push(keys);
            }
        }
    }
    tables.retain(|t| !t.rows.is_empty());
    tables
}

/// The `code` spans of a cell: "`j` `↓` / `k` `↑`" → j ↓ k ↑.
fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The heading a help section goes under in README: its title up to the
/// first parenthesis ("Detail forms (program, …)" → "Detail forms").
fn short_title(section: &Section) -> &str {
    section
        .title
        .split(" (")
        .next()
        .unwrap_or(section.title)
        .trim()
}

fn table_for<'a>(tables: &'a [Table], section: &Section) -> Option<&'a Table> {
    tables.iter().find(|t| t.heading == short_title(section))
}

#[test]
fn every_help_section_has_a_readme_table_and_every_table_a_section() {
    let help = sections(&Keymap::default());
    let tables = readme_tables();
    let titles: BTreeSet<&str> = help.iter().map(short_title).collect();
    let headings: BTreeSet<&str> = tables.iter().map(|t| t.heading.as_str()).collect();
    assert_eq!(titles, headings, "help's sections vs README's key tables");
}

#[test]
fn readme_and_help_list_the_same_keys_in_every_context() {
    let help = sections(&Keymap::default());
    let tables = readme_tables();
    for section in &help {
        let Some(table) = table_for(&tables, section) else {
            continue; // the test above names it
        };
        let in_help: BTreeSet<&str> = section
            .rows
            .iter()
            .flat_map(|(keys, _)| keys.iter().map(String::as_str))
            .collect();
        let in_readme: BTreeSet<&str> = table.rows.iter().flatten().map(String::as_str).collect();
        let missing: Vec<_> = in_help.difference(&in_readme).collect();
        let unbound: Vec<_> = in_readme.difference(&in_help).collect();
        assert!(
            missing.is_empty() && unbound.is_empty(),
            "{}: README lacks {missing:?}; README lists {unbound:?}, which help does not",
            section.title
        );
    }
}

#[test]
fn each_commands_keys_sit_together_in_one_readme_row() {
    let help = sections(&Keymap::default());
    let tables = readme_tables();
    for section in &help {
        let Some(table) = table_for(&tables, section) else {
            continue;
        };
        for (keys, does) in &section.rows {
            let together = table
                .rows
                .iter()
                .any(|row| keys.iter().all(|k| row.contains(k)));
            assert!(
                together,
                "{}: the keys {keys:?} ({does}) are split over README rows",
                section.title
            );
        }
    }
}

/// The parser itself: a table it cannot read would pass the checks above
/// vacuously.
#[test]
fn the_readme_tables_are_read() {
    let tables = readme_tables();
    let list = tables
        .iter()
        .find(|t| t.heading == "Program list")
        .expect("a Program list table");
    assert!(list.rows.iter().any(|r| r == &["Enter".to_string()]));
    assert!(list.rows.iter().any(|r| r.contains(&"Ctrl-r".to_string())));
    assert!(tables.len() >= 14, "{tables:#?}");
}
