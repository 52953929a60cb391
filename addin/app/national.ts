/**
 * The national ranking in the add-in (no DOM, no Office.js): the Worker's GET /v1/national/periods/
 * {period} body as the engine's `BuildOptions.national` (so a report built in the add-in has its
 * headline's "xếp hạng N/34" too) and as the source of the sheet "Toàn quốc"; and why there is none
 * (offline, no Worker set, not stored yet), in words for the status line.
 */
import type { NationalBuildInput, NationalSheetSource, NationalSummaryInput } from "../../shared";
import type { NationalBody } from "../../shared/api-responses";
import { ApiClientError, UnreachableError } from "../api/client";

/** The period's ranking from the Worker, or why there is none. */
export type NationalFetch = { readonly body: NationalBody; readonly why?: undefined } | { readonly body: null; readonly why: string };

/** The sheet's source: the body's entries, the previous period it was compared with. */
export function nationalSource(body: NationalBody): NationalSheetSource {
  return { period: body.period, previousPeriod: body.previous?.period ?? null, denominator: body.denominator, entries: body.entries };
}

/**
 * The engine's national input, rebuilt from the ranked body: this period's totals and groups, and the
 * previous period's totals of the provinces compared with it (their ranks come out as the Worker's).
 */
export function nationalBuildInput(body: NationalBody, province: string): NationalBuildInput {
  const current: NationalSummaryInput = {
    period: body.period,
    provinces: body.entries.map((e) => ({ code: e.code, name: e.name, total: e.total, groups: Object.fromEntries(Object.entries(e.groups).map(([g, v]) => [g, v?.score ?? null])) })),
  };
  const compared = body.entries.filter((e) => e.change.status === "same");
  const previous: NationalSummaryInput | null = body.previous && compared.length ? { period: body.previous.period, provinces: compared.map((e) => ({ code: e.code, name: e.name, total: e.change.previousTotal })) } : null;
  return { current, previous, province };
}

/** Ask the Worker for the period's national ranking; never throws (the report is built all the same). */
export async function fetchNational(get: ((period: string) => Promise<NationalBody>) | undefined, workerUrl: string, period: string): Promise<NationalFetch> {
  if (!get || !workerUrl.trim()) return { body: null, why: "chưa đặt địa chỉ máy chủ, nên chưa có bảng toàn quốc" };
  try {
    return { body: await get(period) };
  } catch (err) {
    if (err instanceof UnreachableError) return { body: null, why: "không kết nối được máy chủ để lấy bảng toàn quốc" };
    if (err instanceof ApiClientError && err.status === 404) return { body: null, why: `máy chủ chưa có bảng tổng hợp toàn quốc kỳ ${period}` };
    return { body: null, why: `không lấy được bảng toàn quốc (${err instanceof Error ? err.message.replace(/\.$/, "") : String(err)})` };
  }
}
