/**
 * The revision rules every write of a month follows (PUT and a portal fetch), and the report of a
 * stored month — in one place, so both routes import them and neither imports the other:
 * - once a month has a revision, a new one needs If-Match with its ETag (428 without, 409 when stale;
 *   compared strongly); the first one takes none (or "*");
 * - a write that loses the race to another revision is a 409 naming the ETag that won;
 * - a report is built against the previous stored month and named by an ETag of everything it depends on.
 */
import { type BuildOptions, buildReport, type Catalog, type NationalBuildInput, nationalInput, parsePeriod, periodKey, previousPeriod, type Report, type ReportInput, type UnitLevel, vietnamTime } from "../shared";
import { catalogFor, catalogVersion } from "./catalogs";
import { type Head, readHead, readHeads, readPeriod, RevisionConflict, toPeriodDatasets, type WriteRevisionInput, writeRevision } from "./db/periods";
import { readNationalLatest } from "./db/national";
import { ApiError } from "./errors";
import { readRevision } from "./db/history";
import { readTargets, type StoredTargets } from "./db/targets";
import { headsBefore, historyTotals } from "./history";
import { REPORTING_2026_FROM_YEAR } from "./portal/sources";
import type { Db } from "./db/session";

/** The precondition of a write, checked on the month's head as it is now. */
function checkWritePrecondition(head: Head | null, ifMatch: string | undefined, period: string): void {
  if (head) {
    if (!ifMatch) throw new ApiError("PRECONDITION_REQUIRED", `Kỳ ${period} đã có bản số ${head.revision}: gửi kèm If-Match: ${head.etag} để tạo bản mới.`, [], { ETag: head.etag });
    // If-Match compares strongly: a weak tag (W/"…") never matches.
    if (ifMatch.trim() !== head.etag) throw new ApiError("CONFLICT", `Bản số ${head.revision} (${head.etag}) đã thay bản anh/chị đang sửa; tải lại rồi gửi lại.`, [], { ETag: head.etag });
  } else if (ifMatch && ifMatch.trim() !== "*") {
    throw new ApiError("CONFLICT", `Kỳ ${period} chưa có dữ liệu, nên If-Match ${ifMatch.trim()} không khớp bản nào; bỏ If-Match để tạo bản đầu tiên.`);
  }
}

/** The month's head, once the write's If-Match has been checked against it. */
export async function writableHead(db: Db, province: string, period: string, ifMatch: string | undefined): Promise<Head | null> {
  const head = await readHead(db, province, period);
  checkWritePrecondition(head, ifMatch, period);
  return head;
}

/**
 * Store a new revision in one batch (with `alongside` statements, e.g. a fetch log, landing only with
 * it). A lost race becomes a 409 with the ETag that won; other errors pass unchanged.
 */
export async function storeRevision(db: Db, w: WriteRevisionInput, alongside: readonly D1PreparedStatement[] = []): Promise<{ revision: number; etag: string; checksum: string }> {
  try {
    return await writeRevision(db, w, alongside);
  } catch (err) {
    if (!(err instanceof RevisionConflict)) throw err;
    const current = await readHead(db, w.province, w.period);
    throw new ApiError("CONFLICT", undefined, [], current ? { ETag: current.etag } : {});
  }
}

/**
 * Reports already built in this isolate, keyed by the revisions they were built from; an entry is
 * used only with the very catalog object it was built with (an added alias makes a new one).
 */
const reportCache = new Map<string, { report: Report; catalog: Catalog }>();
const MAX_CACHED = 64;

/**
 * The national summaries a province's report takes its headline rank from: the stored ones of the
 * period and the one before, for periods the portal's national summary serves (from 2026). Null for
 * earlier periods (the letters state their rank); `current` null when none is stored (an issue then).
 */
export async function nationalFor(db: Db, province: string, period: string, prevKey: string | null, unavailable?: string): Promise<{ input: NationalBuildInput; tag: string } | null> {
  const parsed = parsePeriod(period);
  if (!parsed || parsed.year < REPORTING_2026_FROM_YEAR) return null;
  const stored = await readNationalLatest(db, prevKey ? [period, prevKey] : [period]);
  const current = stored.get(period);
  const previous = prevKey ? stored.get(prevKey) : undefined;
  const input: NationalBuildInput = {
    current: current ? nationalInput(current.summary, period) : null,
    ...(previous && prevKey ? { previous: nationalInput(previous.summary, prevKey) } : {}),
    province,
    ...(!current ? { unavailable: unavailable ?? `chưa lấy từ Cổng: POST /v1/national/periods/${period}/fetch` } : {}),
  };
  return { input, tag: [current?.etag ?? "-", previous?.etag ?? "-"].map((e) => e.replace(/"/g, "")).join("+") };
}

/** Whether a build of a stored month has the improvement plan: never, always, or when the month has per-indicator figures. */
export type PlanWanted = boolean | "auto";

export interface StoredBuildOptions {
  /** The level Phụ lục 2 ranks (default: the catalog's). */
  readonly level?: UnitLevel;
  /** Why no national summary could be fetched just now (the issue that says the rank is missing). */
  readonly nationalUnavailable?: string;
  /** Build from that revision of the month (default: the head). */
  readonly revision?: number;
  /** The plan (BuildOptions.plan) with the province's targets (default: none). */
  readonly plan?: PlanWanted;
}

/** Everything a stored month's build depends on, read before its rows: enough to name it by an ETag. */
interface StoredBasis {
  readonly revision: number;
  readonly prevKey: string | null;
  readonly prevHead: Head | undefined;
  readonly national: Awaited<ReturnType<typeof nationalFor>>;
  readonly catalog: Catalog;
  readonly history: Awaited<ReturnType<typeof historyTotals>>;
  /** The province's targets, when a plan may be built. */
  readonly targets: StoredTargets | null;
  readonly etag: string;
}

async function basisFor(db: Db, province: string, period: string, o: StoredBuildOptions): Promise<StoredBasis> {
  const current = parsePeriod(period);
  const prevKey = current ? periodKey(previousPeriod(current)) : null;
  const [heads, national, earlier, chosen, targets] = await Promise.all([
    readHeads(db, province, prevKey ? [period, prevKey] : [period]),
    nationalFor(db, province, period, prevKey, o.nationalUnavailable),
    headsBefore(db, province, period),
    o.revision === undefined ? null : readRevision(db, province, period, o.revision),
    o.plan ? readTargets(db, province) : null,
  ]);
  const head = o.revision === undefined ? heads.get(period) : chosen;
  const prevHead = prevKey ? heads.get(prevKey) : undefined;
  if (!head) {
    if (o.revision !== undefined && heads.has(period)) throw new ApiError("NOT_FOUND", `Không có bản số ${o.revision} của kỳ ${period} (bản mới nhất là bản số ${heads.get(period)?.revision}).`);
    throw new ApiError("NOT_FOUND", `Chưa có số liệu ${province} kỳ ${period}.`);
  }
  const catalog = await catalogFor(db, province);
  const history = await historyTotals(earlier, province, catalog);
  // The ETag names everything the report depends on: both revisions, the national summaries, the catalog's aliases, the earlier months' revisions and, with a plan, the province's targets.
  const bare = (e: string) => e.replace(/"/g, "");
  const etag = `"${[head.etag, prevHead?.etag ?? "-"].map(bare).join("+")}+${national ? `${national.tag}+` : ""}${catalogVersion(catalog)}+${history.tag}${o.level ? `+${o.level}` : ""}${targets ? `+${bare(targets.etag)}` : ""}"`;
  return { revision: head.revision, prevKey, prevHead, national, catalog, history, targets, etag };
}

/** Whether a stored month has per-indicator figures of its units (what a plan's rows are built from; Phụ lục 1's alone make none). */
function hasUnitIndicators(input: ReportInput): boolean {
  return (input.unitScores ?? []).some((u) => u.indicators !== undefined && Object.keys(u.indicators).length > 0);
}

/** The stored month's rows as the engine's input, and the options it is built with. */
async function storedInput(db: Db, province: string, period: string, basis: StoredBasis, o: StoredBuildOptions): Promise<{ input: ReportInput; options: BuildOptions }> {
  const { prevKey, prevHead } = basis;
  const [stored, prev] = await Promise.all([readPeriod(db, province, period, basis.revision), prevKey && prevHead ? readPeriod(db, province, prevKey, prevHead.revision) : null]);
  if (!stored) throw new ApiError("NOT_FOUND", `Chưa có số liệu ${province} kỳ ${period}.`);
  const datasets = toPeriodDatasets(period, stored);
  const input: ReportInput = {
    province,
    ...datasets,
    dataTimestamp: datasets.dataTimestamp ?? vietnamTime(stored.capturedAt),
    ...(stored.datasets.letter ? { letter: stored.datasets.letter } : {}),
    ...(prev && prevKey ? { previous: toPeriodDatasets(prevKey, prev) } : {}),
  };
  const plan = o.plan === "auto" ? hasUnitIndicators(input) : (o.plan ?? false);
  const options: BuildOptions = {
    catalog: basis.catalog,
    ...(o.level ? { rankLevel: o.level } : {}),
    ...(basis.national ? { national: basis.national.input } : {}),
    history: basis.history.points,
    ...(plan ? { plan: { targets: basis.targets?.targets ?? [] } } : {}),
  };
  return { input, options };
}

/** A stored month's build: the report, its ETag, the revision it was built from and, with a plan, the targets used. */
export interface StoredReport {
  readonly report: Report;
  readonly etag: string;
  readonly revision: number;
  readonly targets: StoredTargets | null;
}

/**
 * The report of a stored month against the previous stored month, and its ETag. 404 when there is none.
 * - `revision`: build from that revision of the month (the previous month stays its head); 404 naming it
 *   when the month has no such revision. Default: the head.
 * - The draft letter's "Số liệu được tính tại thời điểm …" comes from the revision: its datasets'
 *   `dataTimestamp`, else the revision's `capturedAt` (in Vietnam time).
 * - The province's totals of the last 12 stored months before it go to the build as `history` (the trend
 *   sentence); their revisions are part of the ETag (a month stored earlier changes the sentence).
 * - `plan`: with the improvement plan built with the province's targets (GET …/targets), whose version is
 *   then part of the ETag; "auto": only when the month's units have per-indicator figures.
 * From 2026 its headline's national rank comes from the stored national summaries (`nationalUnavailable`:
 * why none could be fetched just now, for the issue that says the rank is missing).
 */
export async function storedReport(db: Db, province: string, period: string, o: StoredBuildOptions = {}): Promise<StoredReport> {
  const basis = await basisFor(db, province, period, o);
  const { etag, revision, targets } = basis;
  const cacheKey = `${province}/${period}/${String(o.plan ?? false)}/${etag}`;
  const hit = reportCache.get(cacheKey);
  if (hit && hit.catalog === basis.catalog) return { report: hit.report, etag, revision, targets };
  const { input, options } = await storedInput(db, province, period, basis, o);
  const report = buildReport(input, options);
  if (reportCache.size >= MAX_CACHED) reportCache.delete(reportCache.keys().next().value as string);
  reportCache.set(cacheKey, { report, catalog: basis.catalog });
  return { report, etag, revision, targets };
}

/** The report of a stored month (storedReport without a plan), as the routes have always asked for it. */
export async function reportFor(db: Db, province: string, period: string, level?: UnitLevel, nationalUnavailable?: string, revision?: number): Promise<{ report: Report; etag: string }> {
  return storedReport(db, province, period, { ...(level ? { level } : {}), ...(nationalUnavailable ? { nationalUnavailable } : {}), ...(revision !== undefined ? { revision } : {}) });
}

/**
 * A stored month as the engine's input and build options (with its previous month, national summaries
 * and history, as its report is built), for a computation on it other than the report: what-if.
 */
export async function storedMonth(db: Db, province: string, period: string, revision?: number): Promise<{ input: ReportInput; options: BuildOptions; revision: number; etag: string }> {
  const o: StoredBuildOptions = revision !== undefined ? { revision } : {};
  const basis = await basisFor(db, province, period, o);
  return { ...(await storedInput(db, province, period, basis, o)), revision: basis.revision, etag: basis.etag };
}
