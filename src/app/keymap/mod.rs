//! The one place where keys become `Action`s.
//!
//! Bindings live in a table grouped by context; the footer and the `?`
//! overlay are generated from the same table, so what the screen says is
//! always what the keys do.

use crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::keys::KeySpec;

pub mod overrides;
pub use overrides::{Conflict, Override};

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
}

impl KeyContext {
    pub fn title(self) -> &'static str {
        match self {
            KeyContext::Global => "Everywhere",
            KeyContext::Programs => "Program list",
            KeyContext::Log => "Contact log",
            KeyContext::Draft => "Draft pane",
            KeyContext::Editor => "Draft pane while typing",
            KeyContext::Form => "Detail forms (program, contact, log entry, profile)",
            KeyContext::Help => "Help",
            KeyContext::Confirm => "Confirmation",
            KeyContext::Picker => "Status picker",
            KeyContext::FilterBar => "Filter bar",
            KeyContext::Due => "Due view (follow-ups)",
            KeyContext::Board => "Pipeline board",
            KeyContext::Tracking => "Rotations and letters",
            KeyContext::Input => "Text input (filter, prompts, fields)",
            KeyContext::States => "States overview",
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
    pub action: Action,
    /// Shown in the footer (the overlay lists everything regardless).
    pub footer: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action as A;
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
            bind(C::Global, [c('L')], A::Tracking, false),
            bind(C::Global, [c('W')], A::Welcome, false),
            // Not Ctrl-C: a terminal user reaches for that to get out.
            bind(C::Global, [c('C')], A::CancelJob, false),
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
        ]);
        b.extend(moves(C::Form));
        b.extend([
            bind(C::Form, [p(K::Enter)], A::Submit, true),
            bind(C::Form, [c('s')], A::SetStatus, false),
            bind(C::Form, [p(K::Esc), c('q')], A::Cancel, true),
            bind(C::Form, [c('?')], A::Help, true),
        ]);
        b.extend([
            bind(C::Help, [c('j'), p(K::Down)], A::Down, true),
            bind(C::Help, [c('k'), p(K::Up)], A::Up, true),
            bind(C::Help, [p(K::Esc), c('q'), c('?')], A::Cancel, true),
            bind(C::Confirm, [c('y'), p(K::Enter)], A::Confirm, true),
            bind(C::Confirm, [c('n'), p(K::Esc)], A::Cancel, true),
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
        ]);
        // Fit and state by state.
        b.extend([
            bind(C::Global, [c('T')], A::StatesOverview, true),
            bind(C::Programs, [c('o')], A::SortByFit, false),
            bind(C::States, [c('j'), p(K::Down)], A::Down, true),
            bind(C::States, [c('k'), p(K::Up)], A::Up, true),
            bind(C::States, [c('x'), c(' ')], A::ToggleStateDone, true),
            bind(C::States, [p(K::Enter)], A::GoToState, true),
            bind(C::States, [p(K::Esc), c('q'), c('T')], A::Cancel, true),
        ]);
        Keymap { bindings: b }
    }
}

fn bind<const N: usize>(
    context: KeyContext,
    keys: [KeySpec; N],
    action: Action,
    footer: bool,
) -> Binding {
    Binding {
        context,
        keys: keys.to_vec(),
        action,
        footer,
    }
}

impl Keymap {
    /// Resolves a key in a context. Keys no binding claims go to the text
    /// widget in editing contexts and are dropped elsewhere.
    pub fn resolve(&self, key: &KeyEvent, context: KeyContext) -> Option<Action> {
        let found = std::iter::once(context)
            .chain(context.fallbacks().iter().copied())
            .find_map(|ctx| {
                self.bindings
                    .iter()
                    .find(|b| b.context == ctx && b.keys.iter().any(|k| k.matches(key)))
            });
        match (found, context) {
            (Some(b), _) => Some(b.action.clone()),
            (None, KeyContext::Editor) => Some(Action::EditorKey(*key)),
            (None, KeyContext::Input) => Some(Action::InputKey(*key)),
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
        hints.sort_by_key(|b| b.action != Action::Help);
        hints
    }

    /// The key to name in a hint ("Press a to add one"): the action's first
    /// key in the context or its fallbacks, as the footer shows it, so the
    /// prose stays true after rebinding.
    pub fn key_for(&self, context: KeyContext, action: &Action) -> String {
        std::iter::once(context)
            .chain(context.fallbacks().iter().copied())
            .find_map(|ctx| {
                self.bindings(ctx)
                    .find(|b| &b.action == action)
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

impl Action {
    /// One or two words for the footer, where space is short.
    pub fn short(&self) -> &'static str {
        match self {
            Action::ToggleGroup => "fold",
            Action::FocusNext => "pane",
            Action::Import => "import",
            Action::Delete => "delete",
            Action::NewLogEntry => "log",
            Action::NewContact => "person",
            Action::EditDraft => "type",
            Action::StopEditing => "done",
            Action::Compose => "compose",
            Action::Due => "due",
            Action::AddFollowUp => "follow up",
            Action::MarkDone => "done",
            Action::Snooze => "snooze",
            Action::Promote => "move →",
            Action::AddRotation => "rotation",
            Action::AddLetter => "letter",
            Action::Demote => "move ←",
            Action::SendDraft => "send",
            Action::ExportEml => ".eml",
            Action::ToggleReady => "ready",
            Action::ExternalEditor => "$EDITOR",
            Action::OpenDetail => "open",
            Action::NextValue => "next",
            Action::PrevValue => "prev",
            Action::ClearValue => "any",
            Action::Cancel => "close",
            Action::Submit => "choose",
            Action::SortByFit => "sort by fit",
            Action::StatesOverview => "states",
            Action::ToggleStateDone => "done",
            Action::GoToState => "go",
            Action::CancelJob => "cancel job",
            other => other.describe(),
        }
    }

    /// A short phrase for the help overlay.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::ToggleGroup => "fold or unfold the state",
            Action::ToggleAllGroups => "fold all states",
            Action::OpenDetail => "open",
            Action::AddProgram => "add",
            Action::Delete => "delete (asks first)",
            Action::NewLogEntry => "log an interaction",
            Action::NewContact => "add a person",
            Action::Profile => "your profile",
            Action::EditDraft => "type in the draft",
            Action::StopEditing => "stop typing",
            Action::Compose => "compose an email from a template",
            Action::SendDraft => "send the draft by email (asks first)",
            Action::ExportEml => "save the draft as a .eml file",
            Action::CopyDraft => "copy the body to the clipboard",
            Action::MailTo => "open in your mail app (mailto:)",
            Action::ExternalEditor => "edit in $VISUAL / $EDITOR",
            Action::ToggleReady => "mark ready / back to draft",
            Action::OpenWebsite => "open the program's website",
            Action::BatchOutreach => "email every listed program from a template (asks first)",
            Action::Due => "follow-ups due: overdue, today, this week, later",
            Action::AddFollowUp => "schedule a follow-up (+3 days, +1 week, +2 weeks, a date)",
            Action::MarkDone => "mark the follow-up done",
            Action::Snooze => "snooze the follow-up",
            Action::Board => "pipeline board: programs by status",
            Action::Tracking => "rotations and letters of recommendation",
            Action::Welcome => "the welcome: profile, import, sample list, sending",
            Action::Complete => "complete the file name (import)",
            Action::AddRotation => "record a rotation at the selected program",
            Action::AddLetter => "add a letter of recommendation",
            Action::Stats => "outreach statistics by state",
            Action::Left => "previous column",
            Action::Right => "next column",
            Action::Promote => "move to the next status",
            Action::Demote => "move to the previous status",
            Action::SetStatus => "status",
            Action::Filter => "search",
            Action::FilterBar => "filters",
            Action::NextValue => "next value",
            Action::PrevValue => "previous value",
            Action::ClearValue => "any value",
            Action::RemoveSamples => "remove sample list",
            Action::Import => "import a CSV file",
            Action::Reload => "reload from disk",
            Action::ClearInput => "delete to the start of the line",
            Action::Submit => "choose/edit",
            Action::Cancel => "close/clear",
            Action::Confirm => "yes",
            Action::LeaveEditor => "back to list",
            Action::SortByFit => "sort each state by fit, IMG %, name (again: by name)",
            Action::StatesOverview => "states: progress, done marks, where to go next",
            Action::ToggleStateDone => "mark the state done / not done",
            Action::GoToState => "go to the state in the program list",
            Action::CancelJob => "cancel the background job (an import rolls back)",
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn list_keys_resolve_and_fall_back_to_global() {
        let km = Keymap::default();
        assert_eq!(
            km.resolve(&key('j'), KeyContext::Programs),
            Some(Action::Down)
        );
        assert_eq!(
            km.resolve(&key('q'), KeyContext::Programs),
            Some(Action::Quit)
        );
        assert_eq!(km.resolve(&key('%'), KeyContext::Programs), None);
    }

    #[test]
    fn text_contexts_swallow_letters_instead_of_quitting() {
        let km = Keymap::default();
        let q = key('q');
        assert_eq!(km.resolve(&q, KeyContext::Input), Some(Action::InputKey(q)));
        assert_eq!(
            km.resolve(&q, KeyContext::Editor),
            Some(Action::EditorKey(q))
        );
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            km.resolve(&esc, KeyContext::Editor),
            Some(Action::StopEditing)
        );
        assert_eq!(
            km.resolve(&esc, KeyContext::Draft),
            Some(Action::LeaveEditor)
        );
    }

    #[test]
    fn every_bound_action_has_a_description() {
        let km = Keymap::default();
        for ctx in km.contexts() {
            for b in km.bindings(ctx) {
                assert!(!b.action.describe().is_empty(), "{:?}", b.action);
            }
        }
    }
}
