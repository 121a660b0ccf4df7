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
    /// Paths of files to attach (CV, USMLE score report), when the draft
    /// chose its own; ignored while `attach_from_profile` is set.
    pub attachments: Vec<String>,
    /// Attach the profile's CV and score report as they are at send time,
    /// so fixing a path in the profile fixes every unsent draft.
    pub attach_from_profile: bool,
    pub status: DraftStatus,
    pub message_id: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl Draft {
    /// Whether the draft is an email (has headers) rather than a free note.
    pub fn is_email(&self) -> bool {
        !self.to.is_empty()
            || !self.cc.is_empty()
            || !self.subject.is_empty()
            || !self.attachments.is_empty()
            || self.attach_from_profile
            || self.template.is_some()
    }
}
