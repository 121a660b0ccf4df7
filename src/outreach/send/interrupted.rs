//! Sends that were in flight when a process stopped (a kill, a crash, a
//! power cut between the server's 250 and the database write). Each is
//! resolved from the archive, or left for the user to answer; none is ever
//! sent again on its own (see `flight` for what each file means).

use std::fs;
use std::path::{Path, PathBuf};

use super::flight::{held_elsewhere, part_path};
use super::{SendDraftError, record};
use crate::domain::{DraftStatus, LedgerEntry, LedgerId};
use crate::store::{Store, StoreError};

/// What became of an interrupted send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// The copy was in the archive under its final name, so the server had
    /// taken the message: it is now recorded as sent.
    Recorded(LedgerEntry),
    /// No copy at all: it never reached the server. The draft stays unsent.
    Cleared(LedgerEntry),
}

/// The in-flight rows found at start-up, sorted out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interrupted {
    pub settled: Vec<Settled>,
    /// Only the `.part` copy: the process died during the conversation
    /// with the server, so only the user (their Sent folder, a reply) can
    /// say whether it went out. Until then the draft is not sent again.
    pub unknown: Vec<LedgerEntry>,
}

/// Resolves every send left in flight by a process that is gone (one whose
/// copy is still locked is under way in another usce and left alone).
pub fn settle_interrupted(
    store: &mut Store,
    follow_up_days: u32,
) -> Result<Interrupted, SendDraftError> {
    let mut found = Interrupted::default();
    for entry in store.in_flight_sends()? {
        let eml = entry.eml_path.as_deref().map(PathBuf::from);
        let part = eml.as_deref().map(part_path);
        let live = [eml.as_deref(), part.as_deref()]
            .into_iter()
            .flatten()
            .any(held_elsewhere);
        if live {
            continue;
        }
        match (eml.filter(|e| e.exists()), part.filter(|p| p.exists())) {
            (Some(eml), _) => {
                record_interrupted(store, &entry, eml, follow_up_days)?;
                found.settled.push(Settled::Recorded(entry));
            }
            (None, Some(_)) => found.unknown.push(entry),
            (None, None) => {
                store.abandon_send(entry.id)?;
                found.settled.push(Settled::Cleared(entry));
            }
        }
    }
    Ok(found)
}

/// The user says an interrupted send went out: its copy takes its final
/// name and the send is recorded (log entry, follow-up, frozen draft).
pub fn mark_went_out(
    store: &mut Store,
    id: LedgerId,
    follow_up_days: u32,
) -> Result<LedgerEntry, SendDraftError> {
    let entry = interrupted_entry(store, id)?;
    let eml = entry
        .eml_path
        .as_deref()
        .map(PathBuf::from)
        .ok_or_else(|| StoreError::Invalid(format!("send {} has no copy on record", id.0)))?;
    let part = part_path(&eml);
    if part.exists() && !eml.exists() {
        fs::rename(&part, &eml).map_err(|source| SendDraftError::Io {
            path: part.clone(),
            source,
        })?;
    }
    record_interrupted(store, &entry, eml, follow_up_days)?;
    Ok(entry)
}

/// The user says an interrupted send did not go out: the attempt is
/// forgotten and the draft can be sent (the copy of a mail never sent goes).
pub fn mark_not_sent(store: &mut Store, id: LedgerId) -> Result<LedgerEntry, SendDraftError> {
    let entry = interrupted_entry(store, id)?;
    if let Some(eml) = entry.eml_path.as_deref().map(Path::new) {
        let _ = fs::remove_file(part_path(eml));
    }
    store.abandon_send(id)?;
    Ok(entry)
}

fn interrupted_entry(store: &Store, id: LedgerId) -> Result<LedgerEntry, SendDraftError> {
    let entry = store
        .ledger_entry(id)?
        .ok_or_else(|| StoreError::NotFound(format!("send {}", id.0)))?;
    if entry.state != crate::domain::SendState::InFlight {
        return Err(StoreError::Invalid(format!("send {} is already recorded", id.0)).into());
    }
    let copies = entry.eml_path.as_deref().map(PathBuf::from);
    if copies
        .iter()
        .any(|eml| held_elsewhere(eml) || held_elsewhere(&part_path(eml)))
    {
        return Err(SendDraftError::InFlight(Box::new(entry)));
    }
    Ok(entry)
}

/// Records a send the server took, dated when it started (the message's
/// Date header), with the draft as it was frozen during the send.
fn record_interrupted(
    store: &mut Store,
    entry: &LedgerEntry,
    eml: PathBuf,
    follow_up_days: u32,
) -> Result<(), SendDraftError> {
    let draft = match entry.draft_id {
        Some(id) => store.get_draft(id)?,
        None => None,
    };
    let sent_at = entry.started_at.unwrap_or_else(|| store.clock().now());
    let Some(draft) = draft.filter(|d| d.status != DraftStatus::Sent) else {
        // No draft left to freeze: the ledger still says it went out, so
        // the template is not sent to the program a second time.
        store.settle_flight_as_sent(entry.id, sent_at)?;
        return Ok(());
    };
    let history = super::follow_through::History::read(store, &draft)?;
    record(
        store,
        follow_up_days,
        history,
        &draft,
        &entry.message_id,
        eml,
        sent_at,
    )?;
    Ok(())
}
