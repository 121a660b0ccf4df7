//! Effects around one live draft per person and sends that were in flight
//! when a usce stopped: composing when the person already has a draft,
//! replacing or opening it, settling interrupted sends and the user's
//! answer about one.

use super::Services;
use crate::app::effect::Effect;
use crate::app::event::{Event, InterruptedSends};
use crate::domain::{ContactId, Draft, DraftId, FollowUpId, LedgerId, ProgramId};
use crate::outreach::send::interrupted::{self, Interrupted, Settled};
use crate::outreach::{self, ComposeError};
use crate::store::{Store, StoreError};

pub fn perform(services: &mut Services, effect: Effect) -> Vec<Event> {
    match effect {
        Effect::Compose {
            program,
            contact,
            template,
            answers,
        } => compose(
            services,
            Composing {
                program,
                contact,
                template,
                answers,
            },
            None,
        ),
        Effect::ReplaceDraft {
            old,
            program,
            contact,
            template,
            answers,
        } => compose(
            services,
            Composing {
                program,
                contact,
                template,
                answers,
            },
            Some(old),
        ),
        Effect::OpenDraft { draft, answers } => open(services, draft, answers),
        Effect::SettleInterrupted => settle(services),
        Effect::AnswerInterrupted { send, went_out } => answer(services, send, went_out),
        _ => Vec::new(),
    }
}

/// What to compose: for whom, from which template, answering which
/// follow-up (the Due view's `c`: sending it closes that one).
struct Composing {
    program: ProgramId,
    contact: Option<ContactId>,
    template: String,
    answers: Option<FollowUpId>,
}

/// Renders and saves a new draft, unless the person has a live one and
/// the user has not yet said to replace it: then the question comes back.
fn compose(services: &mut Services, c: Composing, replacing: Option<DraftId>) -> Vec<Event> {
    if replacing.is_none() {
        match services.store.live_draft_for(c.program, c.contact) {
            Ok(Some(existing)) => {
                return vec![Event::DraftExists {
                    existing: Box::new(existing),
                    template: c.template,
                    answers: c.answers,
                }];
            }
            Ok(None) => {}
            Err(e) => return vec![Event::Failed(e.to_string())],
        }
    }
    let draft = match outreach::compose(
        &services.store,
        &services.templates,
        c.program,
        c.contact,
        &c.template,
        services.clock.today(),
    ) {
        Ok(draft) => draft,
        Err(e) => return vec![cannot_compose(&c.template, &e)],
    };
    let store = &mut services.store;
    let saved = match replacing {
        Some(old) => store.replace_draft(old, &draft),
        None => store.save_draft(&draft),
    }
    .and_then(|saved| link_answer(store, saved, c.answers));
    match saved {
        Ok(saved) => vec![Event::DraftComposed(Box::new(saved))],
        Err(e) => vec![Event::Failed(e.to_string())],
    }
}

/// "Open it": the person's live draft, which from the Due view now
/// answers that follow-up.
fn open(services: &mut Services, draft: DraftId, answers: Option<FollowUpId>) -> Vec<Event> {
    let store = &mut services.store;
    let opened = store
        .get_draft(draft)
        .and_then(|d| d.map(|d| link_answer(store, d, answers)).transpose());
    match opened {
        Ok(Some(d)) => vec![Event::DraftOpened(Box::new(d))],
        Ok(None) => vec![Event::Failed("That draft is gone.".into())],
        Err(e) => vec![Event::Failed(e.to_string())],
    }
}

/// Links a draft to the follow-up it answers, when there is one.
fn link_answer(
    store: &mut Store,
    draft: Draft,
    answers: Option<FollowUpId>,
) -> Result<Draft, StoreError> {
    if let Some(follow_up) = answers {
        store.link_draft_to_follow_up(draft.id, follow_up)?;
    }
    Ok(draft)
}

fn cannot_compose(template: &str, e: &ComposeError) -> Event {
    Event::Report(
        format!("Cannot compose “{template}”"),
        vec![
            e.to_string(),
            String::new(),
            "P opens your profile; Enter on a contact edits it.".into(),
        ],
    )
}

/// At start-up: record what the archive proves went out, clear what never
/// started, and bring back the rest as a question.
fn settle(services: &mut Services) -> Vec<Event> {
    let days = services.config.follow_up.after_send_days;
    match interrupted::settle_interrupted(&mut services.store, days) {
        Ok(found) if found == Interrupted::default() => Vec::new(),
        Ok(found) => vec![Event::InterruptedSends(Box::new(found_event(found)))],
        Err(e) => vec![Event::Failed(format!(
            "Could not check for interrupted sends: {e}"
        ))],
    }
}

fn answer(services: &mut Services, send: LedgerId, went_out: bool) -> Vec<Event> {
    let days = services.config.follow_up.after_send_days;
    let store = &mut services.store;
    let result = if went_out {
        interrupted::mark_went_out(store, send, days)
    } else {
        interrupted::mark_not_sent(store, send)
    };
    let said = match result {
        Ok(e) if went_out => format!("Recorded “{}” {} as sent.", e.subject, e.to_and_when()),
        Ok(e) => format!(
            "“{}” is marked not sent; its draft can be sent again.",
            e.subject
        ),
        Err(e) => return vec![Event::Failed(e.to_string())],
    };
    // The list first (a recorded send moves its program to contacted),
    // then the next one waiting, if any, is asked about in turn.
    let mut events = match services.store.list_programs() {
        Ok(programs) => vec![Event::ProgramsReloaded(programs, said)],
        Err(e) => vec![Event::Done(said), Event::Failed(e.to_string())],
    };
    events.extend(settle(services));
    events
}

fn found_event(found: Interrupted) -> InterruptedSends {
    let mut event = InterruptedSends {
        unknown: found.unknown,
        ..InterruptedSends::default()
    };
    for settled in found.settled {
        match settled {
            Settled::Recorded(e) => event.recorded.push(e),
            Settled::Cleared(e) => event.cleared.push(e),
        }
    }
    event
}
