/**
 * API keys: `Authorization: Bearer c766_…`. Only the SHA-256 of a key is stored. A key has a province
 * ("HN", or "*" for all) and scopes ("read", "write"; write includes read). Writes always need a write
 * key for the province; reads need a read key unless the province is configured public.
 */
import type { Context } from "hono";
import { findKeyByHash, isPublicProvince } from "./db/keys";
import type { AppEnv, KeyContext, Scope } from "./env";
import { ApiError } from "./errors";
import { sha256Hex } from "./hash";

/** One answer for a key that is unknown and one that was revoked: a caller cannot learn which keys once existed. */
export const INVALID_KEY_MESSAGE = "Khóa truy cập không đúng hoặc đã bị thu hồi.";

/** Reads the bearer key, if any. A key that is sent but unknown or revoked is a 401 (the same one), not anonymous. */
export async function authenticate(c: Context<AppEnv>): Promise<KeyContext | null> {
  const header = c.req.header("authorization");
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m?.[1]) throw new ApiError("UNAUTHORIZED", "Khóa truy cập phải gửi dạng Authorization: Bearer <khóa>.", [], { "WWW-Authenticate": 'Bearer realm="chiso766"' });
  const hash = await sha256Hex(m[1]);
  const row = await findKeyByHash(c.env.DB, hash);
  if (!row || row.revoked_at) throw new ApiError("UNAUTHORIZED", INVALID_KEY_MESSAGE, [], { "WWW-Authenticate": 'Bearer error="invalid_token"' });
  const scopes = new Set(row.scopes.split(",").map((s) => s.trim()).filter((s): s is Scope => s === "read" || s === "write"));
  if (scopes.has("write")) scopes.add("read");
  return { id: row.id, label: row.label, province: row.province, scopes };
}

/**
 * Throws 401 / 403 unless the request may act on `province` with `scope`. Returns the key, or null for a
 * public read — also when a key of another province reads a public one: it gets what anyone gets.
 */
export async function requireScope(c: Context<AppEnv>, province: string, scope: Scope): Promise<KeyContext | null> {
  const key = c.get("key");
  if (!key) {
    if (scope === "read" && (await isPublicProvince(c.env.DB, province))) return null;
    throw new ApiError("UNAUTHORIZED", undefined, [], { "WWW-Authenticate": 'Bearer realm="chiso766"' });
  }
  if (key.province !== "*" && key.province !== province) {
    if (scope === "read" && (await isPublicProvince(c.env.DB, province))) return null;
    throw new ApiError("FORBIDDEN", `Khóa truy cập này chỉ dùng cho tỉnh, thành phố ${key.province}.`);
  }
  if (!key.scopes.has(scope)) throw new ApiError("FORBIDDEN", scope === "write" ? "Khóa truy cập này chỉ được đọc, không được ghi." : undefined);
  return key;
}
