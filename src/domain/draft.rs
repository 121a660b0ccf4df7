//! An email being written to a program.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ContactId, ProgramId, text_enum};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct DraftId(pub i64);

text_enum! {
    #[derive(Default)]
    pub enum DraftStatus {
        #[default]
        Draft = ("draft", "draft"),
        Ready = ("ready", "ready"),
        Sent = ("sent", "sent"),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub id: DraftId,
    pub program_id: ProgramId,
    pub contact_id: Option<ContactId>,
    /// Name of the template it was rendered from, if any.
    pub template: Option<String>,
    pub to: String,
    pub cc: String,
    pub subject: String,
    pub body: String,
    /// Paths of files to attach (CV, USMLE score report).
    pub attachments: Vec<String>,
    pub status: DraftStatus,
    pub message_id: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
}
