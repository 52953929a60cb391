/** Clerk-added unit aliases, per province. */
import { fold } from "../../shared";
import type { Db } from "./session";

export interface AliasRow {
  readonly unitId: string;
  readonly alias: string;
}

export async function listAliases(db: Db, province: string): Promise<AliasRow[]> {
  const { results } = await db.prepare("SELECT unit_id, alias FROM unit_aliases WHERE province = ?1 ORDER BY alias_key").bind(province).all<{ unit_id: string; alias: string }>();
  return results.map((r) => ({ unitId: r.unit_id, alias: r.alias }));
}

export type AddAliasResult = { status: "created" | "exists" } | { status: "taken"; unitId: string };

export async function addAlias(db: Db, province: string, unitId: string, alias: string, createdBy: string, now: string): Promise<AddAliasResult> {
  const key = fold(alias);
  const existing = await db.prepare("SELECT unit_id FROM unit_aliases WHERE province = ?1 AND alias_key = ?2").bind(province, key).first<{ unit_id: string }>();
  if (existing) return existing.unit_id === unitId ? { status: "exists" } : { status: "taken", unitId: existing.unit_id };
  // Two clerks adding the same alias at once: the second insert does nothing, and the re-read says who won.
  const inserted = await db
    .prepare("INSERT INTO unit_aliases (province, alias_key, alias, unit_id, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (province, alias_key) DO NOTHING")
    .bind(province, key, alias.trim(), unitId, now, createdBy)
    .run();
  if (inserted.meta.changes === 1) return { status: "created" };
  const winner = await db.prepare("SELECT unit_id FROM unit_aliases WHERE province = ?1 AND alias_key = ?2").bind(province, key).first<{ unit_id: string }>();
  return winner && winner.unit_id !== unitId ? { status: "taken", unitId: winner.unit_id } : { status: "exists" };
}
