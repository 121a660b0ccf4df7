//! Rows of `status_changes`, `rotations` and `letters` to domain values and
//! back.

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Row, Statement};

use super::{Day, json, opt_day, opt_stamp, stamp};
use crate::domain::{
    FollowUp, Letter, LetterId, OpenFollowUp, ProgramActivity, Rotation, RotationId, StatusChange,
};

id_column!(RotationId, LetterId);

pub(in crate::store) const STATUS_CHANGE_COLUMNS: &str = "program_id, at, from_status, to_status";

impl TryFrom<&Row<'_>> for StatusChange {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<StatusChange> {
        Ok(StatusChange {
            program_id: row.get("program_id")?,
            at: stamp(row, "at")?,
            from: row.get("from_status")?,
            to: row.get("to_status")?,
        })
    }
}

pub(in crate::store) const ROTATION_COLUMNS: &str =
    "id, program_id, start_day, end_day, specialty, kind, hands_on, weeks, fee";

impl TryFrom<&Row<'_>> for Rotation {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Rotation> {
        Ok(Rotation {
            id: row.get("id")?,
            program_id: row.get("program_id")?,
            start: row.get::<_, Day>("start_day")?.0,
            end: row.get::<_, Day>("end_day")?.0,
            specialty: row.get("specialty")?,
            kind: row.get("kind")?,
            hands_on: row.get("hands_on")?,
            weeks: row.get("weeks")?,
            fee: row.get("fee")?,
        })
    }
}

/// Binds every rotation column except `:id` and `:program_id`.
pub(in crate::store) fn bind_rotation(
    stmt: &mut Statement<'_>,
    r: &Rotation,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(":start_day", Day(r.start))?;
    stmt.raw_bind_parameter(":end_day", Day(r.end))?;
    stmt.raw_bind_parameter(":specialty", &r.specialty)?;
    stmt.raw_bind_parameter(":kind", r.kind)?;
    stmt.raw_bind_parameter(":hands_on", r.hands_on)?;
    stmt.raw_bind_parameter(":weeks", r.weeks)?;
    stmt.raw_bind_parameter(":fee", &r.fee)
}

pub(in crate::store) const LETTER_COLUMNS: &str = "id, program_id, rotation_id, writer, \
    writer_is_us_physician, requested_on, received_on, uploaded_to_eras, notes";

impl TryFrom<&Row<'_>> for Letter {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Letter> {
        Ok(Letter {
            id: row.get("id")?,
            program_id: row.get("program_id")?,
            rotation_id: row.get("rotation_id")?,
            writer: row.get("writer")?,
            writer_is_us_physician: row.get("writer_is_us_physician")?,
            requested_on: opt_day(row, "requested_on")?,
            received_on: opt_day(row, "received_on")?,
            uploaded_to_eras: row.get("uploaded_to_eras")?,
            notes: row.get("notes")?,
        })
    }
}

/// Binds every letter column except `:id`.
pub(in crate::store) fn bind_letter(stmt: &mut Statement<'_>, l: &Letter) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(":program_id", l.program_id)?;
    stmt.raw_bind_parameter(":rotation_id", l.rotation_id)?;
    stmt.raw_bind_parameter(":writer", &l.writer)?;
    stmt.raw_bind_parameter(":writer_is_us_physician", l.writer_is_us_physician)?;
    stmt.raw_bind_parameter(":requested_on", l.requested_on.map(Day))?;
    stmt.raw_bind_parameter(":received_on", l.received_on.map(Day))?;
    stmt.raw_bind_parameter(":uploaded_to_eras", l.uploaded_to_eras)?;
    stmt.raw_bind_parameter(":notes", &l.notes)
}

/// Open-or-not follow-ups joined with their program (and contact, if any).
/// Follow-up columns keep their own names so `FollowUp`'s reader works.
pub(in crate::store) const OPEN_FOLLOW_UP_SELECT: &str = "SELECT f.id AS id, \
    f.program_id AS program_id, f.contact_id AS contact_id, f.due AS due, f.note AS note, \
    f.done_at AS done_at, f.snoozed_from AS snoozed_from, p.name AS program_name, \
    p.state AS program_state, c.name AS contact_name \
    FROM follow_ups f JOIN programs p ON p.id = f.program_id \
    LEFT JOIN contacts c ON c.id = f.contact_id";

impl TryFrom<&Row<'_>> for OpenFollowUp {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<OpenFollowUp> {
        Ok(OpenFollowUp {
            follow_up: FollowUp::try_from(row)?,
            program_name: row.get("program_name")?,
            state: row.get("program_state")?,
            contact_name: row
                .get::<_, Option<String>>("contact_name")?
                .filter(|name| !name.trim().is_empty()),
        })
    }
}

/// One row per program for the statistics; `?1` and `?2` are the codes of
/// `Direction::Out` and `Direction::In`. Instants are fixed-width text, so
/// `min` and `>=` on them are time order.
pub(in crate::store) const PROGRAM_ACTIVITY_SQL: &str = "SELECT p.state AS state, \
    p.status AS status, \
    (SELECT min(o.at) FROM interactions o \
        WHERE o.program_id = p.id AND o.direction = ?1) AS first_outbound, \
    (SELECT min(i.at) FROM interactions i \
        WHERE i.program_id = p.id AND i.direction = ?2 AND i.at >= \
            (SELECT min(o.at) FROM interactions o \
                WHERE o.program_id = p.id AND o.direction = ?1)) AS first_reply, \
    (SELECT json_group_array(f.due) FROM follow_ups f \
        WHERE f.program_id = p.id AND f.done_at IS NULL) AS open_dues \
    FROM programs p";

impl TryFrom<&Row<'_>> for ProgramActivity {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<ProgramActivity> {
        Ok(ProgramActivity {
            state: row.get("state")?,
            status: row.get("status")?,
            first_outbound: opt_stamp(row, "first_outbound")?,
            first_reply: opt_stamp(row, "first_reply")?,
            open_follow_up_dues: json::<Vec<NaiveDate>>(row, "open_dues")?,
        })
    }
}
