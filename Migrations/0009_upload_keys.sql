-- Idempotency keys of document uploads (`POST /api/v1/dossiers/{code}/documents` with an
-- `Idempotency-Key` header), as 0008 does for intakes: a retried upload answers the documents the
-- first request added instead of adding them again. `document_ids` lists those documents' ids in
-- order, comma-separated; `fingerprint` is the SHA-256 of the dossier code and each file's name,
-- type and content.
CREATE TABLE upload_keys (
    user_id      INTEGER NOT NULL REFERENCES users(id),
    key          TEXT NOT NULL,
    fingerprint  BLOB NOT NULL,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
    document_ids TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
