-- The procedure as it was at a dossier's receipt (code, name, time limit: 0001 keeps them so
-- that later catalogue edits never move a due date or rename a dossier's procedure), stored
-- once per distinct version instead of in every dossier row. A province's dossiers fall under
-- a few hundred procedures, and the name alone averages ~93 bytes of UTF-8: a fifth of a row,
-- and of the pages that reading dossiers by code keeps in memory (BENCHMARKS.md, 2026-12-08).
-- A snapshot is never changed or deleted; an edit of the catalogue makes a new one at the next
-- intake (ProcedureSnapshots.swift).
CREATE TABLE procedure_snapshots (
    id              INTEGER PRIMARY KEY,
    procedure_id    INTEGER NOT NULL REFERENCES procedures(id),
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    time_limit_value INTEGER NOT NULL,
    time_limit_unit TEXT NOT NULL,
    UNIQUE (procedure_id, code, name, time_limit_value, time_limit_unit)
);

CREATE TRIGGER procedure_snapshots_no_update BEFORE UPDATE ON procedure_snapshots
BEGIN SELECT RAISE(ABORT, 'procedure_snapshots is append-only'); END;
CREATE TRIGGER procedure_snapshots_no_delete BEFORE DELETE ON procedure_snapshots
BEGIN SELECT RAISE(ABORT, 'procedure_snapshots is append-only'); END;

INSERT INTO procedure_snapshots (procedure_id, code, name, time_limit_value, time_limit_unit)
SELECT DISTINCT procedure_id, procedure_code, procedure_name, time_limit_value, time_limit_unit
FROM dossiers ORDER BY procedure_id, procedure_code, procedure_name, time_limit_value, time_limit_unit;

-- ADD COLUMN cannot add NOT NULL without a default, nor a REFERENCES column with one; the
-- constraint is added below, once every row has its value.
ALTER TABLE dossiers ADD COLUMN procedure_snapshot_id INTEGER REFERENCES procedure_snapshots(id);

UPDATE dossiers SET procedure_snapshot_id = (
    SELECT s.id FROM procedure_snapshots s
    WHERE s.procedure_id = dossiers.procedure_id AND s.code = dossiers.procedure_code
      AND s.name = dossiers.procedure_name AND s.time_limit_value = dossiers.time_limit_value
      AND s.time_limit_unit = dossiers.time_limit_unit);

ALTER TABLE dossiers DROP COLUMN procedure_code;
ALTER TABLE dossiers DROP COLUMN procedure_name;
ALTER TABLE dossiers DROP COLUMN time_limit_value;
ALTER TABLE dossiers DROP COLUMN time_limit_unit;

-- NOT NULL, by the procedure migration 0007 follows ("Making Other Kinds Of Table Schema
-- Changes", https://www.sqlite.org/lang_altertable.html#otheralter): it changes no stored
-- value, and the UPDATE above gave every row one (each row's own values were copied into
-- procedure_snapshots first, so the lookup cannot miss). A definition that does not read as
-- ADD COLUMN wrote it is left unchanged.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'procedure_snapshot_id INTEGER REFERENCES procedure_snapshots(id)',
    'procedure_snapshot_id INTEGER NOT NULL REFERENCES procedure_snapshots(id)')
WHERE type = 'table' AND name = 'dossiers';
PRAGMA writable_schema = RESET;

CREATE TABLE schema_version_change (unused INTEGER);
DROP TABLE schema_version_change;
