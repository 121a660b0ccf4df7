//! Drives the whole app in process with key presses, as helix's
//! `test_key_sequence` does: each key goes through the keymap in the
//! current context, then the reducer, the effects against a real store in
//! a temp folder, and the results fed back. Tests then look at the state,
//! the screen and the database. This covers the gap between reducer tests
//! (which send actions) and PTY tests (which send bytes to the binary).

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;
use usce::app::AppState;
use usce::app::keys::KeySpec;
use usce::config::Config;
use usce::store::Store;
use usce::ui::{Theme, render};

use super::app::{self, App};

pub struct Driver {
    dir: TempDir,
    app: App,
}

impl Driver {
    /// A new user's app: a fresh database holding the sample programs, the
    /// default config, every file in a temp folder.
    #[allow(clippy::new_without_default)] // each one makes a temp folder
    pub fn new() -> Driver {
        Driver::with(|_| {}, Config::default())
    }

    /// The app on a database `prepare` filled (one that holds a program
    /// gets no samples) with `config`.
    pub fn with(prepare: impl FnOnce(&mut Store), config: Config) -> Driver {
        Driver::with_file(|store, _| prepare(store), config)
    }

    /// [`Driver::with`] whose `prepare` also gets the database file's
    /// path, to change it from outside the store before the app starts.
    pub fn with_file(prepare: impl FnOnce(&mut Store, &Path), config: Config) -> Driver {
        let dir = TempDir::new().unwrap();
        let db = app::db_path(dir.path());
        let mut store = Store::open(&db).unwrap();
        prepare(&mut store, &db);
        let app = app::start(dir.path(), store, config);
        Driver { dir, app }
    }

    /// [`Driver::with`] on a clock stopped at `at`, so screens that show
    /// dates (next steps, log entries, status lines) are the same on any
    /// day the tests run.
    pub fn at(
        at: chrono::DateTime<chrono::Utc>,
        prepare: impl FnOnce(&mut Store),
        config: Config,
    ) -> Driver {
        let dir = TempDir::new().unwrap();
        let clock = usce::clock::Clock::fixed(at);
        let mut store = Store::open(&app::db_path(dir.path()))
            .unwrap()
            .with_clock(clock);
        prepare(&mut store);
        let app = app::start(dir.path(), store, config);
        Driver { dir, app }
    }

    /// Presses every key of `notation` in turn (see [`parse_keys`]).
    pub fn keys(&mut self, notation: &str) -> &mut Driver {
        for key in parse_keys(notation) {
            self.press(key);
        }
        self
    }

    /// Presses one key as the event loop does: the keymap resolves it in
    /// the current context, and its action runs through the reducer, the
    /// effects and every action they feed back. The one place a key meets
    /// the app's API.
    pub fn press(&mut self, key: KeyEvent) {
        let App {
            services,
            state,
            screen,
        } = &mut self.app;
        if let Some(action) = state.keymap.resolve(&key, state.key_context()) {
            usce::runtime::dispatch(services, screen, state, action);
        }
    }

    /// Waits until the background jobs the keys started (a send, a batch)
    /// have finished and their results are applied, as the event loop
    /// would; false if `deadline` passed first.
    pub fn settle(&mut self, deadline: std::time::Duration) -> bool {
        let App {
            services,
            state,
            screen,
        } = &mut self.app;
        usce::runtime::settle(services, screen, state, deadline)
    }

    /// The terminal changes size, as the event loop reports a resize.
    pub fn resize(&mut self, width: u16, height: u16) -> &mut Driver {
        let App {
            services,
            state,
            screen,
        } = &mut self.app;
        let resized = usce::app::event::Event::Resized(width, height);
        usce::runtime::dispatch(services, screen, state, resized);
        self
    }

    pub fn state(&self) -> &AppState {
        &self.app.state
    }

    pub fn store(&self) -> &Store {
        &self.app.services.store
    }

    /// The temp folder holding the database, templates and sent mail.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The status line's text, or "" when it is empty.
    pub fn status(&self) -> String {
        self.app
            .state
            .status
            .as_ref()
            .map(|s| s.text.to_string())
            .unwrap_or_default()
    }

    /// The screen as `render` draws it now, one line per row.
    pub fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| render(frame, &self.app.state, &Theme::default()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Keys written as in helix's tests: each character is its own key ("jj",
/// "G"), and a name in angle brackets is one key: `<Enter>`, `<Esc>`,
/// `<Tab>`, `<S-Tab>`, `<BS>`, `<Space>`, `<Down>`, `<PgDn>`, `<C-u>`
/// (Ctrl), `<A-x>` (Alt). As in helix, "<" always starts a name (`<lt>`
/// types one), and an unknown name panics rather than typing it. Names are
/// the config file's (`KeySpec::parse`), with helix's `C-`/`A-`/`S-` for
/// ctrl/alt/shift.
pub fn parse_keys(notation: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    let mut rest = notation;
    while let Some(c) = rest.chars().next() {
        if let Some(bracketed) = rest.strip_prefix('<') {
            let (name, after) = bracketed
                .split_once('>')
                .unwrap_or_else(|| panic!("no > after < in {notation:?}"));
            keys.push(named_key(name));
            rest = after;
        } else {
            keys.push(char_key(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    keys
}

/// A typed character as a terminal reports it: capitals carry Shift.
fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn named_key(name: &str) -> KeyEvent {
    let spelled = match name {
        "lt" => "<".to_string(),
        "BS" => "backspace".to_string(),
        _ => name
            .replace("C-", "ctrl-")
            .replace("A-", "alt-")
            .replace("S-", "shift-"),
    };
    let spec = KeySpec::parse(&spelled).unwrap_or_else(|e| panic!("<{name}>: {e}"));
    KeyEvent::new(spec.code, spec.mods)
}
