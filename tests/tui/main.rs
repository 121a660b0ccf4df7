//! The terminal UI: the real binary in a pseudo-terminal (`tui*`), every
//! screen drawn with hostile text (`hostile_display`), and the whole app
//! in process with a headless screen, driven by actions (`flows`) or by
//! key sequences through the keymap (`keys`, with `support::driver`).

#[path = "../support/mod.rs"]
mod support;

mod after_yes;
mod calendar_feed;
mod editor;
mod flows;
mod hostile_display;
mod inputs;
mod jobs;
mod jobs_tui;
mod keys;
mod tui;
mod tui_editor;
mod tui_mouse;
mod tui_quit;
mod tui_states;
