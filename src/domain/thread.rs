//! One conversation per person: every email to someone already written to
//! at a program is a reply to the last one they were sent, so their mail
//! app shows one thread instead of unrelated messages.
//!
//! The rules, in one place:
//! - **Who.** The thread is per (program, contact). A draft addressed to
//!   nobody in particular starts no thread and continues none.
//! - **Headers.** `In-Reply-To` is the Message-ID of the last message sent
//!   to that person at that program; `References` is that message's own
//!   References followed by its Message-ID (RFC 5322 §3.6.4), oldest first.
//! - **Subject.** "Re: " and the last message's subject (its own "Re:" or
//!   "Fwd:" prefixes taken off, so it never reads "Re: Re:"), unless the
//!   draft's subject already starts with "Re:": then the template (or the
//!   user) chose a reply subject and it is kept.

/// What a new message needs to know about the last one sent to the same
/// person at the same program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousMessage {
    /// With angle brackets, as in the header.
    pub message_id: String,
    pub subject: String,
    /// The earlier messages of the thread, oldest first (what that message's
    /// own `References` held or would have held).
    pub references: Vec<String>,
}

/// The thread headers of a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadHeaders {
    pub in_reply_to: String,
    /// Oldest first, ending with `in_reply_to`.
    pub references: Vec<String>,
}

/// Most mail apps keep only so many ids; the first (the thread's root) and
/// the most recent are the ones that find the thread.
pub const MAX_REFERENCES: usize = 10;

impl PreviousMessage {
    /// The headers of a reply to this message.
    pub fn reply_headers(&self) -> ThreadHeaders {
        let mut references: Vec<String> = self
            .references
            .iter()
            .chain(std::iter::once(&self.message_id))
            .map(|id| id.trim())
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect();
        references.dedup();
        if references.len() > MAX_REFERENCES {
            // Keep the root, drop from the middle.
            let tail = references.split_off(references.len() - (MAX_REFERENCES - 1));
            references.truncate(1);
            references.extend(tail);
        }
        ThreadHeaders {
            in_reply_to: self.message_id.trim().to_owned(),
            references,
        }
    }

    /// The subject of a reply whose template wrote `drafted` (see the
    /// module comment).
    pub fn reply_subject(&self, drafted: &str) -> String {
        reply_subject(drafted, &self.subject)
    }
}

/// "Re: <previous subject>" unless `drafted` already starts with "Re:";
/// `drafted` as it is when the previous subject is blank.
pub fn reply_subject(drafted: &str, previous: &str) -> String {
    let drafted = drafted.trim();
    let topic = strip_reply_prefixes(previous);
    if topic.is_empty() || has_prefix(drafted, "re:") {
        return drafted.to_owned();
    }
    format!("Re: {topic}")
}

/// The subject without its leading "Re:", "Fwd:" or "Fw:" (any case, any
/// number of them).
pub fn strip_reply_prefixes(subject: &str) -> &str {
    let mut rest = subject.trim();
    loop {
        let stripped = ["re:", "fwd:", "fw:"]
            .iter()
            .find(|p| has_prefix(rest, p))
            .map(|p| rest[p.len()..].trim_start());
        match stripped {
            Some(s) => rest = s,
            None => return rest,
        }
    }
}

/// Whether `text` starts with the ASCII `prefix`, ignoring case.
fn has_prefix(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn previous(id: &str, subject: &str, references: &[&str]) -> PreviousMessage {
        PreviousMessage {
            message_id: id.into(),
            subject: subject.into(),
            references: references.iter().map(|r| r.to_string()).collect(),
        }
    }

    #[test]
    fn a_reply_names_the_last_message_and_the_whole_chain_before_it() {
        let first = previous("<1@example.org>", "Elective request", &[]);
        assert_eq!(
            first.reply_headers(),
            ThreadHeaders {
                in_reply_to: "<1@example.org>".into(),
                references: vec!["<1@example.org>".into()],
            }
        );
        let second = previous(
            "<2@example.org>",
            "Re: Elective request",
            &["<1@example.org>"],
        );
        assert_eq!(
            second.reply_headers().references,
            ["<1@example.org>", "<2@example.org>"]
        );
    }

    #[test]
    fn a_long_chain_keeps_its_root_and_the_latest_ids() {
        let ids: Vec<String> = (1..=15).map(|n| format!("<{n}@x>")).collect();
        let refs: Vec<&str> = ids[..14].iter().map(String::as_str).collect();
        let headers = previous(&ids[14], "s", &refs).reply_headers();
        assert_eq!(headers.references.len(), MAX_REFERENCES);
        assert_eq!(headers.references[0], "<1@x>");
        assert_eq!(headers.references[1], "<7@x>");
        assert_eq!(headers.references.last().unwrap(), "<15@x>");
    }

    #[test]
    fn the_subject_replies_to_the_last_one_once() {
        assert_eq!(
            reply_subject("Following up: rotation request", "Elective request – Amína"),
            "Re: Elective request – Amína"
        );
        assert_eq!(
            reply_subject("Thank you", "Re: RE: Fwd: Elective request"),
            "Re: Elective request"
        );
    }

    #[test]
    fn a_subject_that_already_replies_is_kept() {
        assert_eq!(
            reply_subject("RE: our call on Monday", "Elective request"),
            "RE: our call on Monday"
        );
        assert_eq!(reply_subject("Thank you", "   "), "Thank you");
        assert_eq!(strip_reply_prefixes("Réponse: x"), "Réponse: x");
    }
}
