//! The small form above a draft's body: To, Cc, Subject, Attach. Each
//! header is a one-line field with its own check, never a line of the
//! body's text, so no edit of the body can turn an email into a note or
//! lose the template it came from.

use super::{Draft, Profile};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftHeader {
    To,
    Cc,
    Subject,
    Attach,
}

/// What the Attach field takes to mean "attach nothing" (an empty field
/// means "the profile's files").
pub const ATTACH_NONE: &str = "none";

impl DraftHeader {
    /// In the order the form shows them.
    pub const ALL: [DraftHeader; 4] = [
        DraftHeader::To,
        DraftHeader::Cc,
        DraftHeader::Subject,
        DraftHeader::Attach,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DraftHeader::To => "To",
            DraftHeader::Cc => "Cc",
            DraftHeader::Subject => "Subject",
            DraftHeader::Attach => "Attach",
        }
    }

    /// What the one-line input asks, with the field's rules.
    pub fn prompt(self) -> &'static str {
        match self {
            DraftHeader::To => "To (addresses, comma-separated)",
            DraftHeader::Cc => "Cc (addresses, comma-separated)",
            DraftHeader::Subject => "Subject",
            DraftHeader::Attach => "Attach (files, comma-separated; empty: profile's; none)",
        }
    }

    /// The header above this one; `None` at the top of the form.
    pub fn above(self) -> Option<DraftHeader> {
        let i = self.index();
        i.checked_sub(1).map(|i| DraftHeader::ALL[i])
    }

    /// The header below this one; `None` below the last (the body).
    pub fn below(self) -> Option<DraftHeader> {
        DraftHeader::ALL.get(self.index() + 1).copied()
    }

    fn index(self) -> usize {
        DraftHeader::ALL
            .iter()
            .position(|h| *h == self)
            .unwrap_or(0)
    }

    /// The text an edit of the field starts from.
    pub fn get(self, d: &Draft) -> String {
        match self {
            DraftHeader::To => d.to.clone(),
            DraftHeader::Cc => d.cc.clone(),
            DraftHeader::Subject => d.subject.clone(),
            DraftHeader::Attach if d.attach_from_profile => String::new(),
            DraftHeader::Attach if d.attachments.is_empty() => ATTACH_NONE.into(),
            DraftHeader::Attach => d.attachments.join(", "),
        }
    }

    /// The value as the form shows it: the profile's files are named, and
    /// said to come from the profile.
    pub fn shown(self, d: &Draft, profile: &Profile) -> String {
        match self {
            DraftHeader::Attach if d.attach_from_profile => {
                match profile_attachments(profile).as_slice() {
                    [] => "(from profile: no CV or scores set)".into(),
                    files => format!("{} (from profile)", files.join(", ")),
                }
            }
            _ => self.get(d),
        }
    }

    /// Typed text into the field, or why it will not do (the draft is
    /// unchanged then). Whether attached files exist is checked by the
    /// caller, which can look at the disk.
    pub fn set(self, d: &mut Draft, text: &str) -> Result<(), String> {
        let text = text.trim();
        match self {
            DraftHeader::To => {
                validate_addresses(text)?;
                d.to = text.into();
            }
            DraftHeader::Cc => {
                validate_addresses(text)?;
                d.cc = text.into();
            }
            DraftHeader::Subject => d.subject = text.into(),
            DraftHeader::Attach => {
                d.attach_from_profile = text.is_empty();
                d.attachments = if text.eq_ignore_ascii_case(ATTACH_NONE) {
                    Vec::new()
                } else {
                    split_paths(text)
                };
            }
        }
        Ok(())
    }
}

/// Checks each address of a To or Cc field (`a@b.org` or
/// `Name <a@b.org>`, separated by `,` or `;`). An empty field is fine.
pub fn validate_addresses(field: &str) -> Result<(), String> {
    for entry in field.split([',', ';']).map(str::trim) {
        if entry.is_empty() {
            continue;
        }
        let address = match (entry.rfind('<'), entry.strip_suffix('>')) {
            (Some(open), Some(inner)) => inner.get(open + 1..).unwrap_or(""),
            _ => entry,
        };
        crate::domain::fields::parse::email(address).map_err(|e| {
            format!(
                "{}: write addresses like a@example.org or Name <a@example.org>, \
                 separated by commas",
                e.reason()
            )
        })?;
    }
    Ok(())
}

/// The profile's CV and score report, the files every email attaches
/// unless its draft says otherwise.
pub fn profile_attachments(profile: &Profile) -> Vec<String> {
    [&profile.cv_path, &profile.scores_path]
        .into_iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn split_paths(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Draft {
    /// The files this draft sends: the profile's current ones unless the
    /// draft chose its own.
    pub fn attachment_paths(&self, profile: &Profile) -> Vec<String> {
        if self.attach_from_profile {
            profile_attachments(profile)
        } else {
            self.attachments
                .iter()
                .map(|a| a.trim())
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect()
        }
    }

    /// Words in the body, as a reader would count them.
    pub fn word_count(&self) -> usize {
        self.body.split_whitespace().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            cv_path: "~/cv.pdf".into(),
            scores_path: " ".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn addresses_are_checked_one_by_one_with_names_allowed() {
        let mut d = Draft::default();
        DraftHeader::To
            .set(&mut d, " GME Office <gme@example.org>, b@example.edu ")
            .unwrap();
        assert_eq!(d.to, "GME Office <gme@example.org>, b@example.edu");
        let err = DraftHeader::Cc
            .set(&mut d, "ok@example.org; not-an-address")
            .unwrap_err();
        assert!(err.contains("not-an-address"), "{err}");
        assert_eq!(d.cc, "", "a refused value leaves the field as it was");
        assert!(DraftHeader::To.set(&mut d, "Name <broken>").is_err());
        DraftHeader::To.set(&mut d, "").unwrap();
        assert_eq!(d.to, "");
    }

    #[test]
    fn attach_follows_the_profile_until_the_draft_names_its_own_files() {
        let mut d = Draft {
            attach_from_profile: true,
            ..Draft::default()
        };
        assert_eq!(d.attachment_paths(&profile()), ["~/cv.pdf"]);
        assert_eq!(DraftHeader::Attach.get(&d), "");
        assert_eq!(
            DraftHeader::Attach.shown(&d, &profile()),
            "~/cv.pdf (from profile)"
        );
        DraftHeader::Attach
            .set(&mut d, "/tmp/a.pdf, , /tmp/b.pdf")
            .unwrap();
        assert!(!d.attach_from_profile);
        assert_eq!(d.attachment_paths(&profile()), ["/tmp/a.pdf", "/tmp/b.pdf"]);
        assert_eq!(DraftHeader::Attach.get(&d), "/tmp/a.pdf, /tmp/b.pdf");
        DraftHeader::Attach.set(&mut d, "None").unwrap();
        assert!(d.attachment_paths(&profile()).is_empty());
        assert_eq!(DraftHeader::Attach.shown(&d, &profile()), "none");
        DraftHeader::Attach.set(&mut d, "  ").unwrap();
        assert!(d.attach_from_profile);
        assert_eq!(
            DraftHeader::Attach.shown(&d, &Profile::default()),
            "(from profile: no CV or scores set)"
        );
    }

    #[test]
    fn subject_is_trimmed_and_the_form_walks_top_to_bottom() {
        let mut d = Draft::default();
        DraftHeader::Subject
            .set(&mut d, "  Elective request ")
            .unwrap();
        assert_eq!(d.subject, "Elective request");
        assert_eq!(DraftHeader::To.above(), None);
        assert_eq!(DraftHeader::To.below(), Some(DraftHeader::Cc));
        assert_eq!(DraftHeader::Attach.above(), Some(DraftHeader::Subject));
        assert_eq!(DraftHeader::Attach.below(), None);
    }

    #[test]
    fn words_are_counted_across_lines_and_blank_runs() {
        let d = Draft {
            body: "Dear Dr. Rivera,\n\n  I am writing\tto ask…\n".into(),
            ..Draft::default()
        };
        assert_eq!(d.word_count(), 8);
        assert_eq!(Draft::default().word_count(), 0);
    }

    #[test]
    fn a_header_edit_never_touches_the_template_or_body() {
        let mut d = Draft {
            template: Some("request_rotation".into()),
            body: "To: looks like a header".into(),
            ..Draft::default()
        };
        for h in DraftHeader::ALL {
            h.set(&mut d, "").unwrap();
        }
        assert_eq!(d.template.as_deref(), Some("request_rotation"));
        assert_eq!(d.body, "To: looks like a header");
        assert!(d.is_email());
    }
}
