-- The letter as a Word document (issue 14): what each province's letter says that no figure decides —
-- issuing body, symbol, place, addressees, grounds, requests, "Nơi nhận", signer — as the JSON of
-- shared/letter/settings.ts LetterSettings (validated by shared/api-schema.ts LetterSettingsSchema on PUT).
-- A province without a row uses its default (Hà Nội's from văn bản 193/UBND-KSTTHC; others built from the
-- name). `version` counts the writes (1 for the first): the ETag is "ls-{province}-v{version}" and a PUT
-- replaces the row only when its If-Match names the version stored (never overwritten silently).
-- (0006 is another branch's.)
CREATE TABLE letter_settings (
  province TEXT PRIMARY KEY,
  settings TEXT NOT NULL CHECK (json_valid(settings)),
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
