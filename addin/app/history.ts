/**
 * The province's history in the add-in (no DOM, no Office.js): the Worker's GET …/history?include=units
 * as the draft's trend sentence input (`BuildOptions.history`: the stored totals before the report's
 * period) and as the sheet "Diễn biến" (shared/compare/trends.ts → shared/layout/trend-sheet.ts), its
 * last period being the report just built (Phụ lục 2's totals and ranks); and why there is none
 * (offline, no Worker set, nothing stored before the period), in words for the status line.
 */
import { parsePeriod, periodKey, periodStart, previousPeriod, TREND_WINDOW, type Period, type ProvinceTotalPoint } from "../../shared";
import type { ProvinceHistory } from "../../shared/api-responses";
import { ApiClientError, UnreachableError } from "../api/client";

/** Periods asked before the report's: the sheet's window, and as many again so that a long streak is told whole. */
export const HISTORY_SPAN = 2 * TREND_WINDOW;

export type HistoryFetch = { readonly body: ProvinceHistory; readonly why?: undefined } | { readonly body: null; readonly why: string };

/** The first period asked: HISTORY_SPAN − 1 periods before the report's. */
export function historyFrom(period: Period): string {
  let p = period;
  for (let i = 1; i < HISTORY_SPAN; i++) p = previousPeriod(p);
  return periodKey(p);
}

const before = (period: Period) => (key: string) => {
  const p = parsePeriod(key);
  return p !== null && p.kind === period.kind && periodStart(p) < periodStart(period);
};

/** Ask the Worker for the province's history up to the report's period; never throws (the report is built all the same). */
export async function fetchHistory(get: ((from: string, to: string) => Promise<ProvinceHistory>) | undefined, workerUrl: string, period: Period): Promise<HistoryFetch> {
  const key = periodKey(period);
  if (!get || !workerUrl.trim()) return { body: null, why: "chưa đặt địa chỉ máy chủ, nên chưa có số liệu các kỳ trước" };
  let body: ProvinceHistory;
  try {
    body = await get(historyFrom(period), key);
  } catch (err) {
    if (err instanceof UnreachableError) return { body: null, why: "không kết nối được máy chủ để lấy số liệu các kỳ trước" };
    if (err instanceof ApiClientError && err.status === 404) return { body: null, why: `máy chủ chưa lưu kỳ nào của tỉnh, thành phố này trước kỳ ${key}` };
    return { body: null, why: `không lấy được số liệu các kỳ trước (${err instanceof Error ? err.message.replace(/\.$/, "") : String(err)})` };
  }
  const earlier = before(period);
  const stored = body.periods.some((p) => earlier(p.period)) || (body.units ?? []).some((l) => l.points.some((p) => earlier(p.period)));
  return stored ? { body } : { body: null, why: `máy chủ chưa lưu kỳ nào trước kỳ ${key}` };
}

/** The stored totals before the report's period: BuildOptions.history, for the draft's trend sentence. */
export function historyTotals(body: ProvinceHistory, period: Period): ProvinceTotalPoint[] {
  const earlier = before(period);
  return body.periods.filter((p) => earlier(p.period)).map((p) => ({ period: p.period, total: p.total }));
}
