//! Crash safety: the real binary is SIGKILLed at seeded random points while
//! it edits a database through the TUI in a pseudo-terminal (the CLI's
//! trials are in crash_cli.rs beside it). After every kill the database is
//! reopened with the library's `Store`: every edit the screen showed
//! before the kill is there, nothing is half-written, and SQLite's
//! integrity and foreign-key checks pass.
//!
//! Kill points are chosen by a seeded splitmix64 (`USCE_CRASH_SEED`
//! changes the seed); waits are on screen contents or files, never sleeps.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use std::path::Path;

use support::crash::{SplitMix64, base_seed};
use support::pty::Tui;
use tempfile::TempDir;
use usce::domain::{Direction, Program, Status, UsState};
use usce::store::Store;

const STATES: [&str; 6] = ["KY", "OH", "TX", "CA", "NY", "IL"];
const WORDS: [&str; 8] = [
    "mercy", "summit", "harbor", "valley", "north", "river", "oak", "bay",
];

/// One program a TUI trial tries to create, and how far it was seen.
struct Expect {
    name: String,
    state: UsState,
    /// The whole draft the trial meant to type.
    draft: String,
    /// The log entry it meant to add, if any.
    log: Option<String>,
    acked_program: bool,
    /// Longest draft prefix shown on screen before the kill.
    acked_draft: usize,
    acked_log: bool,
    /// What the database held after the trial's kill: later trials never
    /// touch this program, so it must stay exactly so.
    settled: Option<Seen>,
}

#[derive(Debug, Clone, PartialEq)]
struct Seen {
    exists: bool,
    draft: String,
    logs: Vec<(String, Direction)>,
    status: Option<Status>,
}

/// What each key acknowledges once the screen shows its effect.
#[derive(Clone, Copy)]
enum Ack {
    Program,
    Draft(usize),
    Log,
}

struct Key {
    bytes: String,
    /// Screen texts that must all be shown before the next key.
    wait: Vec<String>,
    ack: Option<Ack>,
}

fn key(bytes: &str) -> Key {
    Key {
        bytes: bytes.to_string(),
        wait: Vec::new(),
        ack: None,
    }
}

fn key_then(bytes: &str, wait: &[&str], ack: Option<Ack>) -> Key {
    Key {
        bytes: bytes.to_string(),
        wait: wait.iter().map(|s| s.to_string()).collect(),
        ack,
    }
}

/// The keys of one trial: add a program, maybe log an email, then type a
/// draft in bursts, each burst acknowledged when the editor shows it.
fn script(rng: &mut SplitMix64, trial: usize) -> (Expect, Vec<Key>) {
    let name = format!("Crash Trial {trial} {}", rng.pick(&WORDS));
    let state = rng.pick(&STATES);
    let mut draft = format!("@{trial}");
    for _ in 0..2 + rng.below(4) {
        draft.push(' ');
        draft.push_str(rng.pick(&WORDS));
    }
    let log = (rng.below(2) == 0).then(|| format!("emailed coordinator {trial}"));

    let mut keys = vec![key_then("a", &["New program name"], None)];
    keys.extend(name.chars().map(|c| key(&c.to_string())));
    keys.push(key_then("\r", &["State (code or name)"], None));
    keys.push(key("\x7f\x7f\x7f\x7f"));
    keys.extend(state.chars().map(|c| key(&c.to_string())));
    keys.push(key_then("\r", &["Program added"], Some(Ack::Program)));
    // A lone Esc closes the form; "Enter open" is the list's key hint.
    keys.push(key_then("\x1b", &["Enter open"], None));
    let mut tabs = "\t\t";
    if let Some(summary) = &log {
        keys.push(key("\t"));
        keys.push(key_then("n", &["What happened?"], None));
        keys.extend(summary.chars().map(|c| key(&c.to_string())));
        keys.push(key_then(
            "\r",
            &[summary.as_str(), "Enter edits, Esc closes"],
            Some(Ack::Log),
        ));
        keys.push(key_then("\x1b", &["Enter open"], None));
        tabs = "\t";
    }
    keys.push(key(tabs));
    keys.push(key_then("\r", &["typing · Esc stops"], None));
    let chars: Vec<char> = draft.chars().collect();
    let mut typed = 0;
    while typed < chars.len() {
        let burst = (1 + rng.below(5)).min(chars.len() - typed);
        for i in 0..burst {
            let c = chars[typed + i].to_string();
            // The cursor is drawn as a blank cell, so text ending in a
            // space looks typed before it is: acknowledge at a letter.
            if i + 1 < burst || c == " " {
                keys.push(key(&c));
            } else {
                let prefix: String = chars[..typed + burst].iter().collect();
                // "│" is the pane border: the text starts the editor's line.
                let shown = format!("│{prefix}");
                keys.push(key_then(&c, &[&shown], Some(Ack::Draft(prefix.len()))));
            }
        }
        typed += burst;
    }
    let expect = Expect {
        name,
        state: UsState::parse(state).unwrap(),
        draft,
        log,
        acked_program: false,
        acked_draft: 0,
        acked_log: false,
        settled: None,
    };
    (expect, keys)
}

/// What the database holds for the program called `name`, given every
/// stored program.
fn seen(store: &Store, programs: &[Program], name: &str, state: UsState) -> Seen {
    let mut matching = programs.iter().filter(|p| p.name == name);
    let Some(p) = matching.next() else {
        return Seen {
            exists: false,
            draft: String::new(),
            logs: Vec::new(),
            status: None,
        };
    };
    assert!(matching.next().is_none(), "{name:?} stored twice");
    assert_eq!(p.state, state, "{name:?} stored with the wrong state");
    let draft = store
        .current_draft(p.id)
        .unwrap()
        .map(|d| d.body)
        .unwrap_or_default();
    let logs = store
        .list_interactions(p.id)
        .unwrap()
        .into_iter()
        .map(|i| (i.summary, i.direction))
        .collect();
    Seen {
        exists: true,
        draft,
        logs,
        status: Some(p.status),
    }
}

/// Checks every trial so far against the reopened database.
fn verify(db: &Path, expects: &[Expect], context: &str) {
    let store = Store::open(db).unwrap();
    let problems = store.integrity_problems().unwrap();
    assert!(problems.is_empty(), "{context}: {problems:?}");
    let programs = store.list_programs().unwrap();
    for p in &programs {
        if p.name.starts_with("Crash Trial ") {
            assert!(
                expects.iter().any(|e| e.name == p.name),
                "{context}: half-typed program name {:?}",
                p.name
            );
        }
    }
    for e in expects {
        let now = seen(&store, &programs, &e.name, e.state);
        if let Some(settled) = &e.settled {
            assert_eq!(&now, settled, "{context}: {:?} changed later", e.name);
            continue;
        }
        assert!(
            now.exists || !e.acked_program,
            "{context}: acknowledged program {:?} lost",
            e.name
        );
        assert!(
            e.draft.starts_with(&now.draft),
            "{context}: draft {:?} is not a prefix of {:?}",
            now.draft,
            e.draft
        );
        assert!(
            now.draft.len() >= e.acked_draft,
            "{context}: draft {:?} lost acknowledged text (had {} bytes)",
            now.draft,
            e.acked_draft
        );
        match (&e.log, now.logs.as_slice()) {
            (_, []) => assert!(!e.acked_log, "{context}: acknowledged log entry lost"),
            (Some(summary), [(stored, direction)]) => {
                assert_eq!(stored, summary, "{context}");
                assert_eq!(*direction, Direction::Out, "{context}");
                // The entry and the status move are one transaction.
                assert_eq!(now.status, Some(Status::Contacted), "{context}");
            }
            (_, logs) => panic!("{context}: unexpected log entries {logs:?}"),
        }
        if now.logs.is_empty() && now.exists {
            assert_eq!(now.status, Some(Status::default()), "{context}");
        }
    }
}

fn tui_trials(trials: usize) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("usce.db");
    let mut expects: Vec<Expect> = Vec::new();
    for trial in 0..trials {
        let seed = base_seed() ^ (trial as u64).wrapping_mul(0x2545_F491_4F6C_DD1D);
        let mut rng = SplitMix64::new(seed);
        let (expect, keys) = script(&mut rng, trial);
        // Kill after writing this many keys, the last one maybe still in
        // flight; 0 kills before any key, keys.len() + 1 after the last
        // acknowledgement.
        let kill_after = rng.below(keys.len() + 2);
        expects.push(expect);
        let current = expects.len() - 1;
        let mut tui = Tui::spawn(&db, &[], 120, 36);
        tui.wait_for("Contact log");
        for (written, k) in keys.iter().enumerate() {
            if written == kill_after {
                break;
            }
            tui.send(&k.bytes);
            if written + 1 == kill_after {
                break; // killed with this key possibly still in flight
            }
            if !k.wait.is_empty() {
                let wanted = k.wait.clone();
                tui.wait_until(&format!("{wanted:?} (trial {trial})"), |s| {
                    wanted.iter().all(|w| s.contains(w.as_str()))
                });
            }
            let e = &mut expects[current];
            match k.ack {
                Some(Ack::Program) => e.acked_program = true,
                Some(Ack::Draft(len)) => e.acked_draft = len,
                Some(Ack::Log) => e.acked_log = true,
                None => {}
            }
        }
        tui.sigkill();
        let context = format!(
            "trial {trial} (seed {seed:#x}, killed after key {kill_after} of {})",
            keys.len()
        );
        verify(&db, &expects, &context);
        let store = Store::open(&db).unwrap();
        let programs = store.list_programs().unwrap();
        let e = &mut expects[current];
        e.settled = Some(seen(&store, &programs, &e.name, e.state));
    }
}

#[test]
fn tui_edits_acknowledged_before_sigkill_survive() {
    tui_trials(40);
}

#[test]
#[ignore = "long run (400 trials): cargo test --test reliability crash:: -- --ignored"]
fn tui_edits_acknowledged_before_sigkill_survive_long() {
    tui_trials(400);
}
