/**
 * Client of the portal's national summary (`service-results`, portal-api-details.md §4.3): one request
 * under the same politeness as the criterion client (politeCall: a time-out per try, bounded retries
 * with backoff on 5xx only — a failed connection or time-out ends it at once, the portal is down —, a
 * full stop on 403/429, all within a round's deadline). The answer is kept raw with
 * its request whatever happens; it is usable only when it passed the shape check of
 * shared/portal/national-2026.ts (34 provinces, six known group keys, numbers).
 */
import { NATIONAL_PROVINCES, type NationalSummary, type Period, readNationalSummary } from "../../shared";
import { PORTAL_BASE, politeCall, type PortalClientOptions, type PortalRequest } from "./client";

export const NATIONAL_CRITERION = "service-results";

export interface NationalFetch {
  readonly request: PortalRequest<typeof NATIONAL_CRITERION>;
  /** The answer as received: parsed JSON, or the text of a body that was not JSON; absent when none arrived. */
  readonly raw: unknown;
  readonly attempts: number;
  /** The summary, when the answer arrived and passed the shape check. */
  readonly summary: NationalSummary | null;
  /** Why it cannot be used (Vietnamese), null when it can. */
  readonly error: string | null;
  readonly status: number | null;
  /** 403 or 429: the portal asked us to stop. */
  readonly stoppedBy: 403 | 429 | null;
}

/** The request body for a period: the provinces (ADMINISTRATIVE_UNIT) by month, quarter or year. */
export function nationalRequestBody(period: Period): Record<string, unknown> {
  const time = period.kind === "month" ? { timeType: "month", year: period.year, month: period.month } : period.kind === "quarter" ? { timeType: "quarter", year: period.year, quarter: period.quarter } : { timeType: "year", year: period.year };
  return { ...time, departmentType: "ADMINISTRATIVE_UNIT" };
}

export async function fetchNational(period: Period, options: PortalClientOptions = {}): Promise<NationalFetch> {
  const base = (options.baseUrl ?? PORTAL_BASE).replace(/\/$/, "");
  const request: PortalRequest<typeof NATIONAL_CRITERION> = { criterion: NATIONAL_CRITERION, url: `${base}/${NATIONAL_CRITERION}`, body: nationalRequestBody(period) };
  const call = await politeCall(request.url, { headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(request.body) }, options, true);
  const raw = call.answer ?? call.text;
  if (call.failure || call.answer === undefined) {
    return { request, raw, attempts: call.attempts, summary: null, error: call.failure?.error ?? "Cổng không trả lời.", status: call.failure?.status ?? null, stoppedBy: call.stop };
  }
  const read = readNationalSummary(call.answer, NATIONAL_PROVINCES);
  if (read.problems.length || !read.value) {
    return { request, raw, attempts: call.attempts, summary: null, error: `Bảng tổng hợp toàn quốc không đúng cấu trúc đã biết: ${read.problems.join("; ")}.`, status: 200, stoppedBy: null };
  }
  return { request, raw, attempts: call.attempts, summary: read.value, error: null, status: 200, stoppedBy: null };
}
