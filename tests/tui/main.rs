//! The terminal UI: the real binary in a pseudo-terminal (`tui*`), every
//! screen drawn with hostile text (`hostile_display`), and whole flows run
//! in process through the runtime with a headless screen (`flows`).

#[path = "../support/mod.rs"]
mod support;

mod flows;
mod hostile_display;
mod tui;
mod tui_mouse;
mod tui_states;
