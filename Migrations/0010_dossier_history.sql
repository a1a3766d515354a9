-- The dossier's events packed into its own row (DossierHistory.swift has the format), so that
-- reading a dossier reads one row: dossier_events stays the record, hash-chained and
-- append-only; this is a copy written in the same transaction as each event. NULL means not
-- packed (dossiers written before this migration): readers then use dossier_events.
ALTER TABLE dossiers ADD COLUMN history BLOB;
