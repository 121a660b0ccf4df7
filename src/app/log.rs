//! The contact log pane: the selected program's people, then its log
//! entries. Its commands (add a person or an entry, open, delete) and the
//! events that fill it.

use super::command::Command;
use super::effect::Effect;
use super::event::ProgramLoaded;
use super::forms::{self, Form, FormTarget};
use super::route::{Handled, step};
use super::{AppState, Input, InputPurpose, Popup};
use super::{compose, due};
use crate::domain::record_fields::guess_interaction;
use crate::domain::{Contact, ContactId, Direction, Draft, Interaction, InteractionId, Role};

/// Commands while the contact log has focus.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    if let Some(n) = step(cmd, state.log.selected, state.log.row_count(), page) {
        state.log.selected = n;
        return Handled::Consumed;
    }
    match cmd {
        Command::NewLogEntry => start_entry(state),
        Command::NewContact => add_contact(state, effects),
        Command::OpenDetail => open_detail(state),
        Command::Delete => ask_delete(state),
        Command::Compose => compose::start(state),
        Command::AddFollowUp => due::start_add(state),
        _ => return Handled::Ignored,
    }
    Handled::Consumed
}

fn start_entry(state: &mut AppState) {
    if state.log.program.is_some() {
        let label = "What happened? (e.g. phoned coordinator, left voicemail)";
        state.input = Some(Input::new(InputPurpose::NewLogEntry, label, ""));
    }
}

/// A typed note becomes a log entry, its channel guessed from the words.
pub fn add_entry(state: &AppState, text: &str, effects: &mut Vec<Effect>) {
    let Some(program_id) = state.log.program else {
        return;
    };
    if text.trim().is_empty() {
        return;
    }
    let (channel, direction) = guess_interaction(text);
    effects.push(Effect::InsertInteraction(Box::new(Interaction {
        id: Default::default(),
        program_id,
        contact_id: state.log.selected_contact().map(|c| c.id),
        at: state.now,
        channel,
        direction,
        summary: text.trim().to_string(),
        eml_path: None,
    })));
}

fn add_contact(state: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(program_id) = state.log.program {
        let role = if state.log.contacts.is_empty() {
            Role::Coordinator
        } else {
            Role::Other
        };
        effects.push(Effect::InsertContact(Box::new(Contact {
            program_id,
            role,
            ..Contact::default()
        })));
    }
}

fn open_detail(state: &mut AppState) {
    // A sent email opens to the whole message; it is history, not a form.
    if let Some(sent) = state
        .log
        .selected_interaction()
        .and_then(|i| super::sent::message_for(state, i.id))
        .cloned()
    {
        super::sent::open(state, sent);
        return;
    }
    let target = match (
        state.log.selected_contact(),
        state.log.selected_interaction(),
    ) {
        (Some(c), _) => Some(FormTarget::Contact(c.id)),
        (None, Some(i)) => Some(FormTarget::Interaction(i.id)),
        (None, None) => None,
    };
    state.form = target.map(|target| Form {
        target,
        selected: 0,
    });
}

fn ask_delete(state: &mut AppState) {
    let confirm = match (
        state.log.selected_contact(),
        state.log.selected_interaction(),
    ) {
        (Some(c), _) => Some((
            format!(
                "Delete the contact “{}”? Log entries stay.",
                display_name(c)
            ),
            Effect::DeleteContact(c.id),
        )),
        (None, Some(i)) => Some((
            format!("Delete the log entry “{}”?", i.summary),
            Effect::DeleteInteraction(i.id),
        )),
        (None, None) => None,
    };
    if let Some((message, effect)) = confirm {
        state.popup = Some(Popup::Confirm { message, effect });
    }
}

fn display_name(c: &Contact) -> &str {
    if c.name.is_empty() {
        c.role.label()
    } else {
        &c.name
    }
}

/// The selected program's rows arrived: they fill the log and draft panes.
pub fn loaded(state: &mut AppState, loaded: ProgramLoaded) {
    state.log.program = Some(loaded.program);
    state.log.contacts = loaded.contacts;
    state.log.interactions = loaded.interactions;
    state.log.sent = loaded.sent;
    state.log.follow_ups = loaded.follow_ups;
    state.log.status_changes = loaded.status_changes;
    state.log.selected = 0;
    let draft = loaded.draft.unwrap_or(Draft {
        program_id: loaded.program,
        ..Draft::default()
    });
    super::draft::open(state, draft);
    due::refresh_loaded(state);
}

/// A contact was saved; a new one is selected and its form opens.
pub fn contact_saved(state: &mut AppState, c: Contact, added: bool) {
    if state.log.program != Some(c.program_id) {
        return;
    }
    let id = c.id;
    match state.log.contacts.iter_mut().find(|x| x.id == id) {
        Some(slot) => *slot = c,
        None => state.log.contacts.push(c),
    }
    if added {
        state.log.selected = state
            .log
            .contacts
            .iter()
            .position(|x| x.id == id)
            .unwrap_or(0);
        // A blank contact: Esc before any field is confirmed discards it.
        forms::opened_new(state, FormTarget::Contact(id));
    }
}

pub fn contact_deleted(state: &mut AppState, id: ContactId) {
    state.log.contacts.retain(|c| c.id != id);
    clamp(state);
    forms::close_on(state, FormTarget::Contact(id));
}

/// A log entry was saved; a new one is selected and its form opens, and
/// a reply offers to close the follow-ups it answers: a new inbound entry,
/// or one the form has just turned inbound (`n` guessed "outbound").
pub fn interaction_saved(state: &mut AppState, i: Interaction, added: bool) {
    if state.log.program != Some(i.program_id) {
        return;
    }
    let id = i.id;
    let was_inbound = state
        .log
        .interactions
        .iter()
        .any(|x| x.id == id && x.direction == Direction::In);
    let reply = i.direction == Direction::In && (added || !was_inbound);
    let program = i.program_id;
    match state.log.interactions.iter_mut().find(|x| x.id == id) {
        Some(slot) => *slot = i,
        None => state.log.interactions.push(i),
    }
    // Newest first, as the store returns them.
    state
        .log
        .interactions
        .sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    if added {
        let at = state
            .log
            .interactions
            .iter()
            .position(|x| x.id == id)
            .unwrap_or(0);
        state.log.selected = state.log.contacts.len() + at;
        state.form = Some(Form {
            target: FormTarget::Interaction(id),
            selected: 0,
        });
    }
    // A reply usually answers whatever we were waiting to chase.
    let open = state.log.follow_ups.len();
    if reply && open > 0 {
        state.popup = Some(Popup::Confirm {
            message: format!(
                "They replied. Mark the {} for this program done?",
                crate::domain::plural::count(open, "open follow-up")
            ),
            effect: Effect::CompleteFollowUps(program),
        });
    }
    due::refresh_loaded(state);
}

pub fn interaction_deleted(state: &mut AppState, id: InteractionId) {
    state.log.interactions.retain(|i| i.id != id);
    clamp(state);
    forms::close_on(state, FormTarget::Interaction(id));
}

fn clamp(state: &mut AppState) {
    state.log.selected = state
        .log
        .selected
        .min(state.log.row_count().saturating_sub(1));
}
