/**
 * A province's targets (migration 0006): its overrides of, and additions to, the built-in targets, each
 * PUT a new immutable version of the whole list. The version row goes first in the batch and
 * (province, version) is its primary key, so of two writers racing from the same version exactly one
 * stores its list; the other's batch fails whole (TargetsConflict) and leaves nothing behind.
 */
import type { Target } from "../../shared";
import { sha256Hex } from "../hash";
import { canonicalJson, MAX_PARAMS } from "./periods";
import type { Db } from "./session";

/** The list in use: version 0 (no row, the built-in targets only) or the latest stored one. */
export interface StoredTargets {
  readonly version: number;
  /** `"t2-<16 hex>"`; `"t0"` when the province has stored none. */
  readonly etag: string;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
  /** In the order given. */
  readonly targets: readonly Target[];
}

export const NO_TARGETS: StoredTargets = { version: 0, etag: '"t0"', updatedAt: null, updatedBy: null, targets: [] };

export class TargetsConflict extends Error {}

interface TargetRow {
  id: string;
  indicator: string | null;
  name_vi: string;
  min_rate_percent: number;
  effective_from: string;
  effective_to: string | null;
  source: string;
  kind: "plan" | "threshold";
}

const LATEST = "(SELECT MAX(version) FROM target_versions WHERE province = ?1)";

/** The province's latest list (one batch: the version and its rows as one snapshot). */
export async function readTargets(db: Db, province: string): Promise<StoredTargets> {
  const [head, rows] = await db.batch([
    db.prepare(`SELECT version, etag, created_at, created_by FROM target_versions WHERE province = ?1 AND version = ${LATEST}`).bind(province),
    db.prepare(`SELECT id, indicator, name_vi, min_rate_percent, effective_from, effective_to, source, kind FROM province_targets WHERE province = ?1 AND version = ${LATEST} ORDER BY position`).bind(province),
  ]);
  const v = (head?.results as { version: number; etag: string; created_at: string; created_by: string }[] | undefined)?.[0];
  if (!v) return NO_TARGETS;
  return { version: v.version, etag: v.etag, updatedAt: v.created_at, updatedBy: v.created_by, targets: ((rows?.results ?? []) as TargetRow[]).map(fromRow) };
}

function fromRow(r: TargetRow): Target {
  return {
    id: r.id,
    ...(r.indicator !== null ? { indicator: r.indicator } : {}),
    nameVi: r.name_vi,
    minRatePercent: r.min_rate_percent,
    effectiveFrom: r.effective_from,
    ...(r.effective_to !== null ? { effectiveTo: r.effective_to } : {}),
    source: r.source,
    kind: r.kind,
  };
}

/** A target's canonical form: the fields a checksum covers (absent ones as null, kind "plan" by default). */
export function canonicalTarget(t: Target): Record<string, unknown> {
  return { id: t.id, indicator: t.indicator ?? null, nameVi: t.nameVi, minRatePercent: t.minRatePercent, effectiveFrom: t.effectiveFrom, effectiveTo: t.effectiveTo ?? null, source: t.source, kind: t.kind ?? "plan" };
}

const TARGET_PARAMS = 11;
const TARGETS_PER_STATEMENT = Math.floor(MAX_PARAMS / TARGET_PARAMS);

export interface WriteTargetsInput {
  readonly province: string;
  /** The version the writer started from (0: none stored). */
  readonly expectedVersion: number;
  readonly targets: readonly Target[];
  readonly createdBy: string;
  readonly now: string;
}

/** Store the list as version expectedVersion + 1, atomically; a lost race is a TargetsConflict. */
export async function writeTargets(db: Db, w: WriteTargetsInput): Promise<StoredTargets> {
  const version = w.expectedVersion + 1;
  const canonical = w.targets.map(canonicalTarget);
  const checksum = await sha256Hex(canonicalJson(canonical));
  const etag = `"t${version}-${checksum.slice(0, 16)}"`;
  const statements: D1PreparedStatement[] = [
    db.prepare("INSERT INTO target_versions (province, version, etag, checksum, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").bind(w.province, version, etag, checksum, w.now, w.createdBy),
  ];
  for (let start = 0; start < w.targets.length; start += TARGETS_PER_STATEMENT) {
    const chunk = w.targets.slice(start, start + TARGETS_PER_STATEMENT);
    const placeholders = chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
    const values = chunk.flatMap((t, i) => [w.province, version, start + i + 1, t.id, t.indicator ?? null, t.nameVi, t.minRatePercent, t.effectiveFrom, t.effectiveTo ?? null, t.source, t.kind ?? "plan"]);
    statements.push(db.prepare(`INSERT INTO province_targets (province, version, position, id, indicator, name_vi, min_rate_percent, effective_from, effective_to, source, kind) VALUES ${placeholders}`).bind(...values));
  }
  try {
    await db.batch(statements);
  } catch (err) {
    if (/UNIQUE constraint failed|PRIMARY KEY/i.test(String(err)) && /target_versions/.test(String(err))) throw new TargetsConflict(String(err));
    throw err;
  }
  return { version, etag, updatedAt: w.now, updatedBy: w.createdBy, targets: w.targets.map((t) => ({ ...t, kind: t.kind ?? "plan" })) };
}
