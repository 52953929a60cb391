/**
 * Size and per-query limits with a year of daily snapshots (issue 11 item 5), in workerd with real D1:
 * one province, 12 months × 150 units × 30 daily snapshots, worst case (every day's figures differ, so
 * every snapshot is a revision: 360 revisions, 54 000 unit rows). Every revision is written through the
 * real write path for January (worker/db/periods.ts writeRevision, one batch per revision, 30 revisions)
 * and copied inside D1 for the other eleven months (to keep the test fast), on a recording D1 wrapper
 * that checks each statement's bound parameters (D1: at most 100) and reports `meta.rows_read` of the
 * reads a clerk's request makes: one period's report and its revision list. The unit rows are the real
 * Phú Thọ rows mapped from the recorded answers in test/fixtures/portal-2026 (their bytes per row are
 * the README's size estimate's basis). Figures are printed for the README.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parsePeriod, PORTAL_2026_CRITERIA, type Period } from "../../shared";
import { PutPeriodSchema, type PutPeriodBody } from "../../shared/api-schema";
import { listRevisions, MAX_PARAMS, writeRevision } from "../../worker/db/periods";
import { portalCatalogStatement } from "../../worker/db/catalogs";
import { datasetsFrom2026, type PortalDatasets } from "../../worker/portal/datasets";
import { reportFor } from "../../worker/revisions";
import { SNAPSHOT_BY } from "../../worker/schedule";

interface Recorded {
  readonly sql: string;
  readonly params: number;
  rowsRead?: number;
  rowsWritten?: number;
}

const INNER = Symbol("inner");
const RECORD = Symbol("record");

/** A D1Database that records every statement's SQL, bound parameter count and D1's meta. */
function recordingD1(db: D1Database) {
  const log: Recorded[] = [];
  const wrap = (stmt: D1PreparedStatement, rec: Recorded): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === INNER) return target;
        if (prop === RECORD) return rec;
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args), { sql: rec.sql, params: args.length });
        if (prop === "all" || prop === "run") {
          return async () => {
            const res = await target.all();
            log.push({ ...rec, rowsRead: res.meta.rows_read, rowsWritten: res.meta.rows_written });
            return res;
          };
        }
        if (prop === "first") {
          return async (column?: string) => {
            const res = await target.all<Record<string, unknown>>();
            log.push({ ...rec, rowsRead: res.meta.rows_read, rowsWritten: res.meta.rows_written });
            const row = res.results[0] ?? null;
            return column ? (row?.[column] ?? null) : row;
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  const wrapped = {
    prepare: (sql: string) => wrap(db.prepare(sql), { sql, params: 0 }),
    batch: async (statements: D1PreparedStatement[]) => {
      const inner = statements.map((s) => (s as unknown as Record<symbol, D1PreparedStatement>)[INNER] ?? s);
      const results = await db.batch(inner);
      results.forEach((r, i) => log.push({ ...((statements[i] as unknown as Record<symbol, Recorded>)[RECORD] ?? { sql: "?", params: 0 }), rowsRead: r.meta.rows_read, rowsWritten: r.meta.rows_written }));
      return results;
    },
    exec: (sql: string) => db.exec(sql),
  };
  return { db: wrapped as unknown as D1Database, log };
}

/** Phú Thọ's unit rows as a complete fetch of the recorded answers maps them. */
async function recordedBody(period: Period): Promise<{ body: PutPeriodBody; catalog: PortalDatasets["catalog"]; rawBytes: number }> {
  const answers = await Promise.all(PORTAL_2026_CRITERIA.map(async (c) => (await import(`../fixtures/portal-2026/${c}/month-all.json`)).default as unknown));
  const month = { complete: true, stoppedBy: null, results: PORTAL_2026_CRITERIA.map((criterion, i) => ({ criterion, ok: true as const, requests: [], raw: [answers[i]], attempts: 1 })) };
  const mapped = datasetsFrom2026(month, "PT", "Tỉnh Phú Thọ", period, "2026-01-01T01:00:00.000Z");
  return { body: PutPeriodSchema.parse(mapped.body), catalog: mapped.catalog, rawBytes: answers.reduce<number>((sum, a) => sum + JSON.stringify(a).length, 0) };
}

const UNITS = 150;
const MONTHS = 12;
const DAYS = 30;

describe("a year of daily snapshots, worst case (every day differs)", () => {
  it(`${MONTHS} months × ${UNITS} units × ${DAYS} snapshots: every statement ≤ ${MAX_PARAMS} bound parameters; rows read per request stay bounded`, { timeout: 120_000 }, async () => {
    const { body: base, catalog, rawBytes } = await recordedBody(parsePeriod("2026-01") as Period);
    // Phú Thọ has no built-in catalog: the portal's units become its catalog, as on a real first fetch.
    if (catalog) await portalCatalogStatement(env.DB, catalog.catalog, "2026-01-01T01:00:00.000Z", true).run();
    const units = (base.unitScores ?? []).slice(0, UNITS);
    expect(units).toHaveLength(UNITS);
    const rowBytes = units.map((u) => JSON.stringify(u).length);
    const meanPayload = rowBytes.reduce((a, b) => a + b, 0) / rowBytes.length;

    const { db, log } = recordingD1(env.DB);
    const sizeBefore = (await env.DB.prepare("SELECT 1").run()).meta.size_after;
    const started = Date.now();
    // January: 30 daily snapshots through the write path itself (one batch per revision).
    for (let day = 1; day <= DAYS; day += 1) {
      // Worst case: each day one unit's figure moves (so the datasets, and their checksum, differ).
      const moved = units.map((u, i) => (i === day % UNITS ? { ...u, groups: { ...u.groups, CKMB: Number(u.groups?.["CKMB"] ?? 0) + day / 100 } } : u));
      const now = new Date(Date.UTC(2026, 0, day, 1, 0)).toISOString();
      await writeRevision(db, { province: "PT", period: "2026-01", expectedRevision: day === 1 ? null : day - 1, body: { ...base, unitScores: moved, dataTimestamp: now }, createdBy: SNAPSHOT_BY, now, source: "schedule" });
    }
    const realPathMs = Date.now() - started;
    // February to December: January's rows copied inside D1 (direct batched inserts, not the write path:
    // writing 54 000 rows of 2 KB through bound parameters takes ~18 s here; the bytes stored are the same).
    for (let m = 2; m <= MONTHS; m += 1) {
      const period = `2026-${String(m).padStart(2, "0")}`;
      await env.DB.batch([
        env.DB.prepare("INSERT INTO period_revisions (province, period, revision, etag, checksum, created_at, created_by, note, meta, source) SELECT province, ?1, revision, etag, checksum, created_at, created_by, note, meta, source FROM period_revisions WHERE province = 'PT' AND period = '2026-01'").bind(period),
        env.DB.prepare("INSERT INTO period_rows (province, period, revision, dataset, row_no, payload) SELECT province, ?1, revision, dataset, row_no, payload FROM period_rows WHERE province = 'PT' AND period = '2026-01'").bind(period),
        env.DB.prepare("INSERT INTO period_heads (province, period, revision, etag, updated_at) SELECT province, ?1, revision, etag, updated_at FROM period_heads WHERE province = 'PT' AND period = '2026-01'").bind(period),
      ]);
    }
    const writeMs = Date.now() - started;
    const sizeAfter = (await env.DB.prepare("SELECT 1").run()).meta.size_after;
    const counts = await env.DB.prepare("SELECT (SELECT COUNT(*) FROM period_revisions WHERE province = 'PT') AS revisions, (SELECT COUNT(*) FROM period_rows WHERE province = 'PT') AS rows").first<{ revisions: number; rows: number }>();
    expect(counts).toEqual({ revisions: MONTHS * DAYS, rows: MONTHS * DAYS * UNITS });

    // Every statement of the write path binds at most 100 parameters.
    const writes = log.splice(0);
    expect(writes.length).toBe(DAYS * (2 + Math.ceil(UNITS / Math.floor(MAX_PARAMS / 6))));
    const maxParams = Math.max(...writes.map((w) => w.params));
    expect(maxParams).toBeLessThanOrEqual(MAX_PARAMS);

    // A clerk opens the last month: its report (built against the month before) and its revision list.
    const report = await reportFor(db, "PT", "2026-12");
    expect(report.report.period).toBe("2026-12");
    const reportReads = log.splice(0);
    const reportRowsRead = reportReads.reduce((s, r) => s + (r.rowsRead ?? 0), 0);
    const list = await listRevisions(db, "PT", "2026-12");
    expect(list).toHaveLength(DAYS);
    const listReads = log.splice(0);
    const listRowsRead = listReads.reduce((s, r) => s + (r.rowsRead ?? 0), 0);
    expect(Math.max(...[...reportReads, ...listReads].map((r) => r.params))).toBeLessThanOrEqual(MAX_PARAMS);
    // Bounded by what the request needs, not by the year's 54 000 rows: two periods' heads, the two
    // revisions read (150 rows each), the national summaries and the heads of the 12 stored months before
    // (the trend sentence's history, one row each); the list reads its 30 revisions.
    expect(reportRowsRead).toBeLessThanOrEqual(2 * (UNITS + 1) + 20 + 12);
    expect(listRowsRead).toBeLessThanOrEqual(DAYS + 1);

    const figures = {
      revisions: counts?.revisions,
      unitRows: counts?.rows,
      writeMs,
      realPathMsFor30Revisions: realPathMs,
      statements: writes.length,
      maxBoundParams: maxParams,
      meanPayloadBytesPerUnitRow: Math.round(meanPayload),
      // The six raw answers of one complete 2026 fetch (the fetch log's bodies, stored once per distinct body).
      rawBytesPerFetch: rawBytes,
      dbBytesAdded: sizeAfter - sizeBefore,
      dbBytesPerUnitRow: Math.round((sizeAfter - sizeBefore) / (counts?.rows ?? 1)),
      reportRowsRead,
      reportStatements: reportReads.length,
      revisionListRowsRead: listRowsRead,
    };
    console.log(JSON.stringify({ snapshotSize: figures }));
  });
});
