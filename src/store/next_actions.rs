//! What the program list needs to say each program's next step, read in a
//! few bulk queries instead of three per program.

use std::collections::HashMap;

use super::convert::FOLLOW_UP_COLUMNS;
use super::{Doing, Result, Store};
use crate::domain::{Contact, FollowUp, Interaction, ProgramId};

/// Per program: open follow-ups, the log since the program last wrote
/// (that is all the nudge cadence looks at), and contacts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NextActionInputs {
    pub follow_ups: HashMap<ProgramId, Vec<FollowUp>>,
    pub interactions: HashMap<ProgramId, Vec<Interaction>>,
    pub contacts: HashMap<ProgramId, Vec<Contact>>,
}

/// The log columns the next step reads; free text (summaries, the .eml
/// path) is left out, as it would hold 100,000 strings in memory for nothing.
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
        // Each row's program's latest inbound entry comes from the
        // (program_id, at) index, so this costs one index probe per row.
        let sql = format!(
            "SELECT {LEAN_INTERACTION} FROM interactions i WHERE i.at >= COALESCE(\
             (SELECT max(j.at) FROM interactions j WHERE j.program_id = i.program_id \
              AND j.direction = 'in'), '') ORDER BY i.program_id, i.at DESC, i.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql).doing(DOING)?;
        for i in stmt
            .query_map([], |row| Interaction::try_from(row))
            .doing(DOING)?
        {
            let i = i.doing(DOING)?;
            inputs.interactions.entry(i.program_id).or_default().push(i);
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
        let inputs = store.next_action_inputs().unwrap();
        let log = &inputs.interactions[&p.id];
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
