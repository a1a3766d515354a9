-- Running counts of dossiers for the dashboard summary, kept by triggers in the same
-- transaction as every change to a dossier, so the province-wide figures never need a scan of
-- the whole dossiers table. One row per combination of the attributes the summary groups or
-- filters by; `timing` is '' while a dossier is unfinished, else early / on_time / late
-- against original_due_at (BRIEF.md "Timing").

-- BRIEF.md "Timing" of a finished dossier, computed by SQLite from the row itself.
ALTER TABLE dossiers ADD COLUMN counted_timing TEXT GENERATED ALWAYS AS (
    CASE WHEN finished_at IS NULL THEN ''
         WHEN finished_at > original_due_at THEN 'late'
         WHEN substr(finished_at, 1, 10) < substr(original_due_at, 1, 10) THEN 'early'
         ELSE 'on_time' END) VIRTUAL;

CREATE TABLE dossier_counters (
    agency_id         INTEGER NOT NULL,
    desk_agency_id    INTEGER NOT NULL,
    current_agency_id INTEGER NOT NULL,
    channel           TEXT NOT NULL,
    status            TEXT NOT NULL,
    is_received       INTEGER NOT NULL,
    timing            TEXT NOT NULL,
    is_digitized      INTEGER NOT NULL,
    count             INTEGER NOT NULL,
    PRIMARY KEY (agency_id, desk_agency_id, current_agency_id, channel, status, is_received, timing, is_digitized)
) WITHOUT ROWID;

CREATE TRIGGER dossier_counters_insert AFTER INSERT ON dossiers
BEGIN
    INSERT INTO dossier_counters VALUES (
        NEW.agency_id, NEW.desk_agency_id, NEW.current_agency_id, NEW.channel, NEW.status,
        NEW.received_at IS NOT NULL,
        NEW.counted_timing,
        NEW.document_count > 0, 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER dossier_counters_delete AFTER DELETE ON dossiers
BEGIN
    UPDATE dossier_counters SET count = count - 1
    WHERE agency_id = OLD.agency_id AND desk_agency_id = OLD.desk_agency_id
      AND current_agency_id = OLD.current_agency_id AND channel = OLD.channel AND status = OLD.status
      AND is_received = (OLD.received_at IS NOT NULL)
      AND timing = OLD.counted_timing
      AND is_digitized = (OLD.document_count > 0);
END;

-- An update is a removal of the old combination and an addition of the new one.
CREATE TRIGGER dossier_counters_update AFTER UPDATE OF agency_id, desk_agency_id, current_agency_id, channel,
    status, received_at, finished_at, original_due_at, document_count ON dossiers
BEGIN
    UPDATE dossier_counters SET count = count - 1
    WHERE agency_id = OLD.agency_id AND desk_agency_id = OLD.desk_agency_id
      AND current_agency_id = OLD.current_agency_id AND channel = OLD.channel AND status = OLD.status
      AND is_received = (OLD.received_at IS NOT NULL)
      AND timing = OLD.counted_timing
      AND is_digitized = (OLD.document_count > 0);
    INSERT INTO dossier_counters VALUES (
        NEW.agency_id, NEW.desk_agency_id, NEW.current_agency_id, NEW.channel, NEW.status,
        NEW.received_at IS NOT NULL,
        NEW.counted_timing,
        NEW.document_count > 0, 1)
    ON CONFLICT DO UPDATE SET count = count + 1;
END;

-- Existing dossiers.
INSERT INTO dossier_counters
SELECT agency_id, desk_agency_id, current_agency_id, channel, status, received_at IS NOT NULL,
       counted_timing, document_count > 0, COUNT(*)
FROM dossiers GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- Unfinished received dossiers by due date: the overdue count of the summary is a range
-- count over this index, not a scan.
CREATE INDEX dossiers_open_due ON dossiers(original_due_at)
    WHERE finished_at IS NULL AND received_at IS NOT NULL;
