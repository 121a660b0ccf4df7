//! Sent email and the send ledger: what went out, to whom, when, and
//! sends that were under way when the process stopped.
//!
//! A sent email is a [`Draft`] whose status is sent: the store refuses to
//! change it afterwards. The ledger has one [`LedgerEntry`] per send,
//! keyed on program, person and template; the first send of a template
//! to a program is unique there, and a repeat only exists when the user
//! asked for it (`again`).

use super::{ContactId, Draft, DraftId, InteractionId, ProgramId, text_enum};
use chrono::{DateTime, Local, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct LedgerId(pub i64);

text_enum! {
    pub enum SendState {
        /// Written before the message is handed to the server; a row left
        /// in this state means the process stopped during the send.
        InFlight = ("in_flight", "in flight"),
        Sent = ("sent", "sent"),
    }
}

/// One send in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub id: LedgerId,
    pub program_id: ProgramId,
    pub contact_id: Option<ContactId>,
    pub template: Option<String>,
    pub draft_id: Option<DraftId>,
    /// The contact log entry the send wrote.
    pub interaction_id: Option<InteractionId>,
    pub state: SendState,
    /// The user chose to send this template to the program again.
    pub again: bool,
    pub message_id: String,
    pub started_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    /// The copy of the mail (`.eml`) once the server took it.
    pub eml_path: Option<String>,
    /// The draft's To line and subject, for saying what went to whom.
    pub to: String,
    pub subject: String,
}

impl LedgerEntry {
    /// When it went out (or, in flight, when it started).
    pub fn when(&self) -> Option<DateTime<Utc>> {
        self.sent_at.or(self.started_at)
    }

    /// "to gme@x.edu on 1 Dec 14:05", for a skip reason or a question.
    pub fn to_and_when(&self) -> String {
        let to = match self.to.trim() {
            "" => String::new(),
            to => format!("to {to} "),
        };
        match self.when() {
            Some(at) => format!("{to}on {}", short_time(at)),
            None => to.trim_end().to_string(),
        }
    }
}

/// A sent email as the contact log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentMessage {
    /// The frozen message: subject, body, recipients, attachments,
    /// Message-ID, time and template.
    pub draft: Draft,
    /// The log entry it belongs to.
    pub log_entry: Option<InteractionId>,
    /// Sent again on the user's word (the template had gone out before).
    pub again: bool,
}

impl SentMessage {
    /// Every field of the message, one per line, then the body: what the
    /// log shows when the entry is opened.
    pub fn lines(&self) -> Vec<String> {
        let d = &self.draft;
        let or_none = |s: &str| {
            if s.trim().is_empty() {
                "(none)".to_string()
            } else {
                s.to_string()
            }
        };
        let mut lines = vec![
            format!("Subject: {}", d.subject),
            format!("To: {}", or_none(&d.to)),
            format!("Cc: {}", or_none(&d.cc)),
            format!("Attachments: {}", or_none(&d.attachments.join(", "))),
            format!(
                "Message-ID: {}",
                d.message_id.as_deref().unwrap_or("(none)")
            ),
            format!(
                "Sent: {}",
                d.sent_at
                    .map(|at| at
                        .with_timezone(&Local)
                        .format("%a %-d %b %Y %H:%M")
                        .to_string())
                    .unwrap_or_else(|| "(unknown)".into())
            ),
            format!(
                "Template: {}{}",
                d.template.as_deref().unwrap_or("(typed by hand)"),
                if self.again { " (sent again)" } else { "" }
            ),
            String::new(),
        ];
        lines.extend(d.body.split('\n').map(str::to_string));
        lines
    }
}

/// "1 Dec 14:05" in local time: when something went out, at a glance.
pub fn short_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%-d %b %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_sent_message_lists_every_field_then_the_body() {
        let at = Utc.with_ymd_and_hms(2025, 12, 1, 14, 5, 0).unwrap();
        let sent = SentMessage {
            draft: Draft {
                template: Some("request_rotation".into()),
                to: "gme@x.edu".into(),
                subject: "Rotation".into(),
                body: "Dear Dr. Ode,\n\nThank you.".into(),
                attachments: vec!["/cv.pdf".into()],
                message_id: Some("<1@x.org>".into()),
                sent_at: Some(at),
                ..Draft::default()
            },
            log_entry: None,
            again: true,
        };
        let lines = sent.lines();
        assert_eq!(lines[0], "Subject: Rotation");
        assert_eq!(lines[1], "To: gme@x.edu");
        assert_eq!(lines[2], "Cc: (none)");
        assert_eq!(lines[3], "Attachments: /cv.pdf");
        assert_eq!(lines[4], "Message-ID: <1@x.org>");
        assert!(lines[5].starts_with("Sent: "), "{}", lines[5]);
        assert_eq!(lines[6], "Template: request_rotation (sent again)");
        assert_eq!(&lines[8..], ["Dear Dr. Ode,", "", "Thank you."]);
    }

    #[test]
    fn an_entry_says_whom_and_when() {
        let at = Utc.with_ymd_and_hms(2025, 12, 1, 14, 5, 0).unwrap();
        let entry = LedgerEntry {
            id: LedgerId(1),
            program_id: ProgramId(1),
            contact_id: None,
            template: None,
            draft_id: None,
            interaction_id: None,
            state: SendState::Sent,
            again: false,
            message_id: String::new(),
            started_at: None,
            sent_at: Some(at),
            eml_path: None,
            to: "gme@x.edu".into(),
            subject: "Rotation".into(),
        };
        assert_eq!(
            entry.to_and_when(),
            format!("to gme@x.edu on {}", short_time(at))
        );
    }
}
