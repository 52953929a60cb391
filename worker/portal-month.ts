/**
 * One province's period from the portal, as every caller takes it — the clerk's fetch
 * (routes/portal-fetch.ts) and the scheduled snapshot (schedule.ts): ask the service that serves the
 * period (the 2026 reporting API's six criteria, or the older one-request service before 2026), keep
 * every raw answer with its request, map the answers to a PUT body and check it against the PUT
 * contract. An incomplete fetch or one that fails the check stores its fetch log only and throws
 * UPSTREAM_FAILED (Vietnamese, naming each failed criterion); what is stored stays as it was.
 *
 * A round — every request of one fetch, retries and waits included — ends within PORTAL_ROUND_MS (20 s);
 * a portal that refuses the connection or does not answer the first criterion ends it at once.
 *
 * Identical fetches are shared: one in flight per isolate, and a complete answer is kept in the Cache
 * API for a minute, so two clerks clicking together (or a clerk and the schedule) cost the portal one
 * set of requests.
 */
import { PutPeriodSchema, type PutPeriodBody } from "../shared/api-schema";
import { LEGACY_766_SERVICE, type Period } from "../shared";
import { portalCatalogStatement } from "./db/catalogs";
import { fetchLogStatements } from "./db/portal";
import { ApiError } from "./errors";
import { type CriterionResult, fetchMonth, type MonthFetch, type RoundClock, roundClock } from "./portal/client";
import { datasetsFrom2026, datasetsFromLegacy, type PortalDatasets } from "./portal/datasets";
import { fetchLegacy766 } from "./portal/legacy";
import type { PeriodSource } from "./portal/sources";
import { zodIssues } from "./validate";
import type { Db } from "./db/session";

const CACHE_SECONDS = 60;
const inFlight = new Map<string, Promise<MonthFetch<string>>>();

/** The Cache API key of one portal month (exported for tests that need a cold cache). */
export function portalCacheKey(id: string, period: string, base: string | undefined, service: "portal-2026" | "portal-766" = "portal-2026"): Request {
  return new Request(`https://chiso766.cache/${service}/${id}/${period}?base=${encodeURIComponent(base ?? "")}`);
}

export type Progress = (result: CriterionResult<string>, index: number, of: number) => void;

/**
 * Ask the service that serves the period within the round's deadline; progress goes to the caller
 * that started the fetch.
 */
async function ask(source: PeriodSource, period: Period, round: RoundClock, onCriterion?: Progress): Promise<MonthFetch<string>> {
  const options = { round, ...(source.url ? { baseUrl: source.url } : {}), ...(source.timeoutMs ? { timeoutMs: source.timeoutMs } : {}), ...(onCriterion ? { onCriterion } : {}) };
  if (source.service === "reporting-2026") return fetchMonth(source.id, period, options);
  // Only what every fetch carries: the parsed rows are rebuilt from the raw answer, cached or not.
  const { results, complete, stoppedBy, unreachable } = await fetchLegacy766(source.id, period, options);
  return { results, complete, stoppedBy, ...(unreachable ? { unreachable } : {}) };
}

async function sharedFetch(source: PeriodSource, period: string, parsed: Period, round: RoundClock, onCriterion?: Progress): Promise<{ month: MonthFetch<string>; cached: boolean }> {
  const cacheKey = portalCacheKey(source.id, period, source.url, source.service === LEGACY_766_SERVICE ? "portal-766" : "portal-2026");
  const cache = typeof caches === "undefined" ? null : caches.default;
  const hit = await cache?.match(cacheKey);
  if (hit) return { month: (await hit.json()) as MonthFetch<string>, cached: true };
  const key = cacheKey.url;
  let pending = inFlight.get(key);
  if (!pending) {
    // One that joins a fetch in flight gets the result only.
    pending = ask(source, parsed, round, onCriterion);
    inFlight.set(key, pending);
  }
  try {
    const month = await pending;
    if (month.complete && cache) {
      await cache.put(cacheKey, new Response(JSON.stringify(month), { headers: { "content-type": "application/json", "cache-control": `max-age=${CACHE_SECONDS}` } }));
    }
    return { month, cached: false };
  } finally {
    inFlight.delete(key);
  }
}

/** Per criterion, what happened (no bodies): stored with the fetch and returned to the caller. */
export function outcome(month: MonthFetch<string>) {
  return month.results.map((r) => ({ criterion: r.criterion, ok: r.ok, attempts: r.attempts, pages: r.raw.length, ...(r.ok ? {} : { status: r.status, error: r.error }) }));
}

interface LogHead {
  readonly id: string;
  readonly province: string;
  readonly period: string;
  readonly by: string;
  readonly now: string;
}

function fetchLog(db: Db, w: LogHead, month: MonthFetch<string>, revision: number | null): Promise<D1PreparedStatement[]> {
  const raw = month.results.flatMap((r) => r.raw.map((body, i) => ({ criterion: r.criterion, page: i + 1, request: r.requests[i] ?? r.requests[r.requests.length - 1] ?? null, body })));
  return fetchLogStatements(db, { id: w.id, province: w.province, period: w.period, fetchedAt: w.now, fetchedBy: w.by, complete: month.complete, revision, results: outcome(month), raw });
}

/** A complete, checked fetch: what to store, and the statements that keep its log (and catalog) with it. */
export interface PortalPeriod {
  readonly month: MonthFetch<string>;
  readonly cached: boolean;
  /** The fetch log's id and the time of the fetch (the time of capture). */
  readonly log: LogHead;
  /** The mapped datasets, checked against the PUT contract. */
  readonly body: PutPeriodBody;
  readonly inputs: PortalDatasets["inputs"];
  /** The fetch log, linked to the revision it became (or equals; null for none). */
  logStatements(revision: number | null): Promise<D1PreparedStatement[]>;
  /** The portal's catalog for a province without a built-in one: stored with a new revision. */
  catalogStatements(): D1PreparedStatement[];
}

export interface PortalPeriodRequest {
  readonly province: string;
  readonly period: string;
  readonly parsed: Period;
  /** Key label, or the schedule's name: the fetch log's fetched_by. */
  readonly by: string;
  readonly source: PeriodSource;
  /** The round this fetch belongs to (a caller that asks the portal more within one deadline); a new one when absent. */
  readonly round?: RoundClock;
}

/**
 * Fetch → map → shape check. Throws ApiError UPSTREAM_FAILED (after storing the fetch log, with its
 * raw answers) when the portal did not answer everything or answered outside the contract.
 */
export async function fetchPortalPeriod(db: Db, w: PortalPeriodRequest, onCriterion?: Progress): Promise<PortalPeriod> {
  const { province, period, source } = w;
  const { month, cached } = await sharedFetch(source, period, w.parsed, w.round ?? roundClock(), onCriterion);
  const now = new Date().toISOString();
  const log: LogHead = { id: crypto.randomUUID(), province, period, by: w.by, now };
  if (!month.complete) {
    await db.batch(await fetchLog(db, log, month, null));
    const failed = month.results.filter((r) => !r.ok);
    const asked = month.results.filter((r) => r.attempts > 0).length;
    throw new ApiError(
      "UPSTREAM_FAILED",
      month.unreachable
        ? `Không liên lạc được Cổng DVCQG (Cổng không kết nối hoặc không trả lời; đã hỏi ${asked}/${month.results.length} tiêu chí rồi dừng): kỳ ${period} chưa lấy được, thử lại sau. Số liệu đã lưu được giữ nguyên.`
        : `Cổng DVCQG không trả đủ số liệu kỳ ${period} (${failed.length}/${month.results.length} tiêu chí lỗi); số liệu đã lưu được giữ nguyên.`,
      failed.map((r) => ({ path: r.criterion, code: r.ok ? "OK" : r.status === null ? "NO_ANSWER" : `HTTP_${r.status}`, message: r.ok ? "" : r.error })),
      month.stoppedBy ? { "Retry-After": "300" } : {},
    );
  }
  const mapped = source.service === "reporting-2026" ? datasetsFrom2026(month, province, source.provinceName, w.parsed, now) : datasetsFromLegacy(month, province, source.provinceName, now);
  const checked = PutPeriodSchema.safeParse(mapped.body);
  if (!checked.success) {
    await db.batch(await fetchLog(db, log, month, null));
    throw new ApiError("UPSTREAM_FAILED", "Số liệu của Cổng không đúng hợp đồng dữ liệu của chiso766; số liệu đã lưu được giữ nguyên.", zodIssues(checked.error, "portal"));
  }
  return {
    month,
    cached,
    log,
    body: checked.data,
    inputs: mapped.inputs,
    logStatements: (revision) => fetchLog(db, log, month, revision),
    catalogStatements: () => (mapped.catalog ? [portalCatalogStatement(db, mapped.catalog.catalog, now, mapped.catalog.replace)] : []),
  };
}
