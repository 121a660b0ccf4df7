//! The app in process, started as `usce` starts it (`tui::load_with`, then
//! the start-up loads), on a database and config the test prepared. Only
//! the terminal is replaced: effects run against the real store, templates
//! and mail code, and the `Headless` screen keeps what would be written raw.

use std::path::{Path, PathBuf};

use usce::app::AppState;
use usce::config::{Config, Loaded};
use usce::runtime::{Headless, Services};
use usce::store::Store;

/// Long enough for the start-up jobs on any machine; they take milliseconds.
const STARTUP_JOBS: std::time::Duration = std::time::Duration::from_secs(60);

pub struct App {
    pub services: Services,
    pub state: AppState,
    pub screen: Headless,
}

/// The database `start` expects its store to be opened on.
pub fn db_path(dir: &Path) -> PathBuf {
    dir.join("usce.db")
}

/// Starts the app on `store` (opened on [`db_path`]`(dir)`) with `config`.
/// The config file is `dir/config.toml` (it need not exist), so templates
/// go to `dir/templates` and sent mail to `dir/sent`. The first-run
/// welcome is marked seen, as the PTY harness does; a store without
/// programs gets the sample list, as a new user's does.
pub fn start(dir: &Path, mut store: Store, config: Config) -> App {
    store.set_setting("welcomed", "1").unwrap();
    let config = Loaded::from(config);
    let config_path = dir.join("config.toml");
    let (mut services, mut state) =
        usce::tui::load_with(store, config, &db_path(dir), &config_path).unwrap();
    let mut screen = Headless::default();
    usce::runtime::start(&mut services, &mut screen, &mut state);
    // The next-step load runs as a job: wait for it, as the loop would
    // before the user could act on its column.
    assert!(
        usce::runtime::settle(&mut services, &mut screen, &mut state, STARTUP_JOBS),
        "the start-up jobs finished"
    );
    App {
        services,
        state,
        screen,
    }
}
