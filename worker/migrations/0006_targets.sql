-- Targets as versioned data (issue 13): each province's overrides of, and additions to, the built-in
-- targets (shared/plan/targets.ts: the seeds' plan targets and the methodology's thresholds). Every
-- PUT /v1/provinces/{p}/targets stores the province's whole list as a new immutable version; the latest
-- version is the one in use. Two writers racing from the same version insert the same
-- (province, version): the loser's batch fails and stores nothing.

CREATE TABLE target_versions (
  province    TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  etag        TEXT NOT NULL,
  checksum    TEXT NOT NULL,             -- SHA-256 of the canonical JSON of the list
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,             -- key label
  PRIMARY KEY (province, version)
);

-- One row per target of a version, in the order given (position from 1).
CREATE TABLE province_targets (
  province          TEXT NOT NULL,
  version           INTEGER NOT NULL,
  position          INTEGER NOT NULL CHECK (position >= 1),
  id                TEXT NOT NULL,       -- a built-in id replaces that target; a new id adds one
  indicator         TEXT,                -- methodology code; NULL: a target no indicator measures
  name_vi           TEXT NOT NULL,
  min_rate_percent  REAL NOT NULL CHECK (min_rate_percent >= 0 AND min_rate_percent <= 100),
  effective_from    TEXT NOT NULL,       -- ISO date, inclusive
  effective_to      TEXT CHECK (effective_to IS NULL OR effective_to > effective_from), -- ISO date, exclusive
  source            TEXT NOT NULL,       -- the letter or plan that set it
  kind              TEXT NOT NULL CHECK (kind IN ('plan', 'threshold')),
  PRIMARY KEY (province, version, position),
  UNIQUE (province, version, id, effective_from),
  FOREIGN KEY (province, version) REFERENCES target_versions (province, version)
);
