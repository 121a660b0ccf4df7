//! Starting the terminal UI: open the database, seed the demo list on a
//! brand-new one, read the config and templates, load programs, then hand
//! over to the event loop.

use std::path::Path;

use crate::app::AppState;
use crate::app::keymap::Keymap;
use crate::app::list::ProgramList;
use crate::cli::CliResult;
use crate::clock::Clock;
use crate::config::{self, Loaded};
use crate::mail::{TemplateSet, install_defaults};
use crate::outreach::{sent_dir, templates_dir};
use crate::runtime::{self, Services};
use crate::store::Store;
use crate::ui::Theme;

pub fn run(db: &Path, config_path: &Path) -> CliResult<()> {
    // The one clock for the session; a malformed USCE_TODAY stops start-up
    // with the reason, as it stops every command.
    let clock = Clock::from_env()?;
    let (mut services, mut state) = load(db, config_path, clock)?;
    let theme = Theme::from_env(services.config.theme);
    // ratatui::run enters raw mode and the alternate screen and installs a
    // panic hook that restores the terminal before the message prints.
    ratatui::run(|terminal| runtime::run(terminal, &mut services, &mut state, theme))?;
    Ok(())
}

/// Everything start-up does before the first frame: open the store, seed
/// the demo list on a new database, read the config and templates, load
/// every program into the list with its fit, fold the done states. `clock`
/// is the session's: the store, the runtime and the state all read it.
/// Shared with the start-up benchmark, so it measures what users wait for.
pub fn load(db: &Path, config_path: &Path, clock: Clock) -> CliResult<(Services, AppState)> {
    let store = Store::open_or_read_only(db)?.with_clock(clock);
    // A broken config must not lock the user out: start with defaults and
    // say exactly what is wrong.
    let config = config::load(config_path).unwrap_or_else(Loaded::defaults_because);
    load_with(store, config, db, config_path)
}

/// Start-up on a store already open (`db` is its file, its clock the
/// session's) and a config already read (its warnings shown as `load` shows
/// them): the rest of [`load`], for tests and tools that prepare their own
/// database and settings.
pub fn load_with(
    mut store: Store,
    mut config: Loaded,
    db: &Path,
    config_path: &Path,
) -> CliResult<(Services, AppState)> {
    let clock = store.clock();
    let read_only = store.is_read_only();
    let seeded = if !read_only && store.count_programs()? == 0 {
        store.seed_sample_if_new()?
    } else {
        0
    };
    // The keymap reads the plain key tables and adds its own warnings.
    let keymap = Keymap::from_config(&mut config);
    let Loaded {
        config,
        warnings: mut problems,
        ..
    } = config;
    if read_only {
        problems.insert(
            0,
            format!(
                "read-only: {} cannot be written here, so changes are disabled",
                db.display()
            ),
        );
    }
    let template_dir = templates_dir(config_path);
    if let Err(e) = install_defaults(&template_dir) {
        problems.push(format!(
            "could not copy the email templates to {}: {e}",
            template_dir.display()
        ));
    }
    let templates = TemplateSet::load(Some(&template_dir)).or_else(|e| {
        problems.push(e.to_string());
        TemplateSet::load(None)
    })?;
    problems.extend(
        templates
            .problems()
            .map(|(name, e)| format!("template {name}: {e}")),
    );

    let (profile, bad_profile) = store.read_profile()?;
    let mut state = AppState {
        now: clock.now(),
        today: clock.today(),
        ..AppState::default()
    };
    // One unreadable row must not lock the user out: the rest load, and
    // the status line (after the welcome's) says where to find it.
    let loaded = store.load_programs()?;
    state.needs_repair = loaded.needs_repair;
    state.needs_repair.extend(bad_profile);
    state.list = ProgramList::for_profile(loaded.programs, &profile, state.today);
    state.profile = profile;
    state.keymap = keymap;
    state.date_format = config.date_format.clone();
    // Done states start folded, as marking them done folds them.
    state.states_done = store.states_done()?;
    state.list.fold_states(&state.states_done);
    let fit_sort = store.setting(crate::app::fit::SORT_BY_FIT_SETTING)?;
    state.list.set_sort_by_fit(fit_sort.as_deref() == Some("1"));
    state.templates =
        crate::app::compose::workflow_order(templates.names().map(String::from).collect());
    if seeded > 0 {
        let loaded = crate::domain::plural::count(seeded, "sample program");
        state.info(format!(
            "Welcome! {loaded} loaded to explore. X removes them all; a adds your own."
        ));
    }
    crate::app::overlays::announce_needs_repair(&mut state);
    state.smtp_configured = config.smtp.is_some();
    state.smtp_form = config.smtp.clone();
    // First run: offer the steps a new user needs (once; W reopens it).
    state.settings_problems = problems.clone();
    if !read_only && store.setting("welcomed")?.is_none() {
        // The welcome lists the problems as its first step, selected.
        store.set_setting("welcomed", "1")?;
        state.popup = Some(crate::app::Popup::Welcome { selected: 0 });
    } else if !problems.is_empty() {
        state.popup = Some(crate::app::Popup::Info {
            title: "Some settings need attention".into(),
            lines: problems,
            scroll: 0,
        });
    }
    let services = Services {
        clock,
        store,
        templates,
        config,
        sent_dir: sent_dir(db),
        config_path: config_path.to_path_buf(),
        db_path: db.to_path_buf(),
        templates_dir: template_dir,
        jobs: Default::default(),
    };
    Ok((services, state))
}
