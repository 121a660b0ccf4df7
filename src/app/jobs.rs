//! Background work as the reducer sees it: which jobs run, how far each
//! has got, and what cancelling one means. The runtime's runner
//! (`runtime::jobs`) does the work on worker threads and reports here
//! through `Event::Job`; the job's result comes after its `Finished` as
//! ordinary events (`ProgramsReloaded`, `Done`, `Failed`…).

use super::AppState;
use super::effect::Effect;

/// Names one running job, so progress and cancels reach the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct JobId(pub u64);

/// What a job does, which decides what may run beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// One draft to its program over SMTP.
    Send,
    /// The onboarding step "send a test message to myself".
    TestMessage,
    /// Planning or sending one template to many programs.
    Batch,
    /// Previewing or applying a CSV import.
    Import,
    /// Every program's next step, worked out from the whole log.
    NextSteps,
    /// Reading new mail over IMAP and logging the replies.
    Sync,
    /// Rewriting the calendar feed at `calendar.path` after a change.
    Calendar,
    /// Copying the write-ahead log into the database file, at start-up.
    Checkpoint,
}

impl JobKind {
    /// Whether a job of this kind, while it runs, refuses one of `wanted`.
    /// A send and a batch refuse each other too: both could pick up the
    /// same saved draft and send it twice.
    pub fn refuses(self, wanted: JobKind) -> bool {
        use JobKind as K;
        matches!(
            (self, wanted),
            (K::Send | K::Batch, K::Send | K::Batch)
                | (K::TestMessage, K::TestMessage)
                | (K::Import, K::Import)
                | (K::Sync, K::Sync)
        )
    }

    /// Said when a job of this kind refuses another.
    pub fn busy_message(self) -> &'static str {
        match self {
            JobKind::Send => "A send is already in progress; wait for it to finish.",
            JobKind::TestMessage => "The test message is still being sent; wait for it to finish.",
            JobKind::Batch => "A batch is already being sent; wait for it to finish.",
            JobKind::Import => {
                "An import is already in progress; wait for it to finish or cancel it."
            }
            JobKind::NextSteps => "The next steps are still being worked out.",
            JobKind::Sync => "Mail is already being synced.",
            JobKind::Calendar => "The calendar file is being written.",
            JobKind::Checkpoint => "The database file is being brought up to date.",
        }
    }

    /// A newer job of this kind makes a running one's result stale, so the
    /// runner cancels the old one instead of refusing the new one.
    pub fn superseded_by_newer(self) -> bool {
        self == JobKind::NextSteps
    }

    /// Shown in the footer while it runs. The next-step load refreshes what
    /// is already on screen and usually takes a moment; a spinner for it
    /// would only flicker.
    pub fn shown(self) -> bool {
        !matches!(
            self,
            JobKind::NextSteps | JobKind::Calendar | JobKind::Checkpoint
        )
    }

    /// Quitting waits for it: stopping it halfway could lose a record of
    /// mail that went out. Read-only work is simply abandoned.
    pub fn finish_before_exit(self) -> bool {
        // A sync commits message by message and resumes where it stopped;
        // a checkpoint stopped halfway is finished by the next one.
        !matches!(
            self,
            JobKind::NextSteps | JobKind::Sync | JobKind::Checkpoint
        )
    }

    /// Said when cancelling starts.
    fn cancelling_message(self) -> &'static str {
        match self {
            JobKind::Send | JobKind::TestMessage => {
                "Cancelling: the send stops if it has not reached the server yet."
            }
            JobKind::Batch => "Stopping the batch: the email being sent now is the last.",
            JobKind::Import => "Cancelling the import: nothing will be written.",
            JobKind::NextSteps | JobKind::Sync | JobKind::Calendar | JobKind::Checkpoint => {
                "Cancelling."
            }
        }
    }

    /// Said when the job is past the point where stopping is safe.
    fn cannot_cancel_message(self) -> &'static str {
        match self {
            JobKind::Send | JobKind::TestMessage => {
                "The email is already going to the server: a send cannot be stopped once it has started."
            }
            _ => "This job cannot be stopped now; it finishes on its own.",
        }
    }
}

/// How far a job has got, as its worker last said.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    /// "Sending to coordinator@x.edu (connecting)", "Importing 4,000 / 15,000".
    pub text: String,
    /// Stopping now is safe (an import rolls back; a send has not reached
    /// the server).
    pub cancellable: bool,
}

impl Progress {
    pub fn new(text: impl Into<String>, cancellable: bool) -> Progress {
        Progress {
            text: text.into(),
            cancellable,
        }
    }
}

/// What the runner tells the reducer about a job.
#[derive(Debug, Clone, PartialEq)]
pub enum JobEvent {
    Started {
        id: JobId,
        kind: JobKind,
        progress: Progress,
    },
    Progress {
        id: JobId,
        progress: Progress,
    },
    /// The job ended; its result follows as ordinary actions.
    Finished {
        id: JobId,
    },
    /// The event loop went round while a job ran: the spinner turns.
    Tick,
}

/// A job the footer can show.
#[derive(Debug, Clone, PartialEq)]
pub struct RunningJob {
    pub id: JobId,
    pub kind: JobKind,
    pub progress: Progress,
    /// The user asked to cancel; the worker has not finished yet.
    pub cancelling: bool,
}

/// Every running job, oldest first, and the spinner's position.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JobsView {
    pub running: Vec<RunningJob>,
    /// Advanced by each report and each loop tick, never by a timer, so a
    /// test sees the same frames every time.
    pub spinner: usize,
}

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

impl JobsView {
    /// The job the footer shows and the cancel key stops: the newest one
    /// the user can see.
    pub fn current(&self) -> Option<&RunningJob> {
        self.running.iter().rev().find(|j| j.kind.shown())
    }

    pub fn spinner_frame(&self) -> char {
        SPINNER[self.spinner % SPINNER.len()]
    }

    fn turn(&mut self) {
        self.spinner = self.spinner.wrapping_add(1);
    }
}

/// Applies one report from the runner.
pub fn handle(state: &mut AppState, event: JobEvent) {
    let jobs = &mut state.jobs;
    match event {
        JobEvent::Started { id, kind, progress } => {
            jobs.running.push(RunningJob {
                id,
                kind,
                progress,
                cancelling: false,
            });
        }
        JobEvent::Progress { id, progress } => {
            if let Some(job) = jobs.running.iter_mut().find(|j| j.id == id) {
                job.progress = progress;
            }
        }
        JobEvent::Finished { id } => jobs.running.retain(|j| j.id != id),
        JobEvent::Tick => {}
    }
    if !jobs.running.is_empty() {
        jobs.turn();
    }
}

/// The user asked to stop the job on screen.
pub fn cancel(state: &mut AppState, effects: &mut Vec<Effect>) {
    let Some(job) = state.jobs.running.iter_mut().rev().find(|j| j.kind.shown()) else {
        state.info("Nothing is running that could be cancelled.");
        return;
    };
    let kind = job.kind;
    if job.cancelling {
        state.info("Already cancelling; it stops in a moment.");
    } else if !job.progress.cancellable {
        state.info(kind.cannot_cancel_message());
    } else {
        job.cancelling = true;
        effects.push(Effect::CancelJob(job.id));
        state.info(kind.cancelling_message());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(state: &mut AppState, id: u64, kind: JobKind, cancellable: bool) {
        handle(
            state,
            JobEvent::Started {
                id: JobId(id),
                kind,
                progress: Progress::new("working", cancellable),
            },
        );
    }

    #[test]
    fn progress_replaces_the_text_and_every_report_turns_the_spinner() {
        let mut state = AppState::default();
        started(&mut state, 1, JobKind::Import, true);
        let first = state.jobs.spinner_frame();
        handle(
            &mut state,
            JobEvent::Progress {
                id: JobId(1),
                progress: Progress::new("Importing 4,000 / 15,000", true),
            },
        );
        assert_ne!(state.jobs.spinner_frame(), first);
        let job = state.jobs.current().unwrap();
        assert_eq!(job.progress.text, "Importing 4,000 / 15,000");
        let before = state.jobs.spinner;
        handle(&mut state, JobEvent::Tick);
        assert_eq!(state.jobs.spinner, before + 1);
        handle(&mut state, JobEvent::Finished { id: JobId(1) });
        assert!(state.jobs.current().is_none());
        // Nothing runs: ticks no longer turn it.
        let idle = state.jobs.spinner;
        handle(&mut state, JobEvent::Tick);
        assert_eq!(state.jobs.spinner, idle);
    }

    #[test]
    fn cancel_asks_the_runner_once_and_says_what_happens() {
        let mut state = AppState::default();
        started(&mut state, 7, JobKind::Import, true);
        let mut effects = Vec::new();
        cancel(&mut state, &mut effects);
        assert_eq!(effects, vec![Effect::CancelJob(JobId(7))]);
        assert!(state.status.as_ref().unwrap().text.contains("nothing will"));
        assert!(state.jobs.current().unwrap().cancelling);
        effects.clear();
        cancel(&mut state, &mut effects);
        assert!(effects.is_empty(), "a second press asks nothing more");
    }

    #[test]
    fn a_send_past_the_point_of_no_return_is_not_cancelled() {
        let mut state = AppState::default();
        started(&mut state, 3, JobKind::Send, false);
        let mut effects = Vec::new();
        cancel(&mut state, &mut effects);
        assert!(effects.is_empty());
        let said = &state.status.as_ref().unwrap().text;
        assert!(
            said.contains("cannot be stopped once it has started"),
            "{said}"
        );
    }

    #[test]
    fn nothing_to_cancel_is_said_and_hidden_jobs_are_left_alone() {
        let mut state = AppState::default();
        started(&mut state, 2, JobKind::NextSteps, true);
        let mut effects = Vec::new();
        cancel(&mut state, &mut effects);
        assert!(effects.is_empty());
        assert!(state.jobs.current().is_none());
        assert!(state.status.unwrap().text.contains("Nothing is running"));
    }

    #[test]
    fn sends_and_batches_refuse_each_other_and_next_steps_are_replaced() {
        assert!(JobKind::Send.refuses(JobKind::Send));
        assert!(JobKind::Send.refuses(JobKind::Batch));
        assert!(JobKind::Batch.refuses(JobKind::Send));
        assert!(JobKind::Import.refuses(JobKind::Import));
        assert!(!JobKind::Import.refuses(JobKind::Send));
        assert!(!JobKind::NextSteps.refuses(JobKind::NextSteps));
        assert!(JobKind::NextSteps.superseded_by_newer());
    }
}
