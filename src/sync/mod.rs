//! `usce sync` and the TUI's background sync: read the user's mailbox
//! (read-only), match each new message against what usce sent and knows,
//! and do the bookkeeping a reply, an auto-reply or a bounce calls for.
//! Incremental: each folder's UIDVALIDITY and last UID are stored, and a
//! new UIDVALIDITY reads the folder again, with nothing logged twice
//! (every acted-on message is keyed on its Message-ID).

use chrono::{DateTime, Utc};

use crate::domain::inbound::{InboundMail, MailIndex, Party, Verdict, judge, normalize_address};
use crate::domain::plural;
use crate::mail::imap::{self, ImapConfig, Session, SyncError};
use crate::store::{InboundReply, Store};

/// How many messages are fetched per round trip (and committed together).
const CHUNK: usize = 200;

/// What a sync found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Messages not seen by an earlier sync.
    pub new_messages: usize,
    pub replies: usize,
    pub auto_replies: usize,
    pub bounces: usize,
    pub to_review: usize,
    /// The user's own copies, never replies.
    pub own: usize,
    /// Messages left alone, with why (unreadable, too big, unrelated).
    pub skipped: Vec<String>,
}

impl SyncSummary {
    /// "3 new messages · 1 reply logged · 1 auto-reply · 1 bounce · 1 to review".
    pub fn line(&self) -> String {
        let mut parts = vec![plural::count(self.new_messages, "new message")];
        if self.replies > 0 {
            parts.push(format!("{} logged", plural::count(self.replies, "reply")));
        }
        if self.auto_replies > 0 {
            parts.push(plural::count(self.auto_replies, "auto-reply"));
        }
        if self.bounces > 0 {
            parts.push(plural::count(self.bounces, "bounce"));
        }
        if self.to_review > 0 {
            parts.push(format!("{} to review", self.to_review));
        }
        parts.join(" · ")
    }
}

/// The user's own addresses: the SMTP sender and the IMAP login when it
/// is an address.
pub fn own_addresses(cfg: &ImapConfig, smtp_from: Option<&str>) -> Vec<String> {
    let mut own = Vec::new();
    if cfg.username.contains('@') {
        own.push(normalize_address(&cfg.username));
    }
    if let Some(from) = smtp_from.and_then(|f| crate::mail::Sender::parse(f).ok()) {
        own.push(normalize_address(&from.email));
    }
    own
}

/// "Check connection": log in and open each folder read-only, changing
/// nothing; says what it found ("INBOX: 1,204 messages").
pub fn check(cfg: &ImapConfig) -> Result<Vec<String>, SyncError> {
    let mut session = imap::connect(cfg)?;
    let mut found = vec![format!(
        "logged in to {} as {}",
        cfg.host.trim(),
        cfg.username.trim()
    )];
    for folder in cfg.folders.iter().filter(|f| !f.trim().is_empty()) {
        let view = imap::examine(&mut session, folder)?;
        found.push(format!(
            "{folder}: {}",
            plural::count(view.exists, "message")
        ));
    }
    let _ = session.logout();
    Ok(found)
}

/// After a send: with `save_sent` on, a copy of the message (its .eml,
/// the exact bytes sent) goes to the Sent folder. A failure is a warning
/// for the user, never a failed send: the mail went out.
pub fn save_sent_copy(imap: Option<&ImapConfig>, eml: &std::path::Path) -> Option<String> {
    let imap = imap.filter(|i| i.save_sent)?;
    let saved = std::fs::read(eml)
        .map_err(|e| format!("cannot read {}: {e}", eml.display()))
        .and_then(|bytes| imap::append_sent(imap, &bytes).map_err(|e| e.to_string()));
    saved.err().map(|why| {
        tracing::warn!("sent copy not saved to the Sent folder");
        format!("the copy for your Sent folder was not saved: {why}")
    })
}

/// Syncs every configured folder.
pub fn sync(store: &mut Store, cfg: &ImapConfig, own: &[String]) -> Result<SyncSummary, SyncError> {
    let mut session = imap::connect(cfg)?;
    let index = store.mail_index(own)?;
    let mut summary = SyncSummary::default();
    let result = cfg
        .folders
        .iter()
        .filter(|f| !f.trim().is_empty())
        .try_for_each(|folder| sync_folder(store, &mut session, folder, &index, &mut summary));
    let _ = session.logout();
    result.map(|()| {
        tracing::info!(
            new = summary.new_messages,
            replies = summary.replies,
            "sync done"
        );
        summary
    })
}

fn sync_folder(
    store: &mut Store,
    session: &mut Session,
    folder: &str,
    index: &MailIndex,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let view = imap::examine(session, folder)?;
    let after = match store.imap_folder_state(folder)? {
        Some((validity, last)) if validity == view.uid_validity => last,
        // New, or its UIDs were renumbered: read it all again.
        _ => 0,
    };
    let uids = if view.exists == 0 {
        Vec::new()
    } else {
        imap::new_uids(session, folder, after)?
    };
    let mut last = after;
    for chunk in uids.chunks(CHUNK) {
        for message in imap::fetch_uids(session, folder, chunk)? {
            match message.raw {
                Ok(raw) => handle(store, &raw, index, summary)?,
                Err(why) => {
                    summary.new_messages += 1;
                    summary
                        .skipped
                        .push(format!("{folder} UID {}: {why}", message.uid));
                }
            }
        }
        last = chunk.last().copied().unwrap_or(last);
        store.set_imap_folder_state(folder, view.uid_validity, last)?;
    }
    store.set_imap_folder_state(folder, view.uid_validity, last)?;
    Ok(())
}

fn handle(
    store: &mut Store,
    raw: &[u8],
    index: &MailIndex,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let mail = match crate::mail::inbound::parse(raw) {
        Ok(mail) => mail,
        Err(why) => {
            summary.new_messages += 1;
            summary.skipped.push(why);
            return Ok(());
        }
    };
    if store.inbound_seen(&mail.message_id)? {
        return Ok(());
    }
    summary.new_messages += 1;
    let now = store.clock().now();
    match judge(&mail, index) {
        Verdict::Own => summary.own += 1,
        Verdict::Reply(party) => {
            if store.record_reply(&record(&mail, party, now))?.is_some() {
                summary.replies += 1;
            }
        }
        Verdict::AutoReply { party, back } => {
            if store
                .record_auto_reply(&record(&mail, party, now), back)?
                .is_some()
            {
                summary.auto_replies += 1;
            }
        }
        Verdict::Bounce { address, party } => {
            let party = party.unwrap_or(Party {
                program: crate::domain::ProgramId(0),
                contact: None,
            });
            if store.record_bounce(&record(&mail, party, now), &address)? {
                summary.bounces += 1;
            }
        }
        Verdict::Proposal(program) => {
            let party = Party {
                program,
                contact: None,
            };
            if store.record_proposal(&record(&mail, party, now))? {
                summary.to_review += 1;
            }
        }
        Verdict::Unrelated(why) => summary.skipped.push(format!("{}: {why}", mail.message_id)),
    }
    Ok(())
}

fn record(mail: &InboundMail, party: Party, now: DateTime<Utc>) -> InboundReply {
    InboundReply {
        message_id: mail.message_id.clone(),
        program: party.program,
        contact: party.contact,
        from: mail.from.clone(),
        at: mail.date.unwrap_or(now),
        subject: mail.subject.chars().take(200).collect(),
        snippet: mail.snippet.clone(),
    }
}
