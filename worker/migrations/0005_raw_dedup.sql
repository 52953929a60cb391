-- Raw portal answers stored once (issue 11 item 5). Before this migration every fetch inserted its raw
-- bodies again into portal_raw, also when the answer came from the Cache API or equalled yesterday's.
-- Now a body is kept once in portal_bodies under the SHA-256 of its text, and each fetch keeps only a
-- reference per criterion and page (portal_answers). `portal_raw` becomes a view with the columns it
-- always had, so every reader of raw answers keeps working.

CREATE TABLE portal_bodies (
  checksum    TEXT PRIMARY KEY,          -- SHA-256 (hex) of the body text; 'pre-0005:…' for rows moved below
  body        TEXT NOT NULL
);

CREATE TABLE portal_answers (
  fetch_id    TEXT NOT NULL REFERENCES portal_fetches (id),
  criterion   TEXT NOT NULL,
  page        INTEGER NOT NULL CHECK (page >= 1),
  request     TEXT NOT NULL,             -- JSON: url and body
  body_checksum TEXT NOT NULL REFERENCES portal_bodies (checksum),
  PRIMARY KEY (fetch_id, criterion, page)
);

-- Rows stored before: SQLite (D1) has no SHA-256 function, so each moves under a key of its own; they are
-- not merged with one another or with later equal bodies (a one-off cost, bounded by the rows that exist).
INSERT INTO portal_bodies (checksum, body)
  SELECT 'pre-0005:' || fetch_id || '/' || criterion || '/' || page, body FROM portal_raw;
INSERT INTO portal_answers (fetch_id, criterion, page, request, body_checksum)
  SELECT fetch_id, criterion, page, request, 'pre-0005:' || fetch_id || '/' || criterion || '/' || page FROM portal_raw;
DROP TABLE portal_raw;

CREATE VIEW portal_raw AS
  SELECT a.fetch_id AS fetch_id, a.criterion AS criterion, a.page AS page, a.request AS request, b.body AS body, a.body_checksum AS body_checksum
  FROM portal_answers a JOIN portal_bodies b ON b.checksum = a.body_checksum;
