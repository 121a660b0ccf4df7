//! The event loop: terminal events become actions through the keymap, the
//! reducer returns effects, and effects run here against the store. Their
//! outcomes go back into the reducer as actions. Effects that can take
//! longer than a frame run on the job runner (`jobs`); the loop drains
//! its reports every turn (`drain_jobs`), so keys keep working meanwhile.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

use crate::app::AppState;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::jobs::JobEvent;
use crate::app::mouse;
use crate::app::update::{init, update};
use perform::perform;
use terminal::{MouseCapture, Tty};

pub mod jobs;
mod outside;
mod perform;
mod terminal;
use crate::config::Config;
use crate::mail::TemplateSet;
use crate::store::Store;
use crate::ui::{self, Theme};

/// Everything effects run against: the database, the templates and the
/// user's configuration.
pub struct Services {
    pub store: Store,
    pub templates: TemplateSet,
    pub config: Config,
    /// Where copies of sent mail are kept.
    pub sent_dir: PathBuf,
    /// The config file's path, for messages that tell the user where to look.
    pub config_path: PathBuf,
    /// The database file, for workers that open their own connection.
    pub db_path: PathBuf,
    /// The user's template folder, for the batch worker.
    pub templates_dir: PathBuf,
    /// Work running on worker threads (sends, imports, batches).
    pub jobs: jobs::Jobs,
}

/// What some effects need from the terminal.
pub trait Screen {
    /// Hands the terminal to another program (an editor) while `run` runs.
    fn suspended(&mut self, run: &mut dyn FnMut() -> io::Result<String>) -> io::Result<String>;
    /// Writes raw bytes to the terminal (the OSC 52 clipboard sequence).
    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()>;
}

impl Screen for DefaultTerminal {
    fn suspended(&mut self, run: &mut dyn FnMut() -> io::Result<String>) -> io::Result<String> {
        ratatui::restore();
        let result = run();
        *self = ratatui::init();
        self.clear()?;
        result
    }

    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        let mut out = io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    }
}

/// A screen for tests and scripts: nothing to suspend; raw output kept.
#[derive(Debug, Default)]
pub struct Headless {
    pub written: Vec<u8>,
}

impl Screen for Headless {
    fn suspended(&mut self, run: &mut dyn FnMut() -> io::Result<String>) -> io::Result<String> {
        run()
    }

    fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.written.extend_from_slice(bytes);
        Ok(())
    }
}

/// Hidden switch for the terminal-restore test: panic after the first
/// frame, to prove the panic hook gives the terminal back.
const TEST_PANIC_ENV: &str = "USCE_TEST_PANIC";

pub fn run(
    terminal: &mut DefaultTerminal,
    services: &mut Services,
    state: &mut AppState,
    theme: Theme,
) -> io::Result<()> {
    let mouse = services.config.mouse;
    let _capture = MouseCapture::start(mouse)?;
    let terminal = &mut Tty { terminal, mouse };
    let startup = init(state);
    // The first frame comes before the start-up loads: the list is usable
    // at once, and each program's next step (which reads the whole log)
    // fills in when its job reports back.
    terminal
        .terminal
        .draw(|frame| ui::render(frame, state, &theme))?;
    perform_all(services, terminal, state, startup);
    let test_panic = std::env::var_os(TEST_PANIC_ENV).is_some();
    while !state.quitting {
        terminal
            .terminal
            .draw(|frame| ui::render(frame, state, &theme))?;
        if test_panic {
            #[allow(clippy::panic)]
            {
                panic!("{TEST_PANIC_ENV} is set: panicking on purpose after the first frame");
            }
        }
        // Wake at local midnight (dates in the Due view and on rows move on)
        // and, while a job runs, often enough to show its progress.
        let wait = if services.jobs.is_busy() {
            JOB_POLL
        } else {
            until_midnight()
        };
        if event::poll(wait)? {
            handle(event::read()?, services, terminal, state);
        }
        drain_jobs(services, terminal, state);
        let today = crate::clock::today();
        if today != state.today {
            dispatch(services, terminal, state, Action::DayChanged(today));
        }
        // Handle everything already queued (a paste, a held key) before
        // drawing again, so input never lags behind the screen.
        while !state.quitting && event::poll(Duration::ZERO)? {
            handle(event::read()?, services, terminal, state);
        }
    }
    finish_jobs(services, terminal, state, &theme)
}

/// How often the loop looks for job reports (and turns the spinner) while
/// a job runs.
const JOB_POLL: Duration = Duration::from_millis(100);

/// Before the app exits: everything that can stop is asked to, and a send
/// already talking to the server (or an import rolling back) is waited
/// for, so no mail goes out unrecorded. The screen keeps showing it.
fn finish_jobs(
    services: &mut Services,
    terminal: &mut Tty<'_>,
    state: &mut AppState,
    theme: &Theme,
) -> io::Result<()> {
    services.jobs.cancel_all();
    if services.jobs.must_finish() {
        let waiting = "Quitting once the running job has stopped…";
        dispatch(services, terminal, state, Action::Done(waiting.into()));
    }
    while services.jobs.must_finish() {
        terminal
            .terminal
            .draw(|frame| ui::render(frame, state, theme))?;
        if let Some(actions) = services.jobs.next_within(JOB_POLL) {
            for action in actions {
                dispatch(services, terminal, state, action);
            }
        }
        dispatch(services, terminal, state, Action::Job(JobEvent::Tick));
    }
    Ok(())
}

/// Time left until the next local midnight (at least a second, so a clock
/// that jumps never makes the loop spin).
fn until_midnight() -> Duration {
    let now = chrono::Local::now();
    let next = now
        .date_naive()
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 1))
        .and_then(|t| t.and_local_timezone(chrono::Local).earliest());
    next.and_then(|t| (t - now).to_std().ok())
        .unwrap_or(Duration::from_secs(60))
        .max(Duration::from_secs(1))
}

/// Reports handled per turn of the loop at most, so a chatty worker can
/// never keep the loop from drawing and reading keys.
const REPORTS_PER_TURN: usize = 256;

/// Feeds the job reports waiting into the reducer, then turns the spinner
/// once for this turn of the loop.
pub fn drain_jobs(services: &mut Services, screen: &mut dyn Screen, state: &mut AppState) {
    for _ in 0..REPORTS_PER_TURN {
        let Some(actions) = services.jobs.try_next() else {
            break;
        };
        for action in actions {
            dispatch(services, screen, state, action);
        }
    }
    if !state.jobs.running.is_empty() {
        dispatch(services, screen, state, Action::Job(JobEvent::Tick));
    }
}

/// Feeds job reports into the reducer until no job runs (including jobs
/// the results start, such as the next-step load after an import), or
/// `timeout` passes. For tests and scripts that drive the app without a
/// terminal; true when everything finished.
pub fn settle(
    services: &mut Services,
    screen: &mut dyn Screen,
    state: &mut AppState,
    timeout: Duration,
) -> bool {
    let deadline = std::time::Instant::now() + timeout;
    while services.jobs.is_busy() {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return false;
        }
        if let Some(actions) = services.jobs.next_within(left) {
            for action in actions {
                dispatch(services, screen, state, action);
            }
        }
    }
    true
}

fn handle(event: Event, services: &mut Services, screen: &mut dyn Screen, state: &mut AppState) {
    let action = match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            state.keymap.resolve(&key, state.key_context())
        }
        Event::Mouse(m) => mouse::action(&m),
        _ => None, // resize and others: the next draw adapts
    };
    if let Some(action) = action {
        dispatch(services, screen, state, action);
    }
}

/// Carries out one effect (for tests and tools that drive the app).
pub fn perform_effect(
    services: &mut Services,
    screen: &mut dyn Screen,
    effect: Effect,
) -> Vec<Action> {
    perform(services, screen, effect)
}

/// Runs an action and every action its effects produce, in order.
pub fn dispatch(
    services: &mut Services,
    screen: &mut dyn Screen,
    state: &mut AppState,
    action: Action,
) {
    state.now = chrono::Utc::now();
    let effects = update(state, action);
    perform_all(services, screen, state, effects);
}

fn perform_all(
    services: &mut Services,
    screen: &mut dyn Screen,
    state: &mut AppState,
    effects: Vec<Effect>,
) {
    let mut queue: VecDeque<Action> = effects
        .into_iter()
        .flat_map(|e| perform(services, screen, e))
        .collect();
    while let Some(action) = queue.pop_front() {
        for effect in update(state, action) {
            queue.extend(perform(services, screen, effect));
        }
    }
}
