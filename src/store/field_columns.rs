//! Where each form's fields are stored, for the one field-save engine in
//! `field_write.rs`: a table, a column per field (declared once, with the
//! value it binds), and the rules the saved row keeps.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Statement};

use super::contacts::{check_email, contact_not_found, get_contact};
use super::convert::{
    Day, INTERACTION_COLUMNS, Json, PROFILE_COLUMNS, Stamp, bind_field, bind_profile,
};
use super::field_write::StoredFields;
use super::letters::{get_letter, letter_not_found};
use super::programs::{checked, get_program, program_not_found};
use super::rotations::{get_rotation, rotation_not_found};
use super::status_history::record_status_change;
use super::{Doing, Result, StoreError};
use crate::domain::contact::validate_email;
use crate::domain::fields::Field;
use crate::domain::record_fields::{ContactField, InteractionField, ProfileField};
use crate::domain::tracking_fields::{LetterField, RotationField};
use crate::domain::{
    Contact, ContactId, Interaction, Letter, LetterId, Profile, Program, ProgramId, Rotation,
    RotationId,
};

/// A field's column and the value it binds, one line per field, so the
/// two cannot drift apart.
macro_rules! columns {
    ($field:ident, $record:ident: $target:ty { $($name:ident => $column:literal, $value:expr;)+ }) => {
        fn column(self) -> &'static str {
            match self { $($field::$name => $column,)+ }
        }
        fn bind(self, stmt: &mut Statement<'_>, i: usize, $record: &$target)
        -> rusqlite::Result<()> {
            match self { $($field::$name => stmt.raw_bind_parameter(i, $value),)+ }
        }
    };
}

impl StoredFields for Field {
    const TABLE: &'static str = "programs";
    const DOING: &'static str = "saving program";
    const STAMPED: Option<&'static str> = Some("updated_at");

    fn row_id(p: &Program) -> i64 {
        p.id.0
    }
    fn column(self) -> &'static str {
        self.spec().column
    }
    fn bind(self, stmt: &mut Statement<'_>, i: usize, p: &Program) -> rusqlite::Result<()> {
        bind_field(stmt, i, self, p)
    }
    fn load(conn: &Connection, id: i64) -> Result<Option<Program>> {
        get_program(conn, ProgramId(id))
    }
    fn not_found(id: i64) -> StoreError {
        program_not_found(ProgramId(id))
    }
    fn prepared(edited: &Program) -> Result<Program> {
        checked(edited)
    }
    fn after_write(
        conn: &Connection,
        before: &Program,
        after: &Program,
        now: DateTime<Utc>,
    ) -> Result<()> {
        record_status_change(conn, after.id, before.status, after.status, now)
    }
}

impl StoredFields for ContactField {
    const TABLE: &'static str = "contacts";
    const DOING: &'static str = "saving contact";

    fn row_id(c: &Contact) -> i64 {
        c.id.0
    }
    columns!(ContactField, c: Contact {
        Role => "role", c.role;
        Name => "name", &c.name;
        Email => "email", &c.email;
        Phone => "phone", &c.phone;
        Title => "title", c.title;
        PreferredName => "preferred_name", &c.preferred_name;
        LinkedIn => "linkedin", &c.linkedin;
        Preferred => "preferred", c.preferred;
        Source => "source", &c.source;
        AsOf => "as_of", c.as_of.map(Day);
        Notes => "notes", &c.notes;
    });
    fn load(conn: &Connection, id: i64) -> Result<Option<Contact>> {
        get_contact(conn, ContactId(id))
    }
    fn not_found(id: i64) -> StoreError {
        contact_not_found(ContactId(id))
    }
    fn prepared(edited: &Contact) -> Result<Contact> {
        check_email(&edited.email)?;
        Ok(edited.clone())
    }
}

impl StoredFields for InteractionField {
    const TABLE: &'static str = "interactions";
    const DOING: &'static str = "saving log entry";

    fn row_id(i: &Interaction) -> i64 {
        i.id.0
    }
    columns!(InteractionField, i: Interaction {
        When => "at", Stamp(i.at);
        Channel => "channel", i.channel;
        Direction => "direction", i.direction;
        Summary => "summary", &i.summary;
    });
    fn load(conn: &Connection, id: i64) -> Result<Option<Interaction>> {
        const DOING: &str = "loading log entry";
        let sql = format!("SELECT {INTERACTION_COLUMNS} FROM interactions WHERE id = ?1");
        conn.prepare_cached(&sql)
            .doing(DOING)?
            .query_row([id], |row| Interaction::try_from(row))
            .optional()
            .doing(DOING)
    }
    fn not_found(id: i64) -> StoreError {
        StoreError::NotFound(format!("log entry {id}"))
    }
    fn check_saved(saved: &Interaction) -> Result<()> {
        match saved.summary.trim().is_empty() {
            true => Err(StoreError::Invalid("say what happened".into())),
            false => Ok(()),
        }
    }
}

impl StoredFields for RotationField {
    const TABLE: &'static str = "rotations";
    const DOING: &'static str = "saving rotation";

    fn row_id(r: &Rotation) -> i64 {
        r.id.0
    }
    columns!(RotationField, r: Rotation {
        Start => "start_day", Day(r.start);
        End => "end_day", Day(r.end);
        Kind => "kind", r.kind;
        HandsOn => "hands_on", r.hands_on;
        Specialty => "specialty", &r.specialty;
        Weeks => "weeks", r.weeks;
        Fee => "fee", &r.fee;
    });
    fn load(conn: &Connection, id: i64) -> Result<Option<Rotation>> {
        get_rotation(conn, RotationId(id))
    }
    fn not_found(id: i64) -> StoreError {
        rotation_not_found(RotationId(id))
    }
    fn check_saved(saved: &Rotation) -> Result<()> {
        saved.validate().map_err(StoreError::Invalid)
    }
}

impl StoredFields for LetterField {
    const TABLE: &'static str = "letters";
    const DOING: &'static str = "saving letter";

    fn row_id(l: &Letter) -> i64 {
        l.id.0
    }
    columns!(LetterField, l: Letter {
        Writer => "writer", &l.writer;
        UsPhysician => "writer_is_us_physician", l.writer_is_us_physician;
        Requested => "requested_on", l.requested_on.map(Day);
        Received => "received_on", l.received_on.map(Day);
        Uploaded => "uploaded_to_eras", l.uploaded_to_eras;
        Notes => "notes", &l.notes;
    });
    fn load(conn: &Connection, id: i64) -> Result<Option<Letter>> {
        get_letter(conn, LetterId(id))
    }
    fn not_found(id: i64) -> StoreError {
        letter_not_found(LetterId(id))
    }
    fn check_saved(saved: &Letter) -> Result<()> {
        saved.validate().map_err(StoreError::Invalid)
    }
}

impl StoredFields for ProfileField {
    const TABLE: &'static str = "profile";
    const DOING: &'static str = "saving profile";

    /// The profile is one row, id 1.
    fn row_id(_: &Profile) -> i64 {
        1
    }
    columns!(ProfileField, p: Profile {
        FullName => "full_name", &p.full_name;
        Email => "email", &p.email;
        Phone => "phone", &p.phone;
        MedicalSchool => "medical_school", &p.medical_school;
        Country => "country", &p.country;
        GraduationYear => "graduation_year", p.graduation_year;
        Student => "is_student", p.is_student;
        Step1 => "step1", p.step1;
        Step2 => "step2_score", p.step2_score;
        Ecfmg => "ecfmg_status", &p.ecfmg_status;
        NeedsVisa => "needs_visa", p.needs_visa;
        TargetSpecialty => "target_specialty", &p.target_specialty;
        Related => "related_specialties", Json(&p.related_specialties);
        Available => "available", &p.available;
        HomeState => "home_state", p.home_state;
        Signature => "signature", &p.signature;
        CvPath => "cv_path", &p.cv_path;
        ScoresPath => "scores_path", &p.scores_path;
        UsmleId => "usmle_id", &p.usmle_id;
    });
    fn load(conn: &Connection, _: i64) -> Result<Option<Profile>> {
        load_profile(conn)
    }
    fn not_found(_: i64) -> StoreError {
        StoreError::NotFound("the profile".into())
    }
    /// Before the first save there is no row: an empty profile's, so the
    /// field's UPDATE has one to change.
    fn ensure_row(conn: &Connection) -> Result<()> {
        const DOING: &str = "saving profile";
        let mut stmt = conn
            .prepare_cached(&insert_profile_sql("INSERT OR IGNORE"))
            .doing(DOING)?;
        bind_profile(&mut stmt, &Profile::default()).doing(DOING)?;
        stmt.raw_execute().doing(DOING)?;
        Ok(())
    }
    fn prepared(edited: &Profile) -> Result<Profile> {
        if !edited.email.is_empty() {
            validate_email(&edited.email).map_err(StoreError::Invalid)?;
        }
        Ok(edited.clone())
    }
}

/// The saved profile row, if there is one.
pub(super) fn load_profile(conn: &Connection) -> Result<Option<Profile>> {
    const DOING: &str = "loading profile";
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM profile WHERE id = 1");
    conn.prepare_cached(&sql)
        .doing(DOING)?
        .query_row([], |row| Profile::try_from(row))
        .optional()
        .doing(DOING)
}

/// The statement that writes the whole profile row (`verb` is `INSERT OR
/// REPLACE` for a save, `INSERT OR IGNORE` to create it only if missing).
pub(super) fn insert_profile_sql(verb: &str) -> String {
    format!(
        "{verb} INTO profile (id, {PROFILE_COLUMNS}) VALUES (1, :full_name, \
         :email, :phone, :medical_school, :country, :graduation_year, :is_student, :step1, \
         :step2_score, :ecfmg_status, :needs_visa, :target_specialty, :related_specialties, \
         :available, :home_state, :signature, :cv_path, :scores_path, :usmle_id)"
    )
}
