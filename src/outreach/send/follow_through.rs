//! What a send carries on from the earlier ones: the thread it continues
//! (subject at compose time, headers at send time) and the follow-up it
//! schedules from the cadence. Read before the server is asked, so a
//! failed read stops the send while nothing has gone out.

use chrono::{DateTime, Local, Utc};

use crate::domain::cadence::Step;
use crate::domain::thread::ThreadHeaders;
use crate::domain::{Cadence, Contact, Draft, Interaction, Status};
use crate::store::{SendRecord, Store, StoreError};

/// The thread a draft continues: `None` for someone not yet written to at
/// this program, or for a draft to nobody in particular (see
/// [`crate::domain::thread`]).
pub(super) fn thread_of(store: &Store, draft: &Draft) -> Result<Option<ThreadHeaders>, StoreError> {
    let Some(contact) = draft.contact_id else {
        return Ok(None);
    };
    Ok(store
        .last_sent_message(draft.program_id, contact)?
        .map(|previous| previous.reply_headers()))
}

/// Gives a freshly composed draft the thread's subject ("Re: …") when it
/// goes to someone already written to at the program.
pub fn continue_thread(store: &Store, draft: &mut Draft) -> Result<(), StoreError> {
    if let Some(contact) = draft.contact_id
        && let Some(previous) = store.last_sent_message(draft.program_id, contact)?
    {
        draft.subject = previous.reply_subject(&draft.subject);
    }
    Ok(())
}

/// What the cadence needs to say what comes after this send.
pub(super) struct History {
    status: Status,
    log: Vec<Interaction>,
    contacts: Vec<Contact>,
}

impl History {
    pub(super) fn read(store: &Store, draft: &Draft) -> Result<History, StoreError> {
        let status = store
            .get_program(draft.program_id)?
            .map(|p| p.status)
            .unwrap_or_default();
        Ok(History {
            status,
            log: store.list_interactions(draft.program_id)?,
            contacts: store.list_contacts(draft.program_id)?,
        })
    }

    /// Replaces the record's plain follow-up with the cadence's next step
    /// after this email: a nudge after the first (`first_nudge_days`, the
    /// config's `after_send_days`), a second nudge, a call, then the next
    /// person up, a week apart. When the cadence has nothing to add (a
    /// settled program, every step taken) the plain follow-up stays: the
    /// user just asked something and may want to hear back.
    pub(super) fn schedule_next_step(
        self,
        record: &mut SendRecord,
        subject: &str,
        first_nudge_days: u32,
    ) {
        let cadence = Cadence {
            first_nudge_days,
            ..Cadence::default()
        };
        let mut log = self.log;
        log.push(record.log_entry.clone());
        if let Some(step) = cadence.step(self.status, &log, &self.contacts) {
            record.follow_up = Some(local_follow_up(&step, record, subject));
        }
    }
}

/// The cadence dates steps from the UTC day of the last entry; a send's
/// follow-up counts from the local day it went out, as it always has (with
/// `USCE_TODAY` fixed, that day), so only the offset is taken.
fn local_follow_up(step: &Step, record: &SendRecord, subject: &str) -> crate::domain::FollowUp {
    let sent_on = record.sent_at.date_naive();
    let offset = step.due.signed_duration_since(sent_on);
    let local = local_day(record.sent_at);
    let mut follow_up = step.follow_up(record.log_entry.program_id, subject);
    follow_up.due = local.checked_add_signed(offset).unwrap_or(step.due);
    follow_up
}

fn local_day(at: DateTime<Utc>) -> chrono::NaiveDate {
    at.with_timezone(&Local).date_naive()
}
