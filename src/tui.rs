//! Starting the terminal UI: open the database, seed the demo list on a
//! brand-new one, read the config and templates, load programs, then hand
//! over to the event loop.

use std::path::Path;

use crate::app::AppState;
use crate::app::list::ProgramList;
use crate::cli::CliResult;
use crate::config::{self, Config};
use crate::mail::{TemplateSet, install_defaults};
use crate::outreach::{sent_dir, templates_dir};
use crate::runtime::{self, Services};
use crate::store::Store;
use crate::ui::Theme;

pub fn run(db: &Path, config_path: &Path) -> CliResult<()> {
    let (mut services, mut state) = load(db, config_path)?;
    let theme = Theme::from_env(services.config.theme);
    // ratatui::run enters raw mode and the alternate screen and installs a
    // panic hook that restores the terminal before the message prints.
    ratatui::run(|terminal| runtime::run(terminal, &mut services, &mut state, theme))?;
    Ok(())
}

/// Everything start-up does before the first frame: open the store, seed
/// the demo list on a new database, read the config and templates, load
/// every program into the list with its fit, fold the done states.
/// Shared with the start-up benchmark, so it measures what users wait for.
pub fn load(db: &Path, config_path: &Path) -> CliResult<(Services, AppState)> {
    let mut store = Store::open_or_read_only(db)?;
    let read_only = store.is_read_only();
    let seeded = if !read_only && store.count_programs()? == 0 {
        store.seed_sample_if_new()?
    } else {
        0
    };
    let mut problems: Vec<String> = Vec::new();
    if read_only {
        problems.push(format!(
            "read-only: {} cannot be written here, so changes are disabled",
            db.display()
        ));
    }
    // A broken config must not lock the user out: start with defaults and
    // say exactly what is wrong.
    let config = match config::load(config_path) {
        Ok(loaded) => {
            problems.extend(loaded.warnings);
            loaded.config
        }
        Err(e) => {
            problems.push(format!("{e} — using defaults until it is fixed"));
            Config::default()
        }
    };
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

    let profile = store.profile()?;
    let now = chrono::Utc::now();
    let mut state = AppState {
        now,
        ..AppState::default()
    };
    state.list = ProgramList::for_profile(store.list_programs()?, &profile, state.today());
    state.profile = profile;
    state.today = crate::clock::today();
    state.keymap = config.keymap.clone();
    state.date_format = config.date_format.clone();
    // Done states start folded, as marking them done folds them.
    state.states_done = store.states_done()?;
    state.list.fold_states(&state.states_done);
    state.templates =
        crate::app::compose::workflow_order(templates.names().map(String::from).collect());
    if seeded > 0 {
        state.info(format!(
            "Welcome! {seeded} sample programs loaded to explore. X removes them all; a adds your own."
        ));
    }
    state.smtp_configured = config.smtp.is_some();
    state.smtp_form = config.smtp.clone();
    // First run: offer the steps a new user needs (once; W reopens it).
    if !read_only && store.setting("welcomed")?.is_none() {
        store.set_setting("welcomed", "1")?;
        state.popup = Some(crate::app::Popup::Welcome { selected: 0 });
    }
    if !problems.is_empty() {
        state.popup = Some(crate::app::Popup::Info {
            title: "Some settings need attention".into(),
            lines: problems,
            scroll: 0,
        });
    }
    let services = Services {
        store,
        templates,
        config,
        sent_dir: sent_dir(db),
        config_path: config_path.to_path_buf(),
        db_path: db.to_path_buf(),
        templates_dir: template_dir,
        batch: None,
    };
    Ok((services, state))
}
