/**
 * POST /v1/provinces/{province}/periods/{period}/fetch (write scope): ask the portal for the period —
 * its 2026 reporting API (six criteria) from 2026 on, its older service `report_tinh_766_service` (one
 * request) for the periods before — keep every raw answer with its request, and only when the fetch is
 * complete and passed the shape check store the mapped datasets as a new revision under the same rules
 * as a PUT (If-Match once the month has a revision). An incomplete fetch stores its raw log, never a
 * revision, and answers 502 naming each failed criterion in Vietnamese; the last good month stays as it was.
 *
 * Identical fetches are shared: one in flight per isolate, and a complete answer is kept in the Cache
 * API for a minute, so two clerks clicking together cost the portal one set of requests.
 */
import { Hono, type Context } from "hono";
import { PutPeriodSchema } from "../../shared/api-schema";
import { LEGACY_766_SERVICE, type Period } from "../../shared";
import { requireScope } from "../auth";
import { forgetCatalog } from "../catalogs";
import { portalCatalogStatement } from "../db/catalogs";
import type { Head } from "../db/periods";
import { fetchLogStatements } from "../db/portal";
import type { AppEnv } from "../env";
import { ApiError, STATUS } from "../errors";
import { type CriterionResult, fetchMonth, type MonthFetch } from "../portal/client";
import { datasetsFrom2026, datasetsFromLegacy } from "../portal/datasets";
import { fetchLegacy766 } from "../portal/legacy";
import { type PeriodSource, periodSource, REPORTING_2026_FROM_YEAR } from "../portal/sources";
import { readNational } from "../db/national";
import { fetchAndStoreNational } from "../national";
import { reportFor, storeRevision, writableHead } from "../revisions";
import { periodPath, zodIssues } from "../validate";

const CACHE_SECONDS = 60;
const inFlight = new Map<string, Promise<MonthFetch<string>>>();

/** The Cache API key of one portal month (exported for tests that need a cold cache). */
export function portalCacheKey(id: string, period: string, base: string | undefined, service: "portal-2026" | "portal-766" = "portal-2026"): Request {
  return new Request(`https://chiso766.cache/${service}/${id}/${period}?base=${encodeURIComponent(base ?? "")}`);
}

type Progress = (result: CriterionResult<string>, index: number, of: number) => void;

/** Ask the service that serves the period; progress goes to the caller that started the fetch. */
async function ask(source: PeriodSource, period: Period, onCriterion?: Progress): Promise<MonthFetch<string>> {
  const options = { ...(source.url ? { baseUrl: source.url } : {}), ...(onCriterion ? { onCriterion } : {}) };
  if (source.service === "reporting-2026") return fetchMonth(source.id, period, options);
  // Only what every fetch carries: the parsed rows are rebuilt from the raw answer, cached or not.
  const { results, complete, stoppedBy } = await fetchLegacy766(source.id, period, options);
  return { results, complete, stoppedBy };
}

async function sharedFetch(source: PeriodSource, period: string, parsed: Period, onCriterion?: Progress): Promise<{ month: MonthFetch<string>; cached: boolean }> {
  const cacheKey = portalCacheKey(source.id, period, source.url, source.service === LEGACY_766_SERVICE ? "portal-766" : "portal-2026");
  const cache = typeof caches === "undefined" ? null : caches.default;
  const hit = await cache?.match(cacheKey);
  if (hit) return { month: (await hit.json()) as MonthFetch<string>, cached: true };
  const key = cacheKey.url;
  let pending = inFlight.get(key);
  if (!pending) {
    // One that joins a fetch in flight gets the result only.
    pending = ask(source, parsed, onCriterion);
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

/** Fetch and store the period's national summary unless one is stored (from 2026); why it failed, if it did. */
async function nationalWhenMissing(env: Env, period: string, parsed: Period, by: string): Promise<string | undefined> {
  if (parsed.year < REPORTING_2026_FROM_YEAR || (await readNational(env.DB, period))) return undefined;
  try {
    await fetchAndStoreNational(env, period, parsed, by);
    return undefined;
  } catch (err) {
    return err instanceof ApiError ? err.issues[0]?.message || err.message : String(err);
  }
}

/** Per criterion, what happened (no bodies): stored with the fetch and returned to the caller. */
function outcome(month: MonthFetch<string>) {
  return month.results.map((r) => ({ criterion: r.criterion, ok: r.ok, attempts: r.attempts, pages: r.raw.length, ...(r.ok ? {} : { status: r.status, error: r.error }) }));
}

function fetchLog(db: D1Database, w: { id: string; province: string; period: string; by: string; now: string }, month: MonthFetch<string>, revision: number | null): D1PreparedStatement[] {
  const raw = month.results.flatMap((r) => r.raw.map((body, i) => ({ criterion: r.criterion, page: i + 1, request: r.requests[i] ?? r.requests[r.requests.length - 1] ?? null, body })));
  return fetchLogStatements(db, { id: w.id, province: w.province, period: w.period, fetchedAt: w.now, fetchedBy: w.by, complete: month.complete, revision, results: outcome(month), raw });
}

/** Everything after the checks: fetch, store, answer. Throws ApiError for an incomplete fetch. */
async function runFetch(c: Context<AppEnv>, w: { province: string; period: string; parsed: Period; by: string; head: Head | null; source: PeriodSource }, onCriterion?: Progress): Promise<{ status: 200 | 201; etag: string; location: string; body: Record<string, unknown> }> {
  const { province, period, by, head, source } = w;
  const db = c.env.DB;
  const { month, cached } = await sharedFetch(source, period, w.parsed, onCriterion);
  const now = new Date().toISOString();
  const log = { id: crypto.randomUUID(), province, period, by, now };
  if (!month.complete) {
    await db.batch(fetchLog(db, log, month, null));
    const failed = month.results.filter((r) => !r.ok);
    throw new ApiError(
      "UPSTREAM_FAILED",
      `Cổng DVCQG không trả đủ số liệu kỳ ${period} (${failed.length}/${month.results.length} tiêu chí lỗi); số liệu đã lưu được giữ nguyên.`,
      failed.map((r) => ({ path: r.criterion, code: r.ok ? "OK" : r.status === null ? "NO_ANSWER" : `HTTP_${r.status}`, message: r.ok ? "" : r.error })),
      month.stoppedBy ? { "Retry-After": "300" } : {},
    );
  }

  const mapped = source.service === "reporting-2026" ? datasetsFrom2026(month, province, source.provinceName, w.parsed, now) : datasetsFromLegacy(month, province, source.provinceName, now);
  const checked = PutPeriodSchema.safeParse(mapped.body);
  if (!checked.success) {
    await db.batch(fetchLog(db, log, month, null));
    throw new ApiError("UPSTREAM_FAILED", "Số liệu của Cổng không đúng hợp đồng dữ liệu của chiso766; số liệu đã lưu được giữ nguyên.", zodIssues(checked.error, "portal"));
  }

  const alongside = [...(mapped.catalog ? [portalCatalogStatement(db, mapped.catalog.catalog, now, mapped.catalog.replace)] : []), ...fetchLog(db, log, month, (head?.revision ?? 0) + 1)];
  const revision = await storeRevision(db, { province, period, expectedRevision: head?.revision ?? null, body: checked.data, createdBy: by, now, source: "portal" }, alongside);
  forgetCatalog(province);
  // The headline's national rank: the period's national summary, fetched now when none is stored. Its
  // failure does not undo the month: the report says the rank is missing and why.
  const unavailable = await nationalWhenMissing(c.env, period, w.parsed, by);
  const { report } = await reportFor(db, province, period, undefined, unavailable);
  return {
    status: head ? 200 : 201,
    etag: revision.etag,
    location: `/v1/provinces/${province}/periods/${period}?revision=${revision.revision}`,
    body: { province, period, revision: revision.revision, etag: revision.etag, checksum: revision.checksum, fetch: { id: log.id, cached, criteria: outcome(month) }, inputs: mapped.inputs, report },
  };
}

/**
 * With `Accept: application/x-ndjson` the answer streams one JSON line per criterion as the portal
 * answers it ({"type":"criterion",…}), then one final line: {"type":"result","status":201,"body":…} or
 * {"type":"error","status":502,"error":{…envelope…}}. Checks that fail before the portal is asked
 * (key, scope, If-Match, unknown province) are ordinary HTTP errors.
 */
function streamed(c: Context<AppEnv>, run: (onCriterion: Progress) => ReturnType<typeof runFetch>): Response {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const encoder = new TextEncoder();
  const line = (value: unknown) => writer.write(encoder.encode(`${JSON.stringify(value)}\n`));
  const work = (async () => {
    try {
      const done = await run((r, index, of) => void line({ type: "criterion", criterion: r.criterion, ok: r.ok, attempts: r.attempts, index, of, ...(r.ok ? {} : { error: r.error }) }));
      await line({ type: "result", status: done.status, body: done.body });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError("INTERNAL");
      if (!(err instanceof ApiError)) console.error(JSON.stringify({ requestId: c.get("requestId"), error: String(err) }));
      await line({ type: "error", status: STATUS[e.code], error: { code: e.code, message: e.message, issues: e.issues, requestId: c.get("requestId") } });
    } finally {
      await writer.close();
    }
  })();
  c.executionCtx.waitUntil(work);
  return new Response(readable, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}

export const portalFetch = new Hono<AppEnv>().post("/", async (c) => {
  const { province, period, parsed } = periodPath(c);
  const key = await requireScope(c, province, "write");
  const source = periodSource(c.env, province, parsed);
  const head = await writableHead(c.env.DB, province, period, c.req.header("if-match"));
  const w = { province, period, parsed, by: key?.label ?? "?", head, source };
  if ((c.req.header("accept") ?? "").includes("application/x-ndjson")) return streamed(c, (onCriterion) => runFetch(c, w, onCriterion));
  const done = await runFetch(c, w);
  c.header("ETag", done.etag);
  c.header("Location", done.location);
  return c.json(done.body, done.status);
});
