//! Mail sync as a job: its own store connection, the IMAP session and the
//! bookkeeping on a worker thread, so the screen never waits on a server.

use super::Job;
use crate::app::event::Event;
use crate::app::jobs::{JobKind, Progress};
use crate::app::mail_sync::MailSynced;
use crate::mail::imap::ImapConfig;
use crate::runtime::Services;
use crate::store::Store;

/// The connection check after setting up: answered by `Done` (what each
/// folder holds) or `Report` (why it failed).
pub fn check(imap: ImapConfig) -> Job {
    let start = Progress::new("Checking the IMAP connection", false);
    Job::new(JobKind::Sync, start, move |_params| {
        Ok(vec![match crate::sync::check(&imap) {
            Ok(found) => Event::Done(format!("IMAP works: {}. M syncs now.", found.join("; "))),
            Err(e) => Event::Report("The IMAP connection failed".into(), vec![e.to_string()]),
        }])
    })
}

/// Answered by `MailSynced` (and the list reloaded when replies came in)
/// or `MailSyncFailed`.
pub fn job(services: &Services, imap: ImapConfig) -> Job {
    let db = services.db_path.clone();
    let clock = services.clock;
    let smtp_from = services.config.smtp.as_ref().map(|s| s.from.clone());
    let start = Progress::new("Syncing mail", false);
    Job::new(JobKind::Sync, start, move |_params| {
        let own = crate::sync::own_addresses(&imap, smtp_from.as_deref());
        let outcome = Store::open(&db)
            .map(|store| store.with_clock(clock))
            .map_err(|e| e.to_string())
            .and_then(|mut store| {
                let summary =
                    crate::sync::sync(&mut store, &imap, &own).map_err(|e| e.to_string())?;
                let to_review = store.open_proposals().map_err(|e| e.to_string())?.len();
                let bouncing = store.bouncing_addresses().map_err(|e| e.to_string())?;
                let programs = store.bouncing_programs().map_err(|e| e.to_string())?;
                Ok((summary, to_review, bouncing, programs))
            });
        Ok(vec![match outcome {
            Ok((summary, to_review, bouncing, bouncing_programs)) => {
                Event::MailSynced(Box::new(MailSynced {
                    at: clock.now(),
                    replies: summary.replies,
                    auto_replies: summary.auto_replies,
                    to_review,
                    line: summary.line(),
                    bouncing,
                    bouncing_programs,
                }))
            }
            Err(why) => {
                tracing::warn!("mail sync failed");
                Event::MailSyncFailed(why)
            }
        }])
    })
}
