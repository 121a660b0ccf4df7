//! The list keeps what the user chose (issue 15 item 15): the fit sort
//! (`o`) survives a restart, and a search shows its matches inside a
//! folded (done) state instead of hiding them under the heading.
#![allow(clippy::unwrap_used, clippy::panic)]

use crate::support;

use support::app::db_path;
use support::driver::Driver;
use usce::config::{Config, Loaded};
use usce::domain::{Program, UsState};
use usce::store::Store;

/// Whether a new start on the driver's database sorts by fit.
fn next_start_sorts_by_fit(d: &Driver) -> bool {
    let db = db_path(d.dir());
    let store = Store::open(&db).unwrap();
    let config = Loaded::from(Config::default());
    let (_, state) =
        usce::tui::load_with(store, config, &db, &d.dir().join("config.toml")).unwrap();
    state.list.sorted_by_fit()
}

#[test]
fn the_fit_sort_is_remembered_across_restarts() {
    let mut d = Driver::new();
    assert!(!next_start_sorts_by_fit(&d), "by name on a new database");
    d.keys("o");
    assert!(d.state().list.sorted_by_fit());
    assert!(next_start_sorts_by_fit(&d), "o is remembered");
    d.keys("o");
    assert!(!next_start_sorts_by_fit(&d), "and so is o again");
}

#[test]
fn a_search_opens_a_done_states_fold_and_the_fold_returns_after() {
    let oh = UsState::parse("OH").unwrap();
    let ky = UsState::parse("KY").unwrap();
    let mut d = Driver::with(
        |store| {
            store
                .insert_program(&Program::new("Bluegrass Clinic", ky))
                .unwrap();
            store
                .insert_program(&Program::new("Buckeye Pediatrics", oh))
                .unwrap();
            store.set_state_done(oh, true).unwrap();
        },
        Config::default(),
    );
    let screen = d.screen(120, 36);
    assert!(
        screen.contains("▸ OH"),
        "a done state starts folded:\n{screen}"
    );
    assert!(!screen.contains("Buckeye Pediatrics"), "{screen}");
    d.keys("/buckeye");
    let screen = d.screen(120, 36);
    assert!(screen.contains("▾ OH"), "{screen}");
    assert!(
        screen.contains("Buckeye Pediatrics"),
        "the match shows:\n{screen}"
    );
    // Space on the heading still folds it during the search…
    d.keys("<Enter>k<Space>");
    assert!(!d.screen(120, 36).contains("Buckeye Pediatrics"));
    // …and once the search is cleared the done state is folded as before.
    d.keys("<Esc>");
    let screen = d.screen(120, 36);
    assert!(screen.contains("▸ OH"), "{screen}");
    assert!(!screen.contains("Buckeye Pediatrics"), "{screen}");
}
