//! Every conversion between SQL values and domain types, in one place.
//!
//! Storage formats, chosen so the file reads well in the sqlite3 shell:
//! - IDs: INTEGER row ids.
//! - Enums and `UsState`: their stable text `code()`, never ordinals.
//! - Instants (`DateTime<Utc>`): RFC 3339 in UTC with nanoseconds and a `Z`,
//!   e.g. `2025-03-01T14:05:09.000000000Z`. The width is fixed, so text order
//!   is time order and `ORDER BY at` needs no parsing. Any RFC 3339 text is
//!   accepted when reading.
//! - Days (`NaiveDate`): `YYYY-MM-DD`.
//! - Lists (tags, rotation kinds, attachments, snoozed_from,
//!   related_specialties): a JSON array of strings (`["research","rural
//!   health"]`); JSON rather than a separator because tags and paths may
//!   contain any character.
//! - Booleans: INTEGER 0/1.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Row, RowIndex, Statement};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::{
    AppRoute, Channel, Contact, ContactId, Direction, Draft, DraftId, DraftStatus, FollowUp,
    FollowUpId, Interaction, InteractionId, PreferredMethod, Profile, ProgramId, Role,
    RotationKind, Status, StepResult, Title, Tri, UsState, Visa,
};

macro_rules! id_column {
    ($($id:ident),+ $(,)?) => {$(
        impl ToSql for $id {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $id {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($id)
            }
        }
    )+};
}

id_column!(ProgramId, ContactId, InteractionId, DraftId, FollowUpId);

/// Enums go in as their code and must come back as exactly a known code:
/// a label or a typo in the file is corruption, not input to be guessed at.
macro_rules! code_column {
    ($($ty:ident),+ $(,)?) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $ty::ALL.iter().copied().find(|v| v.code() == text).ok_or_else(|| {
                    unknown_code(stringify!($ty), text)
                })
            }
        }
    )+};
}

code_column!(
    Tri,
    Visa,
    RotationKind,
    AppRoute,
    Status,
    Role,
    PreferredMethod,
    Channel,
    Direction,
    DraftStatus,
    StepResult,
    Title,
);

impl ToSql for UsState {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.code()))
    }
}

impl FromSql for UsState {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        match UsState::from_code(text) {
            Some(state) if state.code() == text => Ok(state),
            _ => Err(unknown_code("UsState", text)),
        }
    }
}

pub(super) fn unknown_code(kind: &str, text: &str) -> FromSqlError {
    FromSqlError::Other(format!("unknown {kind} code {text:?} in the database").into())
}

/// An instant in the fixed-width text form described at the top.
pub(super) struct Stamp(pub DateTime<Utc>);

pub(super) fn stamp_text(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

impl ToSql for Stamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(stamp_text(&self.0)))
    }
}

impl FromSql for Stamp {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        DateTime::parse_from_rfc3339(value.as_str()?)
            .map(|t| Stamp(t.with_timezone(&Utc)))
            .map_err(FromSqlError::other)
    }
}

/// A calendar day as `YYYY-MM-DD`.
pub(super) struct Day(pub NaiveDate);

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.format("%Y-%m-%d").to_string()))
    }
}

impl FromSql for Day {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        NaiveDate::parse_from_str(value.as_str()?, "%Y-%m-%d")
            .map(Day)
            .map_err(FromSqlError::other)
    }
}

/// A list stored as JSON text.
pub(super) struct Json<T>(pub T);

impl<T: Serialize> ToSql for Json<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        serde_json::to_string(&self.0)
            .map(ToSqlOutput::from)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    }
}

impl<T: DeserializeOwned> FromSql for Json<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        serde_json::from_str(value.as_str()?)
            .map(Json)
            .map_err(FromSqlError::other)
    }
}

fn stamp<I: RowIndex>(row: &Row<'_>, column: I) -> rusqlite::Result<DateTime<Utc>> {
    row.get::<_, Stamp>(column).map(|s| s.0)
}

fn opt_stamp<I: RowIndex>(row: &Row<'_>, column: I) -> rusqlite::Result<Option<DateTime<Utc>>> {
    Ok(row.get::<_, Option<Stamp>>(column)?.map(|s| s.0))
}

fn opt_day<I: RowIndex>(row: &Row<'_>, column: I) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(row.get::<_, Option<Day>>(column)?.map(|d| d.0))
}

fn json<T: DeserializeOwned>(row: &Row<'_>, column: impl RowIndex) -> rusqlite::Result<T> {
    row.get::<_, Json<T>>(column).map(|j| j.0)
}

// Column lists for SELECTs, kept next to the row readers that depend on them.

pub(super) const CONTACT_COLUMNS: &str = "id, program_id, role, name, email, phone, linkedin, \
    preferred, source, as_of, notes, title, preferred_name";

impl TryFrom<&Row<'_>> for Contact {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Contact> {
        Ok(Contact {
            id: row.get("id")?,
            program_id: row.get("program_id")?,
            role: row.get("role")?,
            name: row.get("name")?,
            email: row.get("email")?,
            phone: row.get("phone")?,
            linkedin: row.get("linkedin")?,
            preferred: row.get("preferred")?,
            source: row.get("source")?,
            as_of: opt_day(row, "as_of")?,
            notes: row.get("notes")?,
            title: row.get("title")?,
            preferred_name: row.get("preferred_name")?,
        })
    }
}

/// The contact columns `bind_new_contact` binds, in its order.
pub(super) const CONTACT_PARAMS: [&str; 11] = [
    ":role",
    ":name",
    ":email",
    ":phone",
    ":linkedin",
    ":preferred",
    ":source",
    ":as_of",
    ":notes",
    ":title",
    ":preferred_name",
];

/// Binds every contact column except `:id` (and `:program_id`, which an
/// update must not change).
pub(super) fn bind_contact(stmt: &mut Statement<'_>, c: &Contact) -> rusqlite::Result<()> {
    let at = Params::of(stmt, CONTACT_PARAMS)?;
    // Nothing known of the statement: every parameter is bound.
    let mut bound = repeats::Bound::new(stmt.parameter_count());
    bind_new_contact(stmt, &at, c, &mut bound)
}

/// Binds the contact columns at positions `at`, leaving parameters that
/// hold the value already as they are (see `repeats`): an INSERT that
/// keeps its statement binds only what changed.
pub(super) fn bind_new_contact(
    stmt: &mut Statement<'_>,
    at: &Params<11>,
    c: &Contact,
    bound: &mut repeats::Bound,
) -> rusqlite::Result<()> {
    use repeats::Held;
    let [
        role,
        name,
        email,
        phone,
        linkedin,
        preferred,
        source,
        as_of,
        notes,
        title,
        preferred_name,
    ] = at.0;
    let title_held = Held::option(c.title, |t| Held::Code(t.code()));
    bound.bind(stmt, title, title_held, &c.title)?;
    let texts = [
        (preferred_name, &c.preferred_name),
        (name, &c.name),
        (email, &c.email),
        (phone, &c.phone),
        (linkedin, &c.linkedin),
        (source, &c.source),
        (notes, &c.notes),
    ];
    for (i, text) in texts {
        bound.bind(stmt, i, Held::text(text), text)?;
    }
    bound.bind(stmt, role, Held::Code(c.role.code()), &c.role)?;
    bound.bind(
        stmt,
        preferred,
        Held::Code(c.preferred.code()),
        &c.preferred,
    )?;
    let day = Held::option(c.as_of, |_| Held::Other);
    bound.bind(stmt, as_of, day, &c.as_of.map(Day))
}

pub(super) const INTERACTION_COLUMNS: &str =
    "id, program_id, contact_id, at, channel, direction, summary, eml_path";

const INTERACTION_FIELDS: &[&str] = &[
    "id",
    "program_id",
    "contact_id",
    "at",
    "channel",
    "direction",
    "summary",
    "eml_path",
];

impl TryFrom<&Row<'_>> for Interaction {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Interaction> {
        macro_rules! at {
            ($name:literal) => {
                col!(INTERACTION_FIELDS, $name)
            };
        }
        Ok(Interaction {
            id: row.get(at!("id"))?,
            program_id: row.get(at!("program_id"))?,
            contact_id: row.get(at!("contact_id"))?,
            at: stamp(row, at!("at"))?,
            channel: row.get(at!("channel"))?,
            direction: row.get(at!("direction"))?,
            summary: row.get(at!("summary"))?,
            eml_path: row.get(at!("eml_path"))?,
        })
    }
}

pub(super) const DRAFT_COLUMNS: &str = "id, program_id, contact_id, template, to_addr, cc, \
    subject, body, attachments, attach_from_profile, status, message_id, sent_at, updated_at";

impl TryFrom<&Row<'_>> for Draft {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Draft> {
        Ok(Draft {
            id: row.get("id")?,
            program_id: row.get("program_id")?,
            contact_id: row.get("contact_id")?,
            template: row.get("template")?,
            to: row.get("to_addr")?,
            cc: row.get("cc")?,
            subject: row.get("subject")?,
            body: row.get("body")?,
            attachments: json(row, "attachments")?,
            attach_from_profile: row.get("attach_from_profile")?,
            status: row.get("status")?,
            message_id: row.get("message_id")?,
            sent_at: opt_stamp(row, "sent_at")?,
            updated_at: opt_stamp(row, "updated_at")?,
        })
    }
}

/// Binds every draft column except `:id`, `:program_id`, `:template` (set
/// once, when the draft is composed) and `:updated_at`.
pub(super) fn bind_draft(stmt: &mut Statement<'_>, d: &Draft) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(":contact_id", d.contact_id)?;
    stmt.raw_bind_parameter(":to_addr", &d.to)?;
    stmt.raw_bind_parameter(":cc", &d.cc)?;
    stmt.raw_bind_parameter(":subject", &d.subject)?;
    stmt.raw_bind_parameter(":body", &d.body)?;
    stmt.raw_bind_parameter(":attachments", Json(&d.attachments))?;
    stmt.raw_bind_parameter(":attach_from_profile", d.attach_from_profile)?;
    stmt.raw_bind_parameter(":status", d.status)?;
    stmt.raw_bind_parameter(":message_id", &d.message_id)?;
    stmt.raw_bind_parameter(":sent_at", d.sent_at.map(Stamp))
}

pub(super) const FOLLOW_UP_COLUMNS: &str =
    "id, program_id, contact_id, due, note, done_at, snoozed_from";

impl TryFrom<&Row<'_>> for FollowUp {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<FollowUp> {
        Ok(FollowUp {
            id: row.get("id")?,
            program_id: row.get("program_id")?,
            contact_id: row.get("contact_id")?,
            due: row.get::<_, Day>("due")?.0,
            note: row.get("note")?,
            done_at: opt_stamp(row, "done_at")?,
            snoozed_from: json(row, "snoozed_from")?,
        })
    }
}

/// Binds every follow-up column except `:id` and `:program_id`.
pub(super) fn bind_follow_up(stmt: &mut Statement<'_>, f: &FollowUp) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(":contact_id", f.contact_id)?;
    stmt.raw_bind_parameter(":due", Day(f.due))?;
    stmt.raw_bind_parameter(":note", &f.note)?;
    stmt.raw_bind_parameter(":done_at", f.done_at.map(Stamp))?;
    stmt.raw_bind_parameter(":snoozed_from", Json(&f.snoozed_from))
}

pub(super) const PROFILE_COLUMNS: &str = "full_name, email, phone, medical_school, country, \
    graduation_year, is_student, step1, step2_score, ecfmg_status, needs_visa, target_specialty, \
    related_specialties, available, home_state, signature, cv_path, scores_path, usmle_id";

impl TryFrom<&Row<'_>> for Profile {
    type Error = rusqlite::Error;

    fn try_from(row: &Row<'_>) -> rusqlite::Result<Profile> {
        Ok(Profile {
            full_name: row.get("full_name")?,
            email: row.get("email")?,
            phone: row.get("phone")?,
            medical_school: row.get("medical_school")?,
            country: row.get("country")?,
            graduation_year: row.get("graduation_year")?,
            is_student: row.get("is_student")?,
            step1: row.get("step1")?,
            step2_score: row.get("step2_score")?,
            ecfmg_status: row.get("ecfmg_status")?,
            needs_visa: row.get("needs_visa")?,
            target_specialty: row.get("target_specialty")?,
            related_specialties: json(row, "related_specialties")?,
            available: row.get("available")?,
            home_state: row.get("home_state")?,
            signature: row.get("signature")?,
            cv_path: row.get("cv_path")?,
            scores_path: row.get("scores_path")?,
            usmle_id: row.get("usmle_id")?,
        })
    }
}

/// Binds every profile column by its own name.
pub(super) fn bind_profile(stmt: &mut Statement<'_>, p: &Profile) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(":full_name", &p.full_name)?;
    stmt.raw_bind_parameter(":email", &p.email)?;
    stmt.raw_bind_parameter(":phone", &p.phone)?;
    stmt.raw_bind_parameter(":medical_school", &p.medical_school)?;
    stmt.raw_bind_parameter(":country", &p.country)?;
    stmt.raw_bind_parameter(":graduation_year", p.graduation_year)?;
    stmt.raw_bind_parameter(":is_student", p.is_student)?;
    stmt.raw_bind_parameter(":step1", p.step1)?;
    stmt.raw_bind_parameter(":step2_score", p.step2_score)?;
    stmt.raw_bind_parameter(":ecfmg_status", &p.ecfmg_status)?;
    stmt.raw_bind_parameter(":needs_visa", p.needs_visa)?;
    stmt.raw_bind_parameter(":target_specialty", &p.target_specialty)?;
    stmt.raw_bind_parameter(":related_specialties", Json(&p.related_specialties))?;
    stmt.raw_bind_parameter(":available", &p.available)?;
    stmt.raw_bind_parameter(":home_state", p.home_state)?;
    stmt.raw_bind_parameter(":signature", &p.signature)?;
    stmt.raw_bind_parameter(":cv_path", &p.cv_path)?;
    stmt.raw_bind_parameter(":scores_path", &p.scores_path)?;
    stmt.raw_bind_parameter(":usmle_id", &p.usmle_id)
}

/// Binds every log-entry column except `:id`.
pub(super) fn bind_interaction(stmt: &mut Statement<'_>, i: &Interaction) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(":program_id", i.program_id)?;
    stmt.raw_bind_parameter(":contact_id", i.contact_id)?;
    stmt.raw_bind_parameter(":at", Stamp(i.at))?;
    stmt.raw_bind_parameter(":channel", i.channel)?;
    stmt.raw_bind_parameter(":direction", i.direction)?;
    stmt.raw_bind_parameter(":summary", &i.summary)?;
    stmt.raw_bind_parameter(":eml_path", &i.eml_path)
}

// Status history, rotations and letters (schema step 2), in their own file
// to keep this one readable; the formats above apply there too.
mod tracking;
// Programs, the widest rows, and reading by position, likewise.
mod positions;
mod program;
// Binding only the parameters that changed, for inserters.
pub(super) mod repeats;
// The send ledger (schema step "ledger").
mod ledger;
// Documents, applications and costs (issue 19).
mod shelf;

pub(super) use ledger::LEDGER_SELECT;

pub(super) use positions::Params;
use positions::{col, position};
pub(super) use program::{
    ID_PARAM, NOW_PARAM, bind_field, bind_new_program, bind_program, insert_program_sql, param_of,
    program_columns, program_fields, update_program_sql,
};
pub(super) use shelf::{
    APPLICATION_COLUMNS, DOCUMENT_COLUMNS, ITEM_COLUMNS, bind_application, bind_document, read_item,
};
pub(super) use tracking::{
    LETTER_COLUMNS, OPEN_FOLLOW_UP_SELECT, PROGRAM_ACTIVITY_SQL, ROTATION_COLUMNS,
    STATUS_CHANGE_COLUMNS, bind_letter, bind_rotation,
};

#[cfg(test)]
mod column_lists {
    use super::program::program_fields;
    use super::*;

    fn words(list: &str) -> Vec<&str> {
        list.split(',').map(str::trim).collect()
    }

    #[test]
    fn readers_find_columns_where_the_selects_put_them() {
        let program_fields = program_fields();
        assert_eq!(words(program_columns()), program_fields);
        assert_eq!(words(INTERACTION_COLUMNS), INTERACTION_FIELDS);
        // The program reader expects the row's own columns around the
        // field table's: id first, the timestamps last.
        assert_eq!(position(program_fields, "id"), 0);
        assert_eq!(
            position(program_fields, "updated_at"),
            program_fields.len() - 1
        );
        assert_eq!(position(program_fields, "nope"), program_fields.len());
    }
}
