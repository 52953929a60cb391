/**
 * The README's "Capacity" figures, measured: D1 rows read and written (`meta.rows_read/rows_written`)
 * by one province-month's scheduled snapshot — the first (a new revision of Phú Thọ's 163 portal
 * units) and an unchanged day (its fetch log only) — and by one read of its report (what every
 * rankings / appendices / report GET does). Printed as JSON for the README; bounds pinned loosely.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { reportFor } from "../../worker/revisions";
import { snapshotPeriod } from "../../worker/schedule";

interface Tally {
  statements: number;
  rowsRead: number;
  rowsWritten: number;
}

/** The DB with D1's meta summed over every statement (prepare/bind/run/all/first and batch). */
function countingD1(db: D1Database): { db: D1Database; tally: Tally } {
  const tally: Tally = { statements: 0, rowsRead: 0, rowsWritten: 0 };
  const add = (meta: D1Meta) => {
    tally.statements += 1;
    tally.rowsRead += meta.rows_read;
    tally.rowsWritten += meta.rows_written;
  };
  const INNER = Symbol("inner");
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === INNER) return target;
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args));
        if (prop === "all" || prop === "run") return async () => { const r = await target.all(); add(r.meta); return r; };
        if (prop === "first") return async (column?: string) => { const r = await target.all<Record<string, unknown>>(); add(r.meta); const row = r.results[0] ?? null; return column ? (row?.[column] ?? null) : row; };
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  const wrapped = {
    prepare: (sql: string) => wrap(db.prepare(sql)),
    batch: async (statements: D1PreparedStatement[]) => {
      const results = await db.batch(statements.map((s) => (s as unknown as Record<symbol, D1PreparedStatement>)[INNER] ?? s));
      for (const r of results) add(r.meta);
      return results;
    },
  };
  return { db: wrapped as unknown as D1Database, tally };
}

describe("capacity: D1 rows per province-month", () => {
  it("a scheduled snapshot (new revision, then an unchanged day) and a report read", async () => {
    const first = countingD1(env.DB);
    const made = await snapshotPeriod({ ...env, DB: first.db }, "PT", "2026-03", "2026-03-05T01:00:00Z", false);
    expect(made.status).toBe("stored");
    await caches.default.delete(new Request(`https://chiso766.cache/portal-2026/019d2be3-6a88-732b-8b17-b68020c8553a/2026-03?base=${encodeURIComponent(env.PORTAL_BASE_URL)}`));
    const same = countingD1(env.DB);
    const unchanged = await snapshotPeriod({ ...env, DB: same.db }, "PT", "2026-03", "2026-03-06T01:00:00Z", false);
    expect(unchanged.status).toBe("unchanged");
    const read = countingD1(env.DB);
    const report = await reportFor(read.db, "PT", "2026-03");
    expect(report.report.ranking.entries.length).toBeGreaterThan(100);
    const figures = { newRevision: first.tally, unchangedDay: same.tally, reportRead: read.tally };
    console.log(JSON.stringify({ capacity: figures }));
    // Loose bounds: a month's unit rows (163) plus indexes and the log; a read of two periods' rows.
    expect(first.tally.rowsWritten).toBeLessThan(2_000);
    expect(same.tally.rowsWritten).toBeLessThan(first.tally.rowsWritten);
    expect(read.tally.rowsRead).toBeLessThan(1_000);
  });
});
