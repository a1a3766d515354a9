-- Dossier actions (POST /api/v1/dossiers/{code}/actions): optimistic versions, the way a
-- result was delivered, and the outbox of notices to applicants.

-- Incremented by every action; served as `version` and `ETag: "v<version>"`, checked against
-- `If-Match` (RFC 9110 §13.1.1) so that two officers acting on one stale copy cannot both win.
ALTER TABLE dossiers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- How the result was returned (`deliver`): counter, postal or online.
ALTER TABLE dossiers ADD COLUMN delivered_via TEXT CHECK (delivered_via IN ('counter', 'postal', 'online'));

-- Notices to the applicant, written in the same transaction as the event they tell about
-- (transactional outbox); a delivery worker sends them and records the outcome.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    dossier_id      INTEGER NOT NULL REFERENCES dossiers(id),
    event_seq       INTEGER NOT NULL REFERENCES dossier_events(seq),
    channel         TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient       TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    delivered_at    TEXT
);
CREATE INDEX notifications_pending ON notifications(next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_dossier ON notifications(dossier_id);
