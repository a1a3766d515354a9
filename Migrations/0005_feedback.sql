-- Feedback (phản ánh, kiến nghị) about procedures and officers: received without login,
-- routed to the agency it concerns (given, or the responsible agency of the dossier named),
-- answered by that agency's staff, optionally published.

CREATE TABLE feedback (
    id              INTEGER PRIMARY KEY,
    content         TEXT NOT NULL,
    contact_name    TEXT NOT NULL,
    contact_phone   TEXT,
    contact_email   TEXT,
    dossier_id      INTEGER REFERENCES dossiers(id),
    agency_id       INTEGER REFERENCES agencies(id),     -- NULL: for the provincial office to route
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
    answer          TEXT,
    is_published    INTEGER NOT NULL DEFAULT 0 CHECK (is_published IN (0, 1)),
    answered_by     INTEGER REFERENCES users(id),
    answered_at     TEXT,
    created_at      TEXT NOT NULL,
    CHECK ((status = 'answered') = (answer IS NOT NULL))
);
CREATE INDEX feedback_agency_status ON feedback(agency_id, status, id);
CREATE INDEX feedback_status ON feedback(status, id);
