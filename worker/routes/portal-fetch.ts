/**
 * POST /v1/provinces/{province}/periods/{period}/fetch (write scope): ask the portal for the period —
 * its 2026 reporting API (six criteria) from 2026 on, its older service `report_tinh_766_service` (one
 * request) for the periods before — keep every raw answer with its request, and only when the fetch is
 * complete and passed the shape check store the mapped datasets as a new revision under the same rules
 * as a PUT (If-Match once the month has a revision). An incomplete fetch stores its raw log, never a
 * revision, and answers 502 naming each failed criterion in Vietnamese; the last good month stays as it was.
 *
 * The fetch → map → shape check is worker/portal-month.ts, shared with the scheduled snapshot (one in
 * flight per isolate, a complete answer cached for a minute).
 */
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import type { Period } from "../../shared";
import { requireScope } from "../auth";
import { forgetCatalog } from "../catalogs";
import type { Head } from "../db/periods";
import type { AppEnv, Bindings } from "../env";
import { ApiError, STATUS } from "../errors";
import { type PeriodSource, periodSource, REPORTING_2026_FROM_YEAR } from "../portal/sources";
import { readNational } from "../db/national";
import { fetchAndStoreNational } from "../national";
import { fetchPortalPeriod, outcome, portalCacheKey, type Progress } from "../portal-month";
import { type RoundClock, roundClock } from "../portal/client";
import { reportFor, storeRevision, writableHead } from "../revisions";
import { periodPath } from "../validate";

/** The Cache API key of one portal month (tests that need a cold cache import it from here). */
export { portalCacheKey };

/** Fetch and store the period's national summary unless one is stored (from 2026); why it failed, if it did. */
async function nationalWhenMissing(env: Bindings, period: string, parsed: Period, by: string, round: RoundClock): Promise<string | undefined> {
  if (parsed.year < REPORTING_2026_FROM_YEAR || (await readNational(env.DB, period))) return undefined;
  try {
    await fetchAndStoreNational(env, period, parsed, by, round);
    return undefined;
  } catch (err) {
    return err instanceof ApiError ? err.issues[0]?.message || err.message : String(err);
  }
}

/** Everything after the checks: fetch, store, answer. Throws ApiError for an incomplete fetch. */
async function runFetch(c: Context<AppEnv>, w: { province: string; period: string; parsed: Period; by: string; head: Head | null; source: PeriodSource }, onCriterion?: Progress): Promise<{ status: 200 | 201; etag: string; location: string; body: Record<string, unknown> }> {
  const { province, period, by, head, source } = w;
  const db = c.env.DB;
  // One deadline for everything this request asks of the portal (the month, then the national summary).
  const round = roundClock();
  const fetched = await fetchPortalPeriod(db, { province, period, parsed: w.parsed, by, source, round }, onCriterion);
  const alongside = [...fetched.catalogStatements(), ...(await fetched.logStatements((head?.revision ?? 0) + 1))];
  const revision = await storeRevision(db, { province, period, expectedRevision: head?.revision ?? null, body: fetched.body, createdBy: by, now: fetched.log.now, source: "portal" }, alongside);
  forgetCatalog(province);
  // The headline's national rank: the period's national summary, fetched now when none is stored. Its
  // failure does not undo the month: the report says the rank is missing and why.
  const unavailable = await nationalWhenMissing(c.env, period, w.parsed, by, round);
  const { report } = await reportFor(db, province, period, undefined, unavailable);
  return {
    status: head ? 200 : 201,
    etag: revision.etag,
    location: `/v1/provinces/${province}/periods/${period}?revision=${revision.revision}`,
    body: { province, period, revision: revision.revision, etag: revision.etag, checksum: revision.checksum, fetch: { id: fetched.log.id, cached: fetched.cached, criteria: outcome(fetched.month) }, inputs: fetched.inputs, report },
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
