/**
 * Stored months: immutable revisions with a head per (province, period).
 *
 * D1 has no interactive transactions; `db.batch()` is the atomic unit. A revision write is one batch:
 * the revision row first, then the dataset rows in chunks of at most 100 bound parameters, then the
 * head. The new revision number is the expected one plus one and (province, period, revision) is a
 * primary key, so of two writers racing from the same ETag exactly one can insert it; the other's
 * whole batch fails and nothing of it remains. The same holds for any failing statement in any chunk.
 */
import type { PutPeriodBody } from "../../shared/api-schema";
import type { PeriodDatasets } from "../../shared";
import { sha256Hex } from "../hash";
import type { Db } from "./session";

export const DATASETS = ["unitScores", "overdueDossiers", "overduePetitions"] as const;
export type DatasetKey = (typeof DATASETS)[number];

/** D1 binds at most 100 parameters per statement. */
export const MAX_PARAMS = 100;
const ROW_PARAMS = 6;
export const ROWS_PER_STATEMENT = Math.floor(MAX_PARAMS / ROW_PARAMS);

export interface Head {
  readonly revision: number;
  readonly etag: string;
  readonly updatedAt: string;
}

export interface RevisionMeta {
  readonly dataTimestamp?: string;
  readonly summary?: PutPeriodBody["summary"];
  readonly letter?: PutPeriodBody["letter"];
  readonly counts: Record<DatasetKey, number>;
}

export interface RevisionInfo {
  readonly revision: number;
  readonly etag: string;
  readonly checksum: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly note: string | null;
  readonly counts: Record<DatasetKey, number>;
  readonly dataTimestamp: string | null;
  readonly source: RevisionSource;
  /** When the figures were taken: the fetch's time for portal/schedule, else the data's own timestamp or the time it was stored. */
  readonly capturedAt: string;
}

/** Who stored a revision: a PUT (the add-in's save or the API), a clerk's portal fetch, the scheduled snapshot. */
export type RevisionSource = "put" | "portal" | "schedule";

export interface StoredPeriod extends RevisionInfo {
  readonly datasets: PutPeriodBody;
}

export class RevisionConflict extends Error {}

/** Stable JSON (sorted keys) so equal datasets always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * The canonical form of a revision's datasets, defined once: what GET …/periods/{period} answers as
 * `datasets` (readPeriod shapes with it) and what the revision's checksum is computed over
 * (revisionStatements), so a client can verify what it reads: sha256(canonicalJson(datasets)) equals
 * `checksum`. No note (it is the revision's, not the data's), no empty `dataTimestamp`, no empty
 * dataset; the summary and the letter as sent.
 *
 * Revisions stored before this form (issue 12) keep the checksum they were stored with: one written
 * with an empty dataset or an empty `dataTimestamp` may not verify against its GET. Recomputing them
 * in a migration is impossible (D1 migrations are SQL, without SHA-256 or canonical JSON) and would
 * change their ETags under clients holding them; a revision stored from now on always verifies.
 */
export function canonicalDatasets(body: PutPeriodBody): PutPeriodBody {
  const out: PutPeriodBody = {};
  if (typeof body.dataTimestamp === "string" && body.dataTimestamp !== "") out.dataTimestamp = body.dataTimestamp;
  if (body.summary) out.summary = body.summary;
  if (body.letter) out.letter = body.letter;
  for (const d of DATASETS) {
    const rows = body[d];
    if (rows && rows.length > 0) (out as Record<DatasetKey, unknown>)[d] = rows;
  }
  return out;
}

export async function readHead(db: Db, province: string, period: string): Promise<Head | null> {
  const row = await db
    .prepare("SELECT revision, etag, updated_at FROM period_heads WHERE province = ?1 AND period = ?2")
    .bind(province, period)
    .first<{ revision: number; etag: string; updated_at: string }>();
  return row ? { revision: row.revision, etag: row.etag, updatedAt: row.updated_at } : null;
}

/** Heads of several periods of a province in one query. */
export async function readHeads(db: Db, province: string, periods: readonly string[]): Promise<Map<string, Head>> {
  const marks = periods.map((_, i) => `?${i + 2}`).join(", ");
  const { results } = await db
    .prepare(`SELECT period, revision, etag, updated_at FROM period_heads WHERE province = ?1 AND period IN (${marks})`)
    .bind(province, ...periods)
    .all<{ period: string; revision: number; etag: string; updated_at: string }>();
  return new Map(results.map((r) => [r.period, { revision: r.revision, etag: r.etag, updatedAt: r.updated_at }]));
}

export interface WriteRevisionInput {
  readonly province: string;
  readonly period: string;
  /** The revision the writer started from; null for the first one. */
  readonly expectedRevision: number | null;
  readonly body: PutPeriodBody;
  readonly createdBy: string;
  readonly now: string;
  /** Default "put". */
  readonly source?: RevisionSource;
}

/** Build every statement of one revision write (exported so tests can break one on purpose). */
export async function revisionStatements(db: Db, w: WriteRevisionInput): Promise<{ statements: D1PreparedStatement[]; revision: number; etag: string; checksum: string }> {
  const revision = (w.expectedRevision ?? 0) + 1;
  const note = w.body.note;
  const canonical = canonicalDatasets(w.body);
  const checksum = await sha256Hex(canonicalJson(canonical));
  const etag = `"r${revision}-${checksum.slice(0, 16)}"`;
  const counts = Object.fromEntries(DATASETS.map((d) => [d, canonical[d]?.length ?? 0])) as Record<DatasetKey, number>;
  const meta: RevisionMeta = { dataTimestamp: canonical.dataTimestamp, summary: canonical.summary, letter: canonical.letter, counts };
  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        "INSERT INTO period_revisions (province, period, revision, etag, checksum, created_at, created_by, note, meta, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      )
      .bind(w.province, w.period, revision, etag, checksum, w.now, w.createdBy, note ?? null, JSON.stringify(meta), w.source ?? "put"),
  ];
  for (const dataset of DATASETS) {
    const rows = canonical[dataset] ?? [];
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const placeholders = chunk.map(() => "(?, ?, ?, ?, ?, ?)").join(", ");
      const values = chunk.flatMap((row, i) => [w.province, w.period, revision, dataset, start + i + 1, JSON.stringify(row)]);
      statements.push(db.prepare(`INSERT INTO period_rows (province, period, revision, dataset, row_no, payload) VALUES ${placeholders}`).bind(...values));
    }
  }
  statements.push(
    w.expectedRevision === null
      ? db.prepare("INSERT INTO period_heads (province, period, revision, etag, updated_at) VALUES (?1, ?2, 1, ?3, ?4)").bind(w.province, w.period, etag, w.now)
      : db
          .prepare("UPDATE period_heads SET revision = ?3, etag = ?4, updated_at = ?5 WHERE province = ?1 AND period = ?2 AND revision = ?6")
          .bind(w.province, w.period, revision, etag, w.now, w.expectedRevision),
  );
  return { statements, revision, etag, checksum };
}

/**
 * Store a new revision atomically; a lost race or any failed statement leaves nothing behind.
 * `alongside` statements (e.g. a portal fetch's log) run in the same batch, so they land only with it.
 */
export async function writeRevision(db: Db, w: WriteRevisionInput, alongside: readonly D1PreparedStatement[] = []): Promise<{ revision: number; etag: string; checksum: string }> {
  const { statements, revision, etag, checksum } = await revisionStatements(db, w);
  try {
    await db.batch([...statements, ...alongside]);
  } catch (err) {
    if (/UNIQUE constraint failed|PRIMARY KEY/i.test(String(err))) throw new RevisionConflict(String(err));
    throw err;
  }
  return { revision, etag, checksum };
}

/** A revision row as the API describes it (also read by db/history.ts). */
export function info(row: RevisionRow): RevisionInfo {
  const meta = JSON.parse(row.meta) as RevisionMeta;
  return {
    revision: row.revision,
    etag: row.etag,
    checksum: row.checksum,
    createdAt: row.created_at,
    createdBy: row.created_by,
    note: row.note,
    counts: meta.counts,
    dataTimestamp: meta.dataTimestamp ?? null,
    source: row.source,
    capturedAt: row.source === "put" ? (meta.dataTimestamp ?? row.created_at) : row.created_at,
  };
}

export interface RevisionRow {
  revision: number;
  etag: string;
  checksum: string;
  created_at: string;
  created_by: string;
  note: string | null;
  meta: string;
  source: RevisionSource;
}

export async function listRevisions(db: Db, province: string, period: string): Promise<RevisionInfo[]> {
  const { results } = await db
    .prepare("SELECT revision, etag, checksum, created_at, created_by, note, meta, source FROM period_revisions WHERE province = ?1 AND period = ?2 ORDER BY revision DESC")
    .bind(province, period)
    .all<RevisionRow>();
  return results.map(info);
}

/** A stored revision (the latest when `revision` is omitted), datasets rebuilt in row order. */
export async function readPeriod(db: Db, province: string, period: string, revision?: number): Promise<StoredPeriod | null> {
  const wanted = revision ?? (await readHead(db, province, period))?.revision;
  if (wanted === undefined) return null;
  const [rev, rows] = await db.batch([
    db.prepare("SELECT revision, etag, checksum, created_at, created_by, note, meta, source FROM period_revisions WHERE province = ?1 AND period = ?2 AND revision = ?3").bind(province, period, wanted),
    db.prepare("SELECT dataset, payload FROM period_rows WHERE province = ?1 AND period = ?2 AND revision = ?3 ORDER BY dataset, row_no").bind(province, period, wanted),
  ]);
  const revRow = rev?.results[0] as RevisionRow | undefined;
  if (!revRow) return null;
  const meta = JSON.parse(revRow.meta) as RevisionMeta;
  const datasets: Record<DatasetKey, unknown[]> = { unitScores: [], overdueDossiers: [], overduePetitions: [] };
  for (const r of (rows?.results ?? []) as { dataset: DatasetKey; payload: string }[]) datasets[r.dataset].push(JSON.parse(r.payload));
  const body = canonicalDatasets({ dataTimestamp: meta.dataTimestamp, summary: meta.summary, letter: meta.letter, ...(datasets as Pick<PutPeriodBody, DatasetKey>) });
  return { ...info(revRow), datasets: body };
}

/** The stored datasets as engine input for one period. */
export function toPeriodDatasets(period: string, stored: StoredPeriod): PeriodDatasets {
  const { letter: _letter, note: _note, ...rest } = stored.datasets;
  return { period, ...(rest as Omit<PeriodDatasets, "period">) };
}

/**
 * The latest revision of a period taken from the portal (a clerk's fetch or a scheduled snapshot): what
 * a new snapshot is compared with. A clerk's own PUT does not count. Null when there is none.
 */
export async function latestPortalRevision(db: Db, province: string, period: string): Promise<number | null> {
  const row = await db
    .prepare("SELECT revision FROM period_revisions WHERE province = ?1 AND period = ?2 AND source IN ('portal', 'schedule') ORDER BY revision DESC LIMIT 1")
    .bind(province, period)
    .first<{ revision: number }>();
  return row?.revision ?? null;
}
