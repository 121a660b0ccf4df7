//! Background mail sync as the reducer sees it: whether IMAP is set up,
//! when it last synced, how many replies came in since the app started,
//! and when the next sync is due (every `imap.interval_minutes`, at start,
//! and on `M`).

use chrono::{DateTime, Duration, Utc};

use super::AppState;
use super::effect::Effect;
use super::jobs::JobKind;
use crate::domain::plural;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailSync {
    /// config.toml has a valid `[imap]`.
    pub configured: bool,
    /// Minutes between syncs; 0 syncs only at start and on request.
    pub interval_minutes: u32,
    pub last_synced: Option<DateTime<Utc>>,
    /// Replies logged by this session's syncs.
    pub new_replies: usize,
    /// Messages waiting in the review list.
    pub to_review: usize,
    /// The last sync's failure, until one succeeds.
    pub failure: Option<String>,
    /// When the last sync was started, so a failing server is not retried
    /// every turn of the loop.
    pub last_started: Option<DateTime<Utc>>,
    /// Addresses mail bounced from (lower case), and the programs with a
    /// contact at one: the log and the list mark them.
    pub bouncing: Vec<String>,
    pub bouncing_programs: Vec<crate::domain::ProgramId>,
}

/// What a finished sync reports to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSynced {
    pub at: DateTime<Utc>,
    pub replies: usize,
    /// Auto-replies logged: they change the log (and may move a
    /// follow-up's day), so the open program reloads for them too.
    pub auto_replies: usize,
    pub to_review: usize,
    /// The summary line ("3 new messages · 1 reply logged").
    pub line: String,
    pub bouncing: Vec<String>,
    pub bouncing_programs: Vec<crate::domain::ProgramId>,
}

impl MailSync {
    /// Whether the interval has passed since the last sync was started.
    pub fn due(&self, now: DateTime<Utc>) -> bool {
        if !self.configured || self.interval_minutes == 0 {
            return false;
        }
        let every = Duration::minutes(i64::from(self.interval_minutes));
        self.last_started.is_none_or(|at| now - at >= every)
    }

    /// How long until [`MailSync::due`], for the loop's wait.
    pub fn until_due(&self, now: DateTime<Utc>) -> Option<std::time::Duration> {
        if !self.configured || self.interval_minutes == 0 {
            return None;
        }
        let every = Duration::minutes(i64::from(self.interval_minutes));
        let next = self.last_started.map_or(now, |at| at + every);
        Some((next - now).to_std().unwrap_or_default())
    }

    /// "synced 2 min ago · 1 new reply", for the header.
    pub fn header(&self, now: DateTime<Utc>, syncing: bool) -> Option<String> {
        if !self.configured {
            return None;
        }
        let when = if syncing {
            "syncing mail…".to_owned()
        } else if self.failure.is_some() {
            "mail sync failed (M retries)".to_owned()
        } else {
            match self.last_synced {
                None => "not synced yet (M)".to_owned(),
                Some(at) => {
                    let minutes = (now - at).num_minutes().max(0);
                    if minutes == 0 {
                        "synced just now".to_owned()
                    } else {
                        format!("synced {minutes} min ago")
                    }
                }
            }
        };
        let mut parts = vec![when];
        if self.new_replies > 0 {
            let n = self.new_replies;
            parts.push(format!("{n} new {}", plural::noun(n, "reply")));
        }
        if self.to_review > 0 {
            parts.push(format!("{} to review (R)", self.to_review));
        }
        Some(parts.join(" · "))
    }
}

fn running(state: &AppState) -> bool {
    state.jobs.running.iter().any(|j| j.kind == JobKind::Sync)
}

/// `M`: sync now (or say why not).
pub fn start(state: &mut AppState, effects: &mut Vec<Effect>) {
    if !state.mail_sync.configured {
        super::mail_setup::offer(state);
        return;
    }
    if running(state) {
        state.info("Mail is already being synced.");
        return;
    }
    state.mail_sync.last_started = Some(state.now);
    effects.push(Effect::SyncMail);
}

/// The loop's timer: sync when the interval has passed.
pub fn tick(state: &mut AppState, effects: &mut Vec<Effect>) {
    if state.mail_sync.due(state.now) && !running(state) {
        state.mail_sync.last_started = Some(state.now);
        effects.push(Effect::SyncMail);
    }
}

pub fn synced(state: &mut AppState, done: MailSynced, effects: &mut Vec<Effect>) {
    let sync = &mut state.mail_sync;
    sync.last_synced = Some(done.at);
    sync.new_replies += done.replies;
    sync.to_review = done.to_review;
    sync.failure = None;
    sync.bouncing = done.bouncing;
    sync.bouncing_programs = done.bouncing_programs;
    state.info(format!("Mail: {}", done.line));
    if done.replies + done.auto_replies > 0 {
        effects.push(Effect::ReloadPrograms);
        if let Some(id) = state.log.program {
            effects.push(Effect::LoadProgram(id));
        }
    }
}

pub fn failed(state: &mut AppState, why: String) {
    state.mail_sync.failure = Some(why.clone());
    state.error(format!("Mail sync failed: {why}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed instant: the tests never read the wall clock.
    fn at_nine() -> chrono::DateTime<chrono::Utc> {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 1, 9, 0, 0).unwrap()
    }

    fn configured(interval: u32) -> MailSync {
        MailSync {
            configured: true,
            interval_minutes: interval,
            ..MailSync::default()
        }
    }

    #[test]
    fn the_header_says_when_it_synced_and_what_came_in() {
        let now = at_nine();
        let mut sync = configured(10);
        assert_eq!(
            sync.header(now, false).as_deref(),
            Some("not synced yet (M)")
        );
        sync.last_synced = Some(now - Duration::minutes(2));
        sync.new_replies = 1;
        assert_eq!(
            sync.header(now, false).as_deref(),
            Some("synced 2 min ago · 1 new reply")
        );
        assert_eq!(
            sync.header(now, true).as_deref(),
            Some("syncing mail… · 1 new reply")
        );
        assert_eq!(MailSync::default().header(now, false), None);
    }

    #[test]
    fn a_sync_is_due_every_interval_and_never_when_off() {
        let now = at_nine();
        let mut sync = configured(10);
        assert!(sync.due(now));
        sync.last_started = Some(now - Duration::minutes(9));
        assert!(!sync.due(now));
        assert_eq!(
            sync.until_due(now),
            Some(std::time::Duration::from_secs(60))
        );
        sync.last_started = Some(now - Duration::minutes(10));
        assert!(sync.due(now));
        assert!(!configured(0).due(now));
        assert_eq!(configured(0).until_due(now), None);
    }

    #[test]
    fn m_without_imap_says_how_to_set_it_up_and_with_it_starts_a_sync() {
        let mut state = AppState::default();
        let mut effects = Vec::new();
        start(&mut state, &mut effects);
        assert!(effects.is_empty());
        assert!(
            state.status.as_ref().unwrap().text.contains("[imap]"),
            "set up first"
        );
        state.mail_sync = configured(10);
        start(&mut state, &mut effects);
        assert_eq!(effects, vec![Effect::SyncMail]);
        let mut more = Vec::new();
        tick(&mut state, &mut more);
        assert!(more.is_empty(), "just started: not due again");
    }

    #[test]
    fn a_sync_with_replies_reloads_the_list_and_counts_them() {
        let mut state = AppState {
            mail_sync: configured(10),
            ..AppState::default()
        };
        let mut effects = Vec::new();
        let at = at_nine();
        let done = MailSynced {
            at,
            replies: 1,
            auto_replies: 0,
            to_review: 2,
            line: "1 new message · 1 reply logged".into(),
            bouncing: vec!["gone@x.org".into()],
            bouncing_programs: Vec::new(),
        };
        synced(&mut state, done, &mut effects);
        assert_eq!(state.mail_sync.new_replies, 1);
        assert_eq!(state.mail_sync.to_review, 2);
        assert!(effects.contains(&Effect::ReloadPrograms));
        failed(&mut state, "no route".into());
        assert!(state.status.as_ref().unwrap().is_error);
    }

    #[test]
    fn a_sync_with_only_an_auto_reply_reloads_the_open_program_but_counts_no_reply() {
        let mut state = AppState {
            mail_sync: configured(10),
            ..AppState::default()
        };
        state.log.program = Some(crate::domain::ProgramId(4));
        let mut effects = Vec::new();
        let done = MailSynced {
            at: at_nine(),
            replies: 0,
            auto_replies: 1,
            to_review: 0,
            line: "1 new message · 1 auto-reply".into(),
            bouncing: Vec::new(),
            bouncing_programs: Vec::new(),
        };
        synced(&mut state, done, &mut effects);
        assert_eq!(state.mail_sync.new_replies, 0);
        assert!(effects.contains(&Effect::LoadProgram(crate::domain::ProgramId(4))));
    }
}
