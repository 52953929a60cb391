/**
 * The national picture: the portal's summary of the 34 provinces (`service-results`), stored as
 * revisions per period, ranked by the engine (shared/national/ranking.ts) against the previous period.
 *
 * - `GET /v1/national/periods/{period}` (public: the portal publishes these figures) — the latest
 *   revision, or `?revision=n`; JSON, or `?format=csv` for spreadsheets; ETag and 304.
 * - `POST /v1/national/periods/{period}/fetch` (a key with write scope, any province) — asks the portal
 *   once, keeps the raw answer with its request in the fetch log (province "VN") whatever happens, and
 *   adds a revision only when the answer passed the shape check and differs from the stored one
 *   (201 new, 200 unchanged). A failure stores the log only and answers 502; what was stored stays.
 */
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { PeriodKeySchema } from "../../shared/api-schema";
import { GROUP_CODES, nationalDenominator, nationalInput, parsePeriod, type Period, periodKey, previousPeriod, PROVINCES, rankNational } from "../../shared";
import { answerTable } from "../csv";
import { readNational, readNationalLatest, type NationalRevision } from "../db/national";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { fetchAndStoreNational } from "../national";
import { params, query } from "../validate";
import { FormatSchema, formatTag, LocaleSchema, notModified, RevisionSchema } from "./periods";

const PathSchema = z.object({ period: PeriodKeySchema });
const QuerySchema = z.object({ format: FormatSchema, locale: LocaleSchema, revision: RevisionSchema });

function periodOf(c: Context<AppEnv>): { period: string; parsed: Period } {
  const { period } = params(c, PathSchema);
  const parsed = parsePeriod(period);
  if (!parsed) throw new ApiError("VALIDATION_FAILED", `Kỳ báo cáo "${period}" không hợp lệ.`);
  return { period: periodKey(parsed), parsed };
}

/** The 34 of the directory, for the ranking's check of who is missing or unknown (periods from 1/7/2025). */
const expected = (p: Period) => (nationalDenominator(p) === PROVINCES.length ? PROVINCES.map((x) => ({ code: x.code, name: x.name, aliases: [x.portalCode] })) : undefined);

/** A stored summary ranked against the previous period's latest (when stored). */
export function rankStored(current: NationalRevision, previous: NationalRevision | null) {
  return rankNational(nationalInput(current.summary, current.period), previous ? nationalInput(previous.summary, previous.period) : null, { expected });
}

function body(current: NationalRevision, previous: NationalRevision | null) {
  const ranked = rankStored(current, previous);
  return {
    period: current.period,
    revision: current.revision,
    etag: current.etag,
    fetchedAt: current.createdAt,
    countryTotal: current.summary.countryTotal,
    previous: previous ? { period: previous.period, revision: previous.revision } : null,
    denominator: ranked.value?.denominator ?? null,
    entries: ranked.value?.entries ?? [],
    issues: ranked.issues,
  };
}

export const national = new Hono<AppEnv>()
  .get("/periods/:period", async (c) => {
    const { period, parsed } = periodOf(c);
    const { format, locale, revision } = query(c, QuerySchema);
    const prevKey = periodKey(previousPeriod(parsed));
    const current = revision === undefined ? (await readNationalLatest(c.env.DB, [period])).get(period) ?? null : await readNational(c.env.DB, period, revision);
    if (!current) throw new ApiError("NOT_FOUND", revision === undefined ? `Chưa có bảng tổng hợp toàn quốc kỳ ${period}: gọi POST /v1/national/periods/${period}/fetch.` : `Bảng tổng hợp toàn quốc kỳ ${period} không có bản số ${revision}.`);
    const previous = (await readNationalLatest(c.env.DB, [prevKey])).get(prevKey) ?? null;
    const etag = `"${current.etag.replace(/"/g, "")}+${previous ? previous.etag.replace(/"/g, "") : "-"}+${formatTag(format, locale)}"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    const out = body(current, previous);
    if (format === "json") {
      c.header("ETag", etag);
      return c.json(out);
    }
    const table = {
      name: `Toàn quốc ${period}`,
      header: ["Hạng", "Mã", "Tỉnh, thành phố", "Tổng điểm", "So với kỳ trước (điểm)", "So với kỳ trước (bậc)", ...GROUP_CODES.flatMap((g) => [`${g} điểm`, `${g} hạng`])],
      rows: out.entries.map((e) => [e.rank ?? "", e.code, e.name, e.total ?? "", e.change.pointsText, e.change.text, ...GROUP_CODES.flatMap((g) => [e.groups[g]?.score ?? "", e.groups[g]?.rank ?? ""])]),
    };
    return answerTable(format, locale, table, `toan-quoc-${period}`, { ETag: etag });
  })
  .post("/periods/:period/fetch", async (c) => {
    const { period, parsed } = periodOf(c);
    const key = c.get("key");
    if (!key) throw new ApiError("UNAUTHORIZED", undefined, [], { "WWW-Authenticate": 'Bearer realm="chiso766"' });
    if (!key.scopes.has("write")) throw new ApiError("FORBIDDEN", "Khóa truy cập này chỉ được đọc, không được ghi.");
    const stored = await fetchAndStoreNational(c.env, period, parsed, key.label);
    const prevKey = periodKey(previousPeriod(parsed));
    const previous = (await readNationalLatest(c.env.DB, [prevKey])).get(prevKey) ?? null;
    c.header("ETag", stored.revision.etag);
    c.header("Location", `/v1/national/periods/${period}?revision=${stored.revision.revision}`);
    return c.json({ ...body(stored.revision, previous), created: stored.created, fetch: { id: stored.fetchId } }, stored.created ? 201 : 200);
  });
