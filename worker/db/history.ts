/**
 * Reads for history and for the report's moment: the heads of a province's stored months in a range
 * (with each head revision's metadata, so the province's own Phụ lục 1 summary comes without its rows),
 * the unit rows of several head revisions in one batch, and one given revision. Every read is a fixed
 * number of statements whatever the number of periods: a range is one statement; rows are one batch of
 * statements of at most 100 bound parameters each. Each returns D1's `rows_read` for the benchmark.
 */
import type { PutPeriodBody } from "../../shared/api-schema";
import { info, MAX_PARAMS, type RevisionInfo, type RevisionMeta, type RevisionRow } from "./periods";
import type { Db } from "./session";

export interface HistoryHead extends RevisionInfo {
  readonly period: string;
  /** Phụ lục 1 as stored with the revision (its total may be a printed text: "62.28"). */
  readonly summary: PutPeriodBody["summary"] | null;
  /** The letter's stated figures stored with it (its rank, when Phụ lục 1 states none). */
  readonly letter: PutPeriodBody["letter"] | null;
}

/** Month keys only (YYYY-MM): quarters and years are not points of a monthly history. */
const MONTH_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]";
const COLUMNS = "h.period, r.revision, r.etag, r.checksum, r.created_at, r.created_by, r.note, r.meta, r.source";

function toHead(row: RevisionRow & { period: string }): HistoryHead {
  const meta = JSON.parse(row.meta) as RevisionMeta;
  return { ...info(row), period: row.period, summary: meta.summary ?? null, letter: meta.letter ?? null };
}

export type HeadRange =
  /** Stored months from `from` to `to` (YYYY-MM, both included). */
  | { readonly from: string; readonly to: string }
  /** The last `last` stored months, before `before` when given (excluded). */
  | { readonly last: number; readonly before?: string };

/** Head revisions of the stored months of a range, oldest first, in one statement. */
export async function readHistoryHeads(db: Db, province: string, range: HeadRange): Promise<{ heads: HistoryHead[]; rowsRead: number }> {
  const base = `SELECT ${COLUMNS} FROM period_heads h JOIN period_revisions r ON r.province = h.province AND r.period = h.period AND r.revision = h.revision WHERE h.province = ?1 AND h.period GLOB '${MONTH_GLOB}'`;
  const stmt =
    "from" in range
      ? db.prepare(`${base} AND h.period BETWEEN ?2 AND ?3 ORDER BY h.period`).bind(province, range.from, range.to)
      : range.before
        ? db.prepare(`${base} AND h.period < ?2 ORDER BY h.period DESC LIMIT ?3`).bind(province, range.before, range.last)
        : db.prepare(`${base} ORDER BY h.period DESC LIMIT ?2`).bind(province, range.last);
  const { results, meta } = await stmt.all<RevisionRow & { period: string }>();
  const heads = results.map(toHead).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return { heads, rowsRead: meta.rows_read ?? 0 };
}

/** Unit score rows of several (period, revision) pairs, in row order, in one batch. */
export async function readUnitRows(db: Db, province: string, revisions: readonly { period: string; revision: number }[]): Promise<{ rows: Map<string, unknown[]>; rowsRead: number }> {
  const rows = new Map<string, unknown[]>(revisions.map((r) => [r.period, []]));
  if (!revisions.length) return { rows, rowsRead: 0 };
  const perStatement = Math.floor((MAX_PARAMS - 1) / 2);
  const statements: D1PreparedStatement[] = [];
  for (let start = 0; start < revisions.length; start += perStatement) {
    const chunk = revisions.slice(start, start + perStatement);
    const pairs = chunk.map((_, i) => `(period = ?${2 * i + 2} AND revision = ?${2 * i + 3})`).join(" OR ");
    statements.push(
      db
        .prepare(`SELECT period, payload FROM period_rows WHERE province = ?1 AND dataset = 'unitScores' AND (${pairs}) ORDER BY period, row_no`)
        .bind(province, ...chunk.flatMap((r) => [r.period, r.revision])),
    );
  }
  const results = await db.batch<{ period: string; payload: string }>(statements);
  let rowsRead = 0;
  for (const r of results) {
    rowsRead += r.meta.rows_read ?? 0;
    for (const row of r.results) rows.get(row.period)?.push(JSON.parse(row.payload));
  }
  return { rows, rowsRead };
}

/** One revision's description (not its rows); null when the period has no such revision. */
export async function readRevision(db: Db, province: string, period: string, revision: number): Promise<RevisionInfo | null> {
  const row = await db
    .prepare("SELECT revision, etag, checksum, created_at, created_by, note, meta, source FROM period_revisions WHERE province = ?1 AND period = ?2 AND revision = ?3")
    .bind(province, period, revision)
    .first<RevisionRow>();
  return row ? info(row) : null;
}
