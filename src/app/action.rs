//! Everything the user (or a finished effect) can ask the app to do.
//!
//! User-facing variants are rebindable by their snake_case names; internal
//! variants (raw keys for text inputs, results fed back by the runtime) are
//! `#[serde(skip)]` so no config file can name them.

use crossterm::event::KeyEvent;
use serde::{Deserialize, Serialize};

use crate::domain::{Contact, Draft, Interaction, Program, ProgramId};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    ToggleGroup,
    ToggleAllGroups,
    OpenDetail,
    AddProgram,
    DeleteProgram,
    SetStatus,
    Filter,
    /// Open the structured filter bar (state, specialty, visa…).
    FilterBar,
    NextValue,
    PrevValue,
    ClearValue,
    RemoveSamples,
    /// Edit the field under the cursor (detail view) or accept a choice.
    Submit,
    /// Close the innermost overlay, prompt or filter.
    Cancel,
    /// Answer "yes" to a confirmation.
    Confirm,
    /// Leave the draft editor for the program list.
    LeaveEditor,

    // ---- internal: never bound from config ----
    /// A key for the draft editor.
    #[serde(skip)]
    EditorKey(KeyEvent),
    /// A key for the single-line input that is open (filter, prompt, field).
    #[serde(skip)]
    InputKey(KeyEvent),
    #[serde(skip)]
    ProgramSaved(Box<Program>),
    /// A program the user just added (the detail view opens on it).
    #[serde(skip)]
    ProgramAdded(Box<Program>),
    #[serde(skip)]
    ProgramDeleted(ProgramId),
    #[serde(skip)]
    ProgramLoaded(Box<ProgramLoaded>),
    #[serde(skip)]
    DraftSaved(Box<Draft>),
    #[serde(skip)]
    SamplesRemoved(usize),
    #[serde(skip)]
    Failed(String),
}

/// The rows the right-hand panes show for the selected program.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgramLoaded {
    pub program: ProgramId,
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub draft: Option<Draft>,
}
