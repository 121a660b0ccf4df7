-- Written by `USCE_WRITE_SCHEMA=1 cargo test --lib schema` from the
-- steps in migrations.rs; do not edit by hand.

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
, main_phone TEXT NOT NULL DEFAULT '', nrmp_code TEXT, required_docs TEXT NOT NULL DEFAULT '[]', application_fee TEXT NOT NULL DEFAULT '', housing TEXT NOT NULL DEFAULT '', application_deadline TEXT NOT NULL DEFAULT '', onboarding_notes TEXT NOT NULL DEFAULT '') STRICT;

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
, title TEXT, preferred_name TEXT NOT NULL DEFAULT '') STRICT;

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
, attach_from_profile INTEGER NOT NULL DEFAULT 0
    CHECK (attach_from_profile IN (0, 1))) STRICT;

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
, usmle_id TEXT NOT NULL DEFAULT '') STRICT;

CREATE TABLE states_done (
    state   TEXT PRIMARY KEY NOT NULL,
    done_at TEXT NOT NULL
) STRICT;

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

CREATE INDEX interactions_by_program_direction_at ON interactions (program_id, direction, at);

CREATE TABLE draft_answers (
    draft_id     INTEGER PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
    follow_up_id INTEGER NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX draft_answers_by_follow_up ON draft_answers (follow_up_id);

CREATE TABLE "send_ledger" (
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

CREATE UNIQUE INDEX send_ledger_first_send ON send_ledger (program_id, template)
    WHERE again = 0 AND template IS NOT NULL;

CREATE UNIQUE INDEX send_ledger_one_flight_per_draft ON send_ledger (draft_id)
    WHERE state = 'in_flight';

CREATE INDEX send_ledger_by_sent_at ON send_ledger (sent_at);

CREATE INDEX send_ledger_by_draft ON send_ledger (draft_id);

CREATE INDEX send_ledger_by_interaction ON send_ledger (interaction_id);

CREATE INDEX send_ledger_by_contact ON send_ledger (contact_id);

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

CREATE TABLE import_mappings (
    signature  TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL,
    saved_at   TEXT NOT NULL
) STRICT;

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
