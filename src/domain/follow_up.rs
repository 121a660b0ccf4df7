//! A reminder to chase a program on a given day.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ContactId, ProgramId};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct FollowUpId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub program_id: ProgramId,
    pub contact_id: Option<ContactId>,
    pub due: NaiveDate,
    pub note: String,
    pub done_at: Option<DateTime<Utc>>,
    /// Each earlier due date, oldest first, so snoozing leaves a trail.
    pub snoozed_from: Vec<NaiveDate>,
}
