//! What a key (or a config file) can name: every variant is bindable by
//! its snake_case name, and nothing else is. The keymap turns keys into
//! these, the footer and the `?` overlay describe them, and `update`
//! routes each one to the context that is open (see `route`).
//!
//! Results the runtime feeds back are `Event`s, and raw keys for text
//! widgets are `UserInput`: neither can be named in a config file.

use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
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
    /// Delete what is selected (program, contact, log entry); asks first.
    Delete,
    NewLogEntry,
    NewContact,
    /// Open the applicant profile form.
    Profile,
    /// Start typing in the draft pane.
    EditDraft,
    /// Stop typing; keys become draft commands again.
    StopEditing,
    /// Undo the last change to the draft's body while typing.
    Undo,
    /// Redo what undo took back.
    Redo,
    /// Compose a draft from a template (pick the contact, then the template).
    Compose,
    /// Send the draft by SMTP (asks first).
    SendDraft,
    /// Write the draft to a .eml file.
    ExportEml,
    /// Copy the draft's body to the clipboard (OSC 52).
    CopyDraft,
    /// Open the draft in the system mail app (mailto:).
    MailTo,
    /// Edit the draft in $VISUAL / $EDITOR.
    ExternalEditor,
    /// Mark the draft ready to send, or back to draft.
    ToggleReady,
    /// Open the program's website in the browser.
    OpenWebsite,
    /// Email every program in the filtered list from one template.
    BatchOutreach,
    /// The Due view: follow-ups overdue, today, the next 7 days, later.
    Due,
    /// Schedule a follow-up for the selected program.
    AddFollowUp,
    /// Mark the selected follow-up done.
    MarkDone,
    /// Postpone the selected follow-up.
    Snooze,
    /// The pipeline board: a column per status.
    Board,
    /// Outreach statistics per state.
    Stats,
    /// The document shelf: expiries and what is wrong for a rotation.
    Documents,
    /// What each planned or booked rotation costs.
    Budget,
    /// The selected program's application checklist.
    Checklist,
    /// Documents overlay: put a document on the shelf.
    AddDocument,
    /// Documents overlay: change / remove the document under the cursor.
    EditDocument,
    RemoveDocument,
    /// Checklist: the application's submitted-on date and decision.
    Outcome,
    /// Budget: the travel cost of the rotation under the cursor.
    Travel,
    /// Board: previous / next column.
    Left,
    Right,
    /// Board: move the program to the next / previous status.
    Promote,
    Demote,
    /// The first-run welcome (profile, import, samples, sending).
    Welcome,
    /// Tab in the import prompt: complete the file name.
    Complete,
    /// Rotations and letters of recommendation.
    Tracking,
    AddRotation,
    AddLetter,
    SetStatus,
    Filter,
    /// Open the structured filter bar (state, specialty, visa…).
    FilterBar,
    NextValue,
    PrevValue,
    ClearValue,
    RemoveSamples,
    /// Import a CSV file (asks for the path, previews, then confirms).
    Import,
    /// Re-read programs from the database (sees another usce's changes).
    Reload,
    /// Empty a one-line input up to the cursor (Ctrl-U, as in a shell).
    ClearInput,
    /// Edit the field under the cursor (detail view) or accept a choice.
    Submit,
    /// Close the innermost overlay, prompt or filter.
    Cancel,
    /// Answer "yes" to a confirmation.
    Confirm,
    /// Leave the draft editor for the program list.
    LeaveEditor,
    /// Sort each state's programs by fit (again: back to by name).
    SortByFit,
    /// The states overview: progress per state, done marks, what next.
    StatesOverview,
    /// The stored rows that could not be read, and why.
    NeedsRepair,
    /// Mark the state under the cursor done, or not done again.
    ToggleStateDone,
    /// Show the state under the cursor in the program list.
    GoToState,
    /// Stop the job running in the background (an import rolls back; a
    /// send only until it reaches the server).
    CancelJob,
    /// Read new mail now (IMAP, read-only) and log the replies in it.
    SyncMail,
    /// The messages from a program's domain waiting for your word.
    ReviewMail,
    /// Log the message under the cursor as a reply from its program.
    AttachMessage,
    /// The message under the cursor is nothing: forget it.
    IgnoreMessage,
    /// In the import preview: map the selected column to another field
    /// (or ignore it) with a picker.
    ChangeMapping,
}

impl Command {
    /// One or two words for the footer, where space is short.
    pub fn short(&self) -> &'static str {
        match self {
            Command::ToggleGroup => "fold",
            Command::FocusNext => "pane",
            Command::Import => "import",
            Command::Delete => "delete",
            Command::NewLogEntry => "log",
            Command::NewContact => "person",
            Command::EditDraft => "type",
            Command::StopEditing => "done",
            Command::Undo => "undo",
            Command::Compose => "compose",
            Command::Due => "due",
            Command::Documents => "docs",
            Command::Budget => "budget",
            Command::Checklist => "checklist",
            Command::AddFollowUp => "follow up",
            Command::MarkDone => "done",
            Command::Snooze => "snooze",
            Command::Promote => "move →",
            Command::AddRotation => "rotation",
            Command::AddLetter => "letter",
            Command::Demote => "move ←",
            Command::SendDraft => "send",
            Command::ExportEml => ".eml",
            Command::ToggleReady => "ready",
            Command::ExternalEditor => "$EDITOR",
            Command::OpenDetail => "open",
            Command::NextValue => "next",
            Command::PrevValue => "prev",
            Command::ClearValue => "any",
            Command::Cancel => "close",
            Command::Submit => "choose",
            Command::SortByFit => "sort by fit",
            Command::StatesOverview => "states",
            Command::ToggleStateDone => "done",
            Command::GoToState => "go",
            Command::CancelJob => "cancel job",
            Command::SyncMail => "sync mail",
            Command::ReviewMail => "review mail",
            Command::AttachMessage => "attach",
            Command::IgnoreMessage => "ignore",
            Command::ChangeMapping => "change mapping",
            other => other.describe(),
        }
    }

    /// A short phrase for the help overlay.
    pub fn describe(&self) -> &'static str {
        match self {
            Command::Quit => "quit",
            Command::Help => "help",
            Command::FocusNext => "next pane",
            Command::FocusPrev => "previous pane",
            Command::Up => "up",
            Command::Down => "down",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::PageUp => "page up",
            Command::PageDown => "page down",
            Command::ToggleGroup => "fold or unfold the state",
            Command::ToggleAllGroups => "fold all states",
            Command::OpenDetail => "open",
            Command::AddProgram => "add",
            Command::Delete => "delete (asks first)",
            Command::NewLogEntry => "log an interaction",
            Command::NewContact => "add a person",
            Command::Profile => "your profile",
            Command::EditDraft => "type in the draft",
            Command::StopEditing => "stop typing",
            Command::Undo => "undo the last change to the body",
            Command::Redo => "redo what undo took back",
            Command::Compose => "compose an email from a template",
            Command::SendDraft => "send the draft by email (asks first)",
            Command::ExportEml => "save the draft as a .eml file",
            Command::CopyDraft => "copy the body to the clipboard",
            Command::MailTo => "open in your mail app (mailto:)",
            Command::ExternalEditor => "edit in $VISUAL / $EDITOR",
            Command::ToggleReady => "mark ready / back to draft",
            Command::OpenWebsite => "open the program's website",
            Command::BatchOutreach => "email every listed program from a template (asks first)",
            Command::Due => "follow-ups due: overdue, today, next 7 days, later",
            Command::AddFollowUp => "schedule a follow-up (+3 days, +1 week, +2 weeks, a date)",
            Command::MarkDone => "mark the follow-up done",
            Command::Snooze => "snooze the follow-up",
            Command::Board => "pipeline board: programs by status",
            Command::Tracking => "rotations and letters of recommendation",
            Command::Welcome => "the welcome: profile, import, sample list, sending",
            Command::Complete => "complete the file name (import)",
            Command::AddRotation => "record a rotation at the selected program",
            Command::AddLetter => "add a letter of recommendation",
            Command::Stats => "outreach statistics by state",
            Command::Documents => "document shelf: expiries and warnings",
            Command::Budget => "budget: fees, housing and travel per rotation",
            Command::Checklist => "the program's application checklist (Enter ticks a line)",
            Command::AddDocument => "documents: add one (kind, date obtained, expiry)",
            Command::EditDocument => "documents: edit the one under the cursor",
            Command::RemoveDocument => "documents: remove the one under the cursor",
            Command::Outcome => "checklist: submitted on, decision and its date",
            Command::Travel => "budget: the travel cost of the rotation under the cursor",
            Command::Left => "previous column",
            Command::Right => "next column",
            Command::Promote => "move to the next status",
            Command::Demote => "move to the previous status",
            Command::SetStatus => "status",
            Command::Filter => "search",
            Command::FilterBar => "filters",
            Command::NextValue => "next value",
            Command::PrevValue => "previous value",
            Command::ClearValue => "any value",
            Command::RemoveSamples => "remove sample list",
            Command::Import => "import a list of programs (CSV, Excel, JSON)",
            Command::Reload => "reload from disk",
            Command::ClearInput => "delete to the start of the line",
            Command::Submit => "choose",
            Command::Cancel => "close",
            Command::Confirm => "yes",
            Command::LeaveEditor => "back to list",
            Command::SortByFit => "sort each state by fit, IMG %, name (again: by name)",
            Command::StatesOverview => "states: progress, done marks, where to go next",
            Command::NeedsRepair => "stored rows that could not be read and need repair",
            Command::ToggleStateDone => "mark the state done / not done",
            Command::GoToState => "go to the state in the program list",
            Command::CancelJob => "cancel the background job (an import rolls back)",
            Command::SyncMail => "sync mail now: log replies, auto-replies and bounces",
            Command::ReviewMail => "mail to review: messages from a program's domain",
            Command::AttachMessage => "log the message as a reply from its program",
            Command::IgnoreMessage => "ignore the message (it is not proposed again)",
            Command::ChangeMapping => {
                "import preview: map the selected column to another field, or ignore it"
            }
        }
    }
}

impl Command {
    /// The snake_case name a config file binds (`add_program`).
    pub fn config_name(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }

    /// The command with this config name, if any.
    pub fn from_config_name(name: &str) -> Option<Command> {
        let de: StrDeserializer<'_, ValueError> = name.into_deserializer();
        Command::deserialize(de).ok()
    }

    /// Every command, in declaration order. Read from the derived
    /// `Deserialize` (which knows every variant's name), so no list has to
    /// be kept in step by hand.
    pub fn all() -> Vec<Command> {
        names()
            .iter()
            .filter_map(|n| Command::from_config_name(n))
            .collect()
    }

    /// Commands that edit the text being typed, as a typed character does:
    /// like typing, they leave the status line alone (it may be the reason
    /// the text is being corrected).
    pub fn edits_text(self) -> bool {
        matches!(self, Command::ClearInput | Command::Undo | Command::Redo)
    }
}

/// The variant names serde derived for `Command`, in declaration order.
pub fn names() -> &'static [&'static str] {
    let mut names: &'static [&'static str] = &[];
    // The derived impl hands its variant list to `deserialize_enum`;
    // `Capture` keeps it and declines to produce a value.
    let _ = Command::deserialize(Capture(&mut names));
    names
}

struct Capture<'a>(&'a mut &'static [&'static str]);

impl<'de> serde::Deserializer<'de> for Capture<'_> {
    type Error = ValueError;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, ValueError> {
        Err(serde::de::Error::custom("only the variant names are read"))
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, ValueError> {
        *self.0 = variants;
        Err(serde::de::Error::custom("only the variant names are read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::app::keymap::Keymap;
    use crate::ui::Theme;

    #[test]
    fn every_config_name_reads_back_to_its_command() {
        let all = Command::all();
        assert_eq!(all.len(), names().len(), "{:?}", names());
        assert!(all.len() > 50, "the names come from serde: {}", all.len());
        for (command, name) in all.iter().zip(names()) {
            assert_eq!(Command::from_config_name(name), Some(*command), "{name}");
            assert_eq!(command.config_name(), *name);
        }
        let unique: HashSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len());
    }

    /// The `?` overlay (and the config, which names the same bindings)
    /// lists exactly the commands: each has a default key, so `Command`
    /// holds nothing a user cannot reach.
    #[test]
    fn the_help_overlay_lists_exactly_the_commands() {
        let km = Keymap::default();
        let bound: HashSet<Command> = km
            .contexts()
            .into_iter()
            .flat_map(|ctx| km.bindings(ctx).map(|b| b.command))
            .collect();
        let all: HashSet<Command> = Command::all().into_iter().collect();
        assert_eq!(bound, all);
        let help: String = crate::ui::help::lines(&km, &Theme::plain())
            .iter()
            .map(|line| format!("{line}\n"))
            .collect();
        for command in all {
            assert!(help.contains(command.describe()), "{command:?}: {help}");
        }
    }
}
