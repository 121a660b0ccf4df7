//! The job runner: effects that can take longer than a frame (a send, an
//! import, a batch, the start-up next-step load) run on worker threads and
//! report back over one channel that the event loop drains every turn.
//!
//! Modelled on gitui's `asyncgit::asyncjob` (`AsyncJob`, `AsyncSingleJob`,
//! `RunParams`): a [`Job`] is owned data plus a closure; it gets a
//! [`RunParams`] to report progress and to ask whether it was cancelled,
//! and returns the actions its result becomes. A job that needs the
//! database opens its own [`crate::store::Store`] from `Services.db_path`
//! (WAL lets it write beside the loop's connection).
//!
//! Adding a job kind:
//! 1. add a `JobKind` variant in `app/jobs.rs` and say what it refuses
//!    (`refuses`) and how it is cancelled (`cancelling_message`);
//! 2. write a function that builds a [`Job`] from `Services`, copying out
//!    what the worker needs (paths, settings), in a file beside this one;
//! 3. route its `Effect` to `services.jobs.start(...)` in `super::perform`;
//! 4. in the work, call `params.report(..)` as it goes and check
//!    `params.cancelled()` wherever stopping is safe.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::app::effect::Effect;
use crate::app::event::{Event, ImportRequest};
use crate::app::jobs::{JobEvent, JobId, JobKind, Progress};
use crate::runtime::Services;

pub mod batch;
pub mod calendar;
pub mod checkpoint;
pub mod import;
pub mod next_steps;
pub mod send;
pub mod sync;

#[cfg(test)]
mod tests;

/// What a job's work returns: the actions its result becomes, or a
/// message that becomes `Event::Failed`.
pub type Outcome = Result<Vec<Event>, String>;

type Work = Box<dyn FnOnce(&RunParams) -> Outcome + Send>;

/// One piece of blocking work, ready to run on a worker thread.
pub struct Job {
    pub kind: JobKind,
    /// Shown from the start, before the worker says anything.
    pub progress: Progress,
    work: Work,
}

impl Job {
    pub fn new(
        kind: JobKind,
        progress: Progress,
        work: impl FnOnce(&RunParams) -> Outcome + Send + 'static,
    ) -> Job {
        Job {
            kind,
            progress,
            work: Box::new(work),
        }
    }
}

/// A cancel request that a worker can poll, or wait on while it paces.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<(Mutex<bool>, Condvar)>);

impl CancelFlag {
    pub fn cancel(&self) {
        let (flag, wake) = &*self.0;
        *flag.lock().unwrap_or_else(PoisonError::into_inner) = true;
        wake.notify_all();
    }

    pub fn is_cancelled(&self) -> bool {
        *self.0.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits `pause`, or less if cancelled meanwhile; true when cancelled.
    pub fn wait(&self, pause: Duration) -> bool {
        let (flag, wake) = &*self.0;
        let guard = flag.lock().unwrap_or_else(PoisonError::into_inner);
        let (cancelled, _) = wake
            .wait_timeout_while(guard, pause, |cancelled| !*cancelled)
            .unwrap_or_else(PoisonError::into_inner);
        *cancelled
    }
}

/// Handed to a job's work: reports go to the event loop, and the cancel
/// flag says whether the user asked it to stop.
pub struct RunParams {
    id: JobId,
    outbox: SyncSender<Message>,
    cancel: CancelFlag,
}

impl RunParams {
    /// Replaces the job's progress line. `cancellable` says whether
    /// stopping from here on is safe.
    pub fn report(&self, text: impl Into<String>, cancellable: bool) {
        let progress = Progress::new(text, cancellable);
        // The loop has gone (the app is quitting): nobody to tell.
        let _ = self.outbox.send(Message {
            id: self.id,
            body: Body::Progress(progress),
        });
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Pauses (a batch's pacing) but wakes at once on a cancel; true when
    /// cancelled.
    pub fn wait_or_cancel(&self, pause: Duration) -> bool {
        self.cancel.wait(pause)
    }
}

struct Message {
    id: JobId,
    body: Body,
}

enum Body {
    Progress(Progress),
    Done(Vec<Event>),
}

struct Running {
    id: JobId,
    kind: JobKind,
    cancel: CancelFlag,
}

/// Every job running now, and the channel their reports come back on.
pub struct Jobs {
    outbox: SyncSender<Message>,
    inbox: Receiver<Message>,
    running: Vec<Running>,
    next_id: u64,
}

/// Reports a worker may get ahead of the loop before it waits. The loop
/// drains every turn, so in the app this is never reached.
const REPORTS_AHEAD: usize = 1024;

impl Default for Jobs {
    fn default() -> Self {
        Jobs::with_capacity(REPORTS_AHEAD)
    }
}

impl Jobs {
    /// A runner whose workers wait once `reports` reports are undrained.
    /// Tests pass 1 to hold a job at a known point, to cancel it mid-way.
    pub fn with_capacity(reports: usize) -> Jobs {
        let (outbox, inbox) = sync_channel(reports);
        Jobs {
            outbox,
            inbox,
            running: Vec::new(),
            next_id: 1,
        }
    }

    /// Starts a job on its own thread, unless one that refuses it runs.
    /// Answers `Job(Started)`, or `Failed` saying why it did not start.
    pub fn start(&mut self, job: Job) -> Vec<Event> {
        if let Some(busy) = self.running.iter().find(|r| r.kind.refuses(job.kind)) {
            return vec![Event::Failed(busy.kind.busy_message().into())];
        }
        if job.kind.superseded_by_newer() {
            for old in self.running.iter().filter(|r| r.kind == job.kind) {
                old.cancel.cancel();
            }
        }
        let id = JobId(self.next_id);
        self.next_id += 1;
        let cancel = CancelFlag::default();
        let params = RunParams {
            id,
            outbox: self.outbox.clone(),
            cancel: cancel.clone(),
        };
        let work = job.work;
        let spawned = std::thread::Builder::new()
            .name(format!("usce-{:?}", job.kind).to_lowercase())
            .spawn(move || run(work, params));
        if let Err(e) = spawned {
            return vec![Event::Failed(format!("Could not start the work: {e}"))];
        }
        self.running.push(Running {
            id,
            kind: job.kind,
            cancel,
        });
        vec![Event::Job(JobEvent::Started {
            id,
            kind: job.kind,
            progress: job.progress,
        })]
    }

    /// Asks a job to stop; it does at its next safe point.
    pub fn cancel(&self, id: JobId) {
        if let Some(job) = self.running.iter().find(|r| r.id == id) {
            job.cancel.cancel();
        }
    }

    /// Asks every job to stop (the app is quitting).
    pub fn cancel_all(&self) {
        for job in &self.running {
            job.cancel.cancel();
        }
    }

    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// Some job must end before the app may exit (see
    /// `JobKind::finish_before_exit`).
    pub fn must_finish(&self) -> bool {
        self.running.iter().any(|r| r.kind.finish_before_exit())
    }

    /// The next report, if one is waiting, as the actions it becomes.
    pub fn try_next(&mut self) -> Option<Vec<Event>> {
        let message = self.inbox.try_recv().ok()?;
        Some(self.receive(message))
    }

    /// The next report, waiting at most `timeout` for it.
    pub fn next_within(&mut self, timeout: Duration) -> Option<Vec<Event>> {
        match self.inbox.recv_timeout(timeout) {
            Ok(message) => Some(self.receive(message)),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    fn receive(&mut self, message: Message) -> Vec<Event> {
        let id = message.id;
        match message.body {
            Body::Progress(progress) => vec![Event::Job(JobEvent::Progress { id, progress })],
            Body::Done(result) => {
                self.running.retain(|r| r.id != id);
                std::iter::once(Event::Job(JobEvent::Finished { id }))
                    .chain(result)
                    .collect()
            }
        }
    }
}

/// The worker thread's body: run the work, and always report an end, so a
/// failing (or, by a bug, panicking) job never leaves the runner busy.
fn run(work: Work, params: RunParams) {
    let outcome = catch_unwind(AssertUnwindSafe(|| work(&params)));
    let actions = match outcome {
        Ok(Ok(actions)) => actions,
        Ok(Err(message)) => vec![Event::Failed(message)],
        Err(_) => {
            tracing::error!("a background job panicked");
            vec![Event::Failed(
                "The work stopped unexpectedly (a bug); nothing more was done.".into(),
            )]
        }
    };
    let _ = params.outbox.send(Message {
        id: params.id,
        body: Body::Done(actions),
    });
}

/// Starts the job an effect asks for (see `super::perform` for which
/// effects come here). Settings missing for a send are said at once.
pub fn perform(services: &mut Services, effect: Effect) -> Vec<Event> {
    let job = match effect {
        Effect::SendDraft(id) | Effect::SendDraftAgain(id) => {
            let again = matches!(effect, Effect::SendDraftAgain(_));
            match services.config.smtp.clone() {
                Some(smtp) => send::draft(services, smtp, id, again),
                None => return vec![send::not_set_up(services)],
            }
        }
        Effect::ResendSent(sent) => match services.config.smtp.clone() {
            // A copy of the sent email becomes a new live draft, sent as a
            // deliberate repeat; the sent one stays as it went.
            Some(smtp) => match services.store.copy_sent_draft(sent) {
                Ok(copy) => send::draft(services, smtp, copy.id, true),
                Err(e) => {
                    return vec![Event::Report("Not sent again".into(), vec![e.to_string()])];
                }
            },
            None => return vec![send::not_set_up(services)],
        },
        Effect::SendTest => match services.config.smtp.clone() {
            None => return vec![Event::Failed("Sending is not set up yet.".into())],
            Some(smtp) => match send::test_message(services, smtp) {
                Ok(job) => job,
                Err(said) => return vec![said],
            },
        },
        Effect::PlanBatch { template, programs } => batch::plan(services, template, programs),
        Effect::StartBatch { template, programs } => {
            match batch::send(services, template, programs) {
                Ok(job) => job,
                Err(e) => return vec![Event::Report("Batch not started".into(), vec![e])],
            }
        }
        Effect::PreviewImport(path) => import::preview(services, ImportRequest::plain(path)),
        Effect::ApplyImport(path) => import::apply(services, ImportRequest::plain(path)),
        Effect::PreviewImportWith(request) => import::preview(services, *request),
        Effect::ApplyImportWith(request) => import::apply(services, *request),
        Effect::LoadNextActions(briefs) => {
            next_steps::load(services.db_path.clone(), services.clock, briefs)
        }
        Effect::Checkpoint => checkpoint::job(services.db_path.clone()),
        Effect::CheckImap => match services.config.imap.clone() {
            Some(imap) => sync::check(imap),
            None => return vec![Event::Failed("Reading replies is not set up.".into())],
        },
        Effect::SyncMail => match services.config.imap.clone() {
            Some(imap) => sync::job(services, imap),
            None => return vec![Event::Failed("Reading replies is not set up.".into())],
        },
        Effect::CancelJob(id) => {
            services.jobs.cancel(id);
            return Vec::new();
        }
        _ => {
            tracing::error!("an effect reached the job runner that it does not run");
            return Vec::new();
        }
    };
    services.jobs.start(job)
}

/// "15,000": counts in progress lines are read at a glance.
pub fn thousands(n: usize) -> String {
    crate::domain::plural::thousands(&n.to_string())
}
