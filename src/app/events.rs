//! Applying what the runtime reports back. `apply` only sorts each event
//! to the module whose state it changes; the program-list events, which
//! belong to no one pane, are handled here.

use super::effect::Effect;
use super::event::{Event, ImportPreview};
use super::forms::{self, Form, FormTarget};
use super::{AppState, Pane, Popup};
use super::{
    board, compose, derived, draft, draft_form, due, field_conflict, fit, log, onboarding, sent,
    tracking,
};
use crate::domain::{Program, ProgramId};

pub fn apply(state: &mut AppState, event: Event, effects: &mut Vec<Effect>) {
    if event.reports_a_write() && state.status.as_ref().is_some_and(|s| s.is_error) {
        state.status = None;
    }
    match event {
        Event::ProgramSaved(p) => program_saved(state, *p, effects),
        Event::ProgramFieldChanged {
            field,
            stored,
            wanted,
        } => field_conflict::changed(state, field, *stored, *wanted),
        Event::FieldChanged(conflict) => field_conflict::record_changed(state, conflict),
        Event::ProgramAdded(p) => program_added(state, *p),
        Event::ProgramDeleted(id) => program_deleted(state, id),
        Event::ProgramsReloaded(programs, message) => {
            programs_reloaded(state, programs, message, effects)
        }
        Event::NeedsRepair(rows) => state.needs_repair = rows,
        Event::SamplesRemoved(n) => samples_removed(state, n),
        Event::ImportPreviewed(preview) => import_previewed(state, *preview),
        Event::ProgramLoaded(loaded) => log::loaded(state, *loaded),
        Event::ContactSaved(..)
        | Event::ContactDeleted(_)
        | Event::InteractionSaved(..)
        | Event::InteractionDeleted(_) => log_changed(state, event, effects),
        Event::DraftSaved(d) => draft::saved(state, *d),
        Event::DraftComposed(d) => draft::composed(state, *d, effects),
        Event::DraftExists {
            existing,
            template,
            answers,
        } => sent::draft_exists(state, *existing, template, answers),
        Event::DraftOpened(d) => draft::opened(state, *d, effects),
        Event::InterruptedSends(found) => sent::interrupted(state, *found, effects),
        Event::AttachmentsChecked { missing, why } => {
            draft_form::attachments_checked(state, missing, why, effects)
        }
        Event::ProfileFilesChecked(files) => draft_form::profile_files_checked(state, &files),
        Event::EditorClosed(text) => compose::editor_closed(state, text, effects),
        Event::ProfileSaved(p) => {
            draft_form::profile_saved(state, &p, effects);
            fit::profile_saved(state, *p)
        }
        Event::StateDoneSaved(us, done) => fit::state_done_saved(state, us, done),
        Event::NextActionsLoaded(map) => state.next_actions = map,
        Event::NextActionLoaded(id, step) => derived::next_action_loaded(state, id, step),
        Event::DueLoaded(list) => {
            due::loaded(state, list);
            // The Due view's "Upcoming windows" read the plans: fresh ones.
            if matches!(state.popup, Some(Popup::Due { .. })) {
                let refresh = super::after_yes::AfterYesView::Refresh;
                effects.push(Effect::LoadPlans(refresh));
            }
        }
        Event::FollowUpSaved(f) => {
            let program = f.program_id;
            due::follow_up_saved(state, *f);
            derived::program_changed(state, program, effects);
        }
        Event::FollowUpsCompleted(program, n) => {
            due::completed(state, program, n);
            derived::program_changed(state, program, effects);
        }
        Event::Resized(width, height) => state.screen_size = Some((width, height)),
        Event::DayChanged(day) => {
            state.today = day;
            // The badge counts `state.due` against `state.today` as it
            // draws; the next steps are worked out again.
            effects.push(Effect::LoadNextActions(due::briefs(state)));
        }
        Event::TrackingLoaded(rotations, letters) => {
            state.rotations = rotations;
            state.letters = letters;
        }
        Event::RotationSaved(r, added) => tracking::rotation_saved(state, *r, added),
        Event::LetterSaved(l, added) => tracking::letter_saved(state, *l, added),
        Event::RotationDeleted(id) => tracking::rotation_deleted(state, id),
        Event::LetterDeleted(id) => tracking::letter_deleted(state, id),
        Event::StatsLoaded(stats) => state.popup = Some(Popup::Stats { stats, scroll: 0 }),
        Event::PlansLoaded(plans, view) => super::after_yes::plans_loaded(state, *plans, view),
        Event::PathCompleted(text) => onboarding::completed(state, text),
        Event::SmtpSaved(smtp) => onboarding::smtp_saved(state, *smtp),
        Event::BatchPlanned(preview) => compose::batch_planned(state, *preview),
        Event::Job(event) => super::jobs::handle(state, event),
        Event::BatchFinished(message) => batch_finished(state, message, effects),
        Event::Done(message) => state.info(message),
        Event::Failed(message) => state.error(message),
        Event::MailSynced(done) => super::mail_sync::synced(state, *done, effects),
        Event::MailSyncFailed(why) => super::mail_sync::failed(state, why),
        Event::SyncTimer => super::mail_sync::tick(state, effects),
        Event::ImapSaved(imap) => super::mail_setup::saved(state, *imap, effects),
        Event::ProposalsLoaded(items) => super::mail_review::loaded(state, items),
        Event::ProposalSettled(id, attached) => {
            super::mail_review::settled(state, &id, attached, effects)
        }
        Event::Ask(message, effect) => ask(state, message, *effect),
        Event::Report(title, lines) => report(state, title, lines),
    }
}

/// A person or log entry of the loaded program was saved or deleted: the
/// log pane takes it, and the program's next step follows.
fn log_changed(state: &mut AppState, event: Event, effects: &mut Vec<Effect>) {
    let program = match &event {
        Event::ContactSaved(c, _) => Some(c.program_id),
        Event::InteractionSaved(i, _) => Some(i.program_id),
        _ => state.log.program,
    };
    match event {
        Event::ContactSaved(c, added) => log::contact_saved(state, *c, added),
        Event::ContactDeleted(id) => log::contact_deleted(state, id),
        Event::InteractionSaved(i, added) => log::interaction_saved(state, *i, added),
        Event::InteractionDeleted(id) => log::interaction_deleted(state, id),
        _ => {}
    }
    if let Some(id) = program {
        derived::program_changed(state, id, effects);
    }
}

fn samples_removed(state: &mut AppState, n: usize) {
    state.list.remove_samples();
    let kept: std::collections::HashSet<ProgramId> =
        state.list.programs().iter().map(|p| p.id).collect();
    derived::programs_gone(state, |id| !kept.contains(&id));
    let removed = crate::domain::plural::count(n, "sample program");
    state.info(format!("Removed {removed}."));
}

/// A question found out while carrying out another effect.
fn ask(state: &mut AppState, message: String, effect: Effect) {
    state.popup = Some(Popup::Confirm { message, effect });
}

/// Something to explain at more length than the status line allows.
fn report(state: &mut AppState, title: String, lines: Vec<String>) {
    state.popup = Some(Popup::Info {
        title,
        lines,
        scroll: 0,
    });
}

fn program_saved(state: &mut AppState, p: Program, effects: &mut Vec<Effect>) {
    let id = p.id;
    let before = state
        .list
        .programs()
        .iter()
        .find(|x| x.id == id)
        .map(|x| x.status);
    tracking::offer_rotation(state, before, &p);
    if let Some(from) = before {
        derived::status_moved(state, id, from, p.status);
    }
    state.list.upsert(p);
    board::follow(state, id);
    derived::program_changed(state, id, effects);
}

fn program_added(state: &mut AppState, p: Program) {
    let id = p.id;
    state.list.upsert(p);
    state.list.select_program(id);
    state.focus = Pane::Programs;
    state.form = Some(Form {
        target: FormTarget::Program(id),
        selected: 0,
    });
    state.info("Program added. Fill in what you know; every change saves at once.");
}

fn program_deleted(state: &mut AppState, id: ProgramId) {
    state.list.remove(id);
    derived::programs_gone(state, |gone| gone == id);
    forms::close_on(state, FormTarget::Program(id));
    state.info("Program deleted.");
}

fn programs_reloaded(
    state: &mut AppState,
    programs: Vec<Program>,
    message: String,
    effects: &mut Vec<Effect>,
) {
    state.list.replace_all(programs);
    state.info(message);
    effects.push(Effect::LoadNextActions(due::briefs(state)));
    effects.push(Effect::LoadDue);
}

/// A planned import: confirm with its summary, or list why it cannot run.
fn import_previewed(state: &mut AppState, preview: ImportPreview) {
    let Some(preview) = super::import_review::asks_for_a_state(state, preview) else {
        return;
    };
    super::import_review::review(state, &preview);
    let name = preview.path.display().to_string();
    match preview.summary {
        Some(summary) => {
            let mut message = format!("Import {name}: {summary}?");
            for warning in &preview.problems {
                message.push_str("\n\nWarning: ");
                message.push_str(warning);
            }
            // The choices the preview was made with go to the import.
            let mut request = preview.request;
            request.path = preview.path;
            state.popup = Some(Popup::Confirm {
                message,
                effect: request.apply_effect(),
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

fn batch_finished(state: &mut AppState, message: String, effects: &mut Vec<Effect>) {
    state.popup = Some(Popup::Info {
        title: "Batch finished".into(),
        lines: vec![message],
        scroll: 0,
    });
    // Statuses, logs and follow-ups changed underneath: re-read them.
    state.log.program = None;
    effects.push(Effect::ReloadPrograms);
}
