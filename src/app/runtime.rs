//! The event loop: terminal events become actions through the keymap, the
//! reducer returns effects, and effects run here against the store. Their
//! outcomes go back into the reducer as actions.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

use super::AppState;
use super::action::{Action, ImportPreview, ProgramLoaded};
use super::effect::Effect;
use super::update::{init, update};
use crate::domain::Interaction;
use crate::import_file;
use crate::store::{Store, StoreError};
use crate::ui::{self, Theme};

/// Hidden switch for the terminal-restore test: panic after the first
/// frame, to prove the panic hook gives the terminal back.
const TEST_PANIC_ENV: &str = "USCE_TEST_PANIC";

pub fn run(
    terminal: &mut DefaultTerminal,
    store: &mut Store,
    state: &mut AppState,
    theme: Theme,
) -> io::Result<()> {
    let startup = init(state);
    perform_all(store, state, startup);
    let test_panic = std::env::var_os(TEST_PANIC_ENV).is_some();
    while !state.quitting {
        terminal.draw(|frame| ui::render(frame, state, &theme))?;
        if test_panic {
            #[allow(clippy::panic)]
            {
                panic!("{TEST_PANIC_ENV} is set: panicking on purpose after the first frame");
            }
        }
        handle(event::read()?, store, state);
        // Handle everything already queued (a paste, a held key) before
        // drawing again, so input never lags behind the screen.
        while !state.quitting && event::poll(Duration::ZERO)? {
            handle(event::read()?, store, state);
        }
    }
    Ok(())
}

fn handle(event: Event, store: &mut Store, state: &mut AppState) {
    let Event::Key(key) = event else {
        return; // resize and others: the next draw adapts
    };
    if key.kind != KeyEventKind::Press {
        return;
    }
    if let Some(action) = state.keymap.resolve(&key, state.key_context()) {
        dispatch(store, state, action);
    }
}

/// Runs an action and every action its effects produce, in order.
pub fn dispatch(store: &mut Store, state: &mut AppState, action: Action) {
    state.now = chrono::Utc::now();
    let effects = update(state, action);
    perform_all(store, state, effects);
}

fn perform_all(store: &mut Store, state: &mut AppState, effects: Vec<Effect>) {
    let mut queue: VecDeque<Action> = effects
        .into_iter()
        .flat_map(|e| perform(store, e))
        .collect();
    while let Some(action) = queue.pop_front() {
        for effect in update(state, action) {
            queue.extend(perform(store, effect));
        }
    }
}

/// Logs an entry and moves the program along the pipeline when that
/// follows (first outbound ⇒ contacted, first reply ⇒ replied), both in
/// one transaction.
fn log_interaction(
    store: &mut Store,
    entry: &Interaction,
    queue: &mut VecDeque<Action>,
) -> Result<Option<Action>, StoreError> {
    let (saved, moved) = store.log_interaction(entry)?;
    if let Some(p) = moved {
        queue.push_back(Action::ProgramSaved(Box::new(p)));
    }
    Ok(Some(Action::InteractionSaved(Box::new(saved), true)))
}

fn preview_import(store: &Store, path: PathBuf) -> Action {
    let preview = match import_file::prepare(store, &path, false) {
        Ok(p) => {
            let s = p.summary;
            ImportPreview {
                summary: Some(format!(
                    "add {}, update {}, skip {}",
                    s.added, s.updated, s.skipped
                )),
                problems: p.warnings,
                path,
            }
        }
        Err(e) => ImportPreview {
            summary: None,
            problems: e.lines(),
            path,
        },
    };
    Action::ImportPreviewed(Box::new(preview))
}

/// Carries out one effect. Errors become `Action::Failed`, shown in the
/// status line: the app never exits because a write failed.
pub fn perform(store: &mut Store, effect: Effect) -> Vec<Action> {
    let mut queue = VecDeque::new();
    let result: Result<Option<Action>, StoreError> = match effect {
        Effect::Quit => Ok(None),
        Effect::InsertProgram(p) => store
            .insert_program(&p)
            .map(|p| Some(Action::ProgramAdded(Box::new(p)))),
        Effect::UpdateProgram(p) => store
            .update_program(&p)
            .map(|p| Some(Action::ProgramSaved(Box::new(p)))),
        Effect::SetStatus(id, status) => store.set_status(id, status).and_then(|()| {
            Ok(store
                .get_program(id)?
                .map(|p| Action::ProgramSaved(Box::new(p))))
        }),
        Effect::DeleteProgram(id) => store
            .delete_program(id)
            .map(|()| Some(Action::ProgramDeleted(id))),
        Effect::LoadProgram(id) => (|| {
            Ok(Some(Action::ProgramLoaded(Box::new(ProgramLoaded {
                program: id,
                contacts: store.list_contacts(id)?,
                interactions: store.list_interactions(id)?,
                draft: store.current_draft(id)?,
            }))))
        })(),
        Effect::SaveDraft(d) => store
            .save_draft(&d)
            .map(|d| Some(Action::DraftSaved(Box::new(d)))),
        Effect::PreviewImport(path) => Ok(Some(preview_import(store, path))),
        Effect::ApplyImport(path) => import_file::prepare(store, &path, false)
            .map_err(|e| StoreError::Invalid(e.to_string()))
            .and_then(|prepared| store.apply_import(&prepared.decisions))
            .and_then(|s| {
                let message = format!(
                    "Imported: added {}, updated {}, skipped {}.",
                    s.added, s.updated, s.skipped
                );
                Ok(Some(Action::ProgramsReloaded(
                    store.list_programs()?,
                    message,
                )))
            }),
        Effect::ReloadPrograms => store.list_programs().map(|p| {
            Some(Action::ProgramsReloaded(
                p,
                "Reloaded from the database.".into(),
            ))
        }),
        Effect::InsertContact(c) => store
            .insert_contact(&c)
            .map(|c| Some(Action::ContactSaved(Box::new(c), true))),
        Effect::UpdateContact(c) => store
            .update_contact(&c)
            .map(|c| Some(Action::ContactSaved(Box::new(c), false))),
        Effect::DeleteContact(id) => store
            .delete_contact(id)
            .map(|()| Some(Action::ContactDeleted(id))),
        Effect::InsertInteraction(i) => log_interaction(store, &i, &mut queue),
        Effect::UpdateInteraction(i) => store
            .update_interaction(&i)
            .map(|i| Some(Action::InteractionSaved(Box::new(i), false))),
        Effect::DeleteInteraction(id) => store
            .delete_interaction(id)
            .map(|()| Some(Action::InteractionDeleted(id))),
        Effect::SaveProfile(p) => store
            .save_profile(&p)
            .map(|()| Some(Action::ProfileSaved(p))),
        Effect::RemoveSamples => store
            .remove_samples()
            .map(|n| Some(Action::SamplesRemoved(n))),
    };
    let first = result.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "store error shown to the user");
        Some(Action::Failed(e.to_string()))
    });
    first.into_iter().chain(queue).collect()
}
