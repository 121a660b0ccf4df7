//! What the program list needs to say each program's next step, read in a
//! few bulk queries instead of three per program.

use std::collections::HashMap;

use super::convert::{CONTACT_COLUMNS, FOLLOW_UP_COLUMNS, INTERACTION_COLUMNS};
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
            "SELECT {INTERACTION_COLUMNS} FROM interactions i WHERE i.at >= COALESCE(\
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
        let sql = format!("SELECT {CONTACT_COLUMNS} FROM contacts");
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
