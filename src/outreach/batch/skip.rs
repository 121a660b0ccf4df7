//! Why a batch leaves a program out, and which of those reasons the user
//! may override for one program (`--force ID` in the CLI; in the TUI, by
//! writing to that program on its own, where the send asks first).

use crate::domain::{LedgerEntry, Program, SendState, Status, sent::short_time};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// No coordinator, student office or program director with an email.
    NoEmailContact,
    /// Blank fields the template needs (`profile.full_name`).
    Unresolved(Vec<String>),
    /// The send ledger has this program and template (sent to anyone there).
    AlreadySent,
    /// The program has got as far as replied (or applied, accepted,
    /// declined, completed): a cold request now would be out of place.
    StatusTooFar(Status),
    /// Someone there wrote after the last email to them: answer that first.
    ReplyAfterLastEmail,
    /// A send of this template to the program is not recorded yet: under
    /// way elsewhere, or interrupted and waiting for the user's word.
    InFlight,
    /// The person the batch would write to has another unsent draft.
    OtherDraft,
    /// The address to write to is not one email address, as typed.
    BadAddress(String),
    /// Mail to the address came back undelivered (IMAP sync saw the
    /// bounce): fix the contact's email first.
    Bouncing(String),
}

impl SkipReason {
    /// Whether `--force` may send anyway: the reasons that are judgement
    /// calls, not the ones that make a send impossible or unsafe.
    pub fn forcible(&self) -> bool {
        matches!(
            self,
            SkipReason::AlreadySent | SkipReason::StatusTooFar(_) | SkipReason::ReplyAfterLastEmail
        )
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::NoEmailContact => f.write_str("no email contact"),
            SkipReason::Unresolved(fields) => {
                let word = crate::domain::plural::noun(fields.len(), "field");
                write!(f, "unresolved {word}: {}", fields.join(", "))
            }
            SkipReason::AlreadySent => f.write_str("already sent this template"),
            SkipReason::StatusTooFar(status) => write!(f, "status is already {status}"),
            SkipReason::ReplyAfterLastEmail => f.write_str("they wrote after your last email"),
            SkipReason::InFlight => f.write_str("a send of this template is not recorded yet"),
            SkipReason::OtherDraft => f.write_str("another unsent draft for that person"),
            SkipReason::Bouncing(address) => {
                write!(f, "mail to {address} bounced; fix the contact's email")
            }
            SkipReason::BadAddress(address) => write!(
                f,
                "{address:?} is not one email address; fix the contact's email"
            ),
        }
    }
}

/// A reason with the facts behind it ("to x@y.edu on 1 Dec 14:05").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub reason: SkipReason,
    pub detail: String,
}

/// The ledger, status and log reasons to leave `program` out of a batch of
/// `template`, most important first. The first non-forcible one, if any,
/// decides; otherwise `--force` may override all of them together.
pub fn judgement_reasons(
    store: &Store,
    program: &Program,
    template: &str,
) -> Result<Vec<Reason>, StoreError> {
    let mut reasons = Vec::new();
    if let Some(first) = store.first_send(program.id, template)? {
        reasons.push(ledger_reason(&first));
    }
    if program.status.rank() >= Status::Replied.rank() {
        reasons.push(Reason {
            reason: SkipReason::StatusTooFar(program.status),
            detail: String::new(),
        });
    }
    if let Some(at) = store.reply_after_last_email(program.id)? {
        reasons.push(Reason {
            reason: SkipReason::ReplyAfterLastEmail,
            detail: format!("on {}", short_time(at)),
        });
    }
    // The unsafe one first, so it is the one said.
    reasons.sort_by_key(|r| r.reason.forcible());
    Ok(reasons)
}

fn ledger_reason(first: &LedgerEntry) -> Reason {
    match first.state {
        SendState::Sent => Reason {
            reason: SkipReason::AlreadySent,
            detail: first.to_and_when(),
        },
        SendState::InFlight => Reason {
            reason: SkipReason::InFlight,
            detail: format!(
                "{}; settle it first (usce asks when it starts, or --interrupted sent|unsent)",
                first.to_and_when()
            ),
        },
    }
}
