//! The data every benchmark shares: a generated national list of 15,000
//! programs and a database holding it with 100,000 log entries. Built once
//! per run under target/tmp, from a fixed seed, so runs compare.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use usce::app::AppState;
use usce::app::msg::Msg;
use usce::app::update::init;
use usce::clock::Clock;
use usce::runtime::{self, Headless, Services};
use usce::sample_gen::{Generated, generate};
use usce::store::Store;
use usce::ui::{Theme, render};

pub const PROGRAMS: usize = 15_000;
pub const INTERACTIONS: usize = 100_000;
pub const SEED: u64 = 1;

fn dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("usce-bench");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn data() -> &'static Generated {
    static DATA: OnceLock<Generated> = OnceLock::new();
    DATA.get_or_init(|| generate(PROGRAMS, INTERACTIONS, SEED))
}

/// The programs as CSV, as `usce sample --generate` writes them.
pub fn csv_path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = dir().join(format!("programs-{PROGRAMS}.csv"));
        let mut bytes = Vec::new();
        usce::export::write_csv(&mut bytes, &data().programs).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    })
}

/// A scrape-shaped national list: snake_case headers, a main phone, two
/// numbered coordinators and a program director on every row (45,000
/// people), as FREIDA-style scrapes and R exports have them. The same
/// file as `scripts/bench-peers.sh` writes with awk (`contacts_csv`).
pub fn contacts_csv_path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = dir().join(format!("contacts-{PROGRAMS}.csv"));
        std::fs::write(&path, contacts_csv(PROGRAMS)).unwrap();
        path
    })
}

pub fn contacts_csv(rows: usize) -> String {
    const SPECIALTIES: [&str; 8] = [
        "Internal Medicine",
        "Family Medicine",
        "Pediatrics",
        "Psychiatry",
        "Neurology",
        "General Surgery",
        "Emergency Medicine",
        "Pathology",
    ];
    const STATES: [&str; 8] = ["KY", "OH", "TX", "CA", "NY", "IL", "FL", "WA"];
    let mut text = String::from(
        "program_id,program_name,institution,specialty,city,state,phone,website,\
         coordinator_name_1,coordinator_email_1,coordinator_phone_1,\
         coordinator_name_2,coordinator_email_2,coordinator_phone_2,\
         program_director_name,program_director_email,program_director_phone\n",
    );
    for i in 0..rows {
        let specialty = SPECIALTIES[i % 8];
        let state = STATES[(i / 8) % 8];
        let line = format!(
            "{id},Program {i} {specialty},Institution {inst},{specialty},City {city},{state},\
             (555) 555-{p:04},https://p{i}.example.org,\
             Dana Coordinator{i},c1.{i}@example.org,(555) 555-{q:04},\
             Sam Assistant{i},c2.{i}@example.org,,\
             Dr. Lee Director{i},pd{i}@example.org,(555) 555-{r:04}\n",
            id = 1_400_000_000 + i,
            inst = i % 700,
            city = i % 97,
            p = i % 10_000,
            q = (i + 1) % 10_000,
            r = (i + 2) % 10_000,
        );
        text.push_str(&line);
    }
    text
}

/// A database with every program, contact and log entry; rebuilt on each
/// run so it always matches the current schema.
pub fn db_path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = dir().join(format!("load-{PROGRAMS}-{INTERACTIONS}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
        let mut store = Store::open(&path).unwrap();
        store.insert_generated(data()).unwrap();
        // A returning user's start: the first-run welcome was seen.
        store.set_setting("welcomed", "1").unwrap();
        path
    })
}

/// A config file that does not exist (defaults), beside a template folder
/// that start-up fills once.
pub fn config_path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| dir().join("config").join("config.toml"))
}

/// Runs a message and every effect it leads to, as the event loop does.
pub fn dispatch(services: &mut Services, state: &mut AppState, msg: impl Into<Msg>) {
    runtime::dispatch(services, &mut Headless::default(), state, msg);
}

/// The app as it stands after start-up (`usce::tui::load`: store, config,
/// templates, profile, list with fit, done states folded), with the
/// first program's contacts, log and draft, the due list and next steps
/// loaded, as the event loop does before its first frame.
/// What the app has when it draws its first frame: everything loaded but
/// the start-up effects (the selected program's rows, due list, next steps),
/// which the runtime runs right after that frame.
pub fn before_first_frame() -> (Services, AppState) {
    let (services, mut state) =
        usce::tui::load(db_path(), config_path(), Clock::from_env().unwrap()).unwrap();
    let _effects = init(&mut state);
    (services, state)
}

pub fn started() -> (Services, AppState) {
    let (mut services, mut state) =
        usce::tui::load(db_path(), config_path(), Clock::from_env().unwrap()).unwrap();
    let mut screen = Headless::default();
    runtime::start(&mut services, &mut screen, &mut state);
    // The next-step load runs as a job; the measurement includes it.
    let done = runtime::settle(
        &mut services,
        &mut screen,
        &mut state,
        Duration::from_secs(60),
    );
    assert!(done, "the start-up jobs finished");
    (services, state)
}

pub fn theme() -> Theme {
    Theme::default()
}

pub fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).unwrap()
}

pub fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState) {
    terminal.draw(|f| render(f, state, &theme())).unwrap();
}
