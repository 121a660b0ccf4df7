//! The one place where keys become `Command`s (or, in a text widget, raw
//! keys for it).
//!
//! Bindings live in a table grouped by context; the footer and the `?`
//! overlay are generated from the same table, so what the screen says is
//! always what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use super::keys::KeySpec;
use super::msg::{Msg, UserInput};

pub mod from_config;
pub mod overrides;
pub use overrides::{Conflict, Override};

#[cfg(test)]
mod tests_from_config;

/// Where the user is, which decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyContext {
    Global,
    Programs,
    Log,
    Draft,
    Editor,
    Form,
    Help,
    Confirm,
    Picker,
    FilterBar,
    Due,
    Board,
    Tracking,
    Input,
    States,
    /// A multi-line field being typed (notes, a signature): Enter is a
    /// new line, so saving needs a key of its own.
    Notes,
    Review,
}

impl KeyContext {
    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Global => "Everywhere",
            KeyContext::Programs => "Program list",
            KeyContext::Log => "Contact log",
            KeyContext::Draft => "Draft pane",
            KeyContext::Editor => "Draft pane while typing",
            KeyContext::Form => {
                "Detail forms (program, person, log entry, profile, rotation, letter)"
            }
            KeyContext::Help => "Help, statistics and messages",
            KeyContext::Confirm => "Confirmation",
            KeyContext::Picker => "Pickers (status, template, person, follow-up date, welcome)",
            KeyContext::FilterBar => "Filters",
            KeyContext::Due => "Due view (follow-ups)",
            KeyContext::Board => "Pipeline board",
            KeyContext::Tracking => "Rotations and letters",
            KeyContext::Input => "Text input (search, prompts, a field being edited)",
            KeyContext::States => "States overview",
            KeyContext::Notes => "Notes editor (notes, signature, log entry)",
            KeyContext::Review => "Mail to review",
        }
    }

    /// Contexts consulted after this one. Text-entry contexts consult no
    /// others, so typing "q" into the filter never quits.
    fn fallbacks(self) -> &'static [KeyContext] {
        match self {
            KeyContext::Programs | KeyContext::Log | KeyContext::Draft => &[KeyContext::Global],
            _ => &[],
        }
    }
}

/// What [`Keymap::key_for`] says when nothing is bound.
pub const NO_KEY: &str = "(no key)";

#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub context: KeyContext,
    pub keys: Vec<KeySpec>,
    pub command: Command,
    /// Shown in the footer (the overlay lists everything regardless).
    pub footer: bool,
}

impl Binding {
    /// The footer's word for this binding: its command's, except where one
    /// command means different things by context. The footer and the help
    /// overlay say the same word: in a confirmation `y yes  n no`, in a
    /// prompt `Enter OK  Esc cancel`, over a view `Esc close`.
    pub fn short(&self) -> &'static str {
        match (self.command, self.context) {
            (Command::Cancel, KeyContext::Confirm) => "no",
            (Command::Cancel, KeyContext::Input | KeyContext::Notes) => "cancel",
            (Command::Cancel, KeyContext::Programs) => "clear",
            (Command::Cancel, _) => "close",
            (Command::Submit, KeyContext::Input) => "OK",
            (Command::Submit, KeyContext::Notes) => "save",
            (Command::Submit, KeyContext::Form) => "edit",
            (Command::Submit, _) => "choose",
            (cmd, _) => cmd.short(),
        }
    }

    /// The help overlay's phrase for this binding, in the footer's words.
    pub fn describe(&self) -> &'static str {
        match (self.command, self.context) {
            (Command::Cancel, KeyContext::Confirm) => "no: close it and do nothing",
            (Command::Cancel, KeyContext::Input) => "cancel: close the prompt (a search clears)",
            (Command::Cancel, KeyContext::Programs) => "clear the search and filters",
            (Command::Cancel, KeyContext::Notes) => "cancel: close without saving",
            (Command::Cancel, KeyContext::Form) => {
                "close the form (a new record not yet saved goes)"
            }
            (Command::Cancel, _) => "close",
            (Command::Submit, KeyContext::Input) => "OK: use the text",
            (Command::Submit, KeyContext::Notes) => "save the text (Enter starts a new line)",
            (Command::Submit, KeyContext::Form) => {
                "edit the field (a choice moves to its next value; notes open an editor)"
            }
            (Command::PrevValue, KeyContext::Form) => "a choice field: its previous value",
            (Command::NextValue, KeyContext::Form) => "a choice field: its next value",
            (Command::Submit, _) => "choose",
            (cmd, _) => cmd.describe(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Command as A;
        use KeyCode as K;
        use KeyContext as C;
        let p = KeySpec::plain;
        let c = KeySpec::ch;
        let moves = |ctx| {
            vec![
                bind(ctx, [c('j'), p(K::Down)], A::Down, false),
                bind(ctx, [c('k'), p(K::Up)], A::Up, false),
                bind(ctx, [c('g'), p(K::Home)], A::Top, false),
                bind(ctx, [c('G'), p(K::End)], A::Bottom, false),
                bind(ctx, [p(K::PageUp)], A::PageUp, false),
                bind(ctx, [p(K::PageDown)], A::PageDown, false),
            ]
        };
        let mut b = vec![
            bind(C::Global, [c('q')], A::Quit, true),
            bind(C::Global, [c('?')], A::Help, true),
            bind(C::Global, [p(K::Tab)], A::FocusNext, true),
            bind(C::Global, [p(K::BackTab)], A::FocusPrev, false),
            bind(C::Global, [c('P')], A::Profile, false),
            bind(C::Global, [c('D')], A::Due, true),
            bind(C::Global, [c('B')], A::Board, false),
            bind(C::Global, [c('S')], A::Stats, false),
            bind(C::Global, [c('K')], A::Documents, false),
            bind(C::Global, [c('$')], A::Budget, false),
            bind(C::Global, [c('E')], A::Checklist, false),
            bind(C::Global, [c('L')], A::Tracking, false),
            bind(C::Global, [c('W')], A::Welcome, false),
            // Not Ctrl-C: a terminal user reaches for that to get out.
            bind(C::Global, [c('C')], A::CancelJob, false),
            bind(C::Global, [c('M')], A::SyncMail, false),
            bind(C::Global, [c('R')], A::ReviewMail, false),
        ];
        b.extend(moves(C::Programs));
        b.extend([
            bind(C::Programs, [p(K::Enter)], A::OpenDetail, true),
            bind(C::Programs, [c(' ')], A::ToggleGroup, true),
            bind(C::Programs, [c('Z')], A::ToggleAllGroups, false),
            bind(C::Programs, [c('/')], A::Filter, true),
            bind(C::Programs, [c('f')], A::FilterBar, true),
            bind(C::Programs, [c('s')], A::SetStatus, true),
            bind(C::Programs, [c('a')], A::AddProgram, true),
            bind(C::Programs, [c('d')], A::Delete, true),
            bind(C::Programs, [c('i')], A::Import, true),
            bind(C::Programs, [c('c')], A::Compose, false),
            bind(C::Programs, [c('w')], A::OpenWebsite, false),
            bind(C::Programs, [c('O')], A::BatchOutreach, false),
            bind(C::Programs, [c('F')], A::AddFollowUp, false),
            bind(C::Programs, [KeySpec::ctrl('r')], A::Reload, false),
            bind(C::Programs, [c('X')], A::RemoveSamples, false),
            bind(C::Programs, [p(K::Esc)], A::Cancel, false),
        ]);
        b.extend(moves(C::Log));
        b.extend([
            bind(C::Log, [c('n')], A::NewLogEntry, true),
            bind(C::Log, [c('p')], A::NewContact, true),
            bind(C::Log, [p(K::Enter), c('e')], A::OpenDetail, true),
            bind(C::Log, [c('d')], A::Delete, true),
            bind(C::Log, [c('c')], A::Compose, true),
            bind(C::Log, [c('F')], A::AddFollowUp, true),
            bind(C::Draft, [p(K::Enter), c('i')], A::EditDraft, true),
            // Up and down walk the header form (To, Cc, Subject, Attach)
            // and the body; Enter edits what is selected.
            bind(C::Draft, [c('j'), p(K::Down)], A::Down, false),
            bind(C::Draft, [c('k'), p(K::Up)], A::Up, false),
            bind(C::Draft, [c('c')], A::Compose, true),
            bind(C::Draft, [c('s')], A::SendDraft, true),
            bind(C::Draft, [c('r')], A::ToggleReady, true),
            bind(C::Draft, [c('x')], A::ExportEml, true),
            bind(C::Draft, [c('y')], A::CopyDraft, false),
            bind(C::Draft, [c('m')], A::MailTo, false),
            bind(C::Draft, [c('e')], A::ExternalEditor, true),
            bind(C::Draft, [p(K::Esc)], A::LeaveEditor, true),
            bind(C::Editor, [p(K::Esc)], A::StopEditing, true),
            bind(C::Editor, [p(K::Tab)], A::FocusNext, true),
            bind(C::Editor, [p(K::BackTab)], A::FocusPrev, false),
            // As in most editors; the text widget's own Ctrl-U / Ctrl-R
            // still work too.
            bind(C::Editor, [KeySpec::ctrl('z')], A::Undo, true),
            bind(C::Editor, [KeySpec::ctrl('y')], A::Redo, false),
        ]);
        b.extend(moves(C::Form));
        b.extend([
            bind(C::Form, [p(K::Enter)], A::Submit, true),
            // A choice field steps both ways (Enter only goes forward).
            bind(C::Form, [p(K::Left), c('h')], A::PrevValue, true),
            bind(C::Form, [p(K::Right), c('l')], A::NextValue, true),
            bind(C::Form, [c('s')], A::SetStatus, false),
            bind(C::Form, [p(K::Esc), c('q')], A::Cancel, true),
            bind(C::Form, [c('?')], A::Help, true),
        ]);
        b.extend([
            bind(C::Help, [c('j'), p(K::Down)], A::Down, true),
            bind(C::Help, [c('k'), p(K::Up)], A::Up, true),
            bind(C::Help, [p(K::Esc), c('q'), c('?')], A::Cancel, true),
            bind(C::Help, [p(K::Enter)], A::Submit, false),
            bind(C::Help, [c('a')], A::AddDocument, false),
            bind(C::Help, [c('e')], A::EditDocument, false),
            bind(C::Help, [c('x')], A::RemoveDocument, false),
            bind(C::Help, [c('o')], A::Outcome, false),
            bind(C::Help, [c('t')], A::Travel, false),
            bind(C::Confirm, [c('y'), p(K::Enter)], A::Confirm, true),
            bind(C::Confirm, [c('n'), p(K::Esc)], A::Cancel, true),
            // The import preview's mapping step: move among the columns,
            // change one (a picker, in which the same keys move and choose).
            bind(C::Confirm, [c('j'), p(K::Down)], A::Down, false),
            bind(C::Confirm, [c('k'), p(K::Up)], A::Up, false),
            // The picker lists every field, a second person's last: far
            // from its top.
            bind(C::Confirm, [c('g'), p(K::Home)], A::Top, false),
            bind(C::Confirm, [c('G'), p(K::End)], A::Bottom, false),
            bind(C::Confirm, [p(K::PageUp)], A::PageUp, false),
            bind(C::Confirm, [p(K::PageDown)], A::PageDown, false),
            bind(C::Confirm, [c('m')], A::ChangeMapping, true),
            bind(C::Picker, [c('j'), p(K::Down)], A::Down, true),
            bind(C::Picker, [c('k'), p(K::Up)], A::Up, true),
            bind(C::Picker, [p(K::Enter)], A::Submit, true),
            bind(C::Picker, [p(K::Esc)], A::Cancel, true),
            bind(C::FilterBar, [c('j'), p(K::Down)], A::Down, true),
            bind(C::FilterBar, [c('k'), p(K::Up)], A::Up, true),
            bind(
                C::FilterBar,
                [p(K::Enter), c('l'), p(K::Right), c(' ')],
                A::NextValue,
                true,
            ),
            bind(C::FilterBar, [c('h'), p(K::Left)], A::PrevValue, true),
            bind(C::FilterBar, [p(K::Backspace), c('x')], A::ClearValue, true),
            bind(C::FilterBar, [p(K::Esc), c('f'), c('q')], A::Cancel, true),
            bind(C::Due, [c('j'), p(K::Down)], A::Down, true),
            bind(C::Due, [c('k'), p(K::Up)], A::Up, true),
            bind(C::Due, [p(K::Enter)], A::OpenDetail, true),
            bind(C::Due, [c('c')], A::Compose, true),
            bind(C::Due, [c('x')], A::MarkDone, true),
            bind(C::Due, [c('z')], A::Snooze, true),
            bind(C::Due, [p(K::Esc), c('q'), c('D')], A::Cancel, true),
            bind(C::Board, [c('h'), p(K::Left)], A::Left, true),
            bind(C::Board, [c('l'), p(K::Right)], A::Right, true),
            bind(C::Board, [c('j'), p(K::Down)], A::Down, false),
            bind(C::Board, [c('k'), p(K::Up)], A::Up, false),
            bind(C::Board, [c('>'), c('L')], A::Promote, true),
            bind(C::Board, [c('<'), c('H')], A::Demote, true),
            bind(C::Board, [p(K::Enter)], A::OpenDetail, true),
            bind(C::Board, [c('E')], A::Checklist, false),
            bind(C::Board, [p(K::Esc), c('q'), c('B')], A::Cancel, true),
            bind(C::Tracking, [c('j'), p(K::Down)], A::Down, false),
            bind(C::Tracking, [c('k'), p(K::Up)], A::Up, false),
            bind(C::Tracking, [c('r')], A::AddRotation, true),
            bind(C::Tracking, [c('a')], A::AddLetter, true),
            bind(C::Tracking, [p(K::Enter)], A::OpenDetail, true),
            bind(C::Tracking, [c('d')], A::Delete, true),
            bind(C::Tracking, [p(K::Esc), c('q'), c('L')], A::Cancel, true),
            bind(C::Input, [p(K::Tab)], A::Complete, false),
            bind(C::Input, [p(K::Enter)], A::Submit, true),
            bind(C::Input, [p(K::Esc)], A::Cancel, true),
            bind(C::Input, [KeySpec::ctrl('u')], A::ClearInput, false),
            bind(C::Notes, [KeySpec::ctrl('s')], A::Submit, true),
            bind(C::Notes, [p(K::Esc)], A::Cancel, true),
        ]);
        // Fit and state by state.
        b.extend([
            bind(C::Global, [c('T')], A::StatesOverview, true),
            bind(C::Global, [c('!')], A::NeedsRepair, false),
            bind(C::Programs, [c('o')], A::SortByFit, false),
            bind(C::States, [c('j'), p(K::Down)], A::Down, true),
            bind(C::States, [c('k'), p(K::Up)], A::Up, true),
            bind(C::States, [c('x'), c(' ')], A::ToggleStateDone, true),
            bind(C::States, [p(K::Enter)], A::GoToState, true),
            bind(C::States, [p(K::Esc), c('q'), c('T')], A::Cancel, true),
        ]);
        // Mail to review: messages from a program's domain, from nobody known.
        b.extend([
            bind(C::Review, [c('j'), p(K::Down)], A::Down, true),
            bind(C::Review, [c('k'), p(K::Up)], A::Up, true),
            bind(C::Review, [c('a'), p(K::Enter)], A::AttachMessage, true),
            bind(C::Review, [c('x')], A::IgnoreMessage, true),
            bind(C::Review, [p(K::Esc), c('q'), c('R')], A::Cancel, true),
        ]);
        Keymap { bindings: b }
    }
}

fn bind<const N: usize>(
    context: KeyContext,
    keys: [KeySpec; N],
    command: Command,
    footer: bool,
) -> Binding {
    Binding {
        context,
        keys: keys.to_vec(),
        command,
        footer,
    }
}

/// Whether `key` is Ctrl plus the letter `c` (either case: Shift or Caps
/// Lock may be on).
fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
}

impl Keymap {
    /// Resolves a key in a context. Keys no binding claims go to the text
    /// widget in editing contexts and are dropped elsewhere.
    ///
    /// Ctrl-C quits before any binding is looked at, and Ctrl-Q when no
    /// binding claims it: a config that unbinds `quit` (or a text input,
    /// which takes every other key) never leaves the user without a way
    /// out. Raw mode turns Ctrl-C into a key, so without this it would do
    /// nothing at all.
    pub fn resolve(&self, key: &KeyEvent, context: KeyContext) -> Option<Msg> {
        if is_ctrl(key, 'c') {
            return Some(Msg::Command(Command::Quit));
        }
        let found = std::iter::once(context)
            .chain(context.fallbacks().iter().copied())
            .find_map(|ctx| {
                self.bindings
                    .iter()
                    .find(|b| b.context == ctx && b.keys.iter().any(|k| k.matches(key)))
            });
        match (found, context) {
            (Some(b), _) => Some(Msg::Command(b.command)),
            (None, _) if is_ctrl(key, 'q') => Some(Msg::Command(Command::Quit)),
            (None, KeyContext::Editor) => Some(Msg::Input(UserInput::EditorKey(*key))),
            (None, KeyContext::Input | KeyContext::Notes) => {
                Some(Msg::Input(UserInput::InputKey(*key)))
            }
            (None, _) => None,
        }
    }

    /// The bindings of one context, in table order.
    pub fn bindings(&self, context: KeyContext) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// Bindings worth a footer hint in a context, including its fallbacks.
    /// Help comes first, so it stays visible when a narrow footer is cut.
    pub fn footer(&self, context: KeyContext) -> Vec<&Binding> {
        let mut hints: Vec<&Binding> = std::iter::once(context)
            .chain(context.fallbacks().iter().copied())
            .flat_map(|ctx| self.bindings(ctx).filter(|b| b.footer))
            .collect();
        hints.sort_by_key(|b| b.command != Command::Help);
        hints
    }

    /// The key to name in a hint ("Press a to add one"): the command's first
    /// key in the context or its fallbacks, as the footer shows it, so the
    /// prose stays true after rebinding.
    pub fn key_for(&self, context: KeyContext, command: &Command) -> String {
        std::iter::once(context)
            .chain(context.fallbacks().iter().copied())
            .find_map(|ctx| {
                self.bindings(ctx)
                    .find(|b| &b.command == command)
                    .and_then(|b| b.keys.first())
            })
            .map_or_else(|| NO_KEY.to_owned(), |k| k.to_string())
    }

    /// Every context that has bindings, in the order the help shows them.
    pub fn contexts(&self) -> Vec<KeyContext> {
        let mut seen = Vec::new();
        for b in &self.bindings {
            if !seen.contains(&b.context) {
                seen.push(b.context);
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn list_keys_resolve_and_fall_back_to_global() {
        let km = Keymap::default();
        assert_eq!(
            km.resolve(&key('j'), KeyContext::Programs),
            Some(Command::Down.into())
        );
        assert_eq!(
            km.resolve(&key('q'), KeyContext::Programs),
            Some(Command::Quit.into())
        );
        assert_eq!(km.resolve(&key('%'), KeyContext::Programs), None);
    }

    #[test]
    fn text_contexts_swallow_letters_instead_of_quitting() {
        let km = Keymap::default();
        let q = key('q');
        assert_eq!(
            km.resolve(&q, KeyContext::Input),
            Some(UserInput::InputKey(q).into())
        );
        assert_eq!(
            km.resolve(&q, KeyContext::Editor),
            Some(UserInput::EditorKey(q).into())
        );
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            km.resolve(&esc, KeyContext::Editor),
            Some(Command::StopEditing.into())
        );
        assert_eq!(
            km.resolve(&esc, KeyContext::Draft),
            Some(Command::LeaveEditor.into())
        );
    }

    #[test]
    fn every_bound_action_has_a_description() {
        let km = Keymap::default();
        for ctx in km.contexts() {
            for b in km.bindings(ctx) {
                assert!(!b.command.describe().is_empty(), "{:?}", b.command);
            }
        }
    }
}
