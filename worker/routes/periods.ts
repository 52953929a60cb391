/**
 * Stored months of a province: PUT a new immutable revision (If-Match required once one exists),
 * GET the latest or a given revision, list revisions, and the report (whole, or the parts `?include=`
 * names, as POST /v1/reports), rankings and appendices built against the previous stored month, as JSON or CSV, and the whole report as an .xlsx workbook (for
 * Excel that cannot run the add-in; with "Kế hoạch cải thiện" when the month has per-indicator figures).
 */
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { PutPeriodSchema } from "../../shared/api-schema";
import { parsePeriod, reportXlsx, trendSheetFor } from "../../shared";
import { requireScope } from "../auth";
import { catalogFor } from "../catalogs";
import { answerTable } from "../csv";
import { appendixTable, rankingTable } from "../tables";
import { listRevisions, readPeriod } from "../db/periods";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { historyBefore } from "../history";
import { reportFor, storedReport, storeRevision, writableHead } from "../revisions";
import { IncludeSchema, partsEtag, reportParts } from "./reports";
import { jsonBody, params, periodPath, query } from "../validate";

/** ?format=: json, csv (UTF-8 with BOM) or xlsx (one sheet, typed numbers: no locale guesswork). */
export const FormatSchema = z._default(z.enum(["json", "csv", "xlsx"]), "json");
/** ?locale= of a CSV: en (comma, decimal point) or vi (semicolon, decimal comma, for a vi-VN spreadsheet). */
export const LocaleSchema = z._default(z.enum(["en", "vi"]), "en");
/** The part of an ETag that tells the representations apart ("csv-vi" for the vi-VN CSV). */
export const formatTag = (format: "json" | "csv" | "xlsx", locale: "en" | "vi") => (format === "csv" && locale === "vi" ? "csv-vi" : format);
const LevelSchema = z.enum(["province", "department", "district", "commune"]);
/** ?revision=n: that stored revision (default the latest). */
export const RevisionSchema = z.optional(z.coerce.number().check(z.int(), z.gte(1)));

const unquote = (etag: string) => etag.trim().replace(/^W\//, "");

/** 304 when the client already has this version. */
export function notModified(c: Context<AppEnv>, etag: string): Response | null {
  const inm = c.req.header("if-none-match");
  if (inm && inm.split(",").map((t) => unquote(t)).includes(etag)) {
    c.header("ETag", etag);
    return c.body(null, 304);
  }
  return null;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** attachment; an ASCII file name for old clients and the Vietnamese one as filename* (RFC 6266 / 5987). */
export function attachment(ascii: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

export const periods = new Hono<AppEnv>()
  .put("/", async (c) => {
    const { province, period } = periodPath(c);
    const key = await requireScope(c, province, "write");
    const body = await jsonBody(c, PutPeriodSchema);
    await catalogFor(c.env.DB, province);
    const head = await writableHead(c.env.DB, province, period, c.req.header("if-match"));
    const written = await storeRevision(c.env.DB, { province, period, expectedRevision: head?.revision ?? null, body, createdBy: key?.label ?? "?", now: new Date().toISOString() });
    c.header("ETag", written.etag);
    c.header("Location", `/v1/provinces/${province}/periods/${period}?revision=${written.revision}`);
    return c.json({ province, period, ...written }, head ? 200 : 201);
  })
  .get("/", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const { revision } = query(c, z.object({ revision: RevisionSchema }));
    const stored = await readPeriod(c.env.DB, province, period, revision);
    if (!stored) throw new ApiError("NOT_FOUND", revision ? `Không có bản số ${revision} của kỳ ${period}.` : `Chưa có số liệu ${province} kỳ ${period}.`);
    c.header("ETag", stored.etag);
    const { datasets, ...info } = stored;
    return c.json({ province, period, ...info, datasets });
  })
  .get("/revisions", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const revisions = await listRevisions(c.env.DB, province, period);
    if (!revisions.length) throw new ApiError("NOT_FOUND", `Chưa có số liệu ${province} kỳ ${period}.`);
    return c.json({ province, period, head: revisions[0]?.revision ?? 0, revisions });
  })
  .get("/report", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const { revision, include } = query(c, z.object({ revision: RevisionSchema, include: IncludeSchema }));
    const built = await reportFor(c.env.DB, province, period, undefined, undefined, revision);
    const etag = partsEtag(built.etag, include);
    const cached = notModified(c, etag);
    if (cached) return cached;
    c.header("ETag", etag);
    return c.json(reportParts(built.report, include));
  })
  .get("/rankings", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const q = query(c, z.object({ level: z.optional(LevelSchema), format: FormatSchema, locale: LocaleSchema, revision: RevisionSchema }));
    const built = await reportFor(c.env.DB, province, period, q.level, undefined, q.revision);
    const { report } = built;
    const etag = `${built.etag.slice(0, -1)}+${formatTag(q.format, q.locale)}"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    if (q.format === "json") {
      c.header("ETag", etag);
      return c.json({ province, period, level: report.ranking.level, entries: report.ranking.entries });
    }
    return answerTable(q.format, q.locale, rankingTable(report.ranking.entries), `xep-hang-${province}-${period}`, { ETag: etag });
  })
  .get("/appendices/:n", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const { n } = params(c, z.object({ n: z.enum(["1", "2", "3", "4"]), province: z.string(), period: z.string() }));
    const { format, locale, revision } = query(c, z.object({ format: FormatSchema, locale: LocaleSchema, revision: RevisionSchema }));
    const built = await reportFor(c.env.DB, province, period, undefined, undefined, revision);
    const { report } = built;
    const etag = `${built.etag.slice(0, -1)}+${formatTag(format, locale)}"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    const table = report.appendices.find((a) => a.id === `PL${n}`);
    if (!table) throw new ApiError("NOT_FOUND", `Không có Phụ lục ${n}.`);
    if (format === "json") {
      c.header("ETag", etag);
      return c.json(table);
    }
    return answerTable(format, locale, appendixTable(table), `phu-luc-${n}-${province}-${period}`, { ETag: etag });
  })
  .get("/workbook.xlsx", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const { revision } = query(c, z.object({ revision: RevisionSchema }));
    // "Kế hoạch cải thiện" (with the province's targets) when the month has per-indicator figures.
    const built = await storedReport(c.env.DB, province, period, { plan: "auto", ...(revision !== undefined ? { revision } : {}) });
    const etag = `${built.etag.slice(0, -1)}+xlsx"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    // "Diễn biến" when months are stored before this one (its own figures come from the report built).
    const history = await historyBefore(c.env.DB, province, await catalogFor(c.env.DB, province), period);
    const parsed = parsePeriod(period);
    const trends = history && parsed ? trendSheetFor(history, built.report, parsed) : null;
    return new Response(reportXlsx(built.report, { trends }), {
      headers: {
        "content-type": XLSX_TYPE,
        "content-disposition": attachment(`phu-luc-${province}-${period}${revision ? `-r${revision}` : ""}.xlsx`, `Phụ lục ${province} ${period}${revision ? ` bản ${revision}` : ""}.xlsx`),
        ETag: etag,
      },
    });
  });
