//! Carrying out the store effects the reducer asks for. Errors become
//! `Event::Failed`, shown in the status line: the app never exits because
//! a write failed. Effects that reach outside (mail, the clipboard, other
//! programs) live in `outside.rs`.

use std::collections::VecDeque;
use std::path::PathBuf;

use super::outside;
use super::{Screen, Services};
use crate::app::effect::Effect;
use crate::app::event::{Event, ImportPreview, ProgramLoaded};
use crate::domain::Interaction;
use crate::import::file as import_file;
use crate::store::{Store, StoreError};

/// Every program's next step: first from its follow-ups and contacts, then,
/// program by program as the log streams past, with its recent log.
fn next_actions(
    store: &Store,
    briefs: &[crate::domain::cadence::ProgramBrief],
    today: chrono::NaiveDate,
) -> Result<
    std::collections::HashMap<crate::domain::ProgramId, crate::domain::cadence::NextAction>,
    StoreError,
> {
    // Programs nobody has touched get their step from the brief alone;
    // the rest are replaced as their activity streams past.
    let mut map: std::collections::HashMap<_, _> = briefs
        .iter()
        .filter_map(|b| b.next_action(&[], &[], &[], today).map(|a| (b.id, a)))
        .collect();
    let index: std::collections::HashMap<_, _> = briefs.iter().map(|b| (b.id, b)).collect();
    store.for_each_program_activity(&mut |a| {
        if let Some(b) = index.get(&a.program) {
            match b.next_action(a.follow_ups, a.recent_log, a.contacts, today) {
                Some(step) => map.insert(a.program, step),
                None => map.remove(&a.program),
            };
        }
    })?;
    Ok(map)
}

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

fn preview_import(store: &Store, path: PathBuf) -> Event {
    let preview = match import_file::prepare(store, &path, false) {
        Ok(p) => {
            let s = p.summary;
            ImportPreview {
                summary: Some(format!(
                    "add {}, update {}, skip {}",
                    s.added, s.updated, s.skipped
                )),
                problems: p.warnings,
                path,
            }
        }
        Err(e) => ImportPreview {
            summary: None,
            problems: e.lines(),
            path,
        },
    };
    Event::ImportPreviewed(Box::new(preview))
}

/// Carries out one effect. Errors become `Event::Failed`, shown in the
/// status line: the app never exits because a write failed.
pub fn perform(services: &mut Services, screen: &mut dyn Screen, effect: Effect) -> Vec<Event> {
    let mut queue = VecDeque::new();
    let store = &mut services.store;
    let result: Result<Option<Event>, StoreError> = match effect {
        Effect::Quit => Ok(None),
        Effect::Compose { .. }
        | Effect::SendDraft(_)
        | Effect::SendDraftAgain(_)
        | Effect::ExportEml { .. }
        | Effect::CopyText(_)
        | Effect::OpenUrl(_)
        | Effect::EditExternally(_)
        | Effect::PlanBatch { .. }
        | Effect::StartBatch { .. }
        | Effect::SaveSmtp(_)
        | Effect::SendTest
        | Effect::CompletePath(_) => return outside::perform(services, screen, effect),
        Effect::InsertProgram(p) => store
            .insert_program(&p)
            .map(|p| Some(Event::ProgramAdded(Box::new(p)))),
        Effect::UpdateProgram(p) => store
            .update_program(&p)
            .map(|p| Some(Event::ProgramSaved(Box::new(p)))),
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
                follow_ups: open_follow_ups(store, id)?,
                status_changes: store.list_status_changes(id)?,
            }))))
        })(),
        Effect::SaveDraft(d) => store
            .save_draft(&d)
            .map(|d| Some(Event::DraftSaved(Box::new(d)))),
        Effect::PreviewImport(path) => Ok(Some(preview_import(store, path))),
        Effect::ApplyImport(path) => import_file::import(store, &path, false)
            .map_err(|e| StoreError::Invalid(e.to_string()))
            .and_then(|imported| {
                let s = imported.summary;
                let message = format!(
                    "Imported: added {}, updated {}, skipped {}.",
                    s.added, s.updated, s.skipped
                );
                Ok(Some(Event::ProgramsReloaded(
                    store.list_programs()?,
                    message,
                )))
            }),
        Effect::ReloadPrograms => store.list_programs().map(|p| {
            Some(Event::ProgramsReloaded(
                p,
                "Reloaded from the database.".into(),
            ))
        }),
        Effect::InsertContact(c) => store
            .insert_contact(&c)
            .map(|c| Some(Event::ContactSaved(Box::new(c), true))),
        Effect::UpdateContact(c) => store
            .update_contact(&c)
            .map(|c| Some(Event::ContactSaved(Box::new(c), false))),
        Effect::DeleteContact(id) => store
            .delete_contact(id)
            .map(|()| Some(Event::ContactDeleted(id))),
        Effect::InsertInteraction(i) => log_interaction(store, &i, &mut queue),
        Effect::UpdateInteraction(i) => store
            .update_interaction(&i)
            .map(|i| Some(Event::InteractionSaved(Box::new(i), false))),
        Effect::DeleteInteraction(id) => store
            .delete_interaction(id)
            .map(|()| Some(Event::InteractionDeleted(id))),
        Effect::SaveProfile(p) => store
            .save_profile(&p)
            .map(|()| Some(Event::ProfileSaved(p))),
        Effect::LoadNextActions(briefs) => next_actions(store, &briefs, services.clock.today())
            .map(|m| Some(Event::NextActionsLoaded(m))),
        Effect::LoadTracking => (|| {
            Ok(Some(Event::TrackingLoaded(
                store.list_all_rotations()?,
                store.list_letters()?,
            )))
        })(),
        Effect::InsertRotation(r) => store
            .insert_rotation(&r)
            .map(|r| Some(Event::RotationSaved(Box::new(r), true))),
        Effect::UpdateRotation(r) => store
            .update_rotation(&r)
            .map(|r| Some(Event::RotationSaved(Box::new(r), false))),
        Effect::DeleteRotation(id) => store
            .delete_rotation(id)
            .map(|()| Some(Event::RotationDeleted(id))),
        Effect::InsertLetter(l) => store
            .insert_letter(&l)
            .map(|l| Some(Event::LetterSaved(Box::new(l), true))),
        Effect::UpdateLetter(l) => store
            .update_letter(&l)
            .map(|l| Some(Event::LetterSaved(Box::new(l), false))),
        Effect::DeleteLetter(id) => store
            .delete_letter(id)
            .map(|()| Some(Event::LetterDeleted(id))),
        Effect::LoadStats => store
            .outreach_stats(services.clock.today())
            .map(|s| Some(Event::StatsLoaded(Box::new(s)))),
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
