/** Clerk-added unit aliases, per province. */
import { fold } from "../../shared/vn-text";

export interface AliasRow {
  readonly unitId: string;
  readonly alias: string;
}

export async function listAliases(db: D1Database, province: string): Promise<AliasRow[]> {
  const { results } = await db.prepare("SELECT unit_id, alias FROM unit_aliases WHERE province = ?1 ORDER BY alias_key").bind(province).all<{ unit_id: string; alias: string }>();
  return results.map((r) => ({ unitId: r.unit_id, alias: r.alias }));
}

export type AddAliasResult = { status: "created" | "exists" } | { status: "taken"; unitId: string };

export async function addAlias(db: D1Database, province: string, unitId: string, alias: string, createdBy: string, now: string): Promise<AddAliasResult> {
  const key = fold(alias);
  const existing = await db.prepare("SELECT unit_id FROM unit_aliases WHERE province = ?1 AND alias_key = ?2").bind(province, key).first<{ unit_id: string }>();
  if (existing) return existing.unit_id === unitId ? { status: "exists" } : { status: "taken", unitId: existing.unit_id };
  await db
    .prepare("INSERT INTO unit_aliases (province, alias_key, alias, unit_id, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    .bind(province, key, alias.trim(), unitId, now, createdBy)
    .run();
  return { status: "created" };
}
