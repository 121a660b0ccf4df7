//! What the program list needs to say each program's next step, streamed
//! one program at a time: open follow-ups, contacts and the recent log are
//! read by three queries ordered by program and merged as they arrive, so
//! a national list with 100,000 log entries never sits in memory at once
//! (holding all contacts and follow-ups in maps was 13 MB at start-up).

use rusqlite::{Row, Rows, Statement};

use super::convert::FOLLOW_UP_COLUMNS;
use super::{Doing, Result, Store};
use crate::domain::{Contact, FollowUp, Interaction, ProgramId};

/// Everything about one program that its next step depends on.
#[derive(Debug, Clone, Copy)]
pub struct ProgramActivity<'a> {
    pub program: ProgramId,
    /// Not done, oldest first.
    pub follow_ups: &'a [FollowUp],
    /// Role, email, phone and preferred method only.
    pub contacts: &'a [Contact],
    /// The log since the program last wrote, newest first.
    pub recent_log: &'a [Interaction],
}

/// The log columns the next step reads; free text (summaries, the .eml
/// path) is left out.
const LEAN_INTERACTION: &str =
    "id, program_id, contact_id, at, channel, direction, '' AS summary, NULL AS eml_path";

/// The contact columns the next step reads (role, email, phone, preferred).
const LEAN_CONTACT: &str = "id, program_id, role, '' AS name, email, phone, '' AS linkedin, \
     preferred, '' AS source, NULL AS as_of, '' AS notes, NULL AS title, '' AS preferred_name";

const DOING: &str = "reading next steps";

/// One query's rows, one program at a time: the row read ahead says which
/// program comes next.
struct Cursor<'s, T> {
    rows: Rows<'s>,
    ahead: Option<T>,
    program_of: fn(&T) -> ProgramId,
}

impl<'s, T> Cursor<'s, T>
where
    T: for<'r> TryFrom<&'r Row<'r>, Error = rusqlite::Error>,
{
    fn new(stmt: &'s mut Statement<'_>, program_of: fn(&T) -> ProgramId) -> Result<Self> {
        let mut cursor = Cursor {
            rows: stmt.query([]).doing(DOING)?,
            ahead: None,
            program_of,
        };
        cursor.advance()?;
        Ok(cursor)
    }

    fn advance(&mut self) -> Result<()> {
        self.ahead = match self.rows.next().doing(DOING)? {
            Some(row) => Some(T::try_from(row).doing(DOING)?),
            None => None,
        };
        Ok(())
    }

    fn next_program(&self) -> Option<ProgramId> {
        self.ahead.as_ref().map(self.program_of)
    }

    /// Replaces `into` with the rows of `program` (none if it comes later).
    fn take(&mut self, program: ProgramId, into: &mut Vec<T>) -> Result<()> {
        into.clear();
        while self.next_program() == Some(program) {
            into.extend(self.ahead.take());
            self.advance()?;
        }
        Ok(())
    }
}

impl Store {
    /// Calls `each` once per program that has an open follow-up, a contact
    /// or a log entry, in ascending id order. The latest reply per program
    /// comes from the (program, direction, time) index.
    pub fn for_each_program_activity(
        &self,
        each: &mut dyn FnMut(ProgramActivity<'_>),
    ) -> Result<()> {
        let mut follow_ups_sql = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE done_at IS NULL \
                 ORDER BY program_id, due, id"
            ))
            .doing(DOING)?;
        let mut contacts_sql = self
            .conn
            .prepare_cached(&format!(
                "SELECT {LEAN_CONTACT} FROM contacts ORDER BY program_id, id"
            ))
            .doing(DOING)?;
        let mut log_sql = self
            .conn
            .prepare_cached(&format!(
                "SELECT {LEAN_INTERACTION} FROM interactions i WHERE i.at >= COALESCE(\
                 (SELECT max(j.at) FROM interactions j WHERE j.program_id = i.program_id \
                  AND j.direction = 'in'), '') ORDER BY i.program_id, i.at DESC, i.id DESC"
            ))
            .doing(DOING)?;
        let mut follow_ups = Cursor::new(&mut follow_ups_sql, |f: &FollowUp| f.program_id)?;
        let mut contacts = Cursor::new(&mut contacts_sql, |c: &Contact| c.program_id)?;
        let mut log = Cursor::new(&mut log_sql, |i: &Interaction| i.program_id)?;
        let (mut f, mut c, mut l) = (Vec::new(), Vec::new(), Vec::new());
        loop {
            let next = [
                follow_ups.next_program(),
                contacts.next_program(),
                log.next_program(),
            ];
            let Some(program) = next.into_iter().flatten().min() else {
                return Ok(());
            };
            follow_ups.take(program, &mut f)?;
            contacts.take(program, &mut c)?;
            log.take(program, &mut l)?;
            each(ProgramActivity {
                program,
                follow_ups: &f,
                contacts: &c,
                recent_log: &l,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use crate::domain::{Channel, Direction, Interaction, InteractionId, Program, UsState};
    use crate::store::Store;

    #[test]
    fn only_the_log_since_the_last_reply_is_read_without_its_text() {
        let mut store = Store::open_in_memory().unwrap();
        let p = store
            .insert_program(&Program::new("A", UsState::parse("KY").unwrap()))
            .unwrap();
        for (day, direction) in [(1, Direction::Out), (5, Direction::In), (9, Direction::Out)] {
            store
                .insert_interaction(&Interaction {
                    id: InteractionId(0),
                    program_id: p.id,
                    contact_id: None,
                    at: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap(),
                    channel: Channel::Email,
                    direction,
                    summary: "a long summary nobody needs here".into(),
                    eml_path: Some("/x.eml".into()),
                })
                .unwrap();
        }
        let mut logs = Vec::new();
        store
            .for_each_program_activity(&mut |a| logs.push((a.program, a.recent_log.to_vec())))
            .unwrap();
        assert_eq!(logs.len(), 1);
        let (id, log) = &logs[0];
        assert_eq!(*id, p.id);
        // The reply on the 5th and what went out after it; not the 1st.
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].direction, Direction::Out);
        assert_eq!(log[1].direction, Direction::In);
        assert!(
            log.iter()
                .all(|i| i.summary.is_empty() && i.eml_path.is_none())
        );
    }

    /// Programs that have only contacts, only a follow-up, only log, all
    /// three or nothing: each with rows is visited once, in id order, with
    /// exactly its own rows; done follow-ups are left out.
    #[test]
    fn the_three_streams_merge_by_program() {
        use crate::domain::{Contact, FollowUp, FollowUpId, ProgramId};
        let mut store = Store::open_in_memory().unwrap();
        let ky = UsState::parse("KY").unwrap();
        let ids: Vec<ProgramId> = (0..5)
            .map(|i| {
                store
                    .insert_program(&Program::new(format!("P{i}"), ky))
                    .unwrap()
                    .id
            })
            .collect();
        let contact = |store: &mut Store, p: ProgramId, email: &str| {
            store
                .insert_contact(&Contact {
                    program_id: p,
                    name: "Someone".into(),
                    email: email.into(),
                    ..Contact::default()
                })
                .unwrap()
        };
        let follow_up = |store: &mut Store, p: ProgramId, day: u32| {
            store
                .insert_follow_up(&FollowUp {
                    id: FollowUpId(0),
                    program_id: p,
                    contact_id: None,
                    due: chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap(),
                    note: String::new(),
                    done_at: None,
                    snoozed_from: Vec::new(),
                })
                .unwrap()
        };
        let log = |store: &mut Store, p: ProgramId| {
            store
                .insert_interaction(&Interaction {
                    id: InteractionId(0),
                    program_id: p,
                    contact_id: None,
                    at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
                    channel: Channel::Email,
                    direction: Direction::Out,
                    summary: String::new(),
                    eml_path: None,
                })
                .unwrap()
        };
        // ids[0]: contacts only; ids[1]: nothing; ids[2]: everything;
        // ids[3]: a done follow-up only; ids[4]: log only.
        contact(&mut store, ids[0], "a@x.org");
        contact(&mut store, ids[0], "b@x.org");
        contact(&mut store, ids[2], "c@x.org");
        follow_up(&mut store, ids[2], 9);
        follow_up(&mut store, ids[2], 3);
        log(&mut store, ids[2]);
        let mut done = follow_up(&mut store, ids[3], 1);
        done.done_at = Some(Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap());
        store.update_follow_up(&done).unwrap();
        log(&mut store, ids[4]);
        log(&mut store, ids[4]);

        let mut seen = Vec::new();
        store
            .for_each_program_activity(&mut |a| {
                seen.push((
                    a.program,
                    a.contacts
                        .iter()
                        .map(|c| c.email.clone())
                        .collect::<Vec<_>>(),
                    a.follow_ups.iter().map(|f| f.due.day()).collect::<Vec<_>>(),
                    a.recent_log.len(),
                ));
                assert!(a.contacts.iter().all(|c| c.program_id == a.program));
                assert!(a.follow_ups.iter().all(|f| f.program_id == a.program));
                assert!(a.recent_log.iter().all(|i| i.program_id == a.program));
            })
            .unwrap();
        use chrono::Datelike;
        assert_eq!(
            seen,
            vec![
                (
                    ids[0],
                    vec!["a@x.org".to_string(), "b@x.org".to_string()],
                    vec![],
                    0
                ),
                (ids[2], vec!["c@x.org".to_string()], vec![3, 9], 1),
                (ids[4], vec![], vec![], 2),
            ]
        );
    }
}
