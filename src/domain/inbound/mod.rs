//! What an incoming email means to usce: a reply to something it sent, an
//! auto-reply, a bounce, a plausible message to review, the user's own
//! copy, or nothing. Pure: the facts come parsed (`mail::inbound`), the
//! known addresses and Message-IDs come from the store.

use chrono::{DateTime, NaiveDate, Utc};

use super::{ContactId, ProgramId};

mod address;
mod return_date;

pub use address::{domain_of, is_free_mail, normalize_address, website_domain};
pub use return_date::return_date;

#[cfg(test)]
mod tests;

/// The facts of one message that matching needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboundMail {
    /// With angle brackets; a stand-in made from the headers when missing.
    pub message_id: String,
    /// `In-Reply-To` then `References`, each with angle brackets.
    pub refers_to: Vec<String>,
    /// The bare address, lower case.
    pub from: String,
    pub subject: String,
    pub date: Option<DateTime<Utc>>,
    /// Marked automatic by its headers or subject.
    pub auto_reply: bool,
    /// A delivery failure report: the failed recipients (lower case) and
    /// the Message-IDs of the original it quotes.
    pub bounce: Option<Bounce>,
    /// The first words of the plain text, quotes and signature removed.
    pub snippet: String,
    /// The whole plain text (for an out-of-office's return date).
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bounce {
    pub recipients: Vec<String>,
    pub original_ids: Vec<String>,
}

/// A message from a program's domain waiting for the user's word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub message_id: String,
    pub program: ProgramId,
    pub program_name: String,
    pub from: String,
    pub at: DateTime<Utc>,
    pub subject: String,
    pub snippet: String,
}

/// A message usce sent: its Message-ID and whom it went to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentRef {
    pub message_id: String,
    pub program: ProgramId,
    pub contact: Option<ContactId>,
    pub to: String,
}

/// A contact's address, for matching a sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAddress {
    pub address: String,
    pub program: ProgramId,
    pub contact: ContactId,
}

/// Everything matching looks things up in, loaded once per sync.
#[derive(Debug, Clone, Default)]
pub struct MailIndex {
    pub sent: Vec<SentRef>,
    pub contacts: Vec<KnownAddress>,
    /// A program's domains: its website's and its contacts' (free-mail
    /// providers left out).
    pub domains: Vec<(String, ProgramId)>,
    /// The user's own addresses, normalized.
    pub own: Vec<String>,
}

/// Who a message is from or about, when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Party {
    pub program: ProgramId,
    pub contact: Option<ContactId>,
}

/// What a message means, strongest evidence first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The user's own mail (a sent copy): never a reply.
    Own,
    /// A delivery failure for `address`, sent to `party` when known.
    Bounce {
        address: String,
        party: Option<Party>,
    },
    /// An automatic answer from someone usce wrote to; returns on `back`.
    AutoReply {
        party: Party,
        back: Option<NaiveDate>,
    },
    /// A real answer.
    Reply(Party),
    /// From the domain of a program, but from nobody known: the user says.
    Proposal(ProgramId),
    /// Nothing usce knows about; `why` says so for the skipped list.
    Unrelated(&'static str),
}

impl MailIndex {
    fn sent_by_id(&self, id: &str) -> Option<&SentRef> {
        self.sent
            .iter()
            .find(|s| s.message_id.eq_ignore_ascii_case(id))
    }

    /// `contacts` hold normalized addresses (see [`MailIndex::normalized`]).
    fn contact(&self, address: &str) -> Option<&KnownAddress> {
        let wanted = normalize_address(address);
        self.contacts.iter().find(|c| c.address == wanted)
    }

    /// The index with every contact address normalized once, not once per
    /// message matched (10,000 messages × every contact added up).
    pub fn normalized(mut self) -> MailIndex {
        for contact in &mut self.contacts {
            contact.address = normalize_address(&contact.address);
        }
        for own in &mut self.own {
            *own = normalize_address(own);
        }
        self
    }

    /// Its replies' evidence: a Message-ID it refers to, else the sender.
    fn party_of(&self, mail: &InboundMail) -> Option<Party> {
        let by_thread = mail
            .refers_to
            .iter()
            .find_map(|id| self.sent_by_id(id))
            .map(|sent| Party {
                program: sent.program,
                contact: sent.contact,
            });
        by_thread.or_else(|| {
            self.contact(&mail.from).map(|c| Party {
                program: c.program,
                contact: Some(c.contact),
            })
        })
    }

    fn program_of_domain(&self, address: &str) -> Option<ProgramId> {
        let domain = domain_of(address)?;
        self.domains
            .iter()
            .find(|(d, _)| d.eq_ignore_ascii_case(&domain))
            .map(|(_, p)| *p)
    }
}

/// Judges one message against what usce knows.
pub fn judge(mail: &InboundMail, index: &MailIndex) -> Verdict {
    let from = normalize_address(&mail.from);
    if !from.is_empty() && index.own.contains(&from) {
        return Verdict::Own;
    }
    if let Some(bounce) = &mail.bounce {
        return judge_bounce(bounce, index);
    }
    match index.party_of(mail) {
        Some(party) if mail.auto_reply => Verdict::AutoReply {
            party,
            back: return_date(&mail.text, mail.date),
        },
        Some(party) => Verdict::Reply(party),
        None if mail.auto_reply => {
            Verdict::Unrelated("an automatic reply from someone not written to")
        }
        None => match index.program_of_domain(&mail.from) {
            Some(program) => Verdict::Proposal(program),
            None => Verdict::Unrelated("not from a program or contact"),
        },
    }
}

fn judge_bounce(bounce: &Bounce, index: &MailIndex) -> Verdict {
    let sent = bounce
        .original_ids
        .iter()
        .find_map(|id| index.sent_by_id(id));
    let address = bounce
        .recipients
        .first()
        .cloned()
        .or_else(|| sent.map(|s| s.to.to_ascii_lowercase()));
    match address {
        Some(address) => {
            let party = sent
                .map(|s| Party {
                    program: s.program,
                    contact: s.contact,
                })
                .or_else(|| {
                    index.contact(&address).map(|c| Party {
                        program: c.program,
                        contact: Some(c.contact),
                    })
                });
            Verdict::Bounce { address, party }
        }
        None => Verdict::Unrelated("a delivery report naming no recipient usce wrote to"),
    }
}
