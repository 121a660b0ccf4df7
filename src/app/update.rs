//! `update(&mut AppState, Action) -> Vec<Effect>`: the whole behaviour of
//! the app, with no I/O. The runtime performs the returned effects.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use super::action::{Action, ProgramLoaded};
use super::board;
use super::compose;
use super::due;
use super::effect::Effect;
use super::filters::FilterField;
use super::fit;
use super::forms::{self, Form, FormTarget};
use super::list::Row;
use super::mouse;
use super::onboarding;
use super::tracking;
use super::{AppState, Input, InputPurpose, Pane, Popup};
use crate::domain::record_fields::guess_interaction;
use crate::domain::{Contact, Draft, Interaction, Program, Role, Status, UsState};

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if is_user_action(&action) {
        state.status = None;
    }
    match action {
        Action::Quit => {
            state.quitting = true;
            effects.push(Effect::Quit);
        }
        Action::Help => state.popup = Some(Popup::Help { scroll: 0 }),
        Action::FocusNext => state.focus = cycle_focus(state.focus, 1),
        Action::FocusPrev => state.focus = cycle_focus(state.focus, -1),
        Action::LeaveEditor => state.focus = Pane::Programs,
        Action::EditDraft if state.draft.program.is_some() => state.draft.editing = true,
        Action::EditDraft => state.info("Select a program first: its draft opens here."),
        Action::StopEditing => state.draft.editing = false,
        Action::Profile => {
            state.form = Some(Form {
                target: FormTarget::Profile,
                selected: 0,
            })
        }
        Action::Compose if matches!(state.popup, Some(Popup::Due { .. })) => {
            if let Some(f) = due::selected(state).map(|o| o.follow_up.clone()) {
                state.popup = None;
                show_program(state, f.program_id, &mut effects);
                state.focus = Pane::Draft;
                effects.push(Effect::Compose {
                    program: f.program_id,
                    contact: f.contact_id,
                    template: "follow_up".into(),
                });
            }
        }
        Action::OpenDetail if matches!(state.popup, Some(Popup::Due { .. })) => {
            if let Some(id) = due::selected(state).map(|o| o.follow_up.program_id) {
                state.popup = None;
                show_program(state, id, &mut effects);
            }
        }
        Action::OpenDetail if matches!(state.popup, Some(Popup::Board { .. })) => {
            if let Some(id) = board::selected(state) {
                state.popup = None;
                show_program(state, id, &mut effects);
                state.form = Some(Form {
                    target: FormTarget::Program(id),
                    selected: 0,
                });
            }
        }
        Action::OpenDetail if matches!(state.popup, Some(Popup::Tracking { .. })) => {
            tracking::edit(state)
        }
        Action::Delete if matches!(state.popup, Some(Popup::Tracking { .. })) => {
            tracking::delete(state)
        }
        Action::Tracking => tracking::open(state, &mut effects),
        Action::Welcome => onboarding::open(state),
        Action::Complete => onboarding::complete(state, &mut effects),
        Action::PathCompleted(text) => onboarding::completed(state, text),
        Action::SmtpSaved(smtp) => {
            state.smtp_configured = true;
            state.smtp_form = Some(*smtp);
            state.info("Sending is set up. W → “Send a test message to myself” checks it.");
        }
        Action::AddRotation => tracking::add_rotation(state, &mut effects),
        Action::AddLetter => tracking::add_letter(state, &mut effects),
        Action::TrackingLoaded(rotations, letters) => {
            state.rotations = rotations;
            state.letters = letters;
        }
        Action::RotationSaved(r, added) => tracking::rotation_saved(state, *r, added),
        Action::LetterSaved(l, added) => tracking::letter_saved(state, *l, added),
        Action::RotationDeleted(id) => tracking::rotation_deleted(state, id),
        Action::LetterDeleted(id) => tracking::letter_deleted(state, id),
        Action::Compose => compose::start(state),
        Action::Board => board::open(state),
        Action::Stats => effects.push(Effect::LoadStats),
        Action::StatsLoaded(stats) => state.popup = Some(Popup::Stats { stats, scroll: 0 }),
        Action::Left => board::move_column(state, -1),
        Action::Right => board::move_column(state, 1),
        Action::Promote => board::move_program(state, 1, &mut effects),
        Action::Demote => board::move_program(state, -1, &mut effects),
        Action::Due => {
            state.popup = Some(Popup::Due { selected: 0 });
            effects.push(Effect::LoadDue);
        }
        Action::AddFollowUp => due::start_add(state),
        Action::MarkDone => due::mark_selected_done(state, &mut effects),
        Action::Snooze => due::start_snooze(state),
        Action::NextActionsLoaded(map) => state.next_actions = map,
        Action::DueLoaded(list) => {
            state.due = list;
            if let Some(Popup::Due { selected }) = &mut state.popup {
                *selected = 0;
            }
        }
        Action::FollowUpSaved(f) => due::follow_up_saved(state, *f),
        Action::FollowUpsCompleted(program, n) => {
            state.due.retain(|o| o.follow_up.program_id != program);
            if state.log.program == Some(program) {
                state.log.follow_ups.clear();
                due::refresh_loaded(state);
            }
            state.info(format!(
                "Marked {n} follow-up{} done.",
                if n == 1 { "" } else { "s" }
            ));
        }
        Action::DayChanged(day) => {
            state.today = day;
            effects.push(Effect::LoadNextActions(due::briefs(state)));
        }
        Action::BatchOutreach => compose::start_batch(state),
        Action::BatchPlanned(preview) => compose::batch_planned(state, *preview),
        Action::BatchFinished(message) => {
            state.popup = Some(Popup::Info {
                title: "Batch finished".into(),
                lines: vec![message],
                scroll: 0,
            });
            // Statuses, logs and follow-ups changed underneath: re-read them.
            state.log.program = None;
            effects.push(Effect::ReloadPrograms);
        }
        Action::SendDraft => compose::send(state),
        Action::ExportEml => compose::export_eml(state),
        Action::CopyDraft => compose::copy(state, &mut effects),
        Action::MailTo => compose::mailto(state, &mut effects),
        Action::ExternalEditor => compose::external_editor(state, &mut effects),
        Action::ToggleReady => compose::toggle_ready(state, &mut effects),
        Action::OpenWebsite => compose::open_website(state, &mut effects),
        Action::EditorClosed(text) => compose::editor_closed(state, text, &mut effects),
        Action::Done(message) => state.info(message),
        Action::Ask(message, effect) => {
            state.popup = Some(Popup::Confirm {
                message,
                effect: *effect,
            })
        }
        Action::Report(title, lines) => {
            state.popup = Some(Popup::Info {
                title,
                lines,
                scroll: 0,
            })
        }
        Action::DraftComposed(d) => {
            if state.draft.program == Some(d.program_id) {
                let text = d.to_text();
                state.draft.editor = TextArea::new(text.split('\n').map(String::from).collect());
                state.draft.draft = *d;
                state.focus = Pane::Draft;
                state.draft.editing = true;
                state.info("Draft composed and saved. Read it through, then Esc and s to send.");
            }
        }
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => navigate(state, &action),
        Action::ToggleGroup => {
            if let Some(s) = state.list.selected_state() {
                state.list.toggle_group(s);
            }
        }
        Action::ToggleAllGroups => state.list.toggle_all(),
        Action::OpenDetail if state.focus == Pane::Log => {
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
        Action::OpenDetail => match state.list.selected_row() {
            Some(Row::Program(i)) => {
                let program = state.list.program(i).id;
                state.form = Some(Form {
                    target: FormTarget::Program(program),
                    selected: 0,
                });
            }
            Some(Row::Header(s)) => state.list.toggle_group(s),
            None => {}
        },
        Action::NewLogEntry if state.log.program.is_some() => {
            let label = "What happened? (e.g. phoned coordinator, left voicemail)";
            state.input = Some(Input::new(InputPurpose::NewLogEntry, label, ""));
        }
        Action::NewContact => {
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
        Action::NewLogEntry => {}
        Action::AddProgram => {
            state.input = Some(Input::new(
                InputPurpose::NewProgramName,
                "New program name",
                "",
            ));
        }
        Action::Delete if state.focus == Pane::Log && state.form.is_none() => {
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
        Action::Delete => {
            if let Some(p) = focused_program(state) {
                state.popup = Some(Popup::Confirm {
                    message: format!("Delete “{}” with its contacts, log and drafts?", p.name),
                    effect: Effect::DeleteProgram(p.id),
                });
            }
        }
        Action::SetStatus => {
            if let Some(p) = focused_program(state) {
                let selected = Status::ALL.iter().position(|s| *s == p.status).unwrap_or(0);
                state.popup = Some(Popup::StatusPicker {
                    program: p.id,
                    selected,
                });
            }
        }
        Action::Filter => {
            let current = state.list.filter().to_string();
            state.input = Some(Input::new(InputPurpose::Filter, "Filter", &current));
        }
        Action::FilterBar => state.popup = Some(Popup::FilterBar { selected: 0 }),
        Action::NextValue | Action::PrevValue | Action::ClearValue => {
            if let Some(Popup::FilterBar { selected }) = state.popup {
                let field = FilterField::ALL[selected.min(FilterField::ALL.len() - 1)];
                let mut filters = state.list.filters().clone();
                match action {
                    Action::ClearValue => filters.clear(field),
                    _ => filters.step(field, state.list.programs(), action == Action::NextValue),
                }
                state.list.set_filters(filters);
            }
        }
        Action::Import => {
            state.input = Some(Input::new(InputPurpose::ImportPath, "Import CSV file", ""));
        }
        Action::Reload => effects.push(Effect::ReloadPrograms),
        Action::ImportPreviewed(preview) => {
            let name = preview.path.display().to_string();
            match preview.summary {
                Some(summary) => {
                    let mut message = format!("Import {name}: {summary}?");
                    for warning in &preview.problems {
                        message.push_str("\n\nWarning: ");
                        message.push_str(warning);
                    }
                    state.popup = Some(Popup::Confirm {
                        message,
                        effect: Effect::ApplyImport(preview.path),
                    });
                }
                None => {
                    let title = format!("Nothing imported: fix these lines in {name}");
                    state.popup = Some(Popup::Info {
                        title,
                        lines: preview.problems,
                        scroll: 0,
                    });
                }
            }
        }
        Action::ProgramsReloaded(programs, message) => {
            state.list.replace_all(programs);
            state.info(message);
            effects.push(Effect::LoadNextActions(due::briefs(state)));
            effects.push(Effect::LoadDue);
        }
        Action::RemoveSamples => {
            let n = state.list.programs().iter().filter(|p| p.is_sample).count();
            if n == 0 {
                state.info("No sample programs left.");
            } else {
                state.popup = Some(Popup::Confirm {
                    message: format!("Remove the {n} sample programs? Your own programs stay."),
                    effect: Effect::RemoveSamples,
                });
            }
        }
        Action::Submit => submit(state, &mut effects),
        Action::Cancel => cancel(state),
        Action::Confirm => {
            if let Some(Popup::Confirm { effect, .. }) = state.popup.take() {
                effects.push(effect);
            }
        }
        Action::InputKey(key) => {
            if let Some(input) = &mut state.input {
                input.text.input(key);
                input_changed(state);
            }
        }
        Action::ClearInput => {
            if let Some(input) = &mut state.input {
                input.text.delete_line_by_head();
                input_changed(state);
            }
        }
        Action::EditorKey(key) => {
            if state.draft.program.is_some() && state.draft.editor.input(key) {
                let text = state.draft.editor.lines().join("\n");
                state.draft.draft.apply_text(&text);
                effects.push(Effect::SaveDraft(Box::new(state.draft.draft.clone())));
            }
        }
        Action::ProgramSaved(p) => {
            let id = p.id;
            let before = state
                .list
                .programs()
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.status);
            tracking::offer_rotation(state, before, &p);
            state.list.upsert(*p);
            board::follow(state, id);
            due::refresh_loaded(state);
        }
        Action::ProgramAdded(p) => {
            let id = p.id;
            state.list.upsert(*p);
            state.list.select_program(id);
            state.focus = Pane::Programs;
            state.form = Some(Form {
                target: FormTarget::Program(id),
                selected: 0,
            });
            state.info("Program added. Fill in what you know; every change saves at once.");
        }
        Action::ProgramDeleted(id) => {
            state.list.remove(id);
            close_form_on(state, FormTarget::Program(id));
            state.info("Program deleted.");
        }
        Action::ProgramLoaded(loaded) => apply_loaded(state, *loaded),
        Action::ContactSaved(c, added) if state.log.program == Some(c.program_id) => {
            let id = c.id;
            match state.log.contacts.iter_mut().find(|x| x.id == id) {
                Some(slot) => *slot = *c,
                None => state.log.contacts.push(*c),
            }
            if added {
                state.log.selected = state
                    .log
                    .contacts
                    .iter()
                    .position(|x| x.id == id)
                    .unwrap_or(0);
                state.form = Some(Form {
                    target: FormTarget::Contact(id),
                    selected: 0,
                });
            }
        }
        Action::ContactSaved(..) => {}
        Action::ContactDeleted(id) => {
            state.log.contacts.retain(|c| c.id != id);
            state.log.selected = state
                .log
                .selected
                .min(state.log.row_count().saturating_sub(1));
            close_form_on(state, FormTarget::Contact(id));
        }
        Action::InteractionSaved(i, added) if state.log.program == Some(i.program_id) => {
            let id = i.id;
            let reply = added && i.direction == crate::domain::Direction::In;
            let program = i.program_id;
            match state.log.interactions.iter_mut().find(|x| x.id == id) {
                Some(slot) => *slot = *i,
                None => state.log.interactions.push(*i),
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
                        "They replied. Mark the {open} open follow-up{} for this program done?",
                        if open == 1 { "" } else { "s" }
                    ),
                    effect: Effect::CompleteFollowUps(program),
                });
            }
            due::refresh_loaded(state);
        }
        Action::InteractionSaved(..) => {}
        Action::InteractionDeleted(id) => {
            state.log.interactions.retain(|i| i.id != id);
            state.log.selected = state
                .log
                .selected
                .min(state.log.row_count().saturating_sub(1));
            close_form_on(state, FormTarget::Interaction(id));
        }
        Action::ProfileSaved(p) => fit::profile_saved(state, *p),
        Action::DraftSaved(d) => {
            if state.draft.program == Some(d.program_id) {
                state.draft.draft.id = d.id;
                state.draft.draft.updated_at = d.updated_at;
            }
        }
        Action::SamplesRemoved(n) => {
            state.list.remove_samples();
            state.info(format!("Removed {n} sample programs."));
        }
        Action::Failed(message) => state.error(message),
        Action::Click { .. } | Action::Scroll { .. } => mouse::handle(state, &action),
        // Fit badges, sort by fit and the states overview.
        Action::SortByFit => fit::toggle_sort(state),
        Action::StatesOverview => fit::open_states(state),
        Action::ToggleStateDone => fit::toggle_done(state, &mut effects),
        Action::GoToState => fit::go_to_state(state),
        Action::StateDoneSaved(us, done) => fit::state_done_saved(state, us, done),
        // Background jobs: progress for the footer, and cancelling.
        Action::Job(event) => super::jobs::handle(state, event),
        Action::CancelJob => super::jobs::cancel(state, &mut effects),
    }
    fit::keep_fresh(state);
    sync_selection(state, &mut effects);
    style_editor(state);
    effects
}

/// The draft editor shows its cursor only while it has focus.
fn style_editor(state: &mut AppState) {
    if state.focus != Pane::Draft || state.draft.program.is_none() {
        state.draft.editing = false;
    }
    let cursor = if state.focus == Pane::Draft && state.draft.editing && state.form.is_none() {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    state.draft.editor.set_cursor_style(cursor);
    state.draft.editor.set_cursor_line_style(Style::new());
}

/// Effects to run once at start-up: load the rows of the first selection.
pub fn init(state: &mut AppState) -> Vec<Effect> {
    let mut effects = Vec::new();
    sync_selection(state, &mut effects);
    effects.push(Effect::LoadDue);
    effects.push(Effect::LoadNextActions(due::briefs(state)));
    effects.push(Effect::LoadTracking);
    style_editor(state);
    effects
}

fn is_user_action(action: &Action) -> bool {
    !matches!(
        action,
        Action::ProgramSaved(_)
            | Action::ProgramAdded(_)
            | Action::ProgramDeleted(_)
            | Action::ProgramLoaded(_)
            | Action::DraftSaved(_)
            | Action::SamplesRemoved(_)
            | Action::ContactSaved(..)
            | Action::ContactDeleted(_)
            | Action::InteractionSaved(..)
            | Action::InteractionDeleted(_)
            | Action::ProfileSaved(_)
            | Action::DraftComposed(_)
            | Action::EditorClosed(_)
            | Action::Done(_)
            | Action::Report(..)
            | Action::Ask(..)
            | Action::NextActionsLoaded(_)
            | Action::DueLoaded(_)
            | Action::FollowUpSaved(_)
            | Action::FollowUpsCompleted(..)
            | Action::DayChanged(_)
            | Action::StatsLoaded(_)
            | Action::TrackingLoaded(..)
            | Action::PathCompleted(_)
            | Action::SmtpSaved(_)
            | Action::RotationSaved(..)
            | Action::LetterSaved(..)
            | Action::RotationDeleted(_)
            | Action::LetterDeleted(_)
            | Action::BatchPlanned(_)
            | Action::BatchFinished(_)
            | Action::ImportPreviewed(_)
            | Action::ProgramsReloaded(..)
            | Action::Failed(_)
            | Action::EditorKey(_)
            | Action::InputKey(_)
            | Action::ClearInput
            | Action::StateDoneSaved(..)
            | Action::Job(_)
    )
}

/// A search narrows the list as it is typed.
fn input_changed(state: &mut AppState) {
    if let Some(input) = &state.input
        && input.purpose == InputPurpose::Filter
    {
        let text = input.value();
        state.list.set_filter(&text);
    }
}

fn cycle_focus(focus: Pane, step: isize) -> Pane {
    let i = Pane::ORDER.iter().position(|p| *p == focus).unwrap_or(0) as isize;
    Pane::ORDER[(i + step).rem_euclid(Pane::ORDER.len() as isize) as usize]
}

/// The program the user is acting on: the detail view's, else the list's.
fn focused_program(state: &AppState) -> Option<&Program> {
    match state.form.map(|f| f.target) {
        Some(FormTarget::Program(id)) => state.list.programs().iter().find(|p| p.id == id),
        Some(_) => None,
        None if state.focus == Pane::Programs => state.list.selected_program(),
        None => None,
    }
}

fn navigate(state: &mut AppState, action: &Action) {
    let page = state.list.page();
    let step = |len: usize, cur: usize| -> usize {
        let last = len.saturating_sub(1);
        match action {
            Action::Up => cur.saturating_sub(1),
            Action::Down => (cur + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => cur.saturating_sub(page as usize),
            _ => (cur + page as usize).min(last),
        }
    };
    if let (Some(Popup::Tracking { .. }), Some(form)) = (&state.popup, &mut state.form) {
        let len = form.target.field_count();
        form.selected = step(len, form.selected);
        return;
    }
    let compose_len = compose::choice_count(state);
    let templates = state.templates.len();
    let due_items = due::items(state).len();
    let tracking_rows = tracking::rows(state).len();
    let welcome_rows = onboarding::choices(state).len();
    let follow_up_choices = due::choices().len();
    match (&mut state.popup, &mut state.form) {
        (Some(Popup::Compose { selected, .. }), _) => *selected = step(compose_len, *selected),
        (Some(Popup::BatchTemplate { selected }), _) => *selected = step(templates, *selected),
        (Some(Popup::Due { selected }), _) => *selected = step(due_items, *selected),
        (Some(Popup::Tracking { selected }), _) => *selected = step(tracking_rows, *selected),
        (Some(Popup::Welcome { selected }), _) => *selected = step(welcome_rows, *selected),
        (Some(Popup::FollowUp { selected, .. }), _) => {
            *selected = step(follow_up_choices, *selected)
        }
        (Some(Popup::Board { .. }), _) => {
            let delta = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -(page),
                Action::PageDown => page,
                Action::Top => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            board::move_row(state, delta);
        }
        (
            Some(Popup::Help { scroll } | Popup::Info { scroll, .. } | Popup::Stats { scroll, .. }),
            _,
        ) => *scroll = step(usize::MAX, *scroll),
        (Some(Popup::StatusPicker { selected, .. }), _) => {
            *selected = step(Status::ALL.len(), *selected)
        }
        (Some(Popup::FilterBar { selected }), _) => {
            *selected = step(FilterField::ALL.len(), *selected)
        }
        (Some(Popup::Confirm { .. }), _) => {}
        (Some(Popup::States { selected, rows, .. }), _) => *selected = step(rows.len(), *selected),
        (None, Some(form)) => form.selected = step(form.target.field_count(), form.selected),
        (None, None) => match state.focus {
            Pane::Log => state.log.selected = step(state.log.row_count(), state.log.selected),
            _ => match action {
                Action::Up => state.list.move_by(-1),
                Action::Down => state.list.move_by(1),
                Action::Top => state.list.select_first(),
                Action::Bottom => state.list.select_last(),
                Action::PageUp => state.list.move_by(-page),
                _ => state.list.move_by(page),
            },
        },
    }
}

fn submit(state: &mut AppState, effects: &mut Vec<Effect>) {
    if matches!(state.popup, Some(Popup::Compose { .. })) {
        compose::choose(state, effects);
        return;
    }
    if matches!(state.popup, Some(Popup::FollowUp { .. })) {
        due::choose(state, effects);
        return;
    }
    if let Some(Popup::Welcome { selected }) = state.popup {
        onboarding::choose(state, selected, effects);
        return;
    }
    if let Some(Popup::BatchTemplate { selected }) = state.popup {
        compose::plan_batch(state, selected, effects);
        return;
    }
    if let Some(input) = state.input.take() {
        submit_input(state, input, effects);
        return;
    }
    if let Some(Popup::StatusPicker { program, selected }) = state.popup {
        state.popup = None;
        if let Some(status) = Status::ALL.get(selected) {
            effects.push(Effect::SetStatus(program, *status));
        }
        return;
    }
    if let Some(form) = state.form {
        forms::submit(state, form, effects);
    }
}

fn submit_input(state: &mut AppState, input: Input, effects: &mut Vec<Effect>) {
    let value = input.value();
    match input.purpose.clone() {
        InputPurpose::Filter => state.list.set_filter(&value),
        InputPurpose::ExportEmlPath { .. } if value.trim().is_empty() => {}
        InputPurpose::ExportEmlPath { draft } => effects.push(Effect::ExportEml {
            draft,
            path: expand_home(value.trim()),
        }),
        InputPurpose::FollowUpDate {
            program,
            contact,
            snoozing,
        } => {
            if let Err(message) =
                due::date_typed(state, &value, (program, contact, snoozing), effects)
            {
                state.error(message);
                state.input = Some(input);
            }
        }
        InputPurpose::ImportPath if value.trim().is_empty() => {}
        InputPurpose::ImportPath => effects.push(Effect::PreviewImport(expand_home(value.trim()))),
        InputPurpose::NewProgramName if value.trim().is_empty() => {
            state.error("A program needs a name.");
            state.input = Some(input);
        }
        InputPurpose::NewProgramName => {
            let guess = state.list.selected_state().map(|s| s.code()).unwrap_or("");
            let purpose = InputPurpose::NewProgramState {
                name: value.trim().to_string(),
            };
            state.input = Some(Input::new(purpose, "State (code or name)", guess));
        }
        InputPurpose::NewProgramState { name } => match UsState::parse(&value) {
            Some(us) => effects.push(Effect::InsertProgram(Box::new(Program::new(name, us)))),
            None => {
                state.error(format!(
                    "{:?} is not a U.S. state or territory.",
                    value.trim()
                ));
                state.input = Some(input);
            }
        },
        InputPurpose::EditField {
            target: FormTarget::Smtp,
            index,
        } => match forms::smtp_text(state, index, &value) {
            Ok(Some(changed)) => onboarding::smtp_changed(state, changed, effects),
            Ok(None) => {}
            Err(message) => {
                state.error(message);
                state.input = Some(input);
            }
        },
        InputPurpose::EditField { target, index } => {
            match forms::apply_text(state, target, index, &value) {
                Ok(effect) => effects.extend(effect),
                Err(message) => {
                    state.error(message);
                    state.input = Some(input);
                }
            }
        }
        InputPurpose::NewLogEntry if value.trim().is_empty() => {}
        InputPurpose::NewLogEntry => {
            if let Some(program_id) = state.log.program {
                let (channel, direction) = guess_interaction(&value);
                effects.push(Effect::InsertInteraction(Box::new(Interaction {
                    id: Default::default(),
                    program_id,
                    contact_id: state.log.selected_contact().map(|c| c.id),
                    at: state.now,
                    channel,
                    direction,
                    summary: value.trim().to_string(),
                    eml_path: None,
                })));
            }
        }
    }
}

/// "~/x.csv" means the home directory, as in a shell.
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

fn cancel(state: &mut AppState) {
    if let Some(input) = state.input.take() {
        if input.purpose == InputPurpose::Filter {
            state.list.set_filter("");
        }
    } else if matches!(state.popup, Some(Popup::Tracking { .. })) && state.form.is_some() {
        state.form = None;
    } else if state.popup.is_some() {
        state.popup = None;
    } else if state.form.is_some() {
        state.form = None;
    } else {
        // Esc in the list clears the search and every filter.
        state.list.set_filter("");
        state.list.set_filters(Default::default());
    }
}

/// Selects a program in the list, clearing the search and filters if they
/// hide it, and loads its rows.
fn show_program(state: &mut AppState, id: crate::domain::ProgramId, effects: &mut Vec<Effect>) {
    state.list.select_program(id);
    if state.list.selected_program().map(|p| p.id) != Some(id) {
        state.list.set_filter("");
        state.list.set_filters(Default::default());
        let folded = state
            .list
            .programs()
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.state);
        if let Some(state_code) = folded.filter(|s| state.list.is_collapsed(*s)) {
            state.list.toggle_group(state_code);
        }
        state.list.select_program(id);
    }
    state.focus = Pane::Programs;
    sync_selection(state, effects);
}

fn display_name(c: &Contact) -> &str {
    if c.name.is_empty() {
        c.role.label()
    } else {
        &c.name
    }
}

fn close_form_on(state: &mut AppState, target: FormTarget) {
    if state.form.is_some_and(|f| f.target == target) {
        state.form = None;
    }
}

fn apply_loaded(state: &mut AppState, loaded: ProgramLoaded) {
    state.log.program = Some(loaded.program);
    state.log.contacts = loaded.contacts;
    state.log.interactions = loaded.interactions;
    state.log.follow_ups = loaded.follow_ups;
    state.log.status_changes = loaded.status_changes;
    state.log.selected = 0;
    let draft = loaded.draft.unwrap_or(Draft {
        program_id: loaded.program,
        ..Draft::default()
    });
    let lines: Vec<String> = draft.to_text().split('\n').map(String::from).collect();
    state.draft.editor = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    state.draft.program = Some(loaded.program);
    state.draft.draft = draft;
    due::refresh_loaded(state);
}

/// After every action: if the selected program changed, ask for its rows.
fn sync_selection(state: &mut AppState, effects: &mut Vec<Effect>) {
    let selected = state.list.selected_program().map(|p| p.id);
    if selected == state.log.program || effects.iter().any(|e| matches!(e, Effect::Quit)) {
        return;
    }
    match selected {
        Some(id) => {
            // Clear first, so a failed load never shows another program's rows.
            state.log = Default::default();
            state.draft = Default::default();
            state.log.program = Some(id);
            effects.push(Effect::LoadProgram(id));
        }
        None => {
            state.log = Default::default();
            state.draft = Default::default();
        }
    }
}
