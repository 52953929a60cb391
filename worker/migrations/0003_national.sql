-- National summaries (the portal's service-results: each province's total and six group scores), as
-- immutable revisions per period, each linked to the fetch (portal_fetches, province 'VN') whose raw
-- answer it was read from. A revision is added only when the summary changed (checksum).
CREATE TABLE national_revisions (
  period      TEXT NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  etag        TEXT NOT NULL,
  checksum    TEXT NOT NULL,             -- SHA-256 of the canonical JSON of the summary
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,             -- key label
  fetch_id    TEXT NOT NULL REFERENCES portal_fetches (id),
  summary     TEXT NOT NULL,             -- JSON: the summary as read (shared/portal/national-2026.ts)
  PRIMARY KEY (period, revision)
);
