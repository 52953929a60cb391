/**
 * GET / PUT /v1/provinces/{province}/targets: the targets in force for a province (the built-in ones —
 * the seeds' plan targets and the methodology's thresholds, shared/plan/targets.ts — with the province's
 * overrides and additions applied by id) and the province's own list. GET takes read scope (or a public
 * province) and answers JSON, CSV (`&locale=vi`) or `.xlsx`, each with an ETag naming the list, the
 * date and the format (304 when unchanged). PUT takes write scope, checked before the body; it stores
 * the whole list as a new version, with If-Match once one exists (worker/targets.ts): nothing changes on
 * a failed request. Stored months' plans (…/plan, workbook.xlsx) are built with the latest list.
 */
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { PeriodKeySchema, ProvinceIdSchema, PutTargetsSchema } from "../../shared/api-schema";
import type { TargetsBody } from "../../shared/api-responses";
import { CATALOGS, parsePeriod, PROVINCE_NAMING_HINT, periodStart, provinceByCode, VIETNAM_OFFSET_MS } from "../../shared";
import { requireScope } from "../auth";
import { answerTable } from "../csv";
import { readPortalCatalog } from "../db/catalogs";
import { readTargets, type StoredTargets, TargetsConflict, writeTargets } from "../db/targets";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { targetsTable } from "../tables";
import { checkTargetsPrecondition, targetJson, targetsInForce } from "../targets";
import { jsonBody, params, query } from "../validate";
import { FormatSchema, formatTag, LocaleSchema, notModified } from "./periods";

const PathSchema = z.object({ province: ProvinceIdSchema });
const DateSchema = z.iso.date({ error: "Ngày dạng YYYY-MM-DD có thật (2026-08-01)" });

/** Today in Việt Nam (UTC+7), ISO. */
export const vietnamToday = (now = Date.now()): string => new Date(now + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** 404 for a province no catalog, directory entry or portal fetch knows (a typo would store targets no one uses). */
async function knownProvince(c: Context<AppEnv>, province: string): Promise<void> {
  if (CATALOGS[province] || provinceByCode(province) || (await readPortalCatalog(c.env.DB, province))) return;
  throw new ApiError("NOT_FOUND", `Không có tỉnh, thành phố "${province}". Gọi tên tỉnh bằng ${PROVINCE_NAMING_HINT}.`);
}

/** The date targets are in force on: ?date=, else the first day of ?period=, else today (Việt Nam). */
function dateOf(q: { date?: string | undefined; period?: string | undefined }): string {
  if (q.date !== undefined && q.period !== undefined) {
    throw new ApiError("VALIDATION_FAILED", "Chỉ dùng một trong hai: date hoặc period.", [{ path: "query.period", code: "custom", message: "Đã có date: bỏ period" }]);
  }
  if (q.date !== undefined) return q.date;
  const p = q.period === undefined ? null : parsePeriod(q.period);
  return p ? periodStart(p) : vietnamToday();
}

function targetsBody(province: string, date: string, stored: StoredTargets): TargetsBody {
  return {
    province,
    date,
    version: stored.version,
    etag: stored.etag,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
    targets: targetsInForce(date, stored.targets),
    overrides: stored.targets.map(targetJson),
  };
}

export const targets = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { province } = params(c, PathSchema);
    await requireScope(c, province, "read");
    const q = query(c, z.object({ date: z.optional(DateSchema), period: z.optional(PeriodKeySchema), format: FormatSchema, locale: LocaleSchema }));
    const date = dateOf(q);
    await knownProvince(c, province);
    const stored = await readTargets(c.env.DB, province);
    const etag = `${stored.etag.slice(0, -1)}+${date}+${formatTag(q.format, q.locale)}"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    const body = targetsBody(province, date, stored);
    if (q.format === "json") {
      c.header("ETag", etag);
      return c.json(body);
    }
    return answerTable(q.format, q.locale, targetsTable(body.targets), `chi-tieu-${province}-${date}`, { ETag: etag });
  })
  .put("/", async (c) => {
    const { province } = params(c, PathSchema);
    const key = await requireScope(c, province, "write");
    const body = await jsonBody(c, PutTargetsSchema);
    await knownProvince(c, province);
    const current = await readTargets(c.env.DB, province);
    checkTargetsPrecondition(current, c.req.header("if-match"), province);
    let written: StoredTargets;
    try {
      written = await writeTargets(c.env.DB, { province, expectedVersion: current.version, targets: body.targets.map(({ indicator, effectiveTo, ...t }) => ({ ...t, ...(indicator != null ? { indicator } : {}), ...(effectiveTo != null ? { effectiveTo } : {}) })), createdBy: key?.label ?? "?", now: new Date().toISOString() });
    } catch (err) {
      if (!(err instanceof TargetsConflict)) throw err;
      const now = await readTargets(c.env.DB, province);
      throw new ApiError("CONFLICT", `Phiên bản ${now.version} (${now.etag}) vừa được lưu trước; tải lại (GET …/targets) rồi gửi lại.`, [], { ETag: now.etag });
    }
    c.header("ETag", written.etag);
    return c.json(targetsBody(province, vietnamToday(), written), current.version > 0 ? 200 : 201);
  });
