//! The history of a program's status, so the contact log can show when a
//! program moved from "contacted" to "replied" among the emails and calls.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ProgramId, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub program_id: ProgramId,
    pub at: DateTime<Utc>,
    pub from: Status,
    pub to: Status,
}
