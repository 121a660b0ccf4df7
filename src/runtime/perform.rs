//! Carrying out the store effects the reducer asks for. Errors become
//! `Event::Failed`, shown in the status line: the app never exits because
//! a write failed. Effects that reach outside (mail, the clipboard, other
//! programs) live in `outside.rs`.

use std::collections::VecDeque;

use super::{Screen, Services};
use super::{jobs, outside, sent};
use crate::app::effect::Effect;
use crate::app::event::{Event, ProgramLoaded};
use crate::app::field_conflict::{Conflict, FormRecord, RecordEdit};
use crate::domain::Interaction;
use crate::domain::fields::FieldEdit;
use crate::domain::repair;
use crate::each_record;
use crate::store::{FieldWrite, Store, StoreError, StoredFields};

fn open_follow_ups(
    store: &Store,
    program: crate::domain::ProgramId,
) -> Result<Vec<crate::domain::FollowUp>, StoreError> {
    Ok(store
        .list_follow_ups(program)?
        .into_iter()
        .filter(|f| f.is_open())
        .collect())
}

/// Saves a form's field edit (only the fields it writes, only over what
/// the form showed) and reports it saved, or changed elsewhere.
fn set_field<F: FormRecord + StoredFields>(
    store: &mut Store,
    edit: FieldEdit<F>,
) -> Result<Option<Event>, StoreError> {
    Ok(Some(match store.set_field(&edit)? {
        FieldWrite::Saved(saved) => F::saved(saved),
        FieldWrite::Changed(stored) => F::changed(Conflict {
            edit,
            stored: Box::new(stored),
        }),
    }))
}

/// Logs an entry and moves the program along the pipeline when that
/// follows (first outbound ⇒ contacted, first reply ⇒ replied).
fn log_interaction(
    store: &mut Store,
    entry: &Interaction,
    queue: &mut VecDeque<Event>,
) -> Result<Option<Event>, StoreError> {
    // Entry and status change land in one transaction: a crash between
    // them must not leave one without the other.
    let (saved, moved) = store.log_interaction(entry)?;
    if let Some(p) = moved {
        queue.push_back(Event::ProgramSaved(Box::new(p)));
    }
    Ok(Some(Event::InteractionSaved(Box::new(saved), true)))
}

/// Carries out one effect. Errors become `Event::Failed`, shown in the
/// status line: the app never exits because a write failed.
pub fn perform(services: &mut Services, screen: &mut dyn Screen, effect: Effect) -> Vec<Event> {
    let mut queue = VecDeque::new();
    let store = &mut services.store;
    let result: Result<Option<Event>, StoreError> = match effect {
        Effect::Quit => Ok(None),
        Effect::Compose { .. }
        | Effect::ReplaceDraft { .. }
        | Effect::OpenDraft { .. }
        | Effect::SettleInterrupted
        | Effect::AnswerInterrupted { .. } => return sent::perform(services, effect),
        Effect::ExportEml { .. }
        | Effect::CopyText(_)
        | Effect::OpenUrl(_)
        | Effect::EditExternally(_)
        | Effect::SaveSmtp(_)
        | Effect::SaveImap(_)
        | Effect::CompletePath(_)
        | Effect::CheckAttachments { .. } => return outside::perform(services, screen, effect),
        // Work that can take longer than a frame runs on the job runner.
        Effect::SendDraft(_)
        | Effect::SendDraftAgain(_)
        | Effect::ResendSent(_)
        | Effect::SendTest
        | Effect::PlanBatch { .. }
        | Effect::StartBatch { .. }
        | Effect::PreviewImport(_)
        | Effect::ApplyImport(_)
        | Effect::PreviewImportWith(_)
        | Effect::ApplyImportWith(_)
        | Effect::LoadNextActions(_)
        | Effect::Checkpoint
        | Effect::SyncMail
        | Effect::CheckImap
        | Effect::CancelJob(_) => return jobs::perform(services, effect),
        Effect::InsertProgram(p) => store
            .insert_program(&p)
            .map(|p| Some(Event::ProgramAdded(Box::new(p)))),
        Effect::SetProgramField {
            field,
            shown,
            edited,
        } => set_field(
            store,
            FieldEdit {
                field,
                shown: vec![(field, shown)],
                edited,
            },
        ),
        Effect::SetField(edit) => each_record!(RecordEdit, edit, e => set_field(store, e)),
        Effect::SetStatus(id, status) => store.set_status(id, status).and_then(|()| {
            Ok(store
                .get_program(id)?
                .map(|p| Event::ProgramSaved(Box::new(p))))
        }),
        Effect::DeleteProgram(id) => store
            .delete_program(id)
            .map(|()| Some(Event::ProgramDeleted(id))),
        Effect::LoadProgram(id) => (|| {
            Ok(Some(Event::ProgramLoaded(Box::new(ProgramLoaded {
                program: id,
                contacts: store.list_contacts(id)?,
                interactions: store.list_interactions(id)?,
                draft: store.current_draft(id)?,
                sent: store.sent_messages(id)?,
                follow_ups: open_follow_ups(store, id)?,
                status_changes: store.list_status_changes(id)?,
            }))))
        })(),
        Effect::SaveDraft(d) => store
            .save_draft(&d)
            .map(|d| Some(Event::DraftSaved(Box::new(d)))),
        Effect::ReloadPrograms => store.load_programs().and_then(|mut loaded| {
            loaded.needs_repair.extend(store.read_profile()?.1);
            let message = match loaded.needs_repair.as_slice() {
                [] => "Reloaded from the database.".to_string(),
                bad => format!("Reloaded; {}: ! lists them.", repair::summary(bad)),
            };
            queue.push_back(Event::NeedsRepair(loaded.needs_repair));
            Ok(Some(Event::ProgramsReloaded(loaded.programs, message)))
        }),
        Effect::InsertContact(c) => store
            .insert_contact(&c)
            .map(|c| Some(Event::ContactSaved(Box::new(c), true))),
        Effect::DeleteContact(id) => store
            .delete_contact(id)
            .map(|()| Some(Event::ContactDeleted(id))),
        Effect::InsertInteraction(i) => log_interaction(store, &i, &mut queue),
        Effect::DeleteInteraction(id) => store
            .delete_interaction(id)
            .map(|()| Some(Event::InteractionDeleted(id))),
        Effect::LoadTracking => (|| {
            Ok(Some(Event::TrackingLoaded(
                store.list_all_rotations()?,
                store.list_letters()?,
            )))
        })(),
        Effect::InsertRotation(r) => store
            .insert_rotation(&r)
            .map(|r| Some(Event::RotationSaved(Box::new(r), true))),
        Effect::DeleteRotation(id) => store
            .delete_rotation(id)
            .map(|()| Some(Event::RotationDeleted(id))),
        Effect::InsertLetter(l) => store
            .insert_letter(&l)
            .map(|l| Some(Event::LetterSaved(Box::new(l), true))),
        Effect::DeleteLetter(id) => store
            .delete_letter(id)
            .map(|()| Some(Event::LetterDeleted(id))),
        Effect::LoadPlans(view) => store
            .load_plans()
            .map(|plans| Some(Event::PlansLoaded(Box::new(plans), view))),
        Effect::TickChecklist {
            program,
            kind,
            on,
            document,
        } => tick(store, program, kind, on, document),
        Effect::InsertDocument(doc) => store
            .insert_document(&doc)
            .and_then(|_| store.load_plans())
            .map(|plans| {
                let view = crate::app::after_yes::AfterYesView::Documents;
                Some(Event::PlansLoaded(Box::new(plans), view))
            }),
        Effect::UpdateDocument(doc) => store
            .update_document(&doc)
            .and_then(|_| plans_for(store, crate::app::after_yes::AfterYesView::Documents)),
        Effect::DeleteDocument(id) => store
            .delete_document(id)
            .and_then(|()| plans_for(store, crate::app::after_yes::AfterYesView::Documents)),
        Effect::SaveOutcome { program, outcome } => store
            .open_application(program)
            .and_then(|mut app| {
                app.submitted_on = outcome.submitted_on;
                app.decision = outcome.decision;
                app.decided_on = outcome.decided_on;
                store.update_application(&app)
            })
            .and_then(|()| {
                plans_for(
                    store,
                    crate::app::after_yes::AfterYesView::Checklist(program),
                )
            }),
        Effect::SetTravel(rotation, amount) => store
            .set_travel(rotation, amount)
            .and_then(|()| plans_for(store, crate::app::after_yes::AfterYesView::Budget)),
        Effect::UntickChecklist { program, kind } => store
            .open_application(program)
            .and_then(|app| store.untick(app.id, &kind))
            .and_then(|()| store.load_plans())
            .map(|plans| {
                let view = crate::app::after_yes::AfterYesView::Checklist(program);
                Some(Event::PlansLoaded(Box::new(plans), view))
            }),
        Effect::LoadStats => store
            .outreach_stats(services.clock.today())
            .map(|s| Some(Event::StatsLoaded(Box::new(s)))),
        Effect::LoadNextAction(brief) => (|| {
            let step = brief.next_action(
                &open_follow_ups(store, brief.id)?,
                &store.list_interactions(brief.id)?,
                &store.list_contacts(brief.id)?,
                services.clock.today(),
            );
            Ok(Some(Event::NextActionLoaded(brief.id, step)))
        })(),
        Effect::LoadDue => store
            .list_open_follow_ups()
            .map(|d| Some(Event::DueLoaded(d))),
        Effect::AddFollowUp(f) => store
            .insert_follow_up(&f)
            .map(|f| Some(Event::FollowUpSaved(Box::new(f)))),
        Effect::SaveFollowUp(f) => store
            .update_follow_up(&f)
            .map(|f| Some(Event::FollowUpSaved(Box::new(f)))),
        Effect::CompleteFollowUps(program) => store
            .complete_open_follow_ups(program, services.clock.now())
            .map(|n| Some(Event::FollowUpsCompleted(program, n))),
        Effect::SaveSetting { key, value } => store.set_setting(key, value).map(|()| None),
        Effect::LoadProposals => store
            .open_proposals()
            .map(|items| Some(Event::ProposalsLoaded(items))),
        Effect::AttachProposal(id) => store.attach_proposal(&id, None).and_then(|logged| {
            let program = store.proposal_program(&id)?;
            if let (Some(_), Some(program)) = (logged, program)
                && let Some(p) = store.get_program(program)?
            {
                queue.push_back(Event::ProgramSaved(Box::new(p)));
            }
            Ok(Some(Event::ProposalSettled(id, true)))
        }),
        Effect::IgnoreProposal(id) => store
            .ignore_proposal(&id)
            .map(|_| Some(Event::ProposalSettled(id, false))),
        Effect::RemoveSamples => store
            .remove_samples()
            .map(|n| Some(Event::SamplesRemoved(n))),
        Effect::SetStateDone(us, done) => store
            .set_state_done(us, done)
            .map(|()| Some(Event::StateDoneSaved(us, done))),
    };
    let first = result.unwrap_or_else(|e| {
        // Store errors carry no secrets: safe to keep for later diagnosis.
        tracing::warn!(error = %e, "store error shown to the user");
        Some(Event::Failed(e.to_string()))
    });
    first.into_iter().chain(queue).collect()
}

/// Ticks a checklist line, making the program's application first when
/// it has none, and answers with the plans for its checklist.
fn tick(
    store: &mut Store,
    program: crate::domain::ProgramId,
    kind: crate::domain::documents::DocKind,
    on: chrono::NaiveDate,
    document: Option<crate::domain::documents::DocumentId>,
) -> Result<Option<Event>, StoreError> {
    let app = store.open_application(program)?;
    let item = crate::domain::application::ChecklistItem {
        kind,
        sent_on: Some(on),
        document,
    };
    store.tick(app.id, &item)?;
    let plans = store.load_plans()?;
    let view = crate::app::after_yes::AfterYesView::Checklist(program);
    Ok(Some(Event::PlansLoaded(Box::new(plans), view)))
}

/// Fresh plans for the overlay an edit came from.
fn plans_for(
    store: &Store,
    view: crate::app::after_yes::AfterYesView,
) -> Result<Option<Event>, StoreError> {
    let plans = store.load_plans()?;
    Ok(Some(Event::PlansLoaded(Box::new(plans), view)))
}
