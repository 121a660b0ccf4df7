//! The terminal UI: the real binary in a pseudo-terminal (`tui*`), every
//! screen drawn with hostile text (`hostile_display`), and the whole app
//! in process with a headless screen, driven by actions (`flows`) or by
//! key sequences through the keymap (`keys`, with `support::driver`).

#[path = "../support/mod.rs"]
mod support;

mod after_yes;
mod calendar_feed;
mod editor;
mod errors;
mod field_errors;
mod flows;
mod form_keys;
mod hostile_display;
mod import_mapping;
mod import_sources;
mod inputs;
mod jobs;
mod jobs_tui;
mod keys;
mod mail_sync;
mod needs_repair;
mod prefs;
mod profile_files;
mod screens;
mod stale;
mod tui;
mod tui_editor;
mod tui_mouse;
mod tui_quit;
mod tui_states;
mod two_sessions;
