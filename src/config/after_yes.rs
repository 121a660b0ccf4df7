//! Settings for issue 19: the document shelf's warning window and the
//! calendar feed.

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DocumentsConfig {
    /// Days ahead a document's own expiry is warned about.
    pub warn_days: u32,
}

impl Default for DocumentsConfig {
    fn default() -> Self {
        DocumentsConfig { warn_days: 30 }
    }
}

/// How follow-ups appear in the calendar feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FollowUpsAs {
    /// VTODO with a DUE date: a calendar app shows it as a task.
    #[default]
    Todo,
    /// An all-day VEVENT on the due day, for apps that show no tasks.
    Event,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct CalendarConfig {
    /// Rewritten after every change when set (a leading `~/` is the home
    /// directory).
    pub path: Option<PathBuf>,
    pub follow_ups: FollowUpsAs,
}

/// The `currency` value: a code shown beside amounts ("USD" shows `$`).
pub fn default_currency() -> String {
    "USD".into()
}
