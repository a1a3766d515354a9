-- Idempotency keys of intakes: a client that sends `POST /api/v1/dossiers` with an
-- `Idempotency-Key` header and loses the answer (a dropped connection, a timeout) can send the
-- same request again and gets the dossier the first one created, not a second dossier
-- (draft-ietf-httpapi-idempotency-key-header). Keys belong to the user who sent them; a key is
-- honoured for 24 hours, then may be used again. `fingerprint` is the SHA-256 of the validated
-- intake, so the same key with a different dossier is refused instead of replayed.
CREATE TABLE intake_keys (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    key         TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
