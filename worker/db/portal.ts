/** The portal fetch log: one row per fetch attempt, and every raw answer with the request that produced it. */
import { sha256Hex } from "../hash";
import type { Db } from "./session";

export interface FetchLog {
  readonly id: string;
  readonly province: string;
  readonly period: string;
  readonly fetchedAt: string;
  readonly fetchedBy: string;
  readonly complete: boolean;
  /** The revision it became; null when nothing was stored. */
  readonly revision: number | null;
  /** Per criterion (or service): ok, attempts, status, error — no bodies. */
  readonly results: unknown;
  /** The raw answers as received (JSON or broken text), one per criterion and page. */
  readonly raw: readonly { readonly criterion: string; readonly page: number; readonly request: unknown; readonly body: unknown }[];
}

const bodyText = (body: unknown): string => (typeof body === "string" ? body : JSON.stringify(body));

/**
 * The statements that keep one fetch; run alone, or in the batch of the revision it became. Each raw
 * body is stored once by its SHA-256 (migration 0005: `portal_bodies`, `INSERT OR IGNORE`), so a fetch
 * answered from the Cache API or with yesterday's answer adds only its references (`portal_answers`).
 * `portal_raw` is the view that joins them back.
 */
export async function fetchLogStatements(db: Db, log: FetchLog): Promise<D1PreparedStatement[]> {
  const bodies = await Promise.all(log.raw.map(async (r) => { const text = bodyText(r.body); return { text, checksum: await sha256Hex(text) }; }));
  const distinct = new Map(bodies.map((b) => [b.checksum, b.text]));
  return [
    db
      .prepare("INSERT INTO portal_fetches (id, province, period, fetched_at, fetched_by, complete, revision, results) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind(log.id, log.province, log.period, log.fetchedAt, log.fetchedBy, log.complete ? 1 : 0, log.revision, JSON.stringify(log.results)),
    ...[...distinct].map(([checksum, text]) => db.prepare("INSERT OR IGNORE INTO portal_bodies (checksum, body) VALUES (?1, ?2)").bind(checksum, text)),
    ...log.raw.map((r, i) =>
      db
        .prepare("INSERT INTO portal_answers (fetch_id, criterion, page, request, body_checksum) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(log.id, r.criterion, r.page, JSON.stringify(r.request), bodies[i]?.checksum ?? ""),
    ),
  ];
}

/** Whether `by` already logged a complete fetch of the period since `since` (ISO) that was stored or equalled a stored revision: a retried snapshot skips that period. */
export async function settledFetchSince(db: Db, province: string, period: string, by: string, since: string): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 AS hit FROM portal_fetches WHERE province = ?1 AND period = ?2 AND fetched_by = ?3 AND complete = 1 AND revision IS NOT NULL AND fetched_at >= ?4 LIMIT 1")
    .bind(province, period, by, since)
    .first<{ hit: number }>();
  return row !== null;
}
