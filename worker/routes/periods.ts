/**
 * Stored months of a province: PUT a new immutable revision (If-Match required once one exists),
 * GET the latest or a given revision, list revisions, and the report, rankings and appendices built
 * against the previous stored month, as JSON or CSV.
 */
import { Hono, type Context } from "hono";
import * as z from "zod";
import { PeriodKeySchema, ProvinceIdSchema, PutPeriodSchema } from "../../shared/api-schema";
import { type AppendixTable, buildReport, type Catalog, headerGrid, parsePeriod, periodKey, previousPeriod, type Report, type UnitLevel } from "../../shared";
import { requireScope } from "../auth";
import { catalogFor, catalogVersion } from "../catalogs";
import { csvResponse, toCsv } from "../csv";
import { listRevisions, readHead, type Head, readHeads, readPeriod, RevisionConflict, toPeriodDatasets, writeRevision } from "../db/periods";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { jsonBody, params, query } from "../validate";

const PathSchema = z.object({ province: ProvinceIdSchema, period: PeriodKeySchema });
const FormatSchema = z.enum(["json", "csv"]).default("json");
const LevelSchema = z.enum(["province", "department", "district", "commune"]);

export function path(c: Context<AppEnv>): { province: string; period: string } {
  const p = params(c, PathSchema);
  const parsed = parsePeriod(p.period);
  if (!parsed) throw new ApiError("VALIDATION_FAILED", `Kỳ báo cáo "${p.period}" không hợp lệ.`);
  return { province: p.province, period: periodKey(parsed) };
}

const unquote = (etag: string) => etag.trim().replace(/^W\//, "");

/**
 * Reports already built in this isolate, keyed by the revisions they were built from; an entry is
 * used only with the very catalog object it was built with (an added alias makes a new one).
 */
const reportCache = new Map<string, { report: Report; catalog: Catalog }>();
const MAX_CACHED = 64;

export async function reportFor(c: Context<AppEnv>, province: string, period: string, level?: UnitLevel): Promise<{ report: Report; etag: string }> {
  const current = parsePeriod(period);
  const prevKey = current ? periodKey(previousPeriod(current)) : null;
  const heads = await readHeads(c.env.DB, province, prevKey ? [period, prevKey] : [period]);
  const head = heads.get(period);
  const prevHead = prevKey ? heads.get(prevKey) : undefined;
  if (!head) throw new ApiError("NOT_FOUND", `Chưa có số liệu ${province} kỳ ${period}.`);
  const catalog = await catalogFor(c.env.DB, province);
  // The ETag names everything the report depends on: both revisions and the catalog's aliases.
  const etag = `"${[head.etag, prevHead?.etag ?? "-"].map((e) => e.replace(/"/g, "")).join("+")}+${catalogVersion(catalog)}${level ? `+${level}` : ""}"`;
  const cacheKey = `${province}/${period}/${etag}`;
  const hit = reportCache.get(cacheKey);
  if (hit && hit.catalog === catalog) return { report: hit.report, etag };
  const [stored, prev] = await Promise.all([
    readPeriod(c.env.DB, province, period, head.revision),
    prevKey && prevHead ? readPeriod(c.env.DB, province, prevKey, prevHead.revision) : null,
  ]);
  if (!stored) throw new ApiError("NOT_FOUND", `Chưa có số liệu ${province} kỳ ${period}.`);
  const report = buildReport(
    {
      province,
      ...toPeriodDatasets(period, stored),
      ...(stored.datasets.letter ? { letter: stored.datasets.letter } : {}),
      ...(prev && prevKey ? { previous: toPeriodDatasets(prevKey, prev) } : {}),
    },
    { catalog, ...(level ? { rankLevel: level } : {}) },
  );
  if (reportCache.size >= MAX_CACHED) reportCache.delete(reportCache.keys().next().value as string);
  reportCache.set(cacheKey, { report, catalog });
  return { report, etag };
}

/**
 * The revision rules of every write (PUT and a portal fetch): once a month has a revision, a new one
 * needs If-Match with its ETag (428 without, 409 when stale); the first one takes none (or "*").
 */
export function checkWritePrecondition(head: Head | null, ifMatch: string | undefined, period: string): void {
  if (head) {
    if (!ifMatch) throw new ApiError("PRECONDITION_REQUIRED", `Kỳ ${period} đã có bản số ${head.revision}: gửi kèm If-Match: ${head.etag} để tạo bản mới.`, [], { ETag: head.etag });
    // If-Match compares strongly: a weak tag (W/"…") never matches.
    if (ifMatch.trim() !== head.etag) throw new ApiError("CONFLICT", `Bản số ${head.revision} (${head.etag}) đã thay bản anh/chị đang sửa; tải lại rồi gửi lại.`, [], { ETag: head.etag });
  } else if (ifMatch && ifMatch.trim() !== "*") {
    throw new ApiError("CONFLICT", `Kỳ ${period} chưa có dữ liệu, nên If-Match ${ifMatch.trim()} không khớp bản nào; bỏ If-Match để tạo bản đầu tiên.`);
  }
}

/** A write that lost the race to another revision: 409 with the ETag that won; other errors unchanged. */
export async function lostRace(db: D1Database, province: string, period: string, err: unknown): Promise<unknown> {
  if (!(err instanceof RevisionConflict)) return err;
  const current = await readHead(db, province, period);
  return new ApiError("CONFLICT", undefined, [], current ? { ETag: current.etag } : {});
}

/** 304 when the client already has this version. */
function notModified(c: Context<AppEnv>, etag: string): Response | null {
  const inm = c.req.header("if-none-match");
  if (inm && inm.split(",").map((t) => unquote(t)).includes(etag)) {
    c.header("ETag", etag);
    return c.body(null, 304);
  }
  return null;
}

/** Column titles for CSV: the header cells above each column, top to bottom, joined. */
function columnTitles(table: AppendixTable): string[] {
  const grid = headerGrid(table);
  return table.columns.map((_, col) => {
    const parts: string[] = [];
    for (const h of table.header) if (h.col <= col && col < h.col + h.colSpan && h.text && !parts.includes(h.text)) parts.push(h.text);
    return parts.join(" / ") || grid[0]?.[col] || "";
  });
}

export const periods = new Hono<AppEnv>()
  .put("/", async (c) => {
    const { province, period } = path(c);
    const key = await requireScope(c, province, "write");
    const body = await jsonBody(c, PutPeriodSchema);
    await catalogFor(c.env.DB, province);
    const head = await readHead(c.env.DB, province, period);
    checkWritePrecondition(head, c.req.header("if-match"), period);
    try {
      const written = await writeRevision(c.env.DB, {
        province,
        period,
        expectedRevision: head?.revision ?? null,
        body,
        createdBy: key?.label ?? "?",
        now: new Date().toISOString(),
      });
      c.header("ETag", written.etag);
      c.header("Location", `/v1/provinces/${province}/periods/${period}?revision=${written.revision}`);
      return c.json({ province, period, ...written }, head ? 200 : 201);
    } catch (err) {
      throw await lostRace(c.env.DB, province, period, err);
    }
  })
  .get("/", async (c) => {
    const { province, period } = path(c);
    await requireScope(c, province, "read");
    const { revision } = query(c, z.object({ revision: z.coerce.number().int().min(1).optional() }));
    const stored = await readPeriod(c.env.DB, province, period, revision);
    if (!stored) throw new ApiError("NOT_FOUND", revision ? `Không có bản số ${revision} của kỳ ${period}.` : `Chưa có số liệu ${province} kỳ ${period}.`);
    c.header("ETag", stored.etag);
    const { datasets, ...info } = stored;
    return c.json({ province, period, ...info, datasets });
  })
  .get("/revisions", async (c) => {
    const { province, period } = path(c);
    await requireScope(c, province, "read");
    const revisions = await listRevisions(c.env.DB, province, period);
    if (!revisions.length) throw new ApiError("NOT_FOUND", `Chưa có số liệu ${province} kỳ ${period}.`);
    return c.json({ province, period, revisions });
  })
  .get("/report", async (c) => {
    const { province, period } = path(c);
    await requireScope(c, province, "read");
    const { report, etag } = await reportFor(c, province, period);
    const cached = notModified(c, etag);
    if (cached) return cached;
    c.header("ETag", etag);
    return c.json(report);
  })
  .get("/rankings", async (c) => {
    const { province, period } = path(c);
    await requireScope(c, province, "read");
    const q = query(c, z.object({ level: LevelSchema.optional(), format: FormatSchema }));
    const built = await reportFor(c, province, period, q.level);
    const { report } = built;
    const etag = `${built.etag.slice(0, -1)}+${q.format}"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    if (q.format === "json") {
      c.header("ETag", etag);
      return c.json({ province, period, level: report.ranking.level, entries: report.ranking.entries });
    }
    const rows = [
      ["Hạng", "Mã đơn vị", "Tên đơn vị", "Số điểm", "Điểm kỳ trước", "Tăng/giảm", "So với kỳ trước"],
      ...report.ranking.entries.map((e) => [e.rank, e.unitId, e.name, e.total, e.previousTotal, e.delta, e.deltaText]),
    ];
    return csvResponse(toCsv(rows), `xep-hang-${province}-${period}.csv`, { ETag: etag });
  })
  .get("/appendices/:n", async (c) => {
    const { province, period } = path(c);
    await requireScope(c, province, "read");
    const { n } = params(c, z.object({ n: z.enum(["1", "2", "3", "4"]), province: z.string(), period: z.string() }));
    const { format } = query(c, z.object({ format: FormatSchema }));
    const built = await reportFor(c, province, period);
    const { report } = built;
    const etag = `${built.etag.slice(0, -1)}+${format}"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    const table = report.appendices.find((a) => a.id === `PL${n}`);
    if (!table) throw new ApiError("NOT_FOUND", `Không có Phụ lục ${n}.`);
    if (format === "json") {
      c.header("ETag", etag);
      return c.json(table);
    }
    const rows = [columnTitles(table), ...table.rows.map((r) => r.cells.map((cell) => (typeof cell.value === "number" ? cell.value : cell.text)))];
    return csvResponse(toCsv(rows), `phu-luc-${n}-${province}-${period}.csv`, { ETag: etag });
  });
