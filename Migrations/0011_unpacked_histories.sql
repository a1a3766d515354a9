-- The dossiers whose events are not packed into their row yet (written before 0010): the
-- housekeeping pass packs them in batches and finds them through this index, which is empty
-- once they are done (new dossiers are written packed).
CREATE INDEX dossiers_unpacked ON dossiers(id) WHERE history IS NULL;
