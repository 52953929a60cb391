/**
 * A province's targets as the API answers them, and the rule every write of them follows:
 * - in force at a date: the built-in targets (shared/plan/targets.ts) with the province's overrides
 *   applied by id (targetsFor), each marked built-in or the province's;
 * - once the province has stored a list, a new one needs If-Match with its ETag (428 without, 409 when
 *   stale). The ETag of any GET …/targets answer (JSON, CSV, .xlsx, any date) names the list it was read
 *   from, so it is accepted too: what counts is the list's part, before the first "+".
 */
import type { TargetInForce, TargetJson } from "../shared/api-responses";
import { type Target, targetsFor } from "../shared";
import type { StoredTargets } from "./db/targets";
import { ApiError } from "./errors";

/** A target as JSON: absent fields as null, kind "plan" by default. */
export function targetJson(t: Target): TargetJson {
  return { id: t.id, indicator: t.indicator ?? null, nameVi: t.nameVi, minRatePercent: t.minRatePercent, effectiveFrom: t.effectiveFrom, effectiveTo: t.effectiveTo ?? null, source: t.source, kind: t.kind ?? "plan" };
}

/** The targets in force on `date` (ISO), the province's overrides applied, each with where it comes from. */
export function targetsInForce(date: string, overrides: readonly Target[]): TargetInForce[] {
  return markOrigin(targetsFor(date, overrides), overrides);
}

/** Targets (those a plan was built with) as JSON, each marked built-in or the province's. */
export function markOrigin(targets: readonly Target[], overrides: readonly Target[]): TargetInForce[] {
  const own = new Set(overrides.map((t) => t.id));
  return targets.map((t) => ({ ...targetJson(t), origin: own.has(t.id) ? "province" : "built-in" }));
}

/** The list part of an ETag: `"t2-ab…+2026-08-01+csv"` → `"t2-ab…"`. */
export function listEtag(etag: string): string {
  const t = etag.trim();
  const plus = t.indexOf("+");
  return plus < 0 ? t : `${t.slice(0, plus)}"`;
}

/** The precondition of PUT …/targets on the list as it is now (compared strongly: a weak tag never matches). */
export function checkTargetsPrecondition(current: StoredTargets, ifMatch: string | undefined, province: string): void {
  if (current.version > 0) {
    if (!ifMatch) throw new ApiError("PRECONDITION_REQUIRED", `Chỉ tiêu của ${province} đã có phiên bản ${current.version}: gửi kèm If-Match: ${current.etag} để thay.`, [], { ETag: current.etag });
    if (listEtag(ifMatch) !== current.etag) throw new ApiError("CONFLICT", `Phiên bản ${current.version} (${current.etag}) đã thay danh sách chỉ tiêu anh/chị đang sửa; tải lại (GET …/targets) rồi gửi lại.`, [], { ETag: current.etag });
  } else if (ifMatch && ifMatch.trim() !== "*" && listEtag(ifMatch) !== current.etag) {
    throw new ApiError("CONFLICT", `${province} chưa lưu chỉ tiêu nào, nên If-Match ${ifMatch.trim()} không khớp; bỏ If-Match để lưu phiên bản đầu tiên.`, [], { ETag: current.etag });
  }
}
