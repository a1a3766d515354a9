-- MotCua core schema: organisation, accounts, sessions, catalogue, dossiers, events.
-- Times are ISO-8601 text in Vietnam time with offset (2025-03-14T08:30:00+07:00), so that
-- text order is time order. Money is integer đồng.

CREATE TABLE agencies (
    id              INTEGER PRIMARY KEY,
    parent_id       INTEGER REFERENCES agencies(id),
    level           TEXT NOT NULL CHECK (level IN ('province', 'department', 'district', 'commune')),
    name            TEXT NOT NULL,
    -- Electronic identifier of the agency in the national format V1V2V3.Z1Z2.Y1Y2.MX1X2
    -- (TT 01/2018 Đ19), the first part of every dossier code it receives.
    identifier      TEXT NOT NULL UNIQUE,
    online_rate     REAL,          -- share of online submissions, Q1/2023 (demo history)
    online_payment_rate REAL,      -- share of online payments, Q1/2023 (demo history)
    note            TEXT
);
CREATE INDEX agencies_parent ON agencies(parent_id);

-- One-stop desks that receive dossiers on behalf of other agencies (the provincial Public
-- Administration Service Centre receives for the departments). Every agency's own desk
-- receives for itself without a row here.
CREATE TABLE desk_services (
    desk_agency_id  INTEGER NOT NULL REFERENCES agencies(id),
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    PRIMARY KEY (desk_agency_id, agency_id)
) WITHOUT ROWID;

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    full_name       TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('citizen', 'counter_officer', 'specialist', 'leader',
                        'agency_admin', 'province_monitor', 'admin', 'integration')),
    agency_id       INTEGER REFERENCES agencies(id),
    -- pbkdf2-sha256$<iterations>$<salt hex>$<key hex>
    password_hash   TEXT NOT NULL,
    id_number       TEXT,
    phone           TEXT,
    email           TEXT,
    is_active       INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    CHECK (role IN ('citizen', 'province_monitor', 'admin', 'integration') OR agency_id IS NOT NULL)
);
CREATE INDEX users_agency ON users(agency_id);

CREATE TABLE sessions (
    token_hash      BLOB PRIMARY KEY,          -- SHA-256 of the bearer token; the token is never stored
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE procedures (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,      -- national code of the CSDL TTHC
    name            TEXT NOT NULL,
    field           TEXT NOT NULL,
    level           TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    -- The department for province-level procedures; NULL for district and commune procedures,
    -- which every district or commune performs for its own area.
    agency_id       INTEGER REFERENCES agencies(id),
    time_limit_value INTEGER NOT NULL CHECK (time_limit_value > 0),
    time_limit_unit TEXT NOT NULL CHECK (time_limit_unit IN ('working_days', 'working_hours')),
    fee_vnd         INTEGER CHECK (fee_vnd IS NULL OR fee_vnd >= 0),   -- NULL: not known (never free)
    fee_note        TEXT,
    online_level    TEXT NOT NULL CHECK (online_level IN ('none', 'partial', 'full')),
    documents       TEXT NOT NULL DEFAULT '[]',   -- JSON [{"name","required","copies"}]
    steps           TEXT NOT NULL DEFAULT '[]',   -- JSON [{"name","role","time_limit"}]
    legal_basis     TEXT,
    search_text     TEXT NOT NULL DEFAULT '',     -- name and field folded for diacritic-free search
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (level <> 'province' OR agency_id IS NOT NULL)
);
CREATE INDEX procedures_agency ON procedures(agency_id);

-- Daily sequence of dossier codes per receiving agency (gap-free within a day).
CREATE TABLE dossier_sequences (
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    day             TEXT NOT NULL,               -- YYMMDD
    last_value      INTEGER NOT NULL,
    PRIMARY KEY (agency_id, day)
) WITHOUT ROWID;

CREATE TABLE dossiers (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    procedure_id    INTEGER NOT NULL REFERENCES procedures(id),
    -- The procedure as it was at receipt: later catalogue edits never move a due date.
    procedure_code  TEXT NOT NULL,
    procedure_name  TEXT NOT NULL,
    time_limit_value INTEGER NOT NULL,
    time_limit_unit TEXT NOT NULL,
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),        -- agency responsible for it
    desk_agency_id  INTEGER NOT NULL REFERENCES agencies(id),        -- desk that received it (code prefix)
    current_agency_id INTEGER NOT NULL REFERENCES agencies(id),      -- agency holding it now
    channel         TEXT NOT NULL CHECK (channel IN ('online', 'counter', 'postal')),
    status          TEXT NOT NULL CHECK (status IN ('submitted', 'supplement_requested', 'refused',
                        'received', 'in_progress', 'paused', 'result_ready', 'returned', 'withdrawn')),
    applicant_name  TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    applicant_phone TEXT NOT NULL,
    applicant_email TEXT,
    applicant_address TEXT,
    applicant_user_id INTEGER REFERENCES users(id),
    note            TEXT,
    submitted_at    TEXT NOT NULL,
    received_at     TEXT,
    due_at          TEXT,
    original_due_at TEXT,
    finished_at     TEXT,
    assignee_id     INTEGER REFERENCES users(id),
    result_summary  TEXT,
    result_number   TEXT,
    created_by      INTEGER REFERENCES users(id),
    document_count  INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL
);
CREATE INDEX dossiers_agency_status ON dossiers(agency_id, status);
CREATE INDEX dossiers_desk_status ON dossiers(desk_agency_id, status);
CREATE INDEX dossiers_current_agency_status ON dossiers(current_agency_id, status, due_at);
CREATE INDEX dossiers_applicant_user ON dossiers(applicant_user_id) WHERE applicant_user_id IS NOT NULL;

-- Append-only audit trail, one row per action, chained by SHA-256: each row's hash covers
-- its content and the previous row's hash. seq is the commit order (gap-free).
CREATE TABLE dossier_events (
    seq             INTEGER PRIMARY KEY,
    dossier_id      INTEGER NOT NULL REFERENCES dossiers(id),
    at              TEXT NOT NULL,
    action          TEXT NOT NULL,
    actor_id        INTEGER REFERENCES users(id),
    actor_name      TEXT NOT NULL,
    actor_role      TEXT NOT NULL,
    from_status     TEXT,
    to_status       TEXT NOT NULL,
    national_status INTEGER NOT NULL CHECK (national_status BETWEEN 1 AND 10),
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    note            TEXT,
    previous_hash   TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, seq);

CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier_events is append-only'); END;

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    dossier_id      INTEGER NOT NULL REFERENCES dossiers(id),
    name            TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,               -- content address in the document store
    is_result       INTEGER NOT NULL DEFAULT 0,
    uploaded_by     INTEGER REFERENCES users(id),
    uploaded_at     TEXT NOT NULL
);
CREATE INDEX documents_dossier ON documents(dossier_id);

-- Days that differ from the plain Monday–Friday week (BRIEF: working-day calendar).
CREATE TABLE calendar_days (
    date            TEXT PRIMARY KEY,            -- YYYY-MM-DD
    kind            TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name            TEXT NOT NULL,
    provisional     INTEGER NOT NULL DEFAULT 0   -- derived by rule, not yet decided officially
) WITHOUT ROWID;

CREATE TABLE ratings (
    dossier_id      INTEGER PRIMARY KEY REFERENCES dossiers(id),
    contacts        INTEGER NOT NULL CHECK (contacts BETWEEN 0 AND 2),
    organisations   INTEGER NOT NULL CHECK (organisations BETWEEN 0 AND 2),
    attitude        INTEGER NOT NULL CHECK (attitude BETWEEN 0 AND 2),
    satisfied       INTEGER NOT NULL CHECK (satisfied IN (0, 1)),
    comment         TEXT,
    rated_at        TEXT NOT NULL
);

CREATE TABLE settings (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
) WITHOUT ROWID;
