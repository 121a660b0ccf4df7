//! The steps of `send` around the SMTP conversation: whether a draft can
//! be sent, where its copy goes, and recording it once the server took it.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::follow_through::History;
use super::{Mailer, SendDraftError, sent_record_for, split_addresses};
use crate::domain::{Draft, DraftId, DraftStatus, FollowUp, FollowUpId, Interaction, Status};
use crate::store::{Store, StoreError};

/// The draft, if it can be sent: found, not sent yet, with a recipient.
pub(super) fn sendable(store: &Store, draft_id: DraftId) -> Result<Draft, SendDraftError> {
    let draft = store
        .get_draft(draft_id)?
        .ok_or(SendDraftError::NotFound(draft_id))?;
    if draft.status == DraftStatus::Sent {
        return Err(SendDraftError::AlreadySent);
    }
    if split_addresses(&draft.to).is_empty() {
        return Err(SendDraftError::NoRecipient);
    }
    Ok(draft)
}

/// Where the copy of a sent mail is kept: the time, the program, the draft.
pub(super) fn copy_path(mailer: &Mailer<'_>, draft: &Draft, now: DateTime<Utc>) -> PathBuf {
    mailer.sent_dir.join(format!(
        "{}-{}-{}.eml",
        now.format("%Y%m%d-%H%M%S"),
        draft.program_id.0,
        draft.id.0
    ))
}

/// Records a send the server accepted (see `Store::record_sent`); any
/// failure says plainly that the mail went out.
/// The follow-up is the cadence's next step after this email (`history`,
/// read before the server was asked).
#[allow(clippy::too_many_arguments)]
pub(super) fn record(
    store: &mut Store,
    follow_up_days: u32,
    history: History,
    draft: &Draft,
    message_id: &str,
    eml_path: PathBuf,
    sent_at: DateTime<Utc>,
) -> Result<(RecordedWithFollowUp, PathBuf), SendDraftError> {
    let not_recorded = |source: StoreError| SendDraftError::NotRecorded {
        message_id: message_id.to_owned(),
        eml_path: eml_path.clone(),
        source: Box::new(source),
    };
    let mut record = sent_record_for(draft, message_id, &eml_path, follow_up_days, sent_at);
    history.schedule_next_step(&mut record, &draft.subject, follow_up_days);
    let recorded = store.record_sent(&record).map_err(not_recorded)?;
    let follow_up = recorded
        .follow_up
        .clone()
        .ok_or_else(|| not_recorded(StoreError::Invalid("no follow-up was scheduled".into())))?;
    Ok((
        RecordedWithFollowUp {
            draft: recorded.draft,
            interaction: recorded.interaction,
            follow_up,
            new_status: recorded.new_status,
            closed_follow_ups: recorded.closed_follow_ups,
        },
        eml_path,
    ))
}

/// What `record` wrote.
pub(super) struct RecordedWithFollowUp {
    pub draft: Draft,
    pub interaction: Interaction,
    pub follow_up: FollowUp,
    pub new_status: Option<Status>,
    pub closed_follow_ups: Vec<FollowUpId>,
}
