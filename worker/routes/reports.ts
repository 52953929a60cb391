/**
 * POST /v1/reports — stateless: datasets in, report out. Nothing is stored. From 2026 the headline's
 * national rank comes from the national summaries the Worker has stored for the period and the one
 * before (read only), as for a stored month's report; without one the report says the rank is missing.
 *
 * One caller cannot slow everyone (issue 12 item 3): without an API key with write scope the body is
 * limited to what one province needs (ANONYMOUS_LIMITS: 1 MB, 1,000 rows per dataset; 413 naming the
 * limit and the key that lifts it); with one, LIMITS (4 MB, 12,000 rows). `?include=` answers only the
 * parts asked for (appendices, issues, ranking, narrative; the head — province, period, methodology,
 * counts — always); without it, the whole report as before.
 */
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { ANONYMOUS_LIMITS, LIMITS, REPORT_PARTS, ReportRequestSchema, type ReportPart } from "../../shared/api-schema";
import { buildReport, formatCount, type Report, parsePeriod, periodKey, previousPeriod } from "../../shared";
import { catalogFor } from "../catalogs";
import type { AppEnv } from "../env";
import { nationalFor } from "../revisions";
import { checkRows, jsonValue, parseWith, query } from "../validate";

const n = formatCount;
/** What the 413 of an anonymous report adds: the limits with and without a key, and how to get one. */
export const ANONYMOUS_HINT =
  `Gọi không kèm khóa API được gửi tối đa ${ANONYMOUS_LIMITS.maxBodyBytes / 1024 / 1024} MB và ${n(ANONYMOUS_LIMITS.maxRowsPerDataset)} dòng mỗi bảng; ` +
  `khóa API có quyền ghi (Authorization: Bearer …, cấp bằng npm run keys -- create) được tới ${LIMITS.maxBodyBytes / 1024 / 1024} MB và ${n(LIMITS.maxRowsPerDataset)} dòng.`;

/**
 * `?include=appendices,issues,…`: the parts of the report to answer, in REPORT_PARTS order, each once (all
 * of them without it; 400 naming an unknown part). POST /v1/reports and GET …/periods/{period}/report.
 */
export const IncludeSchema = z.pipe(
  z.optional(z.string()),
  z.transform((v: string | undefined, ctx): ReportPart[] => {
    if (v === undefined) return [...REPORT_PARTS];
    const parts = v.split(",").map((p) => p.trim()).filter(Boolean);
    const unknown = parts.filter((p) => !(REPORT_PARTS as readonly string[]).includes(p));
    if (unknown.length) ctx.issues.push({ code: "custom", input: v, message: `Không có phần "${unknown.join(", ")}"; include nhận: ${REPORT_PARTS.join(", ")}` });
    return REPORT_PARTS.filter((p) => parts.includes(p));
  }),
);

const wholeReport = (include: readonly ReportPart[]) => include.length === REPORT_PARTS.length;

/** The report with only the parts asked for (the head always); the whole report when all are. */
export function reportParts(report: Report, include: readonly ReportPart[]): Report | Partial<Report> {
  if (wholeReport(include)) return report;
  const { appendices, issues, ranking, narrative, ...head } = report;
  const parts = { appendices, issues, ranking, narrative };
  return { ...head, ...Object.fromEntries(include.map((p) => [p, parts[p]])) };
}

/**
 * A stored report's ETag for the parts asked for: the whole report's as it is, a part of it tagged
 * (`+issues+ranking`; no comma, which separates the ETags of an If-None-Match).
 */
export const partsEtag = (etag: string, include: readonly ReportPart[]): string => (wholeReport(include) ? etag : `${etag.slice(0, -1)}+${include.join("+")}"`);

export const reports = new Hono<AppEnv>().post("/", async (c) => {
  const { include } = query(c, z.object({ include: IncludeSchema }));
  const large = c.get("key")?.scopes.has("write") ?? false;
  // Anonymous: the rows are counted on the JSON as sent, before the schema (whose limit is a key's), so
  // that 12,001 rows are refused with the caller's own limit and how to lift it, as 1,001 are.
  const value = await jsonValue(c, large ? LIMITS : { maxBodyBytes: ANONYMOUS_LIMITS.maxBodyBytes, hint: ANONYMOUS_HINT });
  if (!large && typeof value === "object" && value !== null && !Array.isArray(value)) checkRows(value as Record<string, unknown>, ANONYMOUS_LIMITS.maxRowsPerDataset, ANONYMOUS_HINT);
  const { options, ...input } = parseWith(ReportRequestSchema, value, "body");
  const parsed = input.period ? parsePeriod(input.period) : null;
  const [catalog, national] = await Promise.all([catalogFor(c.env.DB, input.province), parsed ? nationalFor(c.env.DB, input.province, periodKey(parsed), periodKey(previousPeriod(parsed))) : null]);
  const report = buildReport(input, { ...options, catalog, ...(national ? { national: national.input } : {}) });
  return c.json(reportParts(report, include));
});
