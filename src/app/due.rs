//! Follow-ups in the TUI: the next step on every row, the Due view (what
//! to chase today), adding, snoozing and completing follow-ups. Pure:
//! dates come from `state.today`, set by the runtime.

use chrono::Days;

use super::command::Command;
use super::effect::Effect;
use super::route::{Handled, close_popup, move_cursor};
use super::update::show_program;
use super::{AppState, Input, InputPurpose, Pane, Popup};
use crate::domain::cadence::ProgramBrief;
use crate::domain::cadence::next_action;
use crate::domain::due::{Bucket, Snooze, bucket, mark_done, snooze};
use crate::domain::{ContactId, FollowUp, FollowUpId, OpenFollowUp, ProgramId};

/// `D`: open the Due view; the list is re-read as it opens.
pub fn open(state: &mut AppState, effects: &mut Vec<Effect>) {
    state.popup = Some(Popup::Due { selected: 0 });
    effects.push(Effect::LoadDue);
}

/// Commands while the Due view is open.
pub fn handle(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    match cmd {
        Command::OpenDetail => {
            if let Some(id) = selected(state).map(|o| o.follow_up.program_id) {
                state.popup = None;
                show_program(state, id, effects);
            }
        }
        Command::Compose => compose_follow_up(state, effects),
        Command::MarkDone => mark_selected_done(state, effects),
        Command::Snooze => start_snooze(state),
        Command::Cancel => return close_popup(state),
        _ => {
            let (page, len) = (state.list.page(), items(state).len());
            return match &mut state.popup {
                Some(Popup::Due { selected }) => move_cursor(cmd, selected, len, page),
                _ => Handled::Ignored,
            };
        }
    }
    Handled::Consumed
}

/// `c` in the Due view: write the follow-up email for the selected item.
/// The draft remembers which follow-up it answers, so sending it closes
/// exactly that one (and the person's others), not a neighbour's.
fn compose_follow_up(state: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(f) = selected(state).map(|o| o.follow_up.clone()) {
        state.popup = None;
        show_program(state, f.program_id, effects);
        state.focus = Pane::Draft;
        effects.push(Effect::Compose {
            program: f.program_id,
            contact: f.contact_id,
            template: "follow_up".into(),
            answers: Some(f.id),
        });
    }
}

/// Commands while the follow-up menu (when? +3 days, +1 week…) is open.
pub fn follow_up_picker(state: &mut AppState, cmd: Command, effects: &mut Vec<Effect>) -> Handled {
    let page = state.list.page();
    match cmd {
        Command::Submit => choose(state, effects),
        Command::Cancel => return close_popup(state),
        _ => {
            return match &mut state.popup {
                Some(Popup::FollowUp { selected, .. }) => {
                    move_cursor(cmd, selected, choices().len(), page)
                }
                _ => Handled::Ignored,
            };
        }
    }
    Handled::Consumed
}

/// Every open follow-up, re-read: the Due view starts at the top again.
pub fn loaded(state: &mut AppState, list: Vec<OpenFollowUp>) {
    state.due = list;
    if let Some(Popup::Due { selected }) = &mut state.popup {
        *selected = 0;
    }
}

/// A reply closed a program's follow-ups.
pub fn completed(state: &mut AppState, program: ProgramId, n: usize) {
    state.due.retain(|o| o.follow_up.program_id != program);
    if state.log.program == Some(program) {
        state.log.follow_ups.clear();
        refresh_loaded(state);
    }
    state.info(format!(
        "Marked {} done.",
        crate::domain::plural::count(n, "follow-up")
    ));
}

/// A line of the Due view: a bucket heading or an item of `state.due`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueRow {
    Heading(Bucket, usize),
    Item(usize),
}

/// The Due view's lines: overdue, today, the next 7 days, later.
pub fn rows(state: &AppState) -> Vec<DueRow> {
    let mut rows = Vec::new();
    for b in Bucket::ALL {
        let items: Vec<usize> = (0..state.due.len())
            .filter(|&i| bucket(state.due[i].follow_up.due, state.today) == *b)
            .collect();
        if !items.is_empty() {
            rows.push(DueRow::Heading(*b, items.len()));
            rows.extend(items.into_iter().map(DueRow::Item));
        }
    }
    rows
}

/// Items only, in display order (what the cursor moves over).
pub fn items(state: &AppState) -> Vec<usize> {
    rows(state)
        .into_iter()
        .filter_map(|r| match r {
            DueRow::Item(i) => Some(i),
            DueRow::Heading(..) => None,
        })
        .collect()
}

/// How many follow-ups are overdue or due today: the header badge.
pub fn due_now(state: &AppState) -> usize {
    state
        .due
        .iter()
        .filter(|f| f.follow_up.due <= state.today)
        .count()
}

pub fn selected(state: &AppState) -> Option<&OpenFollowUp> {
    let Some(Popup::Due { selected }) = state.popup else {
        return None;
    };
    items(state).get(selected).and_then(|&i| state.due.get(i))
}

/// The snooze / schedule choices, in menu order.
pub fn choices() -> Vec<String> {
    let mut c: Vec<String> = Snooze::PRESETS.iter().map(|s| s.label()).collect();
    c.push("on a date…".into());
    c
}

/// `F`: schedule a follow-up for the selected program.
pub fn start_add(state: &mut AppState) {
    match state.log.program {
        Some(program) => {
            let contact = state.log.selected_contact().map(|c| c.id);
            state.popup = Some(Popup::FollowUp {
                program,
                contact,
                snoozing: None,
                selected: 0,
            });
        }
        None => state.info("Select a program first."),
    }
}

/// `z` in the Due view: postpone the selected follow-up.
pub fn start_snooze(state: &mut AppState) {
    if let Some(f) = selected(state).map(|o| o.follow_up.clone()) {
        state.popup = Some(Popup::FollowUp {
            program: f.program_id,
            contact: f.contact_id,
            snoozing: Some(f.id),
            selected: 0,
        });
    }
}

/// `x` in the Due view: mark the selected follow-up done.
pub fn mark_selected_done(state: &mut AppState, effects: &mut Vec<Effect>) {
    if let Some(f) = selected(state).map(|o| o.follow_up.clone()) {
        effects.push(Effect::SaveFollowUp(Box::new(mark_done(&f, state.now))));
    }
}

/// Enter on a choice in the follow-up menu.
pub fn choose(state: &mut AppState, effects: &mut Vec<Effect>) {
    let Some(Popup::FollowUp {
        program,
        contact,
        snoozing,
        selected,
    }) = state.popup.clone()
    else {
        return;
    };
    // Snoozing came from the Due view: go back to it, the item moved on.
    state.popup = snoozing.map(|_| Popup::Due { selected: 0 });
    match Snooze::PRESETS.get(selected) {
        Some(choice) => {
            if let Err(e) = apply(state, program, contact, snoozing, *choice, effects) {
                state.error(e);
            }
        }
        None => {
            let purpose = InputPurpose::FollowUpDate {
                program,
                contact,
                snoozing,
            };
            let suggestion = state
                .today
                .checked_add_days(Days::new(7))
                .unwrap_or(state.today)
                .to_string();
            state.input = Some(Input::new(
                purpose,
                "Follow up on (YYYY-MM-DD)",
                &suggestion,
            ));
        }
    }
}

/// A typed date for the follow-up menu's last choice.
pub fn date_typed(
    state: &mut AppState,
    text: &str,
    target: (ProgramId, Option<ContactId>, Option<FollowUpId>),
    effects: &mut Vec<Effect>,
) -> Result<(), String> {
    let day = crate::domain::fields::parse::date(text)?;
    let (program, contact, snoozing) = target;
    // The domain rule decides which days are valid (today is, the past is
    // not); its refusal stays under the prompt so the user can retype.
    apply(
        state,
        program,
        contact,
        snoozing,
        Snooze::Until(day),
        effects,
    )
}

fn apply(
    state: &mut AppState,
    program: ProgramId,
    contact: Option<ContactId>,
    snoozing: Option<FollowUpId>,
    choice: Snooze,
    effects: &mut Vec<Effect>,
) -> Result<(), String> {
    match snoozing {
        Some(id) => {
            let Some(f) = state
                .due
                .iter()
                .find(|o| o.follow_up.id == id)
                .map(|o| o.follow_up.clone())
            else {
                return Ok(());
            };
            let moved = snooze(&f, choice, state.today)?;
            effects.push(Effect::SaveFollowUp(Box::new(moved)));
        }
        // A new follow-up has no due date of its own yet: `first_due`, not
        // the snooze rule, so today is accepted.
        None => {
            let due = choice.first_due(state.today)?;
            effects.push(Effect::AddFollowUp(Box::new(FollowUp {
                id: FollowUpId(0),
                program_id: program,
                contact_id: contact,
                due,
                note: "Follow up".into(),
                done_at: None,
                snoozed_from: Vec::new(),
            })));
        }
    }
    Ok(())
}

/// A follow-up was added or changed: update the program's rows, the Due
/// list and its next step.
pub fn follow_up_saved(state: &mut AppState, f: FollowUp) {
    if state.log.program == Some(f.program_id) {
        state.log.follow_ups.retain(|x| x.id != f.id);
        if f.is_open() {
            state.log.follow_ups.push(f.clone());
        }
        refresh_loaded(state);
    }
    let name = state
        .list
        .programs()
        .iter()
        .find(|p| p.id == f.program_id)
        .map(|p| (p.name.clone(), p.state));
    state.due.retain(|o| o.follow_up.id != f.id);
    if let (true, Some((program_name, us))) = (f.is_open(), name) {
        state.due.push(OpenFollowUp {
            follow_up: f.clone(),
            program_name,
            state: us,
            contact_name: None,
        });
        state.due.sort_by_key(|o| (o.follow_up.due, o.follow_up.id));
    }
    let word = if f.is_open() {
        format!("Follow-up set for {}.", f.due.format("%-d %b %Y"))
    } else {
        "Marked done.".into()
    };
    state.info(word);
    clamp_due_selection(state);
}

fn clamp_due_selection(state: &mut AppState) {
    let n = items(state).len();
    if let Some(Popup::Due { selected }) = &mut state.popup {
        *selected = (*selected).min(n.saturating_sub(1));
    }
}

/// The next step of the program whose rows are loaded, from those rows.
pub fn refresh_loaded(state: &mut AppState) {
    let Some(id) = state.log.program else {
        return;
    };
    let Some(program) = state.list.get(id) else {
        return;
    };
    match next_action(
        program,
        &state.log.follow_ups,
        &state.log.interactions,
        &state.log.contacts,
        state.today,
    ) {
        Some(a) => state.next_actions.insert(id, a),
        None => state.next_actions.remove(&id),
    };
}

/// What the runtime needs to work out every program's next step.
pub fn briefs(state: &AppState) -> Vec<ProgramBrief> {
    state.list.programs().iter().map(ProgramBrief::of).collect()
}
