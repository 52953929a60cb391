/**
 * Stored national summaries: immutable revisions per period. The next revision number is the head's
 * plus one and (period, revision) is the primary key, so of two writers racing, one insert fails and
 * its whole batch (with its fetch log) with it.
 */
import type { NationalSummary } from "../../shared";
import type { Db } from "./session";

/** The province under which national fetches are logged in portal_fetches / portal_raw. */
export const NATIONAL_SCOPE = "VN";

export interface NationalRevision {
  readonly period: string;
  readonly revision: number;
  readonly etag: string;
  readonly checksum: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly fetchId: string;
  readonly summary: NationalSummary;
}

interface Row {
  period: string;
  revision: number;
  etag: string;
  checksum: string;
  created_at: string;
  created_by: string;
  fetch_id: string;
  summary: string;
}

const toRevision = (r: Row): NationalRevision => ({ period: r.period, revision: r.revision, etag: r.etag, checksum: r.checksum, createdAt: r.created_at, createdBy: r.created_by, fetchId: r.fetch_id, summary: JSON.parse(r.summary) as NationalSummary });

/** A period's revision (the latest when `revision` is omitted); null when none is stored. */
export async function readNational(db: Db, period: string, revision?: number): Promise<NationalRevision | null> {
  const row =
    revision === undefined
      ? await db.prepare("SELECT * FROM national_revisions WHERE period = ?1 ORDER BY revision DESC LIMIT 1").bind(period).first<Row>()
      : await db.prepare("SELECT * FROM national_revisions WHERE period = ?1 AND revision = ?2").bind(period, revision).first<Row>();
  return row ? toRevision(row) : null;
}

/** The latest revisions of several periods at once. */
export async function readNationalLatest(db: Db, periods: readonly string[]): Promise<Map<string, NationalRevision>> {
  if (!periods.length) return new Map();
  const marks = periods.map((_, i) => `?${i + 1}`).join(", ");
  const { results } = await db
    .prepare(`SELECT n.* FROM national_revisions n JOIN (SELECT period, MAX(revision) AS revision FROM national_revisions WHERE period IN (${marks}) GROUP BY period) h ON h.period = n.period AND h.revision = n.revision`)
    .bind(...periods)
    .all<Row>();
  return new Map(results.map((r) => [r.period, toRevision(r)]));
}

/** The statement that adds a revision. */
export function nationalRevisionStatement(db: Db, r: Omit<NationalRevision, "summary"> & { summary: NationalSummary }): D1PreparedStatement {
  return db
    .prepare("INSERT INTO national_revisions (period, revision, etag, checksum, created_at, created_by, fetch_id, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
    .bind(r.period, r.revision, r.etag, r.checksum, r.createdAt, r.createdBy, r.fetchId, JSON.stringify(r.summary));
}
