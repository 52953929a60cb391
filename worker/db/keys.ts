/** API keys (only their SHA-256 is stored) and the per-province read setting. */
import type { Db } from "./session";

export interface KeyRow {
  readonly id: string;
  readonly label: string;
  readonly province: string;
  /** Comma-separated: "read", "read,write". */
  readonly scopes: string;
  readonly revoked_at: string | null;
}

export async function findKeyByHash(db: Db, keyHash: string): Promise<KeyRow | null> {
  return db.prepare("SELECT id, label, province, scopes, revoked_at FROM api_keys WHERE key_hash = ?1").bind(keyHash).first<KeyRow>();
}

/** A province whose stored months anyone may read without a key (`province_settings.public_read`). */
export async function isPublicProvince(db: Db, province: string): Promise<boolean> {
  const row = await db.prepare("SELECT public_read FROM province_settings WHERE province = ?1").bind(province).first<{ public_read: number }>();
  return row?.public_read === 1;
}
