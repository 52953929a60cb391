/** A province's letter settings (`letter_settings`, migration 0007): the JSON as PUT stored it and its version. */
import type { LetterSettings } from "../../shared";
import type { Db } from "./session";

export interface LetterSettingsRow {
  readonly settings: LetterSettings;
  /** 1 for the first write, one more for each after it. */
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

interface Raw {
  settings: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

const rowOf = (r: Raw): LetterSettingsRow => ({ settings: JSON.parse(r.settings) as LetterSettings, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by });

/** The province's stored settings, or null when it has none (it then uses its default). */
export async function readLetterSettings(db: Db, province: string): Promise<LetterSettingsRow | null> {
  const row = await db.prepare("SELECT settings, version, updated_at, updated_by FROM letter_settings WHERE province = ?1").bind(province).first<Raw>();
  return row ? rowOf(row) : null;
}

/**
 * Store the settings as version `expected + 1`, only if the stored version is still `expected` (null:
 * only if none is stored). One statement: two writers on the same version cannot both win. Returns the
 * row as stored, or null when another write came first (nothing changed).
 */
export async function writeLetterSettings(db: Db, province: string, settings: LetterSettings, expected: number | null, updatedBy: string, now: string): Promise<LetterSettingsRow | null> {
  const json = JSON.stringify(settings);
  const stmt =
    expected === null
      ? db
          .prepare("INSERT INTO letter_settings (province, settings, version, updated_at, updated_by) VALUES (?1, ?2, 1, ?3, ?4) ON CONFLICT (province) DO NOTHING RETURNING settings, version, updated_at, updated_by")
          .bind(province, json, now, updatedBy)
      : db
          .prepare("UPDATE letter_settings SET settings = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 WHERE province = ?1 AND version = ?5 RETURNING settings, version, updated_at, updated_by")
          .bind(province, json, now, updatedBy, expected);
  const row = await stmt.first<Raw>();
  return row ? rowOf(row) : null;
}
