/**
 * History of a province's stored months (head revisions): the figures of each period
 * (shared/compare/history.ts `periodFigures`), kept per isolate by the revision they were built from,
 * so a history request reads one statement of heads and builds only the periods it has not seen.
 * Also the province totals of earlier months that a report's trend sentence takes (`BuildOptions.history`).
 *
 * Reads: heads of the range (1 statement) + the national summaries of the 2026+ months in it
 * (1 statement) + the unit rows of the periods not yet built (1 batch, ≤ 100 parameters a statement).
 */
import { type Catalog, nationalInput, type PeriodFigures, periodFigures, type HistoryPeriod, isMonthKey, monthsBetween, parsePeriod, provinceSeries, TREND_WINDOW, unitLines } from "../shared";
import type { ProvinceHistory } from "../shared/api-responses";
import type { ProvinceTotalPoint } from "../shared/input/context";
import type { UnitScoreInput } from "../shared/model";
import { catalogVersion } from "./catalogs";
import { type HeadRange, type HistoryHead, readHistoryHeads, readUnitRows } from "./db/history";
import { type NationalRevision, readNationalLatest } from "./db/national";
import { sha256Hex } from "./hash";
import { REPORTING_2026_FROM_YEAR } from "./portal/sources";
import type { Db } from "./db/session";

/** Figures already built in this isolate, by province, period, revision ETag, national ETag and catalog version. */
const figuresCache = new Map<string, PeriodFigures | null>();
/** Province totals of a summary alone, by the same key (for the report's trend sentence). */
const totalsCache = new Map<string, number | null>();
const MAX_CACHED = 2_000;

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

const bare = (etag: string) => etag.replace(/"/g, "");
const from2026 = (period: string) => (parsePeriod(period)?.year ?? 0) >= REPORTING_2026_FROM_YEAR;

export interface HistoryRead {
  readonly periods: HistoryPeriod[];
  /** D1 rows read by the request's statements. */
  readonly rowsRead: number;
  /** Names every revision the history was built from (and the catalog's aliases): the response's ETag. */
  readonly etag: string;
}

/** The stored months of a range with their figures, oldest first. */
export async function historyFor(db: Db, province: string, catalog: Catalog, range: HeadRange): Promise<HistoryRead> {
  // A from–to range names its months: their national summaries are read alongside the heads.
  const asked = "from" in range ? monthsBetween(range.from, range.to).filter(from2026) : null;
  const [{ heads, rowsRead: headRows }, early] = await Promise.all([readHistoryHeads(db, province, range), asked?.length ? readNationalLatest(db, asked) : null]);
  const late = asked ? [] : heads.map((h) => h.period).filter(from2026);
  const national = early ?? (late.length ? await readNationalLatest(db, late) : new Map<string, NationalRevision>());
  const version = catalogVersion(catalog);
  const keyOf = (h: HistoryHead) => `${province}/${h.period}/${bare(h.etag)}/${bare(national.get(h.period)?.etag ?? "-")}/${version}`;
  const missing = heads.filter((h) => !figuresCache.has(keyOf(h)));
  let rowsRead = headRows;
  if (missing.length) {
    const read = await readUnitRows(db, province, missing);
    rowsRead += read.rowsRead;
    for (const h of missing) {
      const n = national.get(h.period);
      const figures = periodFigures(
        { province, period: h.period, ...(h.summary ? { summary: h.summary } : {}), ...(h.letter ? { letter: h.letter } : {}), unitScores: (read.rows.get(h.period) ?? []) as UnitScoreInput[] },
        { catalog, ...(n ? { national: { current: nationalInput(n.summary, h.period), province } } : {}) },
      );
      remember(figuresCache, keyOf(h), figures);
    }
  }
  const periods: HistoryPeriod[] = [];
  for (const h of heads) {
    const figures = figuresCache.get(keyOf(h));
    if (figures) periods.push({ period: h.period, revision: h.revision, capturedAt: h.capturedAt, figures });
  }
  const etag = `"h${heads.length}-${(await sha256Hex(heads.map(keyOf).join("|"))).slice(0, 24)}"`;
  return { periods, rowsRead, etag };
}

/** The heads of the last `last` stored months before `period` (one statement); none for a quarter or a year. */
export async function headsBefore(db: Db, province: string, period: string, last = 12): Promise<HistoryHead[]> {
  if (!isMonthKey(period)) return [];
  return (await readHistoryHeads(db, province, { last, before: period })).heads;
}

/**
 * The province's total in those months (for the report's trend sentence), from the stored Phụ lục 1
 * summaries alone, and a tag naming their revisions (for the report's ETag).
 */
export async function historyTotals(heads: readonly HistoryHead[], province: string, catalog: Catalog): Promise<{ points: ProvinceTotalPoint[]; tag: string }> {
  const version = catalogVersion(catalog);
  const points = heads.map((h) => {
    const key = `${province}/${h.period}/${bare(h.etag)}/${version}`;
    let total = totalsCache.get(key);
    if (total === undefined) {
      total = h.summary ? (periodFigures({ province, period: h.period, summary: h.summary }, { catalog })?.total ?? null) : null;
      remember(totalsCache, key, total);
    }
    return { period: h.period, total };
  });
  return { points, tag: heads.length ? `h${heads.length}-${(await sha256Hex(heads.map((h) => `${h.period}=${bare(h.etag)}`).join("|"))).slice(0, 16)}` : "-" };
}

/**
 * The last TREND_WINDOW stored months before `period`, as GET …/history?include=units answers them:
 * what "Diễn biến" of the Worker's workbook is built from (the report's own period comes from the
 * report). Null for a quarter or a year, or when nothing is stored before it.
 */
export async function historyBefore(db: Db, province: string, catalog: Catalog, period: string): Promise<ProvinceHistory | null> {
  if (!isMonthKey(period)) return null;
  const read = await historyFor(db, province, catalog, { last: TREND_WINDOW, before: period });
  const first = read.periods[0];
  if (!first) return null;
  return { province, from: first.period, to: period, periods: provinceSeries(read.periods), units: unitLines(read.periods, catalog) };
}
