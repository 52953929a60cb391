/** The portal fetch log: one row per fetch attempt, and every raw answer with the request that produced it. */

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

/** The statements that keep one fetch; run alone, or in the batch of the revision it became. */
export function fetchLogStatements(db: D1Database, log: FetchLog): D1PreparedStatement[] {
  return [
    db
      .prepare("INSERT INTO portal_fetches (id, province, period, fetched_at, fetched_by, complete, revision, results) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind(log.id, log.province, log.period, log.fetchedAt, log.fetchedBy, log.complete ? 1 : 0, log.revision, JSON.stringify(log.results)),
    ...log.raw.map((r) =>
      db
        .prepare("INSERT INTO portal_raw (fetch_id, criterion, page, request, body) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(log.id, r.criterion, r.page, JSON.stringify(r.request), typeof r.body === "string" ? r.body : JSON.stringify(r.body)),
    ),
  ];
}
