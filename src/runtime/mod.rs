//! The event loop: terminal events become commands through the keymap, the
//! reducer returns effects, and effects run here against the store. Their
//! outcomes go back into the reducer as events. Effects that can take
//! longer than a frame run on the job runner (`jobs`); the loop drains
//! its reports every turn (`drain_jobs`), so keys keep working meanwhile.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{self, Event as TermEvent, KeyEventKind};
use ratatui::DefaultTerminal;

use crate::app::AppState;
use crate::app::effect::Effect;
use crate::app::event::Event;
use crate::app::jobs::JobEvent;
use crate::app::mouse;
use crate::app::msg::Msg;
use crate::app::update::{init, update};
use crate::clock::Clock;
use perform::perform;
use terminal::{MouseCapture, Tty};

pub mod jobs;
mod outside;
mod perform;
mod sent;
mod terminal;
use crate::config::Config;
use crate::mail::TemplateSet;
use crate::store::Store;
use crate::ui::{self, Theme};

/// Everything effects run against: the clock, the database, the templates
/// and the user's configuration.
pub struct Services {
    /// The one clock: `state.now`/`state.today`, sends and follow-ups read
    /// it. The store stamps with the same one (`Store::with_clock`).
    pub clock: Clock,
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
    /// The database's change marker when the calendar feed was last
    /// rewritten (`calendar.path`); `None` before the first write.
    pub calendar_seen: Option<crate::store::ChangeMarker>,
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
    // The reducer drops keys while the terminal is too small to show
    // their effect, so it needs the size before the first key.
    let size = terminal.terminal.size()?;
    dispatch(
        services,
        terminal,
        state,
        Event::Resized(size.width, size.height),
    );
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
        // And when the next background mail sync is due.
        let wait = if services.jobs.is_busy() {
            JOB_POLL
        } else {
            let midnight = services.clock.until_next_day();
            state
                .mail_sync
                .until_due(services.clock.now())
                .map_or(midnight, |sync| sync.min(midnight))
        };
        if event::poll(wait)? {
            handle(event::read()?, services, terminal, state);
        }
        drain_jobs(services, terminal, state);
        if state.mail_sync.due(services.clock.now()) {
            dispatch(services, terminal, state, Event::SyncTimer);
        }
        let today = services.clock.today();
        if today != state.today {
            dispatch(services, terminal, state, Event::DayChanged(today));
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
        dispatch(services, terminal, state, Event::Done(waiting.into()));
    }
    while services.jobs.must_finish() {
        terminal
            .terminal
            .draw(|frame| ui::render(frame, state, theme))?;
        if let Some(events) = services.jobs.next_within(JOB_POLL) {
            for event in events {
                dispatch(services, terminal, state, event);
            }
        }
        dispatch(services, terminal, state, Event::Job(JobEvent::Tick));
    }
    Ok(())
}

/// Reports handled per turn of the loop at most, so a chatty worker can
/// never keep the loop from drawing and reading keys.
const REPORTS_PER_TURN: usize = 256;

/// Feeds the job reports waiting into the reducer, then turns the spinner
/// once for this turn of the loop.
pub fn drain_jobs(services: &mut Services, screen: &mut dyn Screen, state: &mut AppState) {
    for _ in 0..REPORTS_PER_TURN {
        let Some(events) = services.jobs.try_next() else {
            break;
        };
        for event in events {
            dispatch(services, screen, state, event);
        }
    }
    if !state.jobs.running.is_empty() {
        dispatch(services, screen, state, Event::Job(JobEvent::Tick));
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
        if let Some(events) = services.jobs.next_within(left) {
            for event in events {
                dispatch(services, screen, state, event);
            }
        }
    }
    true
}

fn handle(
    event: TermEvent,
    services: &mut Services,
    screen: &mut dyn Screen,
    state: &mut AppState,
) {
    let msg = match event {
        TermEvent::Key(key) if key.kind == KeyEventKind::Press => {
            state.keymap.resolve(&key, state.key_context())
        }
        TermEvent::Mouse(m) => mouse::input(&m).map(Msg::Input),
        TermEvent::Resize(width, height) => Some(Event::Resized(width, height).into()),
        _ => None,
    };
    if let Some(msg) = msg {
        dispatch(services, screen, state, msg);
    }
}

/// Carries out one effect (for tests and tools that drive the app).
pub fn perform_effect(
    services: &mut Services,
    screen: &mut dyn Screen,
    effect: Effect,
) -> Vec<Event> {
    perform(services, screen, effect)
}

/// Runs a message and every event its effects produce, in order.
pub fn dispatch(
    services: &mut Services,
    screen: &mut dyn Screen,
    state: &mut AppState,
    msg: impl Into<Msg>,
) {
    state.now = services.clock.now();
    let effects = update(state, msg);
    perform_all(services, screen, state, effects);
    let events = rewrite_calendar_if_changed(services);
    perform_all_events(services, screen, state, events);
}

/// With `calendar.path` set, starts a rewrite of the feed when the
/// database changed since the last one (this session's writes or another
/// connection's: a worker's send or import, another usce).
fn rewrite_calendar_if_changed(services: &mut Services) -> Vec<Event> {
    let Some(path) = services.config.calendar.path.clone() else {
        return Vec::new();
    };
    let Ok(marker) = services.store.change_marker() else {
        return Vec::new();
    };
    if services.calendar_seen == Some(marker) {
        return Vec::new();
    }
    services.calendar_seen = Some(marker);
    let job = jobs::calendar::rewrite(
        services.db_path.clone(),
        jobs::calendar::expand_home(&path),
        services.config.calendar.follow_ups,
        services.clock,
    );
    services.jobs.start(job)
}

/// The start-up loads (the selected program's rows, the due list, every
/// program's next step) and all they lead to, run at once: what the event
/// loop does around its first frame, for tests and tools that drive the app
/// after `tui::load`.
pub fn start(services: &mut Services, screen: &mut dyn Screen, state: &mut AppState) {
    let startup = init(state);
    perform_all(services, screen, state, startup);
}

fn perform_all(
    services: &mut Services,
    screen: &mut dyn Screen,
    state: &mut AppState,
    effects: Vec<Effect>,
) {
    let queue: Vec<Event> = effects
        .into_iter()
        .flat_map(|e| perform(services, screen, e))
        .collect();
    perform_all_events(services, screen, state, queue);
}

/// Feeds `events` into the reducer and performs all they lead to.
fn perform_all_events(
    services: &mut Services,
    screen: &mut dyn Screen,
    state: &mut AppState,
    events: Vec<Event>,
) {
    let mut queue: VecDeque<Event> = events.into();
    while let Some(event) = queue.pop_front() {
        for effect in update(state, event) {
            queue.extend(perform(services, screen, effect));
        }
    }
}
