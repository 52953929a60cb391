-- chiso766 storage. Numbered migrations; never edit one that has been applied.

-- API keys: only the SHA-256 of the secret is stored.
CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  key_hash    TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  province    TEXT NOT NULL,             -- "HN", or "*" for every province
  scopes      TEXT NOT NULL,             -- "read" or "read,write"
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);

-- Provinces whose stored months anyone may read without a key.
CREATE TABLE province_settings (
  province    TEXT PRIMARY KEY,
  public_read INTEGER NOT NULL DEFAULT 0 CHECK (public_read IN (0, 1))
);

-- The current revision of each stored period (the row a write races on).
CREATE TABLE period_heads (
  province    TEXT NOT NULL,
  period      TEXT NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  etag        TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (province, period)
);

-- Every revision ever stored: immutable.
CREATE TABLE period_revisions (
  province    TEXT NOT NULL,
  period      TEXT NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  etag        TEXT NOT NULL,
  checksum    TEXT NOT NULL,             -- SHA-256 of the canonical JSON of the datasets
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,             -- key label
  note        TEXT,
  meta        TEXT NOT NULL,             -- JSON: dataTimestamp, summary, letter, row counts
  PRIMARY KEY (province, period, revision)
);

-- The rows of each revision's datasets, one row per unit row, written in chunks in the same batch.
CREATE TABLE period_rows (
  province    TEXT NOT NULL,
  period      TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  dataset     TEXT NOT NULL CHECK (dataset IN ('unitScores', 'overdueDossiers', 'overduePetitions')),
  row_no      INTEGER NOT NULL CHECK (row_no >= 1),
  payload     TEXT NOT NULL,             -- JSON of the row as sent
  PRIMARY KEY (province, period, revision, dataset, row_no)
);

-- Aliases clerks add for unit names the catalog does not know yet.
CREATE TABLE unit_aliases (
  province    TEXT NOT NULL,
  alias_key   TEXT NOT NULL,             -- folded alias
  alias       TEXT NOT NULL,
  unit_id     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  PRIMARY KEY (province, alias_key)
);
