/**
 * What to fix, for a stored month (issue 13):
 * - GET …/periods/{period}/plan — the improvement plan (shared/plan/plan.ts) built with the stored
 *   report (storedReport with the plan, against the previous stored month) and the province's targets
 *   (GET …/targets): per unit the reach of every indicator, the three cheapest gains, the points within
 *   reach and the compliance with the targets in force. JSON, or the "Kế hoạch cải thiện" table as CSV
 *   (`&locale=vi`) or `.xlsx`; `?revision=n`, `?unit=` (one unit: id or name); ETag (the targets'
 *   version included) and 304. Read scope.
 * - POST …/periods/{period}/what-if — stateless (nothing stored; read scope, checked before the body):
 *   changes (unit, indicator, new numerator or rate) → the changed units' points, totals and ranks, the
 *   units they pass, the province's total and national rank (shared/plan/what-if.ts), computed on the
 *   stored month (`?revision=n`) with its previous month and the stored national summaries. A change
 *   naming no unit or indicator of the month, or figures it cannot take, is a 400 naming
 *   `body.changes.{i}.{field}`; nothing is computed then.
 */
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { text, WhatIfRequestSchema } from "../../shared/api-schema";
import type { DeepReadonly, PlanBody, WhatIfBody } from "../../shared/api-responses";
import { fold, ISSUE_CODES, type Issue, type PlanDatasets, planTable, type UnitPlan, whatIf } from "../../shared";
import { requireScope } from "../auth";
import { answerTable } from "../csv";
import type { AppEnv } from "../env";
import { ApiError, type ApiIssue } from "../errors";
import { storedMonth, storedReport } from "../revisions";
import { appendixTable } from "../tables";
import { markOrigin } from "../targets";
import { jsonBody, periodPath, query } from "../validate";
import { FormatSchema, formatTag, LocaleSchema, notModified, RevisionSchema } from "./periods";

/** A what-if body: 200 changes of a unit name (≤ 200 characters) each fit well within this. */
const WHAT_IF_BODY = { maxBodyBytes: 256 * 1024, hint: "Gửi tối đa 200 thay đổi mỗi lần." } as const;

/** The report's issues that the plan stage raised: targets naming no indicator of the month, no per-indicator figures. */
function planIssues(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => (i.location.dataset === "input" && i.location.column?.startsWith("targets.")) || (i.code === ISSUE_CODES.NO_DATA && i.location.dataset === "unitScores" && i.location.column === "indicators"));
}

/** The units `unit` names (id, key, or the name as printed, any case or diacritics); 404 when none. */
function unitsNamed(plan: PlanDatasets, unit: string | undefined): readonly UnitPlan[] {
  if (unit === undefined) return plan.units;
  const folded = fold(unit);
  const hit = plan.units.filter((u) => u.unitId === unit || u.key === unit || fold(u.name) === folded);
  if (!hit.length) throw new ApiError("NOT_FOUND", `Kế hoạch kỳ ${plan.period} không có đơn vị "${unit}" (đơn vị phải có số liệu từng chỉ số; gọi bằng mã đơn vị hoặc tên như Phụ lục 2).`);
  return hit;
}

/** "changes[3].unit" (the engine's location) → "body.changes.3.unit" (the API's JSON paths). */
const changePath = (column: string | undefined) => `body.${(column ?? "changes").replace(/\[(\d+)\]/g, ".$1")}`;

export const planRoutes = new Hono<AppEnv>()
  .get("/plan", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const q = query(c, z.object({ revision: RevisionSchema, unit: z.optional(text), format: FormatSchema, locale: LocaleSchema }));
    const built = await storedReport(c.env.DB, province, period, { plan: true, ...(q.revision !== undefined ? { revision: q.revision } : {}) });
    const etag = `${built.etag.slice(0, -1)}+plan+${formatTag(q.format, q.locale)}"`;
    const cached = notModified(c, etag);
    if (cached) return cached;
    const { report } = built;
    const plan = report.plan;
    if (!plan) throw new ApiError("INTERNAL", "Không lập được kế hoạch cải thiện của kỳ này.");
    const units = unitsNamed(plan, q.unit);
    if (q.format !== "json") {
      const name = `ke-hoach-${province}-${period}${q.revision ? `-r${q.revision}` : ""}`;
      return answerTable(q.format, q.locale, appendixTable(planTable({ ...plan, units }, { provinceName: report.province.name })), name, { ETag: etag });
    }
    c.header("ETag", etag);
    return c.json({
      province,
      period,
      revision: built.revision,
      methodologyId: plan.methodologyId,
      targetsVersion: built.targets?.version ?? 0,
      targets: markOrigin(plan.targets, built.targets?.targets ?? []),
      units,
      summary: plan.province,
      issues: planIssues(report.issues),
    } satisfies DeepReadonly<PlanBody>);
  })
  .post("/what-if", async (c) => {
    const { province, period } = periodPath(c);
    await requireScope(c, province, "read");
    const { revision } = query(c, z.object({ revision: RevisionSchema }));
    const { changes } = await jsonBody(c, WhatIfRequestSchema, WHAT_IF_BODY);
    const stored = await storedMonth(c.env.DB, province, period, revision);
    const result = whatIf(stored.input, changes, stored.options);
    const refused: ApiIssue[] = result.issues.filter((i) => i.severity === "error").map((i) => ({ path: changePath(i.location.column), code: i.code, message: i.message }));
    if (refused.length) throw new ApiError("VALIDATION_FAILED", `${refused.length} thay đổi không áp dụng được vào số liệu kỳ ${period}; không tính gì. Sửa các thay đổi được nêu rồi gửi lại.`, refused);
    const { period: computed, units, displaced, province: outcome } = result.value;
    return c.json({ period: computed, revision: stored.revision, units, displaced, province: outcome } satisfies DeepReadonly<WhatIfBody>);
  });
