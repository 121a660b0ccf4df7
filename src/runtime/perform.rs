//! Carrying out the store effects the reducer asks for. Errors become
//! `Action::Failed`, shown in the status line: the app never exits because
//! a write failed. Effects that reach outside (mail, the clipboard, other
//! programs) live in `outside.rs`.

use std::collections::VecDeque;

use super::{Screen, Services};
use super::{jobs, outside};
use crate::app::action::{Action, ProgramLoaded};
use crate::app::effect::Effect;
use crate::domain::Interaction;
use crate::store::{Store, StoreError};

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

/// Logs an entry and moves the program along the pipeline when that
/// follows (first outbound ⇒ contacted, first reply ⇒ replied).
fn log_interaction(
    store: &mut Store,
    entry: &Interaction,
    queue: &mut VecDeque<Action>,
) -> Result<Option<Action>, StoreError> {
    // Entry and status change land in one transaction: a crash between
    // them must not leave one without the other.
    let (saved, moved) = store.log_interaction(entry)?;
    if let Some(p) = moved {
        queue.push_back(Action::ProgramSaved(Box::new(p)));
    }
    Ok(Some(Action::InteractionSaved(Box::new(saved), true)))
}

/// Carries out one effect. Errors become `Action::Failed`, shown in the
/// status line: the app never exits because a write failed.
pub fn perform(services: &mut Services, screen: &mut dyn Screen, effect: Effect) -> Vec<Action> {
    let mut queue = VecDeque::new();
    let store = &mut services.store;
    let result: Result<Option<Action>, StoreError> = match effect {
        Effect::Quit => Ok(None),
        Effect::Compose { .. }
        | Effect::ExportEml { .. }
        | Effect::CopyText(_)
        | Effect::OpenUrl(_)
        | Effect::EditExternally(_)
        | Effect::SaveSmtp(_)
        | Effect::CompletePath(_) => return outside::perform(services, screen, effect),
        // Work that can take longer than a frame runs on the job runner.
        Effect::SendDraft(_)
        | Effect::SendDraftAgain(_)
        | Effect::SendTest
        | Effect::PlanBatch { .. }
        | Effect::StartBatch { .. }
        | Effect::PreviewImport(_)
        | Effect::ApplyImport(_)
        | Effect::LoadNextActions(_)
        | Effect::CancelJob(_) => return jobs::perform(services, effect),
        Effect::InsertProgram(p) => store
            .insert_program(&p)
            .map(|p| Some(Action::ProgramAdded(Box::new(p)))),
        Effect::UpdateProgram(p) => store
            .update_program(&p)
            .map(|p| Some(Action::ProgramSaved(Box::new(p)))),
        Effect::SetStatus(id, status) => store.set_status(id, status).and_then(|()| {
            Ok(store
                .get_program(id)?
                .map(|p| Action::ProgramSaved(Box::new(p))))
        }),
        Effect::DeleteProgram(id) => store
            .delete_program(id)
            .map(|()| Some(Action::ProgramDeleted(id))),
        Effect::LoadProgram(id) => (|| {
            Ok(Some(Action::ProgramLoaded(Box::new(ProgramLoaded {
                program: id,
                contacts: store.list_contacts(id)?,
                interactions: store.list_interactions(id)?,
                draft: store.current_draft(id)?,
                follow_ups: open_follow_ups(store, id)?,
                status_changes: store.list_status_changes(id)?,
            }))))
        })(),
        Effect::SaveDraft(d) => store
            .save_draft(&d)
            .map(|d| Some(Action::DraftSaved(Box::new(d)))),
        Effect::ReloadPrograms => store.list_programs().map(|p| {
            Some(Action::ProgramsReloaded(
                p,
                "Reloaded from the database.".into(),
            ))
        }),
        Effect::InsertContact(c) => store
            .insert_contact(&c)
            .map(|c| Some(Action::ContactSaved(Box::new(c), true))),
        Effect::UpdateContact(c) => store
            .update_contact(&c)
            .map(|c| Some(Action::ContactSaved(Box::new(c), false))),
        Effect::DeleteContact(id) => store
            .delete_contact(id)
            .map(|()| Some(Action::ContactDeleted(id))),
        Effect::InsertInteraction(i) => log_interaction(store, &i, &mut queue),
        Effect::UpdateInteraction(i) => store
            .update_interaction(&i)
            .map(|i| Some(Action::InteractionSaved(Box::new(i), false))),
        Effect::DeleteInteraction(id) => store
            .delete_interaction(id)
            .map(|()| Some(Action::InteractionDeleted(id))),
        Effect::SaveProfile(p) => store
            .save_profile(&p)
            .map(|()| Some(Action::ProfileSaved(p))),
        Effect::LoadTracking => (|| {
            Ok(Some(Action::TrackingLoaded(
                store.list_all_rotations()?,
                store.list_letters()?,
            )))
        })(),
        Effect::InsertRotation(r) => store
            .insert_rotation(&r)
            .map(|r| Some(Action::RotationSaved(Box::new(r), true))),
        Effect::UpdateRotation(r) => store
            .update_rotation(&r)
            .map(|r| Some(Action::RotationSaved(Box::new(r), false))),
        Effect::DeleteRotation(id) => store
            .delete_rotation(id)
            .map(|()| Some(Action::RotationDeleted(id))),
        Effect::InsertLetter(l) => store
            .insert_letter(&l)
            .map(|l| Some(Action::LetterSaved(Box::new(l), true))),
        Effect::UpdateLetter(l) => store
            .update_letter(&l)
            .map(|l| Some(Action::LetterSaved(Box::new(l), false))),
        Effect::DeleteLetter(id) => store
            .delete_letter(id)
            .map(|()| Some(Action::LetterDeleted(id))),
        Effect::LoadStats => store
            .outreach_stats(crate::clock::today())
            .map(|s| Some(Action::StatsLoaded(Box::new(s)))),
        Effect::LoadDue => store
            .list_open_follow_ups()
            .map(|d| Some(Action::DueLoaded(d))),
        Effect::AddFollowUp(f) => store
            .insert_follow_up(&f)
            .map(|f| Some(Action::FollowUpSaved(Box::new(f)))),
        Effect::SaveFollowUp(f) => store
            .update_follow_up(&f)
            .map(|f| Some(Action::FollowUpSaved(Box::new(f)))),
        Effect::CompleteFollowUps(program) => store
            .complete_open_follow_ups(program, chrono::Utc::now())
            .map(|n| Some(Action::FollowUpsCompleted(program, n))),
        Effect::RemoveSamples => store
            .remove_samples()
            .map(|n| Some(Action::SamplesRemoved(n))),
        Effect::SetStateDone(us, done) => store
            .set_state_done(us, done)
            .map(|()| Some(Action::StateDoneSaved(us, done))),
    };
    let first = result.unwrap_or_else(|e| {
        // Store errors carry no secrets: safe to keep for later diagnosis.
        tracing::warn!(error = %e, "store error shown to the user");
        Some(Action::Failed(e.to_string()))
    });
    first.into_iter().chain(queue).collect()
}
