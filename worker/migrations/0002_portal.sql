-- Portal fetches: every answer kept raw with its request, whether or not the fetch became a revision.

-- One row per fetch attempt of a province's period.
CREATE TABLE portal_fetches (
  id          TEXT PRIMARY KEY,           -- random UUID (known before the batch runs)
  province    TEXT NOT NULL,
  period      TEXT NOT NULL,
  fetched_at  TEXT NOT NULL,
  fetched_by  TEXT NOT NULL,             -- key label
  complete    INTEGER NOT NULL CHECK (complete IN (0, 1)),
  revision    INTEGER,                   -- the revision it became, NULL when it was not stored
  results     TEXT NOT NULL              -- JSON: per criterion ok/attempts/status/error (no bodies)
);
CREATE INDEX portal_fetches_period ON portal_fetches (province, period, id);

-- The raw answers of a fetch, one row per criterion and page, as received (JSON text or a broken body).
CREATE TABLE portal_raw (
  fetch_id    TEXT NOT NULL REFERENCES portal_fetches (id),
  criterion   TEXT NOT NULL,
  page        INTEGER NOT NULL CHECK (page >= 1),
  request     TEXT NOT NULL,             -- JSON: url and body
  body        TEXT NOT NULL,
  PRIMARY KEY (fetch_id, criterion, page)
);

-- Catalogs of provinces without a built-in one, as the portal's last complete answer named the units.
CREATE TABLE portal_catalogs (
  province      TEXT PRIMARY KEY,
  province_name TEXT NOT NULL,
  units         TEXT NOT NULL,           -- JSON: the catalog's units
  updated_at    TEXT NOT NULL
);
