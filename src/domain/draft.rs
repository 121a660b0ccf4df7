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

/// Header lines the draft editor shows above the body, mail-client style.
const HEADERS: [&str; 4] = ["To", "Cc", "Subject", "Attach"];

impl Draft {
    /// Whether the draft is an email (has headers) rather than a free note.
    pub fn is_email(&self) -> bool {
        !self.to.is_empty()
            || !self.cc.is_empty()
            || !self.subject.is_empty()
            || !self.attachments.is_empty()
            || self.template.is_some()
    }

    /// The text the editor shows: headers, a blank line, the body; or just
    /// the body for a free-text note.
    pub fn to_text(&self) -> String {
        if !self.is_email() {
            return self.body.clone();
        }
        format!(
            "To: {}\nCc: {}\nSubject: {}\nAttach: {}\n\n{}",
            self.to,
            self.cc,
            self.subject,
            self.attachments.join(", "),
            self.body
        )
    }

    /// Reads the editor's text back. Leading `To:`/`Cc:`/`Subject:`/
    /// `Attach:` lines (up to the first blank line) are headers; the rest is
    /// the body. Text without headers is all body.
    pub fn apply_text(&mut self, text: &str) {
        let mut lines = text.split('\n');
        let mut headers: Vec<(&str, &str)> = Vec::new();
        let mut body_start = 0;
        let mut consumed = 0;
        for line in lines.by_ref() {
            let header = line.split_once(':').and_then(|(k, v)| {
                HEADERS
                    .iter()
                    .find(|h| h.eq_ignore_ascii_case(k.trim()))
                    .map(|h| (*h, v.trim()))
            });
            match header {
                Some(h) => {
                    headers.push(h);
                    consumed += line.len() + 1;
                }
                None if !headers.is_empty() && line.trim().is_empty() => {
                    consumed += line.len() + 1;
                    body_start = consumed;
                    break;
                }
                None => {
                    body_start = if headers.is_empty() { 0 } else { consumed };
                    break;
                }
            }
            body_start = consumed;
        }
        if headers.is_empty() {
            // The user removed the headers (or typed in front of `To:`, on
            // the way to fixing it): the text is all body for now. The
            // template stays: it was fixed at compose time, and losing it
            // here once let the same template be sent twice.
            self.to.clear();
            self.cc.clear();
            self.subject.clear();
            self.attachments.clear();
            self.body = text.to_string();
            return;
        }
        for (name, value) in headers {
            match name {
                "To" => self.to = value.to_string(),
                "Cc" => self.cc = value.to_string(),
                "Subject" => self.subject = value.to_string(),
                _ => {
                    self.attachments = value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                }
            }
        }
        self.body = text
            .get(body_start.min(text.len())..)
            .unwrap_or("")
            .to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_drafts_round_trip_through_editor_text() {
        let d = Draft {
            to: "gme@example.org".into(),
            cc: "".into(),
            subject: "Elective rotation request — Internal Medicine".into(),
            attachments: vec!["/home/me/cv.pdf".into(), "/home/me/step2.pdf".into()],
            body: "Dear Coordinator,\n\nI am writing…\n\nTo: not a header in the body".into(),
            template: Some("request_rotation".into()),
            ..Draft::default()
        };
        let mut back = Draft::default();
        back.apply_text(&d.to_text());
        assert_eq!(
            (back.to, back.subject, back.attachments, back.body),
            (d.to, d.subject, d.attachments, d.body)
        );
    }

    #[test]
    fn free_notes_stay_body_only() {
        let mut d = Draft::default();
        d.apply_text("Called on Monday.\nTo: follow up");
        assert_eq!(d.body, "Called on Monday.\nTo: follow up");
        assert!(d.to.is_empty());
        assert_eq!(d.to_text(), "Called on Monday.\nTo: follow up");
    }

    #[test]
    fn typing_in_front_of_the_headers_and_deleting_it_keeps_the_template() {
        let mut d = Draft {
            template: Some("request_rotation".into()),
            to: "gme@example.org".into(),
            subject: "Rotation".into(),
            body: "Dear Coordinator,".into(),
            ..Draft::default()
        };
        let text = d.to_text();
        d.apply_text(&format!("x{text}"));
        assert_eq!(d.template.as_deref(), Some("request_rotation"));
        d.apply_text(&text);
        assert_eq!(
            (d.template.as_deref(), d.to.as_str(), d.body.as_str()),
            (
                Some("request_rotation"),
                "gme@example.org",
                "Dear Coordinator,"
            )
        );
    }

    #[test]
    fn editing_a_header_updates_only_that_field() {
        let mut d = Draft {
            to: "a@example.org".into(),
            subject: "Hi".into(),
            body: "Body".into(),
            ..Draft::default()
        };
        let text = d.to_text().replace("a@example.org", "b@example.edu");
        d.apply_text(&text);
        assert_eq!(
            (d.to.as_str(), d.subject.as_str(), d.body.as_str()),
            ("b@example.edu", "Hi", "Body")
        );
        // Headers with no blank line before the body still parse.
        d.apply_text("To: c@example.org\nSubject: x\nHello");
        assert_eq!((d.to.as_str(), d.body.as_str()), ("c@example.org", "Hello"));
    }
}
