-- Feedback keeps the dossier code as the sender typed it. The intake answers the same whether
-- or not such a dossier exists (an anonymous form must not tell which codes exist); the row is
-- linked to the dossier, and routed to its agency, only when it does.
ALTER TABLE feedback ADD COLUMN dossier_code TEXT;
UPDATE feedback SET dossier_code = (SELECT code FROM dossiers WHERE id = feedback.dossier_id) WHERE dossier_id IS NOT NULL;
