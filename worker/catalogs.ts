/** The built-in catalog of a province with its clerk-added aliases (cached per alias set). */
import { type Catalog, CATALOGS, withAliases } from "../shared";
import { listAliases } from "./db/aliases";
import { readPortalCatalog } from "./db/catalogs";
import { ApiError } from "./errors";
import type { Db } from "./db/session";

const cache = new Map<string, { signature: string; catalog: Catalog; readAt: number }>();
const signatures = new WeakMap<Catalog, string>();

/** A short fingerprint of the catalog's clerk-added aliases ("0" when there are none), for ETags. */
export function catalogVersion(catalog: Catalog): string {
  return signatures.get(catalog) ?? "0";
}
/** Aliases are re-read at most this often per isolate (an alias added here is seen at once). */
const ALIAS_TTL_MS = 5_000;

export function forgetCatalog(province: string): void {
  cache.delete(province);
}

export async function catalogFor(db: Db, province: string): Promise<Catalog> {
  const fresh = cache.get(province);
  if (fresh && Date.now() - fresh.readAt < ALIAS_TTL_MS) return fresh.catalog;
  const base = CATALOGS[province] ?? (await readPortalCatalog(db, province));
  if (!base) throw new ApiError("NOT_FOUND", `Chưa có danh mục đơn vị cho tỉnh, thành phố "${province}". Đã có: ${Object.keys(CATALOGS).join(", ")}, và các tỉnh đã lấy số liệu từ Cổng.`);
  const aliases = await listAliases(db, province);
  const signature = aliases.map((a) => `${a.unitId}=${a.alias}`).join("|");
  const hit = cache.get(province);
  const catalog = hit && hit.signature === signature ? hit.catalog : withAliases(base, aliases);
  if (!signatures.has(catalog)) signatures.set(catalog, aliases.length ? `a${aliases.length}-${hashString(signature)}` : "0");
  cache.set(province, { signature, catalog, readAt: Date.now() });
  return catalog;
}

/** FNV-1a, hex: enough to tell two alias sets apart in an ETag. */
function hashString(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}
