-- The monthly cycle (issue 11): where each revision came from, and which provinces have their figures
-- captured on a schedule.

-- "put" (sent by the add-in's "Lưu kỳ này lên máy chủ" or the API), "portal" (a clerk's portal fetch),
-- "schedule" (the Cron Trigger's snapshot). Revisions stored before this migration were PUTs or fetches:
-- the fetch log says which (portal_fetches.revision), so the backfill below reads it.
ALTER TABLE period_revisions ADD COLUMN source TEXT NOT NULL DEFAULT 'put' CHECK (source IN ('put', 'portal', 'schedule'));
UPDATE period_revisions SET source = 'portal'
  WHERE EXISTS (SELECT 1 FROM portal_fetches f WHERE f.province = period_revisions.province AND f.period = period_revisions.period AND f.revision = period_revisions.revision);

-- Provinces whose figures the Cron Trigger captures (current period and the one just ended).
ALTER TABLE province_settings ADD COLUMN snapshots INTEGER NOT NULL DEFAULT 0 CHECK (snapshots IN (0, 1));
