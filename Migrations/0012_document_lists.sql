-- The dossier's documents packed into its own row (Sources/Domain/DocumentList.swift), as 0010
-- did for its events: documents stays the record; this is a copy written in the same
-- transaction as each change of them. NULL means not packed: readers then query documents.
ALTER TABLE dossiers ADD COLUMN document_list BLOB;
-- The dossiers with documents but no packed list yet (written before this migration): the
-- housekeeping pass packs them through this index, which is empty once they are done.
CREATE INDEX dossiers_unpacked_documents ON dossiers(id) WHERE document_list IS NULL AND document_count > 0;
