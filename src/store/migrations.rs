//! Schema history, versioned on `PRAGMA user_version`.
//!
//! The list is append-only: a step that has shipped is never edited, because
//! databases out there have already run it. To change the schema, add a step
//! with a comment saying why. Step N (1-based) brings the file to version N.

use rusqlite::Connection;

use super::{Doing, Result, StoreError};

/// Every schema step in order. Enums are stored as their text codes and
/// dates as text (`YYYY-MM-DD`, RFC 3339 for instants), so rows stay readable
/// in the sqlite3 shell and survive reordering of enum variants. Tables are
/// STRICT so a conversion bug fails loudly instead of storing the wrong type.
pub(super) const STEPS: &[&str] = &[
    // 1: the initial schema. Child rows cascade with their program because a
    // contact or log entry without its program means nothing; links to a
    // contact become NULL when the contact goes, because the log entry itself
    // is still history. Every foreign-key column is indexed so cascades and
    // SET NULL do not scan 100k-row tables.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE programs (
    id                  INTEGER PRIMARY KEY,
    external_id         TEXT UNIQUE,
    name                TEXT NOT NULL,
    institution         TEXT NOT NULL DEFAULT '',
    specialty           TEXT NOT NULL DEFAULT '',
    state               TEXT NOT NULL,
    city                TEXT NOT NULL DEFAULT '',
    website             TEXT NOT NULL DEFAULT '',
    accepts_imgs        TEXT NOT NULL,
    visa                TEXT NOT NULL,
    img_percent         INTEGER CONSTRAINT img_percent_0_to_100
                            CHECK (img_percent BETWEEN 0 AND 100),
    grad_within_years   INTEGER CONSTRAINT grad_within_years_not_negative
                            CHECK (grad_within_years >= 0),
    step1_pass_required TEXT NOT NULL,
    min_step2_score     INTEGER CONSTRAINT min_step2_score_1_to_300
                            CHECK (min_step2_score BETWEEN 1 AND 300),
    takes_graduates     TEXT NOT NULL,
    rotation_kinds      TEXT NOT NULL DEFAULT '[]',
    hands_on            TEXT NOT NULL,
    weeks               INTEGER CONSTRAINT weeks_not_negative CHECK (weeks >= 0),
    fee                 TEXT NOT NULL DEFAULT '',
    applications_open   TEXT,
    route               TEXT,
    tags                TEXT NOT NULL DEFAULT '[]',
    status              TEXT NOT NULL,
    notes               TEXT NOT NULL DEFAULT '',
    is_sample           INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX programs_by_state ON programs (state);
CREATE INDEX programs_samples ON programs (is_sample) WHERE is_sample = 1;

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    linkedin   TEXT NOT NULL DEFAULT '',
    preferred  TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    as_of      TEXT,
    notes      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX contacts_by_program ON contacts (program_id);

CREATE TABLE interactions (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    at         TEXT NOT NULL,
    channel    TEXT NOT NULL,
    direction  TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    eml_path   TEXT
) STRICT;
CREATE INDEX interactions_by_program_at ON interactions (program_id, at);
CREATE INDEX interactions_by_contact ON interactions (contact_id);

CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    template    TEXT,
    to_addr     TEXT NOT NULL DEFAULT '',
    cc          TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    attachments TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL,
    message_id  TEXT,
    sent_at     TEXT,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX drafts_by_program_updated ON drafts (program_id, updated_at);
CREATE INDEX drafts_by_contact ON drafts (contact_id);

CREATE TABLE follow_ups (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    contact_id   INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    due          TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    done_at      TEXT,
    snoozed_from TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX follow_ups_by_program ON follow_ups (program_id, due);
CREATE INDEX follow_ups_by_due ON follow_ups (due) WHERE done_at IS NULL;
CREATE INDEX follow_ups_by_contact ON follow_ups (contact_id);

CREATE TABLE profile (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    full_name           TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    medical_school      TEXT NOT NULL DEFAULT '',
    country             TEXT NOT NULL DEFAULT '',
    graduation_year     INTEGER,
    is_student          INTEGER NOT NULL DEFAULT 0 CHECK (is_student IN (0, 1)),
    step1               TEXT NOT NULL,
    step2_score         INTEGER CONSTRAINT step2_score_1_to_300
                            CHECK (step2_score BETWEEN 1 AND 300),
    ecfmg_status        TEXT NOT NULL DEFAULT '',
    needs_visa          INTEGER NOT NULL DEFAULT 0 CHECK (needs_visa IN (0, 1)),
    target_specialty    TEXT NOT NULL DEFAULT '',
    related_specialties TEXT NOT NULL DEFAULT '[]',
    available           TEXT NOT NULL DEFAULT '',
    home_state          TEXT,
    signature           TEXT NOT NULL DEFAULT '',
    cv_path             TEXT NOT NULL DEFAULT '',
    scores_path         TEXT NOT NULL DEFAULT ''
) STRICT;
"#,
    // 2: states the applicant has marked done, so "expand state by state"
    // can suggest the next ones. A row's presence is the mark; done_at
    // records when, for the user's own history.
    r#"
CREATE TABLE states_done (
    state   TEXT PRIMARY KEY NOT NULL,
    done_at TEXT NOT NULL
) STRICT;
"#,
    // 3: follow-through after outreach. Status history, so the log can show
    // when a program moved along the pipeline; rotations actually booked;
    // and letters of recommendation, the point of a rotation. A letter is
    // the applicant's even when its program or rotation row is deleted, so
    // those links become NULL instead of cascading.
    r#"
CREATE TABLE status_changes (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL
) STRICT;
CREATE INDEX status_changes_by_program_at ON status_changes (program_id, at);

CREATE TABLE rotations (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    start_day  TEXT NOT NULL,
    end_day    TEXT NOT NULL,
    specialty  TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    hands_on   INTEGER NOT NULL DEFAULT 0 CHECK (hands_on IN (0, 1)),
    weeks      INTEGER CONSTRAINT rotation_weeks_not_negative CHECK (weeks >= 0),
    fee        TEXT NOT NULL DEFAULT '',
    CONSTRAINT rotation_ends_after_start CHECK (end_day >= start_day)
) STRICT;
CREATE INDEX rotations_by_program ON rotations (program_id, start_day);

CREATE TABLE letters (
    id                     INTEGER PRIMARY KEY,
    program_id             INTEGER REFERENCES programs (id) ON DELETE SET NULL,
    rotation_id            INTEGER REFERENCES rotations (id) ON DELETE SET NULL,
    writer                 TEXT NOT NULL,
    writer_is_us_physician INTEGER NOT NULL DEFAULT 0
                               CHECK (writer_is_us_physician IN (0, 1)),
    requested_on           TEXT,
    received_on            TEXT,
    uploaded_to_eras       INTEGER NOT NULL DEFAULT 0 CHECK (uploaded_to_eras IN (0, 1)),
    notes                  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX letters_by_program ON letters (program_id);
CREATE INDEX letters_by_rotation ON letters (rotation_id);
"#,
    // 4: the send ledger. Batch outreach must never send a program the same
    // template twice, even across crashes and reruns; the UNIQUE pair makes
    // that a database guarantee rather than a check in code. `sent_at` is
    // indexed for the "how many sent today" daily cap.
    r#"
CREATE TABLE send_ledger (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    template   TEXT NOT NULL,
    message_id TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    eml_path   TEXT,
    UNIQUE (program_id, template)
) STRICT;
CREATE INDEX send_ledger_by_sent_at ON send_ledger (sent_at);
"#,
    // 5: each program's latest reply, which the list's "next step" needs for
    // every program at start-up, comes straight from this index instead of
    // a scan of the program's whole log per row.
    r#"
CREATE INDEX interactions_by_program_direction_at ON interactions (program_id, direction, at);
"#,
    // 6: the program's own phone line, distinct from its coordinator's.
    // Program lists give it under a bare "phone" header, and it used to be
    // stored as the coordinator's. Existing programs get an empty one:
    // nothing recorded says which of their numbers was the main line.
    r#"
ALTER TABLE programs ADD COLUMN main_phone TEXT NOT NULL DEFAULT '';
"#,
    // 7: which follow-up a draft was written to answer (the Due
    // view's `c`), so sending it closes exactly that one. A table of its
    // own rather than a drafts column: the link is optional, few drafts
    // have one, and it goes with either row (CASCADE) without touching the
    // drafts schema other work changes.
    r#"
CREATE TABLE draft_answers (
    draft_id     INTEGER PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
    follow_up_id INTEGER NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX draft_answers_by_follow_up ON draft_answers (follow_up_id);
"#,
    // 8: drafts attach the profile's files as they are at send time; see
    // `ATTACH_FROM_PROFILE` (its own constant so its data test can run it).
    ATTACH_FROM_PROFILE,
    // 9: salutations that fit: a letter greets "Dear Dr. O'Brien-Núñez," only
    // when it knows the person's title, and "Dear Dana," when they go by a
    // preferred name, so contacts get both (NULL: no title known; existing
    // contacts keep greeting by their full name). The profile gets the
    // ECFMG/USMLE ID that signatures carry under the applicant's name.
    r#"
ALTER TABLE contacts ADD COLUMN title TEXT;
ALTER TABLE contacts ADD COLUMN preferred_name TEXT NOT NULL DEFAULT '';
ALTER TABLE profile ADD COLUMN usmle_id TEXT NOT NULL DEFAULT '';
"#,
    // 10: never a double send, and a sent email that stays as it went.
    // The ledger gains the person, the draft, the log entry and a state:
    // an "in_flight" row is written before the message is handed to the
    // server and becomes "sent" in the transaction that records the send,
    // so a process that dies between the server's 250 and that write
    // leaves a row the next start resolves instead of sending again. Every
    // send gets a row (a template-less one too); the first send of a
    // template to a program is unique, and a deliberate repeat ("send
    // again") is marked `again`. Old rows are copied, and sends recorded
    // before the ledger knew untemplated mail are added from their drafts.
    //
    // Drafts: one live draft per person at a program (older duplicates
    // lose their person and template, keeping their text, so no batch can
    // pick one up as a second copy of the same request); the template is
    // fixed once composed; a sent draft is frozen (the FK's SET NULL on
    // contact_id still works, it is not among the frozen columns), with
    // the files that actually went (a draft following the profile gets
    // the profile's paths of that moment).
    r#"
CREATE TABLE send_ledger_v2 (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    template       TEXT,
    draft_id       INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
    interaction_id INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
    state          TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('in_flight', 'sent')),
    again          INTEGER NOT NULL DEFAULT 0 CHECK (again IN (0, 1)),
    message_id     TEXT NOT NULL,
    started_at     TEXT,
    sent_at        TEXT,
    eml_path       TEXT,
    -- The files the message carries, as typed (a JSON list), so the sent
    -- email records them even when the draft followed the profile.
    attachments    TEXT,
    CONSTRAINT sent_rows_have_a_time CHECK (state <> 'sent' OR sent_at IS NOT NULL),
    CONSTRAINT flights_have_a_start CHECK (state <> 'in_flight' OR started_at IS NOT NULL)
) STRICT;
INSERT INTO send_ledger_v2
    (program_id, contact_id, template, draft_id, state, again, message_id, started_at,
     sent_at, eml_path)
SELECT l.program_id, d.contact_id, l.template, d.id, 'sent', 0, l.message_id, l.sent_at,
       l.sent_at, l.eml_path
FROM send_ledger l LEFT JOIN drafts d ON d.message_id = l.message_id AND d.program_id = l.program_id;
INSERT INTO send_ledger_v2
    (program_id, contact_id, template, draft_id, state, again, message_id, started_at,
     sent_at)
SELECT d.program_id, d.contact_id, d.template, d.id, 'sent', d.template IS NOT NULL,
       ifnull(d.message_id, ''), ifnull(d.sent_at, d.updated_at), ifnull(d.sent_at, d.updated_at)
FROM drafts d
WHERE d.status = 'sent'
  AND NOT EXISTS (SELECT 1 FROM send_ledger_v2 l WHERE l.draft_id = d.id);
UPDATE send_ledger_v2 SET interaction_id = (
    SELECT i.id FROM interactions i
    WHERE i.program_id = send_ledger_v2.program_id AND i.direction = 'out'
      AND i.eml_path IS NOT NULL
      AND (i.eml_path = send_ledger_v2.eml_path
           OR i.eml_path LIKE '%-' || send_ledger_v2.program_id || '-'
                              || send_ledger_v2.draft_id || '.eml')
    ORDER BY i.id LIMIT 1);
UPDATE send_ledger_v2 SET eml_path = (
    SELECT i.eml_path FROM interactions i WHERE i.id = send_ledger_v2.interaction_id)
WHERE eml_path IS NULL;
DROP TABLE send_ledger;
ALTER TABLE send_ledger_v2 RENAME TO send_ledger;
CREATE UNIQUE INDEX send_ledger_first_send ON send_ledger (program_id, template)
    WHERE again = 0 AND template IS NOT NULL;
CREATE UNIQUE INDEX send_ledger_one_flight_per_draft ON send_ledger (draft_id)
    WHERE state = 'in_flight';
CREATE INDEX send_ledger_by_sent_at ON send_ledger (sent_at);
CREATE INDEX send_ledger_by_draft ON send_ledger (draft_id);
CREATE INDEX send_ledger_by_interaction ON send_ledger (interaction_id);
CREATE INDEX send_ledger_by_contact ON send_ledger (contact_id);

UPDATE drafts SET contact_id = NULL, template = NULL
WHERE status <> 'sent' AND contact_id IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM drafts newer
    WHERE newer.program_id = drafts.program_id AND newer.contact_id = drafts.contact_id
      AND newer.status <> 'sent'
      AND (newer.updated_at > drafts.updated_at
           OR (newer.updated_at = drafts.updated_at AND newer.id > drafts.id)));
CREATE UNIQUE INDEX drafts_one_live_per_person ON drafts (program_id, contact_id)
    WHERE status <> 'sent' AND contact_id IS NOT NULL;
CREATE TRIGGER drafts_template_is_fixed BEFORE UPDATE OF template ON drafts
WHEN OLD.template IS NOT NULL AND NEW.template IS NOT OLD.template
BEGIN
    SELECT RAISE(ABORT, 'a draft''s template is fixed when it is composed');
END;
CREATE TRIGGER drafts_sent_are_frozen
BEFORE UPDATE OF template, to_addr, cc, subject, body, attachments, attach_from_profile, status,
    message_id, sent_at
ON drafts
WHEN OLD.status = 'sent'
BEGIN
    SELECT RAISE(ABORT, 'a sent email cannot be changed');
END;
"#,
    // h16a: the NRMP program code, its own field beside ACGME's number:
    // Match lists carry it, and duplicates are judged by it when there is
    // no ACGME number. Existing programs have none.
    r#"
ALTER TABLE programs ADD COLUMN nrmp_code TEXT;
"#,
    // h16a: column mappings the user confirmed for a file's headers, kept
    // under the file's header signature (its normalised headers in order)
    // so the next import of the same kind of file reuses them. `mapping`
    // is JSON: header → field key, or null for an ignored column.
    r#"
CREATE TABLE import_mappings (
    signature  TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL,
    saved_at   TEXT NOT NULL
) STRICT;
"#,
    // Issue 17, IMAP sync: where each folder's sync got to (a new
    // UIDVALIDITY means its UIDs changed and it is read again from the
    // start), every message acted on keyed on its Message-ID (so a
    // message in two folders, or read again, is logged once; proposals
    // wait here for the user's word), and addresses that bounced.
    r#"
CREATE TABLE imap_folders (
    folder       TEXT PRIMARY KEY,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL
) STRICT;
CREATE TABLE inbound_messages (
    message_id     TEXT PRIMARY KEY,
    kind           TEXT NOT NULL
        CHECK (kind IN ('reply', 'auto_reply', 'bounce', 'proposal', 'ignored')),
    program_id     INTEGER REFERENCES programs (id) ON DELETE CASCADE,
    contact_id     INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    interaction_id INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
    from_addr      TEXT NOT NULL DEFAULT '',
    subject        TEXT NOT NULL DEFAULT '',
    snippet        TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL
) STRICT;
CREATE INDEX inbound_messages_by_program ON inbound_messages (program_id);
CREATE INDEX inbound_messages_by_contact ON inbound_messages (contact_id);
CREATE INDEX inbound_messages_by_interaction ON inbound_messages (interaction_id);
CREATE INDEX inbound_messages_by_kind ON inbound_messages (kind);
CREATE TABLE bouncing_addresses (
    address    TEXT PRIMARY KEY COLLATE NOCASE,
    since      TEXT NOT NULL,
    message_id TEXT NOT NULL
) STRICT;
"#,
    // (issue 19) after they say yes: what a program asks for and costs,
    // the applicant's document shelf, applications with their checklists,
    // and what a rotation costs beyond the program's terms. The program's
    // new terms are free text as the program states them (like `fee`),
    // because "apply 3 months ahead" and "$800/month" are what people
    // copy from a program's page. A document that goes leaves the checklist
    // tick it was attached to (the tick records that it was sent); the
    // shelf and applications are the applicant's, not a program's, so
    // applications cascade with their program and ticks with their
    // application.
    r#"
ALTER TABLE programs ADD COLUMN required_docs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE programs ADD COLUMN application_fee TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN housing TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN application_deadline TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN onboarding_notes TEXT NOT NULL DEFAULT '';

CREATE TABLE documents (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (trim(kind) <> ''),
    path      TEXT NOT NULL DEFAULT '',
    obtained  TEXT,
    expires   TEXT,
    notes     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX documents_by_kind ON documents (kind);

CREATE TABLE applications (
    id           INTEGER PRIMARY KEY,
    program_id   INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    rotation_id  INTEGER REFERENCES rotations (id) ON DELETE SET NULL,
    submitted_on TEXT,
    decision     TEXT NOT NULL DEFAULT 'pending',
    decided_on   TEXT
) STRICT;
CREATE INDEX applications_by_program ON applications (program_id);
CREATE INDEX applications_by_rotation ON applications (rotation_id);

CREATE TABLE application_items (
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    sent_on        TEXT,
    document_id    INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    PRIMARY KEY (application_id, kind)
) STRICT;
CREATE INDEX application_items_by_document ON application_items (document_id);

CREATE TABLE rotation_costs (
    rotation_id INTEGER PRIMARY KEY REFERENCES rotations (id) ON DELETE CASCADE,
    travel      INTEGER NOT NULL DEFAULT 0
) STRICT;
"#,
    // (issue 17 item 2) earlier auto-replies join the contact log.
    AUTO_REPLIES_IN_LOG,
];

/// Drafts attach the profile's CV and scores as they are at send time
/// (issue 14: fixing the CV path in the profile did not fix a draft that
/// had copied the old path). Unsent drafts composed from a template whose
/// files are exactly the profile's current ones follow the profile from
/// now on: nothing they send changes today. Any other draft chose its own
/// files, or an old path the user must see, and keeps its list.
pub(super) const ATTACH_FROM_PROFILE: &str = r#"
ALTER TABLE drafts ADD COLUMN attach_from_profile INTEGER NOT NULL DEFAULT 0
    CHECK (attach_from_profile IN (0, 1));
UPDATE drafts SET attach_from_profile = 1, attachments = '[]'
WHERE status != 'sent' AND template IS NOT NULL
  AND json(attachments) = (
    SELECT CASE
        WHEN trim(cv_path) != '' AND trim(scores_path) != ''
            THEN json_array(trim(cv_path), trim(scores_path))
        WHEN trim(cv_path) != '' THEN json_array(trim(cv_path))
        WHEN trim(scores_path) != '' THEN json_array(trim(scores_path))
        ELSE json_array()
    END
    FROM profile WHERE id = 1
  );
"#;

/// The newest schema this build understands.
pub(super) fn latest_version() -> i64 {
    STEPS.len() as i64
}

pub(super) fn read_version(conn: &Connection) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .doing("reading the schema version")
}

/// Fails with `NewerSchema` when the file comes from a newer usce. Only
/// reads, so a refused file is left exactly as it was.
pub(super) fn refuse_newer(conn: &Connection) -> Result<i64> {
    let found = read_version(conn)?;
    if found < 0 {
        return Err(not_usce(conn, format!("schema version {found}")));
    }
    if found > latest_version() {
        return Err(StoreError::NewerSchema {
            found,
            supported: latest_version(),
        });
    }
    Ok(found)
}

fn not_usce(conn: &Connection, detail: String) -> StoreError {
    StoreError::NotUsce {
        path: conn.path().unwrap_or("the database").to_owned(),
        detail,
    }
}

/// Runs every step the database has not seen, all in one transaction: a
/// failure half-way leaves the file at its old version, never in between.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    if refuse_newer(conn)? == latest_version() {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .doing("starting the schema upgrade")?;
    // Read again under the write lock: another usce opening the same new
    // file may have upgraded it while this one waited.
    let found = refuse_newer(&tx)?;
    if found == latest_version() {
        return Ok(());
    }
    let steps: &[&str] = if found == 0 && super::schema::is_blank(&tx)? {
        // A new database: the schema every step makes, in one batch.
        &[super::schema::SCHEMA]
    } else {
        &STEPS[usize::try_from(found).unwrap_or(0)..]
    };
    for step in steps {
        tx.execute_batch(step).map_err(|e| match e {
            // A step that does not fit the file ("table programs already
            // exists"): the file is someone else's, or damaged. rusqlite
            // quotes the whole step after the message; only the message
            // is kept.
            rusqlite::Error::SqlInputError { msg, .. } => not_usce(&tx, msg),
            e => StoreError::sql("upgrading the schema", e),
        })?;
    }
    tx.pragma_update(None, "user_version", latest_version())
        .doing("recording the schema version")?;
    tx.commit().doing("committing the schema upgrade")
}

/// Issue 17 item 2: auto-replies are logged as auto-reply entries
/// (direction 'auto_reply', which nothing counts as an answer). Those a
/// sync recorded before only in inbound_messages join the contact log
/// now, linked as a reply's row is, so the log tells the whole story.
pub(super) const AUTO_REPLIES_IN_LOG: &str = r#"
INSERT INTO interactions (program_id, contact_id, at, channel, direction, summary)
SELECT m.program_id, m.contact_id, m.at, 'email', 'auto_reply',
       CASE WHEN trim(m.subject) = '' THEN '(no subject)' ELSE trim(m.subject) END
FROM inbound_messages m
WHERE m.kind = 'auto_reply' AND m.interaction_id IS NULL
  AND m.program_id IN (SELECT id FROM programs);
UPDATE inbound_messages SET interaction_id =
    (SELECT max(i.id) FROM interactions i
     WHERE i.program_id = inbound_messages.program_id AND i.at = inbound_messages.at
       AND i.direction = 'auto_reply')
WHERE kind = 'auto_reply' AND interaction_id IS NULL;
"#;
