//! Starting the terminal UI: open the database, seed the demo list on a
//! brand-new one, load programs, then hand over to the event loop.

use std::path::Path;

use crate::app::list::ProgramList;
use crate::app::{AppState, runtime};
use crate::cli::CliResult;
use crate::store::{Store, StoreError};
use crate::ui::Theme;

pub fn run(db: &Path) -> CliResult<()> {
    let (mut store, mut state) = load(db)?;
    let theme = Theme::from_env();
    // ratatui::run enters raw mode and the alternate screen and installs a
    // panic hook that restores the terminal before the message prints.
    ratatui::run(|terminal| runtime::run(terminal, &mut store, &mut state, theme))?;
    Ok(())
}

/// Everything start-up does before the first frame: open the store, seed
/// the demo list on a new database, load every program into the list.
/// Shared with the start-up benchmark, so it measures what users wait for.
pub fn load(db: &Path) -> Result<(Store, AppState), StoreError> {
    let mut store = Store::open(db)?;
    let seeded = if store.count_programs()? == 0 {
        store.seed_sample_if_new()?
    } else {
        0
    };
    let profile = store.profile()?;
    let list = ProgramList::new(store.list_programs()?, profile.home_state);
    let mut state = AppState::new(list);
    state.profile = profile;
    if seeded > 0 {
        state.info(format!(
            "Welcome! {seeded} sample programs loaded to explore. X removes them all; a adds your own."
        ));
    }
    Ok((store, state))
}
