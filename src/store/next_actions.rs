//! What the program list needs to say each program's next step, read in a
//! few bulk queries instead of three per program.

use std::collections::HashMap;

use super::convert::FOLLOW_UP_COLUMNS;
use super::{Doing, Result, Store};
use crate::domain::{Contact, FollowUp, Interaction, ProgramId};

/// Per program: open follow-ups and contacts. The log is streamed one
/// program at a time by [`Store::for_each_recent_log`], so 100,000 entries
/// never sit in memory together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NextActionInputs {
    pub follow_ups: HashMap<ProgramId, Vec<FollowUp>>,
    pub contacts: HashMap<ProgramId, Vec<Contact>>,
}

/// The log columns the next step reads; free text (summaries, the .eml
/// path) is left out.
const LEAN_INTERACTION: &str =
    "id, program_id, contact_id, at, channel, direction, '' AS summary, NULL AS eml_path";

/// The contact columns the next step reads (role, email, phone, preferred).
const LEAN_CONTACT: &str = "id, program_id, role, '' AS name, email, phone, '' AS linkedin, \
     preferred, '' AS source, NULL AS as_of, '' AS notes";

impl Store {
    pub fn next_action_inputs(&self) -> Result<NextActionInputs> {
        const DOING: &str = "reading next steps";
        let mut inputs = NextActionInputs::default();
        let sql = format!("SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE done_at IS NULL");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        for f in stmt
            .query_map([], |row| FollowUp::try_from(row))
            .doing(DOING)?
        {
            let f = f.doing(DOING)?;
            inputs.follow_ups.entry(f.program_id).or_default().push(f);
        }
        let sql = format!("SELECT {LEAN_CONTACT} FROM contacts");
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        for c in stmt
            .query_map([], |row| Contact::try_from(row))
            .doing(DOING)?
        {
            let c = c.doing(DOING)?;
            inputs.contacts.entry(c.program_id).or_default().push(c);
        }
        Ok(inputs)
    }

    /// Calls `each` once per program that has log entries, with the entries
    /// since the program last wrote (newest first) — all the nudge cadence
    /// looks at. The latest reply per program comes from the
    /// (program, direction, time) index.
    pub fn for_each_recent_log(
        &self,
        each: &mut dyn FnMut(ProgramId, &[Interaction]),
    ) -> Result<()> {
        const DOING: &str = "reading next steps";
        let sql = format!(
            "SELECT {LEAN_INTERACTION} FROM interactions i WHERE i.at >= COALESCE(\
             (SELECT max(j.at) FROM interactions j WHERE j.program_id = i.program_id \
              AND j.direction = 'in'), '') ORDER BY i.program_id, i.at DESC, i.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        let mut group: Vec<Interaction> = Vec::new();
        for i in stmt
            .query_map([], |row| Interaction::try_from(row))
            .doing(DOING)?
        {
            let i = i.doing(DOING)?;
            if group.first().is_some_and(|g| g.program_id != i.program_id) {
                each(group[0].program_id, &group);
                group.clear();
            }
            group.push(i);
        }
        if let Some(first) = group.first() {
            each(first.program_id, &group);
        }
        Ok(())
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
            .for_each_recent_log(&mut |id, log| logs.push((id, log.to_vec())))
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
}
