/**
 * History of a province's stored months (head revisions), JSON or CSV:
 * - GET /v1/provinces/{p}/history?from=YYYY-MM&to=YYYY-MM[&include=units]: the province's total, six
 *   groups and national rank per month; with include=units every unit's line (total, groups, rank,
 *   delta within the line) — the add-in's "Diễn biến" sheet in one call;
 * - GET /v1/provinces/{p}/units/{unit}/history: one unit's line, and across the 1/7/2025 reform the
 *   lines of the units it came from (or became), never joined by a delta.
 * Without from/to: the last 12 stored months (up to `to` when only it is given). Read scope (a
 * public-read province needs no key). ETag names every revision used; 304 on If-None-Match.
 */
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import type { ProvinceHistory, UnitHistory, UnitLine } from "../../shared/api-responses";
import { ProvinceIdSchema } from "../../shared/api-schema";
import { GROUP_CODES, monthIndex, monthKey, provinceSeries, unitHistoryLines, unitLines } from "../../shared";
import { requireScope } from "../auth";
import { catalogFor } from "../catalogs";
import { type PlainTable } from "../../shared";
import { tableBody, tableResponse } from "../csv";
import type { HeadRange } from "../db/history";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { historyFor } from "../history";
import { params, query } from "../validate";
import { FormatSchema, formatTag, LocaleSchema, notModified } from "./periods";

const MonthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Tháng dạng 2025-06"));
/** The longest range one request may ask for, in months. */
export const MAX_HISTORY_MONTHS = 60;
export const DEFAULT_HISTORY_MONTHS = 12;

const RangeQuery = z.object({ from: z.optional(MonthSchema), to: z.optional(MonthSchema), format: FormatSchema, locale: LocaleSchema });


/** The range a query asks for (400 when backwards or longer than MAX_HISTORY_MONTHS). */
function rangeOf(q: { from?: string | undefined; to?: string | undefined }): HeadRange {
  if (q.from) {
    const to = q.to ?? monthKey(monthIndex(q.from) + MAX_HISTORY_MONTHS - 1);
    if (to < q.from) throw new ApiError("VALIDATION_FAILED", `Khoảng thời gian ngược: from=${q.from} sau to=${to}.`, [{ path: "query.to", code: "too_small", message: "to phải từ from trở đi" }]);
    if (monthIndex(to) - monthIndex(q.from) + 1 > MAX_HISTORY_MONTHS) {
      throw new ApiError("VALIDATION_FAILED", `Khoảng thời gian tối đa ${MAX_HISTORY_MONTHS} tháng (${q.from} – ${to} là ${monthIndex(to) - monthIndex(q.from) + 1} tháng).`, [{ path: "query.from", code: "too_big", message: `Tối đa ${MAX_HISTORY_MONTHS} tháng` }]);
    }
    return { from: q.from, to };
  }
  return q.to ? { last: DEFAULT_HISTORY_MONTHS, before: monthKey(monthIndex(q.to) + 1) } : { last: DEFAULT_HISTORY_MONTHS };
}

/** The answer's from/to: as asked, else the first and last month found. */
function bounds(range: HeadRange, periods: readonly { period: string }[], asked: { to?: string | undefined }): { from: string; to: string } {
  if ("from" in range) return { from: range.from, to: range.to };
  return { from: periods[0]?.period ?? asked.to ?? "", to: asked.to ?? periods.at(-1)?.period ?? "" };
}

const ROLE_TEXT: Record<UnitLine["role"], string> = { self: "Đơn vị", predecessor: "Trước sắp xếp 1/7/2025", successor: "Sau sắp xếp 1/7/2025" };
const UNIT_COLUMNS = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Đường", "Kỳ", "Tổng điểm", ...GROUP_CODES, "Hạng", "Trên số đơn vị", "Tăng/giảm"];

function unitTable(lines: readonly UnitLine[]): PlainTable {
  return { name: "Diễn biến đơn vị", header: UNIT_COLUMNS, rows: unitRows(lines) };
}

function unitRows(lines: readonly UnitLine[]): (string | number | null)[][] {
  return lines.flatMap((l) => l.points.map((p) => [l.unitId, l.name, l.level ?? "", ROLE_TEXT[l.role], p.period, p.total, ...GROUP_CODES.map((g) => p.groups[g]), p.rank, p.rankOf, p.delta]));
}

/**
 * Answers already written in this isolate, by ETag (which names every revision, the catalog's aliases,
 * the unit, include and format): a repeated request skips building the lines and serialising them
 * (≈ 6 ms and 325 kB for Hà Nội's 24 months with include=units). Small: a few answers are asked often.
 */
const answers = new Map<string, string | Uint8Array>();
const MAX_ANSWERS = 16;

function answer(etag: string, make: () => string | Uint8Array): string | Uint8Array {
  let body = answers.get(etag);
  if (body === undefined) {
    body = make();
    if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
    answers.set(etag, body);
  }
  return body;
}

const JSON_TYPE = { "content-type": "application/json; charset=UTF-8" };

export const history = new Hono<AppEnv>()
  .get("/history", async (c) => {
    const { province } = params(c, z.object({ province: ProvinceIdSchema }));
    await requireScope(c, province, "read");
    const q = query(c, z.extend(RangeQuery, { include: z.optional(z.enum(["units"])) }));
    const range = rangeOf(q);
    const catalog = await catalogFor(c.env.DB, province);
    const read = await historyFor(c.env.DB, province, catalog, range);
    if (!read.periods.length && !("from" in range) && !q.to) throw new ApiError("NOT_FOUND", `Chưa có tháng nào của ${province} được lưu.`);
    const { from, to } = bounds(range, read.periods, q);
    const etag = `${read.etag.slice(0, -1)}+${from}..${to}+${q.include ?? "province"}+${formatTag(q.format, q.locale)}"`;
    c.header("X-D1-Rows-Read", String(read.rowsRead));
    const cached = notModified(c, etag);
    if (cached) return cached;
    const body = answer(etag, () => {
      const periods = provinceSeries(read.periods);
      const units = q.include === "units" ? unitLines(read.periods, catalog) : undefined;
      if (q.format === "json") return JSON.stringify({ province, from, to, periods, ...(units ? { units } : {}) } satisfies ProvinceHistory);
      const table: PlainTable = units
        ? unitTable(units)
        : {
            name: "Diễn biến",
            header: ["Kỳ", "Bản", "Thời điểm số liệu", "Tổng điểm", ...GROUP_CODES, "Xếp hạng toàn quốc", "Số đơn vị xếp hạng"],
            rows: periods.map((p) => [p.period, p.revision, p.capturedAt, p.total, ...GROUP_CODES.map((g) => p.groups[g]), p.nationalRank, p.units]),
          };
      return tableBody(q.format, table, q.locale);
    });
    if (q.format === "json") return c.body(body as string, 200, { ...JSON_TYPE, ETag: etag });
    return tableResponse(q.format, body, `dien-bien-${q.include === "units" ? "don-vi-" : ""}${province}-${from}-${to}`, { ETag: etag, "X-D1-Rows-Read": String(read.rowsRead) });
  })
  .get("/units/:unit/history", async (c) => {
    const p = params(c, z.object({ province: ProvinceIdSchema, unit: z.string().check(z.minLength(1), z.maxLength(64)) }));
    const { province } = p;
    await requireScope(c, province, "read");
    const q = query(c, RangeQuery);
    const range = rangeOf(q);
    const catalog = await catalogFor(c.env.DB, province);
    const wanted = p.unit.trim();
    const unit = catalog.units.find((u) => u.id === wanted) ?? catalog.units.find((u) => u.code === wanted);
    if (!unit) throw new ApiError("NOT_FOUND", `Không có đơn vị "${wanted}" trong danh mục ${province} (dùng mã đơn vị như ${catalog.units.find((u) => u.level !== "province")?.id ?? "HN.C.10105001"}; xem GET /v1/catalog/units?province=${province}).`);
    const read = await historyFor(c.env.DB, province, catalog, range);
    const { from, to } = bounds(range, read.periods, q);
    const etag = `${read.etag.slice(0, -1)}+${from}..${to}+${unit.id}+${formatTag(q.format, q.locale)}"`;
    c.header("X-D1-Rows-Read", String(read.rowsRead));
    const cached = notModified(c, etag);
    if (cached) return cached;
    const body = answer(etag, () => {
      const lines = unitHistoryLines(read.periods, catalog, unit.id)?.lines ?? [];
      if (q.format === "json") return JSON.stringify({ province, unit: { id: unit.id, name: unit.name, level: unit.level }, from, to, lines } satisfies UnitHistory);
      return tableBody(q.format, unitTable(lines), q.locale);
    });
    if (q.format === "json") return c.body(body as string, 200, { ...JSON_TYPE, ETag: etag });
    return tableResponse(q.format, body, `dien-bien-${unit.id}-${from}-${to}`, { ETag: etag, "X-D1-Rows-Read": String(read.rowsRead) });
  });
